#!/usr/bin/env bash
# Install what is missing (Python packages, Debian's Chromium, axe-core from npm), then run
# a task. Usage: scripts/setup.sh [build|serve|test|install]   (default: build)
# Each download is retried once; anything already installed is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

retry() { "$@" || { echo "retrying: $*" >&2; sleep 5; "$@"; }; }

install_python() {
  if ! "$PY" scripts/check_requirements.py requirements.txt >/dev/null 2>&1; then
    retry "$PY" -m pip install --disable-pip-version-check -q -r requirements.txt
  fi
}

install_browser() {
  if ! command -v chromium >/dev/null 2>&1; then
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    retry $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive retry $sudo apt-get install -y -qq chromium >/dev/null
  fi
  if ! command -v npm >/dev/null 2>&1; then
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    retry $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive retry $sudo apt-get install -y -qq nodejs npm >/dev/null
  fi
  if [ ! -f node_modules/axe-core/axe.min.js ]; then
    retry npm ci --no-audit --no-fund --silent
  fi
}

task=${1:-build}
case "$task" in
  install) install_python; install_browser ;;
  build) install_python; NO_MKDOCS_2_WARNING=1 "$PY" -m mkdocs build --strict ;;
  serve) install_python; NO_MKDOCS_2_WARNING=1 "$PY" -m mkdocs serve ;;
  test) install_python; install_browser; shift || true; "$PY" -m pytest "$@" ;;
  *) echo "usage: scripts/setup.sh [build|serve|test|install]" >&2; exit 2 ;;
esac
