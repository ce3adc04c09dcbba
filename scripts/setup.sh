#!/usr/bin/env bash
# Install what is missing, then run a task from the project's virtual environment, .venv.
# Usage: scripts/setup.sh [build|serve|test|install|install-python|zensical]   (default: build)
#   install-python  .venv (made by `python3 -m venv`; Debian's python3-venv is installed first
#                   where that fails), uv from PyPI into it, then `uv sync --locked`: exactly
#                   the packages uv.lock pins for pyproject.toml, the project itself included
#                   (editable, so `macros` imports and the `kb` command runs from .venv)
#   install         the same, plus what only the tests use: Debian's nodejs/npm and the npm
#                   packages (npm ci: axe-core, and vnu-jar, the Nu Html Checker), Debian's
#                   chromium, and a Java runtime for vnu-jar if none is there
#   build, serve    install-python, then mkdocs from .venv; serve as `mkdocs serve --dirty`
#                   (a data edit makes again only the pages it changes), started again by
#                   watchmedo whenever a file under macros/ changes, since a running
#                   mkdocs serve keeps the Python modules it imported
#   test            install, print the translation report, then pytest from .venv in two
#                   processes (extra arguments go to pytest); .venv-zensical too when that
#                   is cheap, so that
#                   tests/test_zensical.py runs (KB_ZENSICAL: 1 always, 0 never; see below);
#                   `test --quick` leaves out the tests marked slow (the browser and Zensical,
#                   tests/conftest.py: pytest -m "not slow", in two processes) and
#                   installs neither
#   zensical        install-python and .venv-zensical, then build the site with Zensical into
#                   site-zensical/ (macros/zensical_adapter/build.py;
#                   docs/maintainers/zensical.md)
# Nothing is ever installed into the system's Python, which Debian 12 and Ubuntu 24.04 refuse
# (PEP 668). Each download is retried once; anything already installed is left alone.
# PYTHON names the interpreter .venv is made from (default: python3 on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=$PWD/.venv
VPY=$VENV/bin/python
UV_PIN=$(grep -oE '"uv==[^"]+"' pyproject.toml | tr -d '"')  # uv is locked with everything else
# Zensical's environment of its own: it pins versions of packages that MkDocs, Material and the
# tests share in .venv (and will move them as it evolves); kept apart, neither build can break
# the other's pins. It holds Zensical and what the kb package needs for the macros it renders.
ZVENV=$PWD/.venv-zensical
export UV_PYTHON_DOWNLOADS=never              # uv uses .venv's Python, never fetches one
# Compile the packages' .pyc files at install time, as pip does: where PYTHONDONTWRITEBYTECODE
# is set (CI here, many images), nothing else ever writes them, and every Python process the
# tests start would compile its imports again. UV_COMPILE_BYTECODE=0 skips it.
export UV_COMPILE_BYTECODE=${UV_COMPILE_BYTECODE:-1}

retry() { "$@" || { echo "retrying: $*" >&2; sleep 5; "$@"; }; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=""
apt_install() {  # Debian's packages; the package lists are fetched once a run
  if [ -z "$apt_updated" ]; then retry as_root apt-get update -qq; apt_updated=1; fi
  retry as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

venv_usable() {  # a venv whose Python runs and that has uv, or at least pip to install it
  "$VPY" -c 'import sys; sys.exit(sys.prefix == sys.base_prefix)' 2>/dev/null &&
    { [ -x "$VENV/bin/uv" ] || "$VPY" -m pip --version >/dev/null 2>&1; }
}

make_venv() {
  venv_usable && return
  rm -rf "$VENV"  # half-made (no ensurepip) or broken (its Python is gone): start again
  if ! "$PY" -m venv "$VENV" >/dev/null 2>&1; then
    rm -rf "$VENV"
    echo "'$PY -m venv' failed: installing Debian's python3-venv" >&2
    apt_install python3-venv
    "$PY" -m venv "$VENV"
  fi
}

install_python() {
  make_venv
  if [ ! -x "$VENV/bin/uv" ]; then  # once: pip, which venv brings, installs uv
    retry "$VPY" -m pip install --disable-pip-version-check -q "$UV_PIN"
  fi
  # --locked: fail if pyproject.toml and uv.lock disagree, never re-resolve. The sync is exact:
  # it removes what the lock lacks (pip included) and keeps uv at its locked version. It checks
  # in milliseconds when .venv already matches.
  retry "$VENV/bin/uv" sync -q --locked --python "$VPY"
  # The project's own modules too (an editable install: uv compiles none of them): where
  # PYTHONDONTWRITEBYTECODE is set, every build process compiled them again (0.18 s for
  # macros/ here). A module edited later is compiled in memory until the next run of this;
  # one that cannot be compiled now (a syntax error, a folder not writable) is only said.
  case "$UV_COMPILE_BYTECODE" in 0 | false | no) return ;; esac  # as uv reads it
  if ! "$VPY" -m compileall -q -j 0 macros scripts tests >/dev/null; then
    echo "set-up: some of the project's modules were not compiled ahead (each is compiled" \
         "when imported): $VPY -m compileall macros scripts tests says why" >&2
  fi
}

install_npm() {  # package.json: the tests' axe-core and vnu-jar (the build needs no npm)
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  if [ ! -f node_modules/axe-core/axe.min.js ] ||
     [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
    retry npm ci --no-audit --no-fund --silent
  fi
}

install_zensical() {  # .venv-zensical, made by .venv's uv from .venv's Python; "offline":
  install_python      # from uv's cache only, failing rather than downloading
  local try=retry offline=()
  if [ "${1:-}" = offline ]; then try=""; offline=(--offline); fi
  if ! "$ZVENV/bin/python" -c 'import zensical' 2>/dev/null; then
    rm -rf "$ZVENV"
    "$VENV/bin/uv" venv -q --python "$VPY" "$ZVENV"
  fi
  # exactly the pinned list; checks in milliseconds, without the network, when it matches
  $try "$VENV/bin/uv" pip sync -q "${offline[@]}" --python "$ZVENV/bin/python" \
    requirements-zensical.txt
}

zensical_for_tests() {
  # The Zensical test adds about 20 s to the suite; installing Zensical, 3-7 s from uv's cache,
  # more with a download. By default it is installed only when that needs no download
  # (already installed, or every wheel in uv's cache); KB_ZENSICAL=1 installs it in any case,
  # KB_ZENSICAL=0 never. Without it, the test is skipped and says how to run it. CI (CI=true)
  # always installs it, so that the comparison runs on every change.
  case "${KB_ZENSICAL:-${CI:+1}}" in
    0) return ;;
    1) install_zensical; return ;;
  esac
  if ! install_zensical offline >/dev/null 2>&1; then
    "$ZVENV/bin/python" -c 'import zensical' 2>/dev/null || rm -rf "$ZVENV"
    echo "Zensical is not installed (not in uv's cache): tests/test_zensical.py will be" \
         "skipped; KB_ZENSICAL=1 installs it" >&2
  fi
}

install_browser() {
  command -v chromium >/dev/null 2>&1 || apt_install chromium
}

# Java for the Nu Html Checker (vnu-jar), before npm ci: where vnu-jar's install script finds
# no java, it downloads a runtime of its own.
install_java() {
  command -v java >/dev/null 2>&1 || apt_install default-jre-headless
}

from_venv() {  # run a task as if .venv were activated, so `python3` in a test is .venv's too
  export VIRTUAL_ENV=$VENV PATH="$VENV/bin:$PATH" NO_MKDOCS_2_WARNING=1
  "$@"
}

task=${1:-build}
case "$task" in
  install-python) install_python ;;
  install) install_python; install_java; install_npm; install_browser ;;
  build) install_python; from_venv "$VPY" -m mkdocs build --strict ;;
  # --dirty: a data edit makes again only the pages it changes (macros/mkdocs_adapter/incremental.py)
  serve) install_python
         from_venv "$VENV/bin/watchmedo" auto-restart --directory=macros --recursive \
           --ignore-directories --ignore-patterns='*/__pycache__/*;*.pyc;*.tmp' \
           --debounce-interval 0.5 -- "$VPY" -m mkdocs serve --dirty ;;
  test) shift
        if [ "${1:-}" = --quick ]; then  # everything but the browser and the second engine
          # two processes (pytest-xdist), each test file kept whole on one (--dist loadfile):
          # a file's own site variants (module fixtures) are then built once, not once a
          # process; the session's sites are shared (tests/conftest.py), the longest files
          # handed out first (as collected: --no-loadscope-reorder). `-n 0` after --quick
          # runs in one process.
          shift; install_python; install_java; install_npm
          from_venv "$VPY" -m pytest -m "not slow" -n 2 --dist loadfile --no-loadscope-reorder \
            "$@"; exit
        fi
        install_python; install_java; install_npm; install_browser
        zensical_for_tests
        # what the Korean and Chinese editions still lack (printed, never a failure)
        from_venv "$VPY" scripts/kb.py translations --limit 5 || true
        # two processes: each test file whole in one, the browser tests all in one, which
        # mostly waits on Chromium while the other builds (tests/conftest.py: the groups),
        # the longest first (as collected: --no-loadscope-reorder)
        from_venv "$VPY" -m pytest -n 2 --dist loadgroup --no-loadscope-reorder "$@" ;;
  zensical) install_zensical; from_venv "$VPY" -m macros.zensical_adapter.build ;;
  *) echo "usage: scripts/setup.sh [build|serve|test|install|install-python|zensical]" >&2
     exit 2 ;;
esac
