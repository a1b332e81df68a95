"""`kinerja-xl`: the headless command line. Each command lives in `kinerja_xl.commands`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from . import __version__
from .core.findings import WorkbookError

# Command modules, in the order `--help` lists them. Each has `add_parser(sub)` and `run(args)`.
COMMANDS = ("baru", "periksa", "hitung", "template")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kinerja-xl",
        description="Pohon Kinerja, capaian dan Perjanjian Kinerja untuk workbook Excel, "
                    "tanpa membuka Excel.")
    parser.add_argument("--version", action="version", version=f"kinerja-xl {__version__}")
    sub = parser.add_subparsers(dest="perintah", metavar="PERINTAH", required=True)
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


if __name__ == "__main__":
    sys.exit(main())
