"""The README's set-up on a machine whose Python is Debian's, "externally managed" (PEP 668).

A clean clone of this repository runs `bash scripts/setup.sh install-python` with Debian's
/usr/bin/python3 first on PATH, as a new user on Debian 12 or Ubuntu 24.04 would, and must end
with everything in the clone's .venv, made from that Python, and nothing new in the system's
Python; a maintainer's script run with Debian's Python before the set-up says to run it, and
after it runs itself with .venv's (scripts/project_python.py). Where the working tree changes
the set-up files or those scripts, the clone gets those changes, so an edit is tested before
it is committed. The downloads come from the caches the outer set-up filled, so this takes
seconds, not minutes.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = Path("/usr/bin/python3")
FROM_WORKING_TREE = ("scripts/setup.sh", "pyproject.toml", "uv.lock",  # the set-up files,
                     "scripts/project_python.py", "scripts/validate.py")  # the script run
DISTRIBUTIONS = ("import importlib.metadata as m; "
                 "print('\\n'.join(sorted({str(d.metadata['Name']) for d in m.distributions()})))")


def _debian_python_or_skip() -> None:
    if not SYSTEM_PYTHON.exists():
        pytest.skip(f"{SYSTEM_PYTHON} is absent: this test needs Debian's or Ubuntu's python3")
    owner = (subprocess.run(["dpkg-query", "-S", str(SYSTEM_PYTHON)], capture_output=True,
                            text=True) if shutil.which("dpkg-query") else None)
    if owner is None or owner.returncode != 0:
        pytest.skip(f"{SYSTEM_PYTHON} is not Debian's (no Debian package owns it)")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("this checkout is not a git repository, so it cannot be cloned")


def _system_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SYSTEM_PYTHON), "-c", code], capture_output=True, text=True,
                          env=_plain_env(), cwd="/")


def _plain_env() -> dict:
    """This process's environment less any sign of a virtual environment, with Debian's
    python3 first on PATH: a new user's shell."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONHOME", "PYTHONPATH", "PYTHON", "PYTHONUSERBASE")}
    venv_bin = str(ROOT / ".venv" / "bin")
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p and p != venv_bin]
    env["PATH"] = os.pathsep.join([str(SYSTEM_PYTHON.parent), *path])
    return env


def test_set_up_installs_into_a_venv_of_debians_python_and_nothing_into_it(tmp_path):
    _debian_python_or_skip()
    before = _system_python(DISTRIBUTIONS).stdout
    mkdocs_before = _system_python("import mkdocs").returncode

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)],
                   check=True, capture_output=True)
    for name in FROM_WORKING_TREE:
        shutil.copyfile(ROOT / name, clone / name)

    # The clone runs no task, so it skips compiling .pyc files (about 4 s); the rest is the path
    # a new user takes.
    env = {**_plain_env(), "UV_COMPILE_BYTECODE": "0"}
    # a maintainer's command before the set-up says what to run first (scripts/project_python.py)
    early = subprocess.run([str(SYSTEM_PYTHON), "scripts/validate.py"], cwd=clone, env=env,
                           capture_output=True, text=True, timeout=60)
    assert early.returncode == 1 and early.stdout == "", early.stdout + early.stderr
    assert early.stderr == (f"No module named 'macros': this Python ({SYSTEM_PYTHON}) does not "
                            "have the project's packages. Run `bash scripts/setup.sh "
                            f"install-python` in {clone.resolve()}, then this command again.\n")
    started = time.monotonic()
    first = subprocess.run(["bash", "scripts/setup.sh", "install-python"], cwd=clone, env=env,
                           capture_output=True, text=True, timeout=600)
    took = time.monotonic() - started
    assert first.returncode == 0, first.stdout + first.stderr
    print(f"set-up of a clean clone: {took:.1f} s")

    venv_python = clone / ".venv" / "bin" / "python"
    assert venv_python.exists()
    cfg = dict(line.split(" = ", 1) for line in
               (clone / ".venv" / "pyvenv.cfg").read_text(encoding="utf-8").splitlines()
               if " = " in line)
    system_version = _system_python("import platform; print(platform.python_version())")
    assert cfg["home"] == str(SYSTEM_PYTHON.parent)
    assert cfg["version"] == system_version.stdout.strip()
    assert cfg["include-system-site-packages"] == "false"

    inside = subprocess.run(
        [str(venv_python), "-c", "import sys, mkdocs, material, pytest, playwright; "
         "print(sys.prefix, sys.base_prefix, mkdocs.__file__, sep='\\n')"],
        capture_output=True, text=True, env=env, cwd=clone)
    assert inside.returncode == 0, inside.stderr
    prefix, base_prefix, mkdocs_file = inside.stdout.split()
    venv = (clone / ".venv").resolve()
    assert Path(prefix).resolve() == venv and base_prefix == "/usr"
    assert Path(mkdocs_file).resolve().is_relative_to(venv)
    assert (clone / ".venv" / "bin" / "uv").exists()

    # after it, the same command with Debian's Python runs again with .venv's
    checked = subprocess.run([str(SYSTEM_PYTHON), "scripts/validate.py"], cwd=clone, env=env,
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stderr
    data = re.escape(str(clone.resolve() / "data"))
    assert re.fullmatch(rf"{data}: \d+ records valid \([\d.]+ s\)\n", checked.stdout), \
        checked.stdout

    assert _system_python(DISTRIBUTIONS).stdout == before, "installed into the system's Python"
    assert _system_python("import mkdocs").returncode == mkdocs_before

    again = subprocess.run(["bash", "scripts/setup.sh", "install-python"], cwd=clone, env=env,
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and again.stdout + again.stderr == "", "not idempotent"


def test_ci_and_the_workflow_set_up_the_way_the_readme_says():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/setup.sh test" in ci
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    steps = flow["jobs"]["check"]["steps"]
    assert not any("setup-python" in s.get("uses", "") for s in steps)
    runs = [str(s.get("run", "")) for s in steps]
    first = next(i for i, r in enumerate(runs) if r)
    assert runs[first].strip() == "bash scripts/setup.sh install"
    for run in runs[first + 1:]:
        for line in run.splitlines():
            words = line.split()
            assert not words or words[0] not in ("python", "python3", "pip", "mkdocs"), line
            assert "pip install" not in line or ".venv/bin/" in line, line
