#!/usr/bin/env python3
"""Validate a data folder: `python scripts/validate.py [DATA_DIR]` (same as `kb.py validate`)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kb import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["validate", *sys.argv[1:]]))
