#!/usr/bin/env python3
"""The maintainer CLI (macros/cli.py), as `python scripts/kb.py COMMAND`; `kb COMMAND` in .venv
is the same. It runs with .venv's Python (`bash scripts/setup.sh install-python` makes it),
starting itself again with that one if another runs it (project_python.py)."""
import sys

import project_python  # noqa: F401  (.venv's Python, if this one lacks the project's)
from macros.cli import main

if __name__ == "__main__":
    sys.exit(main())
