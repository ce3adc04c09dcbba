#!/usr/bin/env python3
"""Start a new case file: `python scripts/new_case.py [--title T --date D --source S --id ID]`.

The same as `python scripts/kb.py new-case`; run it without options in a terminal to be asked.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kb import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["new-case", *sys.argv[1:]]))
