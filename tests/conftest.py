"""Shared fixtures: a built site (real data, built once), a local server, a real browser.

The site is built the way a maintainer builds it, with `mkdocs build --strict` in a
subprocess, into a temporary folder, with SOURCE_DATE_EPOCH fixed so dates are stable.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
import lxml.html
from bs4 import BeautifulSoup
from filelock import FileLock

from . import builder
# the run's temporary folder in memory, where there is a tmpfs (tempfolder.py)
from .tempfolder import (pytest_configure, pytest_sessionfinish,  # noqa: F401
                         pytest_terminal_summary, pytest_unconfigure)
# what outlives a test file frozen out of the garbage collector's reach (collector.py)
from .collector import pytest_runtest_protocol  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
EPOCH = "1795392000"  # 2026-11-23 00:00 UTC: the "as of" date of appeal states in tests
AS_OF = dt.datetime.fromtimestamp(int(EPOCH), dt.timezone.utc).date()
ALL_EDITIONS = "en ko zh"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


# Each build runs in a process of its own, forked from one that has imported MkDocs, Material,
# mkdocs-macros and the kb package already (multiprocessing's forkserver, tests/builder.py):
# `mkdocs build` as its command line runs it, with the test's environment, less the 0.9 s of
# starting Python and importing them (an English build of the real site: 2.6 -> 1.7 s).
BUILDS = multiprocessing.get_context("forkserver")
BUILDS.set_forkserver_preload(builder.PRELOAD)


def run_build(out: Path, data_dir: Path | None = None, extra_env: dict | None = None,
              config: Path | None = None, strict: bool = True,
              args: tuple = (), editions: str = "en") -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` (or not) into `out`, plus `args`; return the finished
    process. editions: KB_EDITIONS, the English edition alone unless a test is about the
    others ("en ko zh"): the session's site and the maintainer's new case build them all.
    A variable Python reads as it starts (PYTHON*: the reproducibility test's hash seed)
    needs a process started anew: then `python -m mkdocs` runs instead."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH,
           "KB_EDITIONS": editions}
    env.pop("KB_DATA_DIR", None)
    if data_dir is not None:
        env["KB_DATA_DIR"] = str(data_dir)
    env.update(extra_env or {})
    argv = ["build", "--strict" if strict else "--no-strict",
            "-d", str(out), "-f", str(config or ROOT / "mkdocs.yml"), *args]
    cmd = [sys.executable, "-m", "mkdocs", *argv]
    if any(name.startswith("PYTHON") for name in extra_env or {}):
        return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=600)
    with tempfile.TemporaryDirectory(prefix="kb-build-") as tmp:
        out_file, err_file = os.path.join(tmp, "out"), os.path.join(tmp, "err")
        process = BUILDS.Process(target=builder.mkdocs,
                                 args=(argv, env, str(ROOT), out_file, err_file))
        process.start()
        process.join(600)
        if process.is_alive():
            process.kill()
            process.join()
            raise subprocess.TimeoutExpired(cmd, 600)
        read = [Path(f).read_text(encoding="utf-8", errors="replace")
                for f in (out_file, err_file)]
    return subprocess.CompletedProcess(cmd, process.exitcode, *read)


def copy_data(dest: Path) -> Path:
    """A copy of the real data folder to change in a test."""
    target = dest / "data"
    shutil.copytree(DATA, target)
    return target


SMALL_CASES = ("changchun-2012", "five-refugees-yanji")  # a case of 2012 and one since 2017


def small_data(dest: Path, records: dict, cases: tuple[str, ...] = SMALL_CASES) -> Path:
    """A copy of the real data holding only `cases` and every record they name, and what
    those name in turn (`records`: the validated real data, the `records` fixture), with the
    schemas and translations: a site about a third the real one's size, for tests of how a
    build works rather than of what the site says (an empty-cache build of every edition
    6.6 s against 15 s; a warm one 2.3 s against 3.5 s)."""
    keep: set[tuple[str, str]] = set()
    todo = [("cases", case) for case in cases]
    while todo:
        key = todo.pop()
        if key not in keep:
            keep.add(key)
            todo.extend(records[key[0]][key[1]].refs)
    target = dest / "data"
    for entry in sorted(DATA.iterdir()):
        if entry.name in records:  # a record type: only the records kept
            (target / entry.name).mkdir(parents=True)
            for path in sorted(entry.glob("*.yml")):
                if (entry.name, path.stem) in keep:
                    shutil.copy2(path, target / entry.name / path.name)
        elif entry.is_dir():
            shutil.copytree(entry, target / entry.name)
        else:
            shutil.copy2(entry, target / entry.name)
    return target


def with_class(tree, css_class: str, tag: str = "*") -> list:
    """The elements under `tree` (lxml) that CSS selects as `tag.css_class`: for tests that
    read every page, with Site.tree."""
    return tree.xpath(f".//{tag}[contains(concat(' ', normalize-space(@class), ' '), "
                      f"' {css_class} ')]")


class Site:
    """A built site folder with helpers to read its pages (and what the build printed)."""

    def __init__(self, root: Path, log: str = ""):
        self.root = root
        self.log = log
        self._soups: dict[Path, BeautifulSoup] = {}

    def file(self, url: str) -> Path:
        path = self.root / url.strip("/")
        return path / "index.html" if path.is_dir() or not path.suffix else path

    def html(self, url: str) -> str:
        return self.file(url).read_text(encoding="utf-8")

    def tree(self, url: str):
        """The page parsed by lxml alone, not kept: for tests that read every page of the
        site (a tenth of BeautifulSoup's time per page)."""
        return lxml.html.fromstring(self.file(url).read_bytes())

    def soup(self, url: str) -> BeautifulSoup:
        """The page parsed, once per session (tests only read it; a built site never
        changes)."""
        path = self.file(url)
        if path not in self._soups:
            self._soups[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        return self._soups[path]

    def article(self, url: str):
        return self.soup(url).select_one("article.md-content__inner")


def built_once(tmp_path_factory, worker_id: str, name: str, build) -> Site:
    """`build(folder)` -> Site, run once for the whole run: with pytest-xdist's processes
    (`-n 2`), the first to get here builds into a folder they share while the others wait;
    the rest read what it built (its folder and log)."""
    if worker_id == "master":  # one process: no one to share with
        return build(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent / name
    log = shared.with_suffix(".log")
    with FileLock(str(shared) + ".lock"):
        if not log.exists():
            shared.mkdir()
            built = build(shared)
            log.write_text(built.log, encoding="utf-8")
            return built
    return Site(shared / "site", log.read_text(encoding="utf-8"))


def _site(folder: Path) -> Site:
    result = run_build(folder / "site", editions=ALL_EDITIONS)
    assert result.returncode == 0, result.stderr
    return Site(folder / "site", result.stderr)


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id) -> Site:
    return built_once(tmp_path_factory, worker_id, "site", _site)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serve a folder on 127.0.0.1 (a free port); yield its base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


def _site_elsewhere(folder: Path) -> Site:
    data = copy_data(folder)
    out = folder / "site"
    result = run_build(out, data_dir=data, editions=ALL_EDITIONS,
                       extra_env={"PYTHONHASHSEED": "12345", "KB_JOBS": "1",
                                  "KB_CACHE_DIR": str(folder / "cache")})
    assert result.returncode == 0, result.stderr[-3000:]
    return Site(out, result.stderr)


@pytest.fixture(scope="session")
def site_elsewhere(tmp_path_factory, worker_id) -> Site:
    """The same data copied to another folder and built again, every edition, in one process,
    with another hash seed and an empty cache (nothing an earlier build kept: blocks, search
    index, offline copy): the reproducibility test compares it with `site`."""
    return built_once(tmp_path_factory, worker_id, "elsewhere", _site_elsewhere)


ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
NO_ZENSICAL = pytest.mark.skipif(
    not ZENSICAL.exists(),
    reason="Zensical is not installed (.venv-zensical is missing): run "
           "`bash scripts/setup.sh zensical`, or the tests with `KB_ZENSICAL=1 bash .ci/run`")


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory, worker_id) -> Site:
    """The same data built with Zensical (macros/zensical_adapter/build.py), every edition:
    tests/test_zensical.py compares it with `site`, the browser tests search it."""
    return built_once(tmp_path_factory, worker_id, "zensical", _zensical_site)


def _zensical_site(tmp: Path) -> Site:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "KB_EDITIONS": ALL_EDITIONS}
    env.pop("KB_DATA_DIR", None)
    done = subprocess.run([sys.executable, "-m", "macros.zensical_adapter.build",
                           "--out", str(tmp / "site"), "--work", str(tmp / "work")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return Site(tmp / "site", done.stdout + done.stderr)


@pytest.fixture(scope="session")
def server(site):
    """The built site served on 127.0.0.1 for the browser tests."""
    with serve(site.root) as url:
        yield url


@pytest.fixture(scope="session")
def records():
    """The real data, validated (no problems allowed)."""
    from macros.kb.data import validate
    found, problems = validate.check(DATA)
    assert not problems, problems[:5]
    return found


@pytest.fixture(scope="session")
def kb(records):
    """The real data resolved as of the tests' fixed date."""
    from macros.kb import resolve
    return resolve.build(records, AS_OF)


@pytest.fixture(scope="session")
def site_info():
    """The site's name and address as mkdocs.yml gives them."""
    from macros import site_config
    from macros.kb.common.urls import SiteInfo
    return SiteInfo.from_config(site_config.read(ROOT / "mkdocs.yml"))


@pytest.fixture
def pool():
    """A pool of two forked processes, as a build has (macros/build_steps.py)."""
    from macros.mkdocs_adapter import workers
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this system: one process is used")
    executor = workers.pool(2)
    yield executor
    executor.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@contextlib.contextmanager
def recording_page(browser, base_url: str):
    """A fresh page that records every request to a host other than `base_url` (and blocks
    it, so it never leaves the machine), every console message and every dialog."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    foreign: list[str] = []
    console: list[str] = []
    dialogs: list[str] = []

    def refuse(r):
        foreign.append(r.request.url)
        r.abort()

    # Only what goes elsewhere is routed here: a route for every request ("**/*") sent each
    # of the site's own requests through this process too, 0.06 to 0.14 s a page.
    context.route(re.compile("^(?!" + re.escape(base_url) + "|data:)"), refuse)
    pg = context.new_page()
    pg.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.foreign_requests, pg.console_messages, pg.dialogs = foreign, console, dialogs
    pg.base_url = base_url
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture
def page(browser, server):
    """A recording page on the built site (see recording_page)."""
    with recording_page(browser, server) as pg:
        yield pg


SLOW = ("browser", "test_zensical.py")  # a real browser; a second engine's whole build
# The longest work first (`pytest --durations`): the browser tests (one group, about 130 s
# of the full suite's 165 to 180 s), then the files of 5 to 25 s each, slowest first.
# pytest-xdist hands out whole files (groups) in the order collected (with
# --no-loadscope-reorder; by default it sends those with the most tests first): these first,
# so that the many short files even out the end. Taken last, they had left one process
# working alone for 5 s of the quick tier's 60 to 75.
LONGEST_FIRST = ("browser", "test_zensical.py", "test_reproducible.py", "test_incremental.py",
                 "test_page_cache.py", "test_serve.py", "test_bad_inputs.py", "test_setup.py",
                 "test_maintainer.py", "test_offline.py")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own hook reads the groups
def pytest_collection_modifyitems(config, items):
    """Put the longest files first (LONGEST_FIRST). Mark the browser tests and the
    two-engine comparison `slow`: the quick tier (`bash scripts/setup.sh test --quick`, i.e.
    `pytest -m "not slow" -n 2 --dist loadfile --no-loadscope-reorder`) leaves them out. And
    put each test in a group for pytest-xdist's `--dist loadgroup`
    (the full suite's): each test file whole in one process, as with loadfile (a file's own
    site variants are built once), and the browser tests all in one: they mostly wait on
    Chromium (run alone, they kept about 0.7 of a core busy), while the other process
    builds the sites the other tests read."""
    def under_tests(item) -> tuple[str, ...]:
        return item.path.relative_to(ROOT / "tests").parts

    def place(item) -> int:
        first = under_tests(item)[0]
        return LONGEST_FIRST.index(first) if first in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=place)  # stable: the rest as collected
    for item in items:
        parts = under_tests(item)
        if any(part in SLOW for part in parts):
            item.add_marker(pytest.mark.slow)
        item.add_marker(pytest.mark.xdist_group("browser" if parts[0] == "browser"
                                                else "/".join(parts)))
