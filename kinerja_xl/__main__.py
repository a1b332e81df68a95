"""`python -m kinerja_xl` = `kinerja-xl`."""

import sys

from .cli import main

sys.exit(main())
