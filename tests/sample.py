"""A small kecamatan plan that touches every rule of DESIGN §3, and its hand-computed results.

Periode is left blank, so the reporting quarter is TW2 (the last quarter with a realisation).
"""

from __future__ import annotations

import datetime as dt

from kinerja_xl.core.contract import Level, Polarity, Tipe
from kinerja_xl.core.model import Indicator, Node, Official, Plan, Settings
from kinerja_xl.core.numbers import Quantity

K, NK, RR = Tipe.KUMULATIF, Tipe.NON_KUMULATIF, Tipe.RATA_RATA
POS, NEG = Polarity.POSITIF, Polarity.NEGATIF


def q(*values: float | None) -> tuple[Quantity | None, ...]:
    out = tuple(None if v is None else Quantity.point(float(v)) for v in values)
    return out + (None,) * (4 - len(out))


def ind(name: str, tipe: Tipe, pol: Polarity, target: float | str | None,
        tw_targets: tuple = (), reals: tuple = (), satuan: str = "%") -> Indicator:
    if isinstance(target, str):
        t, text = None, target
    else:
        t, text = (None if target is None else Quantity.point(float(target))), ""
    return Indicator(0, name, satuan, pol, tipe, tipe.value, target=t, target_text=text,
                     quarter_targets=q(*tw_targets), realisations=q(*reals))


def sample_plan() -> Plan:
    plan = Plan(Settings(nama_instansi="Kecamatan Contoh",
                         pemerintah_daerah="Pemerintah Kabupaten Contoh", tahun=2025,
                         tempat="Contoh", tanggal_pk=dt.date(2025, 1, 6)))
    for off in (
        Official(0, "BUPATI", "Bupati Contoh", "H. Contoh Bupati, S.H."),
        Official(0, "CAMAT", "Camat Contoh", "Nama Camat", "197001012000031001",
                 "Pembina (IV/a)", "BUPATI"),
        Official(0, "SEKCAM", "Plt. Sekretaris Kecamatan", "Nama Sekcam", "197501012005011002",
                 "Penata Tk. I (III/d)", "CAMAT"),
        Official(0, "KASUBBAG-PK", "Kasubbag Program dan Keuangan", "Nama Kasubbag",
                 "198001012010012003", "Penata (III/c)", "SEKCAM"),
    ):
        plan.officials[off.id] = off
    L = plan.levels
    L[Level.TUJUAN] = [Node(Level.TUJUAN, "T1", 0, "", "Mewujudkan pelayanan kecamatan prima",
                            "Pelayanan prima", "CAMAT",
                            [ind("Indeks Kepuasan Masyarakat", NK, POS, 85, reals=(80, 82),
                                 satuan="indeks")])]
    L[Level.SASARAN] = [Node(Level.SASARAN, "S1", 0, "T1", "Meningkatnya kualitas layanan",
                             "Layanan tepat waktu", "CAMAT", [
                                 ind("Persentase layanan tepat waktu", NK, POS, 90,
                                     reals=(85, 88)),
                                 ind("Persentase keluhan", K, NEG, 10, tw_targets=(2, 3, 2, 3),
                                     reals=(1, 4)),
                             ])]
    L[Level.PROGRAM] = [
        Node(Level.PROGRAM, "P1", 0, "S1", "Program Penunjang Urusan Pemerintahan Daerah",
             "Administrasi tertib", "SEKCAM",
             [ind("Nilai SAKIP", RR, POS, "80-90", reals=(75, 95), satuan="nilai")]),
        Node(Level.PROGRAM, "P2", 0, "S1", "Program Penyelenggaraan Pemerintahan",
             "Gangguan nol", "SEKCAM",
             [ind("Jumlah gangguan trantibum", NK, NEG, 0, reals=(0,), satuan="kejadian")]),
    ]
    L[Level.KEGIATAN] = [
        Node(Level.KEGIATAN, "K1", 0, "P1", "Perencanaan, Penganggaran dan Evaluasi Kinerja",
             "Dokumen tersusun", "KASUBBAG-PK",
             [ind("Jumlah dokumen", K, POS, 12, reals=(3, 3), satuan="dokumen")],
             anggaran=150_000_000),
        Node(Level.KEGIATAN, "K2", 0, "P2", "Koordinasi Ketenteraman",
             "Koordinasi terlaksana", "KASUBBAG-PK",
             [ind("Persentase koordinasi", NK, POS, "85%", reals=(80,))]),
    ]
    L[Level.SUB_KEGIATAN] = [
        Node(Level.SUB_KEGIATAN, "SK1", 0, "K1", "Penyusunan Dokumen Perencanaan",
             "Renja tersusun", "KASUBBAG-PK",
             [ind("Jumlah dokumen perencanaan", K, POS, 4, reals=(None, 2), satuan="dokumen")],
             anggaran=100_000_000, realisasi_anggaran=45_000_000),
        Node(Level.SUB_KEGIATAN, "SK2", 0, "K1", "Evaluasi Kinerja Perangkat Daerah",
             "Evaluasi terlaksana", "KASUBBAG-PK",
             [ind("Jumlah laporan evaluasi", K, POS, 10, satuan="laporan")],
             anggaran=50_000_000, realisasi_anggaran=30_000_000),
        Node(Level.SUB_KEGIATAN, "SK3", 0, "K2", "Sinergitas dengan Kepolisian dan TNI",
             "Sinergi terlaksana", "KASUBBAG-PK", [
                 ind("Jumlah rapat koordinasi", NK, POS, 5, reals=(5,), satuan="rapat"),
                 ind("Rata-rata kehadiran unsur", RR, POS, 100, reals=(90, 95)),
             ], anggaran=20_000_000, realisasi_anggaran=20_000_000),
    ]
    return plan


# Hand-computed at TW2: (sheet, indicator name) -> (Realisasi, Capaian (%), Predikat)
EXPECTED = {
    ("Tujuan", "Indeks Kepuasan Masyarakat"): (82, 82 / 85 * 100, "Sangat Tinggi"),  # 96.5
    ("Sasaran", "Persentase layanan tepat waktu"): (88, 88 / 90 * 100, "Sangat Tinggi"),
    # Kumulatif negatif with quarterly targets: R = 1+4, T = 2+3, (2T-R)/T
    ("Sasaran", "Persentase keluhan"): (5, 100.0, "Sangat Tinggi"),
    # Rata-rata of 75 and 95 = 85, inside the range 80-90
    ("Program", "Nilai SAKIP"): (85, 100.0, "Sangat Tinggi"),
    # Negatif, T = 0 and R = 0
    ("Program", "Jumlah gangguan trantibum"): (0, 100.0, "Sangat Tinggi"),
    ("Kegiatan", "Jumlah dokumen"): (6, 50.0, "Sangat Rendah"),
    ("Kegiatan", "Persentase koordinasi"): (80, 80 / 85 * 100, "Sangat Tinggi"),
    ("Sub Kegiatan", "Jumlah dokumen perencanaan"): (2, 50.0, "Sangat Rendah"),
    ("Sub Kegiatan", "Jumlah laporan evaluasi"): (None, None, ""),
    ("Sub Kegiatan", "Jumlah rapat koordinasi"): (5, 100.0, "Sangat Tinggi"),
    ("Sub Kegiatan", "Rata-rata kehadiran unsur"): (92.5, 92.5, "Sangat Tinggi"),
}
# Serapan anggaran (%) by node
EXPECTED_SERAPAN = {"SK1": 45.0, "SK2": 60.0, "SK3": 100.0, "K1": 50.0, "K2": 100.0,
                    "P1": 50.0, "P2": 100.0}
