import sys
from pathlib import Path

# tests/factory.py is shared by tests and benchmarks.
sys.path.insert(0, str(Path(__file__).parent))
