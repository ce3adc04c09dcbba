"""The warm rebuild, for bench.py: `mkdocs serve --dirty` running on a data folder, one case
file edited, the time until the case's page on disk has the change.

The server is started with its temporary folder (TMPDIR) inside the bench's own, where MkDocs
makes its site folder (mkdocs_*). Each edit waits first for the last build's search index and
offline copy (made in the background while serving: hooks.py), so that it times an edit made
on an idle server; the figure includes the time to hear of the change (the system tells the
server: mkdocs_adapter/serving.py hear_edits_at_once) and MkDocs' wait of 0.1 s for more
changes. Also returned: what MkDocs logs as the rebuild's own time ("Documentation built
in ...").
"""
from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
BACKGROUND = "kb: offline copy of"
CHANGED = re.compile(r"kb: (\d+) of (\d+) generated pages changed")
SUMMARY = re.compile(r"(\nsummary:\n(?:  (?!text:).*\n)*?  text: (?:[>|]-?\n +|[\"'])?)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(log: Path, count: int, needle: str, proc, timeout: float = 900) -> None:
    """Until `needle` is in the server's log `count` times."""
    end = time.monotonic() + timeout
    while log.read_text(errors="replace").count(needle) < count:
        if proc.poll() is not None or time.monotonic() > end:
            raise SystemExit(f"mkdocs serve stopped or hung:\n{log.read_text()[-3000:]}")
        time.sleep(0.05)


def measure(root: Path, data: Path, tmp: Path, env: dict, edits: int = 3) -> dict:
    """Median seconds from saving one case file to its page on disk having the change."""
    serve_tmp = tmp / "serve-tmp"
    serve_tmp.mkdir(parents=True, exist_ok=True)
    log = tmp / "serve.log"
    port = _free_port()
    with open(log, "w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a",
             f"127.0.0.1:{port}", "-f", str(root / "mkdocs.yml")],
            cwd=root, env={**env, "KB_DATA_DIR": str(data), "TMPDIR": str(serve_tmp)},
            stdout=subprocess.DEVNULL, stderr=err)
    case = sorted((data / "cases").glob("*.yml"))[len(list((data / "cases").glob("*.yml"))) // 2]
    try:
        _wait(log, 1, BACKGROUND, proc)  # the first build, its search index and offline copy
        site = next(serve_tmp.glob("mkdocs_*"))
        page = site / "cases" / case.stem / "index.html"
        original = case.read_text(encoding="utf-8")
        seconds = []
        for n in range(1, edits + 1):
            marker = f"Warm edit {n}."
            # the summary's first words, whatever its YAML style (folded, quoted or plain)
            edited = SUMMARY.sub(lambda m: m.group(1) + marker + " ", original, count=1)
            if edited == original:
                raise SystemExit(f"{case}: no summary text to edit")
            start = time.perf_counter()
            case.write_text(edited, encoding="utf-8")
            while marker not in (page.read_text(encoding="utf-8", errors="replace")
                                 if page.is_file() else ""):
                if proc.poll() is not None or time.perf_counter() - start > 600:
                    raise SystemExit(f"the edit never reached {page}:\n{log.read_text()[-3000:]}")
                time.sleep(0.01)
            seconds.append(time.perf_counter() - start)
            _wait(log, n + 1, BACKGROUND, proc)
        case.write_text(original, encoding="utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=120)
    built = [float(s) for s in BUILT.findall(log.read_text())]
    changed = CHANGED.findall(log.read_text())[1:]  # the warm builds' pages made, of all
    return {"seconds": statistics.median(seconds), "all": [round(s, 2) for s in seconds],
            "pages": [f"{made} of {of}" for made, of in changed],
            "rebuild": statistics.median(built[1:]) if len(built) > 1 else None,
            "first": built[0] if built else None}
