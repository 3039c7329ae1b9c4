"""`python -m microcred ...`: the same command as `microcred ...`."""
import sys

from .cli import main

sys.exit(main())
