"""`python -m qcourse` is the `qcourse` command."""

import sys

from qcourse.cli import main

sys.exit(main())
