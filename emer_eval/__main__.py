"""``python -m emer_eval`` entry point."""

import sys

from .cli import main

sys.exit(main())
