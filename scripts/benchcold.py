"""The real site's cold build and its parts, for scripts/bench.py (`--site`).

Each run is a child process building the site in data/ (every edition) into one folder, as
`mkdocs build` does into site/: the first into an empty folder, the others into the last
build's (what is unchanged there is left: macros/mkdocs_adapter/sitefolder.py), with the
build's steps wrapped in timers (PROBE below): the hooks' events, the pages read (Markdown and
the macros' blocks) and written (the theme's templates), the search index and the offline copy.
Wall seconds per part, in the main process; the parts that run side by side (the workers,
Pagefind) overlap others, so they need not add up to the total. A run with the timers
(`--site`) and one without them (the total alone) alternate.
"""
from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROBE = """
import json, runpy, sys, time
from collections import defaultdict
parts = defaultdict(float)

def timed(name, fn):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            parts[name] += time.perf_counter() - start
    return wrapper

import mkdocs.commands.build as build
import mkdocs.plugins as plugins
from macros.kb import offline, search
from macros.kb.pages import blocks
build._populate_page = timed("read pages (Markdown, blocks)", build._populate_page)
build._build_page = timed("write pages (theme templates)", build._build_page)
blocks.block = timed("  of which blocks (kb_block)", blocks.block)
search.Indexing.wait = timed("  waiting for Pagefind", search.Indexing.wait)
offline._write = timed("  offline copy (zip)", offline._write)
run_event = plugins.PluginCollection.run_event

def event(self, name, *args, **kwargs):
    if name in ("config", "files", "nav", "env", "post_build"):
        return timed(f"on_{name}", lambda: run_event(self, name, *args, **kwargs))()
    return run_event(self, name, *args, **kwargs)

plugins.PluginCollection.run_event = event
start = time.perf_counter()
sys.argv = ["mkdocs", "build", "-q", "-d", sys.argv[1]]
try:
    runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    if exc.code:
        raise
parts["total"] = time.perf_counter() - start
print(json.dumps(parts))
"""
ORDER = ("on_config", "on_files", "read pages (Markdown, blocks)", "  of which blocks (kb_block)",
         "on_nav", "on_env", "write pages (theme templates)", "on_post_build",
         "  offline copy (zip)", "  waiting for Pagefind")


def making_ms(folder: Path, pages: int = 300) -> float:
    """Milliseconds to make a page's folder and its file in `folder` (cases/x/index.html, as a
    build writes each page), the median of `pages`. A disk's own cost, which no build can
    change: on this project's 2-core machines it ranged from 0.03 ms in a little-used folder
    to over 1 ms in one where many files had been made and deleted, as the temporary folder
    after a test run, and the real site writes about 1,400 of them."""
    probe = Path(tempfile.mkdtemp(prefix="probe-", dir=folder))
    took = []
    try:
        for n in range(pages):
            start = time.perf_counter()
            (probe / str(n)).mkdir()
            (probe / str(n) / "index.html").write_bytes(b"<p>page</p>" * 2000)
            took.append(time.perf_counter() - start)
    finally:
        shutil.rmtree(probe)
    return statistics.median(took) * 1000


def measure(root: Path, env: dict, repeat: int, run_usage) -> dict:
    """The cold build of the site in root/data, `repeat` times each: plain `mkdocs build`
    (wall and CPU seconds of the build and its workers) alternating with the probed one
    (seconds per part); and the disk's time to make a page's folder and file where the
    builds write (making_ms), before the builds and after them."""
    plain, probed, disk = [], [], []
    with tempfile.TemporaryDirectory(prefix="kb-cold-") as tmp:
        site = str(Path(tmp) / "site")
        disk.append(making_ms(Path(tmp)))
        for _ in range(repeat):
            plain.append(run_usage([sys.executable, "-m", "mkdocs", "build", "-q", "-d", site],
                                   env))
            wall, _peak, out, _cpu = run_usage([sys.executable, "-c", PROBE, site],
                                               env)
            probed.append(json.loads(out.strip().splitlines()[-1]))
        disk.append(making_ms(Path(tmp)))
    parts = {name: statistics.median(p.get(name, 0.0) for p in probed)
             for name in dict.fromkeys([*ORDER, *(k for p in probed for k in p)])
             if name != "total"}
    return {"seconds": statistics.median(r[0] for r in plain),
            "all": [round(r[0], 2) for r in plain],
            "cpu": statistics.median(r[3] for r in plain),
            "peak": max(r[1] for r in plain),
            "probed": statistics.median(p["total"] for p in probed), "parts": parts,
            "disk": disk}


def report(cold: dict, target: float = 2.5) -> str:
    lines = [f"Real site, cold build, every edition: {cold['seconds']:.2f} s wall "
             f"{cold['all']} (the first into an empty folder), {cold['cpu']:.2f} s CPU "
             f"(build and workers), peak "
             f"{cold['peak'] / 2**20:.0f} MB ({'met' if cold['seconds'] < target else 'NOT met'}:"
             f" target {target} s on two cores)",
             f"Its parts (median; a timed build took {cold['probed']:.2f} s; the workers and "
             "Pagefind run beside these):"]
    for name, seconds in cold["parts"].items():
        lines.append(f"  {name:<34} {seconds:6.2f} s")
    before, after = cold["disk"]
    lines.append(f"The disk where the builds wrote: a page's folder and file made in "
                 f"{before:.2f} ms before the builds, {after:.2f} ms after (median of 300)")
    return "\n".join(lines)
