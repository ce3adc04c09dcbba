#!/usr/bin/env python3
"""Build performance at scale: validation, full build and a plain-MkDocs baseline.

    python scripts/bench.py                      N = 100, 1,000 and 5,000 cases, median of 3
    python scripts/bench.py --large              adds N = 10,000
    python scripts/bench.py --sizes 100,1000 --repeat 1
    python scripts/bench.py --profile 1000       cProfile one full build; print the top entries
    python scripts/bench.py --sizes 1000 --zensical   also the Zensical build (.venv-zensical)
    python scripts/bench.py --sizes 3600 --validate-only   only validation (3,600 cases are about
                                                 10,000 records), seconds per 10,000 records
    python scripts/bench.py --site               only the real site's cold build (data/), every
                                                 edition, and its parts (scripts/benchcold.py)
    python scripts/bench.py --tests quick,all    only the test tiers (scripts/benchtests.py)

For each N it writes N synthetic cases and the records they refer to (scripts/synthetic.py)
into a temporary folder, then measures, each in a child process:
  validate   load + schema + references + case rules, timed inside the child, twice: as the
             maintainers' command runs them (validate.find_problems: problems only) and as
             the build does (validate.check, which also keeps every valid record's model);
  build      the full `mkdocs build --strict` of the site on that data, every edition (hooks,
             macros, the Pagefind index), and what its drawings weigh on the case and home
             pages;
  drawings   the same build with the drawings (timelines and maps) turned off, each run right
             after one with them, so the difference is what drawing them costs
             (--skip-drawings: not measured);
  baseline   plain MkDocs with Material and its own search (lunr), building the same pages as
             static Markdown (`scripts/kb.py write-pages`), macros and data loading off, record
             pages out of the sidebar;
  zensical   with --zensical: the same site built with Zensical, every edition, exports and
             Pagefind index included (macros/zensical_adapter/build.py;
             docs/maintainers/zensical.md);
  warm       `mkdocs serve --dirty` on that data: one case file edited, the seconds until the
             case's page on disk has the change (scripts/benchwarm.py), against the build;
             with --real, the same for the real site (its data copied), before the sizes;
  search     what one search downloads, in Chromium, from the page's load to its results
             (scripts/searchprobe.py), for a few queries, on the built site.
Seconds are the median of the runs (wall clock for builds, and for builds the CPU seconds of
the build and its workers too); memory is the child's peak RSS. Each build of synthetic data
starts from an empty cache (KB_CACHE_DIR), as the baseline does: nothing an earlier run kept
(pages, blocks, the offline copy's entries, search index) is reused; the real site's builds
(--site, --real) use the project's cache, filled by the runs before, as a maintainer's do.
Nothing is written into data/ or site/.
"""
from __future__ import annotations

import argparse
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import project_python  # noqa: F401  (.venv's Python, if this one lacks the project's)
import yaml

ROOT = Path(__file__).resolve().parents[1]
import benchcold
import benchtests
import benchwarm
import synthetic
from benchreport import MB, table, targets
from macros import site_config
from macros.kb import Options, build_kb
from macros.kb.common.urls import SiteInfo
from macros.kb.pages.views.chrome import chrome
from benchsite import site_figures

EPOCH = "1795392000"
# `mkdocs build` with every drawing turned off (the build forks its workers after importing
# the views, so they inherit this): the build's cost of the drawings is the difference
NO_DRAWINGS = """
import runpy, sys
from macros.kb.pages.views import figures, timeline
figures.case_timeline = figures.case_map = lambda ctx, rec: None
figures.global_timeline = timeline.global_timeline = lambda ctx, listed: None
figures.home_map = lambda ctx: {{"map": None, "places": ()}}
sys.argv[0] = "mkdocs"
runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
"""
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
VALIDATE = """
import gc, json, sys, time
from pathlib import Path
import os
from macros.kb.data import validate
from macros.kb.options import jobs
from macros.mkdocs_adapter import workers
gc.disable()  # as the adapters do (macros/cli.py, hooks.py)
start = time.perf_counter()
pool = workers.pool(jobs(os.environ.get("KB_JOBS")))
if {keep!r}:
    records, problems = validate.check(Path({data!r}), pool)
else:
    problems = validate.find_problems(Path({data!r}), pool)
if pool:
    pool.shutdown()
print(json.dumps({{"seconds": time.perf_counter() - start, "problems": len(problems)}}))
"""


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def run(cmd: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """Run a child; return (wall seconds, its peak RSS in bytes, stdout); stop on failure."""
    return run_usage(cmd, env)[:3]


def run_usage(cmd: list[str], env: dict | None = None) -> tuple[float, int, str, float]:
    """`run`, and the CPU seconds (user + system) of the child and the processes it waited
    for (its workers): less moved than wall time by other jobs on a shared machine."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env or ENV, stdout=out, stderr=err, text=True)
        _pid, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        if proc.returncode:
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.read()[-3000:]}")
        return (wall, usage.ru_maxrss * 1024, out.read(),
                usage.ru_utime + usage.ru_stime)


def _summary(runs: list[tuple]) -> dict:
    walls = [r[0] for r in runs]
    return {"seconds": statistics.median(walls), "all": [round(w, 2) for w in walls],
            "cpu": statistics.median(r[3] for r in runs), "peak": max(r[1] for r in runs),
            "out": [r[2] for r in runs]}


def timed(cmd, repeat, env=None, caches: Path | None = None) -> dict:
    """`run_usage` `repeat` times; caches: a folder in which each run gets an empty cache of
    its own (KB_CACHE_DIR), so that no run reuses what another kept."""
    return _summary([_run_cold(cmd, env, caches) for _ in range(repeat)])


def timed_ab(a, b, repeat, env=None, caches: Path | None = None) -> tuple[dict, dict]:
    """`timed` for two commands run in turn (a, b, a, b ...), so that a change in the
    machine's load falls on both alike."""
    runs = [(_run_cold(a, env, caches), _run_cold(b, env, caches)) for _ in range(repeat)]
    return _summary([r[0] for r in runs]), _summary([r[1] for r in runs])


def _run_cold(cmd, env, caches: Path | None) -> tuple:
    if caches is None:
        return run_usage(cmd, env)
    caches.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=caches))
    try:
        return run_usage(cmd, {**(env or ENV), "KB_CACHE_DIR": str(folder)})
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def baseline_config(tmp: Path, docs: Path, data: Path) -> Path:
    """mkdocs.yml minus hooks and macros, pointing at the written-out pages. The English
    pages' footer and search strings go into extra.kb_chrome, as the hooks (and the Zensical
    build) put them there: the written pages carry only the other editions' own."""
    cfg = site_config.read(ROOT / "mkdocs.yml")  # as MkDocs reads it: !ENV tags resolved
    for key in ("hooks", "watch"):
        cfg.pop(key, None)
    options = Options.from_environment(ROOT, {**ENV, "KB_DATA_DIR": str(data)})
    kb = build_kb(options.data, options.build_date)
    cfg.setdefault("extra", {})["kb_chrome"] = chrome(
        options.build_date, SiteInfo.from_config(cfg), "en", kb.last_reviewed)
    cfg["plugins"] = ["search"]  # Material's own search, as a plain MkDocs site has it
    cfg["docs_dir"] = str(docs)
    if "custom_dir" in cfg.get("theme", {}):
        cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    types = sorted(p.name for p in docs.iterdir() if p.is_dir() and p.name != "assets")
    cfg["not_in_nav"] = "\n".join(line for t in types
                                  for line in (f"/{t}/*.md", f"!/{t}/index.md"))
    path = tmp / "baseline.yml"
    path.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


QUERIES = [("Changchun", ""), ("ASA 17/21/00", ""), ("Hu Jintao", ""), ('"sur place"', ""),
           ("长春", "zh/")]


def bench_size(n: int, repeat: int, tmp: Path, skip_baseline: bool, probe: bool = True,
               drawings: bool = True, zensical: bool = False, build: bool = True,
               warm: bool = True) -> dict:
    data = tmp / "data"
    log(f"N={n}: writing synthetic data")
    counts = synthetic.write(n, data)
    row = {"n": n, "records": sum(counts.values())}
    for key, keep in (("validate", False), ("validate_records", True)):
        log(f"N={n}: {key} x{repeat}")
        code = VALIDATE.format(root=str(ROOT), data=str(data), keep=keep)
        v = timed([sys.executable, "-c", code], repeat)
        problems = json.loads(v["out"][0])["problems"]
        if problems:
            raise SystemExit(f"synthetic data for N={n} has {problems} problems")
        row[key] = {"seconds": statistics.median(json.loads(o)["seconds"] for o in v["out"]),
                    "wall": v["seconds"], "peak": v["peak"]}
        log(f"N={n}: {key} {row[key]['seconds']:.2f} s")
    if not build:
        return row
    site = tmp / "site"
    # each build from an empty cache, as plain MkDocs (the baseline) builds: nothing reused
    env = {**ENV, "KB_DATA_DIR": str(data), "KB_CACHE_DIR": str(tmp / "cache")}
    caches = tmp / "caches"
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site), "-f",
             str(ROOT / "mkdocs.yml")]
    if drawings:
        log(f"N={n}: full build x{repeat}, each followed by one without the drawings")
        row["build"], row["no_drawings"] = timed_ab(build, [
            sys.executable, "-c", NO_DRAWINGS.format(root=str(ROOT)), "build", "--strict", "-q",
            "-d", str(tmp / "no-drawings"), "-f", str(ROOT / "mkdocs.yml")], repeat, env,
            caches)
        row["no_drawings"].pop("out", None)
        log(f"N={n}: build without drawings {row['no_drawings']['seconds']:.1f} s "
            f"{row['no_drawings']['all']}")
    else:
        log(f"N={n}: full build x{repeat}")
        row["build"] = timed(build, repeat, env, caches)
    row["build"].update(site_figures(site))
    log(f"N={n}: build {row['build']['seconds']:.1f} s {row['build']['all']}")
    if warm:
        log(f"N={n}: warm rebuild after editing one case, 3 or more times")
        row["warm"] = benchwarm.measure(ROOT, data, tmp / "warm", env, max(3, repeat))
        log(f"N={n}: warm rebuild {row['warm']['seconds']:.2f} s {row['warm']['all']}")
    if probe:
        import searchprobe
        log(f"N={n}: what a search downloads, in Chromium")
        # only the editions this build made ($KB_EDITIONS), as the page must exist
        row["probe"] = searchprobe.measure(site, [(q, path) for q, path in QUERIES
                                                  if (site / path / "index.html").is_file()])
    if zensical:
        log(f"N={n}: Zensical build x{repeat}")
        row["zensical"] = timed([sys.executable, "-m", "macros.zensical_adapter.build", "--out",
                                 str(tmp / "zsite"), "--work", str(tmp / "zwork")], repeat, env,
                                caches)
        row["zensical"].update(site_figures(tmp / "zsite"))
        log(f"N={n}: Zensical {row['zensical']['seconds']:.1f} s {row['zensical']['all']}")
    if not skip_baseline:
        docs = tmp / "pages"
        run([sys.executable, str(ROOT / "scripts" / "kb.py"), "write-pages", str(docs),
             "--data-dir", str(data)], env)
        cfg = baseline_config(tmp, docs, data)
        log(f"N={n}: baseline x{repeat}")
        row["baseline"] = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d",
                                 str(tmp / "plain"), "-f", str(cfg)], repeat)
        row["baseline"].update(site_figures(tmp / "plain"))
        log(f"N={n}: baseline {row['baseline']['seconds']:.1f} s {row['baseline']['all']}")
    for key in ("build", "baseline", "zensical"):
        if key in row:
            row[key].pop("out", None)
    return row


def bench_real(repeat: int, tmp: Path) -> str:
    """The real site's cold build, every edition, and its warm rebuild (benchwarm.py), on a
    copy of data/."""
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    env = {**ENV, "KB_DATA_DIR": str(data)}
    log(f"real site: cold build x{repeat}")
    cold = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d",
                  str(tmp / "site"), "-f", str(ROOT / "mkdocs.yml")], repeat, env)
    log("real site: warm rebuild after editing one case, 3 or more times")
    warm = benchwarm.measure(ROOT, data, tmp / "warm", env, max(3, repeat))
    return warm_line("the real site", cold, warm)


def warm_line(what: str, cold: dict, warm: dict) -> str:
    """The warm rebuild next to the cold build (targets: under 1 s on the real site, under
    0.25 of the cold build at 1,000 cases)."""
    rebuild = f"{warm['rebuild']:.2f} s" if warm.get("rebuild") else "?"
    made = ", ".join(warm.get("pages", [])) or "?"
    return (f"{what}: cold build {cold['seconds']:.1f} s (CPU {cold['cpu']:.1f} s); warm "
            f"rebuild after editing one case file {warm['seconds']:.2f} s {warm['all']} from "
            f"saving to the page on disk, {warm['seconds'] / cold['seconds']:.2f} of the cold "
            f"build (the rebuild itself {rebuild} as MkDocs logs it; the rest is hearing of "
            f"the edit and MkDocs' wait for more; generated pages made: {made})")


def profile(n: int, top: int) -> None:
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp_s:
        tmp = Path(tmp_s)
        synthetic.write(n, tmp / "data")
        prof = tmp / "build.prof"
        env = {**ENV, "KB_DATA_DIR": str(tmp / "data"), "KB_CACHE_DIR": str(tmp / "cache")}
        wall, peak, _ = run([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs",
                             "build", "--strict", "-q", "-d", str(tmp / "site"), "-f",
                             str(ROOT / "mkdocs.yml")], env)
        print(f"N={n}: profiled build {wall:.1f} s (with profiler overhead), peak "
              f"{peak / MB:.0f} MB")
        for key in ("cumulative", "tottime"):
            print(f"\n--- top {top} by {key}")
            pstats.Stats(str(prof)).strip_dirs().sort_stats(key).print_stats(top)


def machine() -> str:
    from importlib.metadata import version
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text()
                .splitlines() if line.startswith("model name")), "?") if Path(
        "/proc/cpuinfo").exists() else "?"
    return (f"{os.cpu_count()} CPUs ({cpu}); Python {sys.version.split()[0]}; mkdocs "
            f"{version('mkdocs')}, mkdocs-material {version('mkdocs-material')}")


def pace() -> float:
    """Seconds for ten million additions in a Python function: how fast this machine runs
    this minute. On the project's two-core machine the same loop at a script's top level
    (slower: its names are globals) took from 0.94 s to 1.88 s from one day to the next, and
    every figure moved with it; compare runs of a like pace."""
    started, total = time.perf_counter(), 0
    for n in range(10_000_000):
        total += n
    return time.perf_counter() - started


def conditions(load: tuple, before: float, repeat: int) -> str:
    return (f"\n{machine()}; median of {repeat}; load average {load[0]:.2f} before, "
            f"{os.getloadavg()[0]:.2f} after; pace {before:.2f} s before, {pace():.2f} s "
            "after (bench.py pace)\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000",
                        help="comma-separated numbers of cases (default 100,1000,5000)")
    parser.add_argument("--large", action="store_true", help="add N=10,000")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--skip-search", action="store_true",
                        help="do not measure the search's downloads in Chromium")
    parser.add_argument("--zensical", action="store_true",
                        help="also build with Zensical (needs .venv-zensical)")
    parser.add_argument("--skip-drawings", action="store_true",
                        help="do not build a second time without the drawings")
    parser.add_argument("--skip-warm", action="store_true",
                        help="do not measure the warm rebuild under `mkdocs serve --dirty` "
                             "(at 5,000 cases its first build alone takes minutes)")
    parser.add_argument("--real", action="store_true",
                        help="also the real site: its cold build and warm rebuild")
    parser.add_argument("--validate-only", action="store_true",
                        help="measure only validation (no build, baseline or search)")
    parser.add_argument("--site", action="store_true",
                        help="only the real site's cold build and its parts (benchcold.py)")
    parser.add_argument("--tests", metavar="TIERS", help="only the test tiers (quick, all, "
                        "quick,all) by the README's command (scripts/benchtests.py)")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this file")
    parser.add_argument("--profile", type=int, metavar="N",
                        help="instead: cProfile one full build of N cases")
    parser.add_argument("--top", type=int, default=25, help="profile entries to print")
    args = parser.parse_args(argv)
    if args.profile:
        profile(args.profile, args.top)
        return 0
    if args.site or args.tests:  # the real site's cold build, or the test tiers
        load, before = os.getloadavg(), pace()
        got = (benchcold.measure(ROOT, ENV, args.repeat, run_usage) if args.site
               else benchtests.measure(ROOT, ENV, args.repeat, args.tests.split(",")))
        print(conditions(load, before, args.repeat))
        print((benchcold if args.site else benchtests).report(got))
        if args.json:
            args.json.write_text(json.dumps(got, indent=2), encoding="utf-8")
        return 0
    sizes = [int(s.replace(",", "").replace("_", "")) for s in args.sizes.split(",") if s]
    if args.large and 10000 not in sizes:
        sizes.append(10000)
    rows = []
    load, before = os.getloadavg(), pace()  # other work on the machine moves every figure
    real = None
    if args.real:
        with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
            real = bench_real(args.repeat, Path(tmp))
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
            rows.append(bench_size(n, args.repeat, Path(tmp), args.skip_baseline,
                                   not args.skip_search, not args.skip_drawings,
                                   args.zensical, not args.validate_only,
                                   not args.skip_warm))
    print(conditions(load, before, args.repeat))
    print(table(rows))
    print()
    print(targets(rows))
    if real:
        print(real)
    for r in rows:
        if r.get("warm"):
            print(warm_line(f"N={r['n']:,}", r["build"], r["warm"]))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
