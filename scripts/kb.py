#!/usr/bin/env python3
"""The maintainer CLI (macros/cli.py), as `python scripts/kb.py COMMAND`; `kb COMMAND` in .venv
is the same. Run with .venv's Python (`bash scripts/setup.sh install-python` makes it)."""
import sys

from macros.cli import main

if __name__ == "__main__":
    sys.exit(main())
