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
