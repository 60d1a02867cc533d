"""``python -m letters`` runs the ``objector`` command."""
import sys

from letters.cli import main

sys.exit(main())
