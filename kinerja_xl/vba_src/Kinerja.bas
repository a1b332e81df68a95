Attribute VB_Name = "Kinerja"
' Kinerja: tombol pita (ribbon) "Kinerja" pada buku kerja ini.
'
' Setiap tombol menjalankan fungsi Python di paket kinerja_xl lewat RunPython
' (modul xlwings). Pesan kesalahan untuk pengguna dibuat oleh fungsi Python itu.
' Tombol Bantuan cukup membuka lembar Petunjuk, jadi tetap jalan walaupun
' Python belum terpasang.
Option Explicit

Private Const PERINTAH As String = "import kinerja_xl.xw.handlers as h; h."

Private Sub Jalankan(ByVal handler As String)
    RunPython PERINTAH & handler & "()"
End Sub

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

Public Sub KinerjaBantuan(control As IRibbonControl)
    Dim sh As Object
    On Error Resume Next
    Set sh = ThisWorkbook.Worksheets("Petunjuk")
    On Error GoTo 0
    If sh Is Nothing Then
        MsgBox "Lembar Petunjuk tidak ditemukan di buku kerja ini.", vbExclamation, "Kinerja"
        Exit Sub
    End If
    If sh.Visible <> -1 Then sh.Visible = -1
    sh.Activate
    sh.Range("A1").Select
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
