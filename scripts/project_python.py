"""The scripts run with the project's Python, the one in .venv that `bash scripts/setup.sh`
makes.

`python3 scripts/validate.py` in a shell where .venv is not activated (Debian's own Python,
say) stopped at "ModuleNotFoundError: No module named 'macros'". Imported by a script
before it imports the project (`import project_python`, nothing else), this module runs the
same command again with .venv's Python when this one lacks the project's packages, or, where
there is no .venv (or it is .venv's Python that lacks them), says what to run, and exits 1."""
from __future__ import annotations

import os
import sys
from pathlib import Path

VENV = Path(__file__).resolve().parents[1] / ".venv"


def enter() -> None:
    try:
        import macros.kb  # noqa: F401  (the project, installed into .venv by the set-up)
    except ImportError as missing:
        python = VENV / "bin" / "python"
        if python.exists() and Path(sys.prefix).resolve() != VENV.resolve():
            os.execv(python, [str(python), *sys.argv])
        sys.exit(f"{missing}: this Python ({sys.executable}) does not have the project's "
                 f"packages. Run `bash scripts/setup.sh install-python` in {VENV.parent}, "
                 f"then this command again.")


enter()
