"""``python -m jstls``: the same as the ``jstls`` command."""

import sys

from .cli import main

sys.exit(main())
