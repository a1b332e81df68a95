"""`kinerja-xl`: the headless command line. Each command lives in `kinerja_xl.commands`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.findings import WorkbookError

# Command modules, in the order `--help` lists them. Each has `add_parser(sub)` and `run(args)`.
COMMANDS = ("baru", "periksa", "hitung", "pk", "rencana_aksi", "lkjip", "tahun_baru", "pohon",
            "impor", "gabung", "contoh", "pasang", "template")


_ARGPARSE_WORDS = (("the following arguments are required", "argumen wajib belum diisi"),
                   ("unrecognized arguments", "argumen tidak dikenal"),
                   ("invalid choice", "pilihan tidak dikenal"),
                   ("argument ", "argumen "), ("expected one argument", "perlu satu nilai"))


class _Parser(argparse.ArgumentParser):
    """argparse with Indonesian section titles and error prefix."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "pemakaian:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "pemakaian:", 1)

    def error(self, message: str):  # type: ignore[override]
        for english, indonesian in _ARGPARSE_WORDS:
            message = message.replace(english, indonesian)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: galat: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kinerja-xl",
        description="Pohon Kinerja, capaian dan Perjanjian Kinerja untuk workbook Excel, "
                    "tanpa membuka Excel.")
    parser.add_argument("--version", action="version", version=f"kinerja-xl {__version__}",
                        help="tampilkan versi lalu keluar")
    sub = parser.add_subparsers(dest="perintah", metavar="PERINTAH", required=True,
                                parser_class=_Parser, title="perintah")
    for name in COMMANDS:
        module = importlib.import_module(f"kinerja_xl.commands.{name}")
        module.add_parser(sub).set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 the workbook has errors, 2 cannot run)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except WorkbookError as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `kinerja-xl … | head`: the reader left; the work is done
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes stdout
        return 141  # 128 + SIGPIPE, as a shell command would end
    except Exception as exc:  # never a traceback for the user
        if os.environ.get(DEBUG_ENV):
            raise
        print(f"Gagal: {unexpected_message(exc)}", file=sys.stderr)
        return 2


DEBUG_ENV = "KINERJA_XL_DEBUG"  # set to 1 to see the traceback of an unexpected error


def unexpected_message(exc: BaseException) -> str:
    """One Indonesian sentence for an error no module turned into a WorkbookError."""
    if isinstance(exc, MemoryError):
        return ("memori komputer tidak cukup untuk file ini (terlalu besar?). Tidak ada yang"
                " diubah.")
    if isinstance(exc, RecursionError):
        return "struktur data terlalu dalam untuk diproses. Tidak ada yang diubah."
    if isinstance(exc, OSError):
        from .xlsx.guard import os_error_message

        return os_error_message(exc, Path(exc.filename or "?"), "dipakai")
    return (f"galat tak terduga ({type(exc).__name__}); tidak ada yang diubah. Laporkan ke "
            f"pengembang bersama filenya; jalankan dengan {DEBUG_ENV}=1 untuk rinciannya.")


if __name__ == "__main__":
    sys.exit(main())
