#!/usr/bin/env python3
"""Validate a data folder: `python scripts/validate.py [DATA_DIR]` (the same as `kb validate`)."""
import sys

import project_python  # noqa: F401  (.venv's Python, if this one lacks the project's)
from macros.cli import main

if __name__ == "__main__":
    sys.exit(main(["validate", *sys.argv[1:]]))
