"""The scripts run with the project's Python, the one in .venv that `bash scripts/setup.sh`
makes.

`python3 scripts/validate.py` in a shell where .venv is not activated (Debian's own Python,
say) stopped at "ModuleNotFoundError: No module named 'macros'". Imported by a script
before it imports the project (`import project_python`, nothing else), this module runs the
same command again with .venv's Python when this one lacks a package the project needs, or,
where there is no .venv, says what to run, and exits 1. Under .venv's Python (or once run
again), a missing module is the error it is, with its traceback: the set-up is incomplete or
the code is wrong, and running again would not help."""
from __future__ import annotations

import os
import sys
from pathlib import Path

VENV = Path(__file__).resolve().parents[1] / ".venv"
AGAIN = "KB_PROJECT_PYTHON"  # set for the command run again: it is never run a third time


def enter() -> None:
    try:
        import macros.kb  # noqa: F401  (the project, installed into .venv by the set-up)
    except ModuleNotFoundError as missing:
        python = VENV / "bin" / "python"
        if os.environ.get(AGAIN) or Path(sys.prefix).resolve() == VENV.resolve():
            raise
        if python.exists():
            os.environ[AGAIN] = "1"
            os.execv(python, [str(python), *sys.orig_argv[1:]])  # with its flags (-X, -W)
        sys.exit(f"{missing}: this Python ({sys.executable}) does not have the project's "
                 f"packages. Run `bash scripts/setup.sh install-python` in {VENV.parent}, "
                 f"then this command again.")


enter()
