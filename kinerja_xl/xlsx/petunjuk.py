"""The text of the Petunjuk (instructions) sheet, in Indonesian, one line per row."""

PETUNJUK_LINES: tuple[str, ...] = (
    "PETUNJUK — Workbook Kinerja (Pohon Kinerja, Capaian, Perjanjian Kinerja)",
    "Workbook ini menyimpan Pohon Kinerja / Cascading Kinerja satu perangkat daerah: "
    "Tujuan → Sasaran → Program → Kegiatan → Sub Kegiatan, lengkap dengan indikator, target, "
    "realisasi per triwulan dan anggaran. Dari sini dihitung capaian dan dibuat Perjanjian "
    "Kinerja (PK) setiap pejabat.",
    "",
    "CARA MENGISI",
    "1. Pengaturan: isi Nama Instansi, Pemerintah Daerah, Tahun, Tempat dan Tanggal PK. "
    "Periode dikosongkan = triwulan terakhir yang sudah ada realisasinya.",
    "2. Pejabat: satu baris per pejabat. ID singkat (mis. CAMAT, SEKCAM, KASI-PEM) dipakai di "
    "kolom Penanggung Jawab dan Atasan. Atasan dari luar (mis. Bupati) ditulis sebagai baris "
    "sendiri tanpa NIP.",
    "3. Sheet Tujuan s.d. Sub Kegiatan: satu baris per indikator. Node dengan beberapa "
    "indikator ditulis pada baris berurutan dengan Kode yang sama (Uraian, Sasaran dan "
    "Penanggung Jawab boleh dikosongkan di baris berikutnya).",
    "4. Kode Induk = Kode node di sheet tepat di atasnya (Sasaran → Tujuan, Program → Sasaran, "
    "dst.). Kolom Uraian Induk terisi otomatis sebagai tanda tautannya benar.",
    "5. Angka boleh ditulis 85, 85%, 1.234,5 atau rentang 80-90. Anggaran diisi di Sub "
    "Kegiatan; Program dan Kegiatan menjumlahkannya.",
    "Target dan realisasi juga boleh ditulis seperti di dokumen: 15 Dokumen, 6,5 bulan, "
    "100 persen (angkanya dipakai; satuan yang berbeda dari kolom Satuan diberi peringatan); "
    "≥ 80%, minimal 90, maksimal 5, < 5 (angkanya menjadi target; batas bawah berarti "
    "Positif dan batas atas Negatif bila Polaritas kosong); 80 s.d. 90, 80 sampai 90, "
    "91 % ≤ 100 % (rentang); Rp 1,2 M, 2,5 juta, Rp. 55.463.202.837,- (uang); 3,5 (skala 4) "
    "(catatan dalam kurung diabaikan); NA, N/A, -, tidak ada, belum ada (tidak ada "
    "target/realisasi, bukan kesalahan); nilai huruf AA..D, WTP..TMP, Sangat Baik..Sangat "
    "Kurang (skala di Pengaturan).",
    "Perhatian: 9,154 dibaca sembilan koma seratus lima puluh empat (diberi peringatan); "
    "untuk sembilan ribu tulis 9154 atau 9.154. Bila Satuan berupa uang (Rp), 9,154 dibaca "
    "9.154.",
    "Baris yang hanya dapat dibaca Python (rentang, teks, nilai huruf) menyimpan hasil Hitung; "
    "bila baris itu diubah, Capaian menampilkan 'jalankan Hitung'. Baris berisi angka "
    "dihitung rumus Excel, juga ketika baris disalin atau Pengaturan diubah.",
    "6. Kolom berwarna hijau (Uraian Induk, Realisasi, Capaian (%), Predikat, Serapan "
    "Anggaran (%), Status) diisi otomatis: jangan diketik. Kolom Anda sendiri boleh ditambah "
    "di mana saja dan tidak akan dihapus.",
    "",
    "TOMBOL DI TAB KINERJA",
    "Periksa Tautan — memeriksa Kode Induk, Penanggung Jawab, Atasan, angka dan anggaran; "
    "hasilnya di sheet Laporan Validasi dan kolom Status.",
    "Hitung Capaian — mengisi Realisasi, Capaian (%), Predikat dan Serapan Anggaran dengan "
    "rumus Excel yang tetap hidup ketika realisasi diketik.",
    "Buat PK — membuat sheet PK <ID> untuk setiap pejabat penanggung jawab, siap cetak A4.",
    "Ekspor PDF — menyimpan setiap sheet PK sebagai PDF di folder workbook ini.",
    "Pohon Kinerja — menggambar pohon kinerja di sheet Pohon Kinerja.",
    "Rencana Aksi — rencana dan pemantauan target PK per triwulan untuk setiap pejabat.",
    "LKjIP Bab III — tabel capaian kinerja untuk Bab III LKjIP.",
    "Tahun Baru — menyimpan workbook ini lalu membuat workbook tahun berikutnya di folder yang "
    "sama (Tahun + 1, sel triwulan kosong, realisasi tahun ini ke Realisasi N-1); workbook ini "
    "sendiri tidak diubah.",
    "Impor — memilih teks Cascading e-SAKIP atau tabel (IKU, Renstra, ekspor SIPD; Excel, "
    "CSV, teks) lalu membuat workbook kinerja baru di samping file itu; workbook ini tidak "
    "diubah.",
    "Gabung Unit — memilih workbook semua OPD/kecamatan (tahan Ctrl untuk banyak file) lalu "
    "membuat 'Rekap Gabungan.xlsx' di samping file itu; bila workbook ini workbook kabupaten, "
    "capaian unit juga digabung ke sasaran kabupaten.",
    "Bantuan — membuka sheet Petunjuk ini dan memeriksa PC ini (Python, versi xlwings, izin "
    "UDF, Mark of the Web, OneDrive), sama dengan perintah kinerja-xl pasang.",
    "Sheet tersembunyi Model PK, Model Rekap dan Model Laporan Validasi adalah contoh tata "
    "letak yang disalin tombol-tombol ini agar cepat; biarkan apa adanya (bila terhapus, "
    "tombol tetap bekerja, hanya lebih lambat).",
    "",
    "PEMASANGAN (sekali saja per komputer)",
    "1. Pasang Python 3.11 atau lebih baru dari python.org (Windows: centang 'Add python.exe "
    "to PATH').",
    "2. Buka Command Prompt (Mac: Terminal) lalu ketik: pip install <berkas paket kinerja_xl "
    "dari Bappeda/IT, mis. kinerja_xl-0.1.0-py3-none-any.whl>",
    "3. Lalu ketik: kinerja-xl pasang   — perintah ini mengatur xlwings agar Excel memakai "
    "Python tadi (pengaturan lain tetap, file lama dicadangkan) dan menampilkan daftar "
    "periksa: apa yang sudah OK dan apa yang perlu dilakukan. Tambahkan nama file workbook "
    "(kinerja-xl pasang kinerja.xlsm) untuk memeriksa file itu juga.",
    "Fungsi KINERJA_* (UDF) juga memerlukan add-in xlwings (python -m xlwings addin install) "
    "dan izin 'Trust access to the VBA project object model' (File → Options → Trust Center).",
    "Simpan workbook di folder lokal, bukan di folder OneDrive/SharePoint yang disinkronkan.",
    "Buka workbook ini, klik 'Enable Content' / 'Aktifkan Konten' pada bilah kuning. Bila "
    "Windows memblokir makro dari internet: klik kanan file → Properties → centang Unblock → "
    "OK, atau simpan file di folder Trusted Location (File → Options → Trust Center).",
    "Tanpa Excel (server/Linux): perintah kinerja-xl periksa, hitung, pk dan pohon melakukan "
    "pekerjaan yang sama langsung pada file.",
)
