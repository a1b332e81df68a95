Attribute VB_Name = "Kinerja"
' Kinerja: tombol pita (ribbon) "Kinerja" pada buku kerja ini.
'
' Setiap tombol menjalankan fungsi Python di paket kinerja_xl lewat RunPython
' (modul xlwings). Pesan kesalahan untuk pengguna dibuat oleh fungsi Python itu.
' Sebelum memanggil Python, PythonSiap memeriksa bahwa xlwings tahu Python mana yang
' dipakai (diatur oleh perintah "kinerja-xl pasang"); versi modul VBA xlwings di buku
' kerja ini dikirim ke Python, yang memberi pesan bila tidak cocok dengan xlwings terpasang.
' Tombol Bantuan membuka lembar Petunjuk dulu, jadi tetap berguna walaupun Python belum siap.
Option Explicit

Private Const PERINTAH As String = "import kinerja_xl.xw.handlers as h; h."
Private Const PERINTAH_TAHUN As String = "import kinerja_xl.xw.handlers_tahun as t; t."
Private Const PERINTAH_BERKAS As String = "import kinerja_xl.xw.handlers_berkas as b; b."
Private Const CARA_PASANG As String = "Buka Command Prompt (Windows) atau Terminal (Mac), lalu jalankan:" & vbCrLf & _
    "    pip install <file paket kinerja_xl dari Bappeda>" & vbCrLf & _
    "    kinerja-xl pasang" & vbCrLf & vbCrLf & _
    "Setelah itu tutup dan buka lagi Excel. Rinciannya ada di lembar Petunjuk."

Private Sub Jalankan(ByVal handler As String)
    If Not PythonSiap() Then Exit Sub
    RunPython PERINTAH & handler & "(vba='" & XLWINGS_VERSION & "')"
End Sub

Private Sub JalankanTahun(ByVal handler As String)
    If Not PythonSiap() Then Exit Sub
    RunPython PERINTAH_TAHUN & handler & "(vba='" & XLWINGS_VERSION & "')"
End Sub

Private Sub JalankanBerkas(ByVal handler As String)
    If Not PythonSiap() Then Exit Sub
    RunPython PERINTAH_BERKAS & handler & "(vba='" & XLWINGS_VERSION & "')"
End Sub

' True bila xlwings akan menemukan Python: interpreter diatur (lembar xlwings.conf, file
' xlwings.conf di samping buku kerja, atau konfigurasi pengguna) dan file-nya ada.
Private Function PythonSiap() As Boolean
    Dim interp As String
    On Error Resume Next
    #If Mac Then
        interp = GetConfig("INTERPRETER_MAC", "")
    #Else
        interp = GetConfig("INTERPRETER_WIN", "")
    #End If
    If interp = "" Then interp = GetConfig("INTERPRETER", "")
    If interp = "" And GetConfig("CONDA PATH", "") <> "" Then
        PythonSiap = True          ' Conda settings: xlwings finds Python through them
        Exit Function
    End If
    If interp = "" Then
        MsgBox "Python untuk pita Kinerja belum diatur di PC ini." & vbCrLf & vbCrLf & _
            CARA_PASANG, vbExclamation, "Kinerja"
        PythonSiap = False
        Exit Function
    End If
    PythonSiap = True
    #If Not Mac Then                ' the Mac sandbox may refuse Dir() on the interpreter path
    If interp <> "python" And interp <> "pythonw" Then
        Dim found As String
        found = "?"
        found = Dir(interp)
        If Len(found) = 0 Then
            MsgBox "Python yang diatur untuk xlwings tidak ditemukan:" & vbCrLf & interp & _
                vbCrLf & vbCrLf & CARA_PASANG, vbExclamation, "Kinerja"
            PythonSiap = False
        End If
    End If
    #End If
End Function

Public Sub KinerjaPeriksaTautan(control As IRibbonControl)
    Jalankan "periksa_tautan"
End Sub

Public Sub KinerjaHitungCapaian(control As IRibbonControl)
    Jalankan "hitung_capaian"
End Sub

Public Sub KinerjaBuatPK(control As IRibbonControl)
    Jalankan "buat_pk"
End Sub

Public Sub KinerjaEksporPDF(control As IRibbonControl)
    Jalankan "ekspor_pdf"
End Sub

Public Sub KinerjaPohonKinerja(control As IRibbonControl)
    Jalankan "pohon_kinerja"
End Sub

Public Sub KinerjaRencanaAksi(control As IRibbonControl)
    JalankanTahun "rencana_aksi"
End Sub

Public Sub KinerjaLKjIP(control As IRibbonControl)
    JalankanTahun "lkjip"
End Sub

Public Sub KinerjaTahunBaru(control As IRibbonControl)
    JalankanTahun "tahun_baru"
End Sub

Public Sub KinerjaImpor(control As IRibbonControl)
    JalankanBerkas "impor"
End Sub

Public Sub KinerjaGabung(control As IRibbonControl)
    JalankanBerkas "gabung"
End Sub

' Dialog Buka (Open) untuk tombol Impor dan Gabung Unit, dipanggil dari Python lewat xlwings
' (book.macro): file yang dipilih, dipisah baris baru; "" bila dibatalkan.
Public Function KinerjaPilihFile(ByVal judul As String, ByVal banyak As Boolean) As String
    Dim hasil As Variant, i As Long, teks As String
    #If Mac Then
        hasil = Application.GetOpenFilename(, , judul, , banyak)
    #Else
        hasil = Application.GetOpenFilename("Data kinerja (*.xlsx;*.xlsm;*.xls;*.ods;*.csv;" & _
            "*.tsv;*.txt;*.md),*.xlsx;*.xlsm;*.xls;*.ods;*.csv;*.tsv;*.txt;*.md," & _
            "Semua file (*.*),*.*", 1, judul, , banyak)
    #End If
    If IsArray(hasil) Then
        For i = LBound(hasil) To UBound(hasil)
            If Len(teks) > 0 Then teks = teks & vbLf
            teks = teks & hasil(i)
        Next i
    ElseIf VarType(hasil) = vbString Then
        teks = hasil
    End If
    KinerjaPilihFile = teks
End Function

' Bantuan: lembar Petunjuk, lalu pemeriksaan PC dan buku kerja yang sama dengan
' "kinerja-xl pasang" (dijalankan oleh Python bila Python sudah siap).
Public Sub KinerjaBantuan(control As IRibbonControl)
    Dim sh As Object
    On Error Resume Next
    Set sh = ThisWorkbook.Worksheets("Petunjuk")
    On Error GoTo 0
    If Not sh Is Nothing Then
        If sh.Visible <> -1 Then sh.Visible = -1
        sh.Activate
        sh.Range("A1").Select
    End If
    Jalankan "bantuan"
End Sub

' Tata halaman sheet PK / Pohon Kinerja yang dibuat dari pita (dipanggil dari Python lewat
' xlwings: xlwings tidak punya perintah netral untuk kertas, margin dan pemutusan halaman).
Public Sub KinerjaAturHalaman(ByVal namaSheet As String, ByVal orientasi As String, _
        ByVal kertas As String, ByVal kiriCm As Double, ByVal kananCm As Double, _
        ByVal atasCm As Double, ByVal bawahCm As Double, ByVal satuHalamanLebar As Boolean, _
        ByVal skala As Long, ByVal tengah As Boolean, ByVal barisJudul As String, _
        ByVal barisPutus As String)
    Dim ws As Worksheet, r As Variant
    Set ws = ThisWorkbook.Worksheets(namaSheet)
    On Error Resume Next            ' a PC without a printer may refuse PaperSize
    With ws.PageSetup
        .Orientation = IIf(orientasi = "landscape", 2, 1)
        Select Case kertas
            Case "A3": .PaperSize = 8
            Case "F4": .PaperSize = 14
            Case Else: .PaperSize = 9
        End Select
        .LeftMargin = Application.CentimetersToPoints(kiriCm)
        .RightMargin = Application.CentimetersToPoints(kananCm)
        .TopMargin = Application.CentimetersToPoints(atasCm)
        .BottomMargin = Application.CentimetersToPoints(bawahCm)
        If satuHalamanLebar Then
            .Zoom = False: .FitToPagesWide = 1: .FitToPagesTall = False
        ElseIf skala > 0 Then
            .Zoom = skala
        End If
        .CenterHorizontally = tengah
        .PrintTitleRows = barisJudul          ' "$26:$30" or ""
    End With
    ws.ResetAllPageBreaks
    If Len(barisPutus) > 0 Then
        For Each r In Split(barisPutus, ",")
            ws.HPageBreaks.Add Before:=ws.Rows(CLng(r) + 1)
        Next r
    End If
End Sub
