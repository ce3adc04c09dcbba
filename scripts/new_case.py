#!/usr/bin/env python3
"""Start a new case file: `python scripts/new_case.py [--title T --date D --source S --id ID]`.

The same as `kb new-case`; run it without options in a terminal to be asked.
"""
import sys

import project_python  # noqa: F401  (.venv's Python, if this one lacks the project's)
from macros.cli import main

if __name__ == "__main__":
    sys.exit(main(["new-case", *sys.argv[1:]]))
