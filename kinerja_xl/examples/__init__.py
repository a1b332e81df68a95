"""The two example workbooks of the README, built from source (never hand-edited binaries).

- `kenohan`: Kecamatan Kenohan 2025, transcribed by hand from the OCR of its cascading PDF.
- `kebasen`: Kecamatan Kebasen 2023, imported from the e-SAKIP text export with `kinerja_xl.impor`.

Targets, realisations and budgets are sample data (`sample_data`), marked as such in the
workbooks. `python -m kinerja_xl.examples.build` writes both into `examples/`.
"""
