"""Builds are reproducible: the same data gives the same files, byte for byte.

The session's build reads the real data; a second reads a copy of it from another folder,
into another output folder, with another string hash seed (so any output that follows the
order of a Python set shows up as a difference), in one process (KB_JOBS=1) where the
first renders its pages in a pool, and with an empty cache (KB_CACHE_DIR) where the first may
reuse what earlier builds kept in .cache/kb/. Every file must be identical, but those of
Pagefind's index whose bytes follow the order in which it found the pages on disk: they must
say the same (tests/sitedigest.py). And no file may carry the build machine's clock: every
day in the output comes from the data or from SOURCE_DATE_EPOCH.
"""
from __future__ import annotations

import calendar
import datetime as dt
import gzip
import json
import os
import re
import shutil
from pathlib import Path

import cbor2
import pytest

from .conftest import ALL_EDITIONS, AS_OF, DATA, run_build
from . import sitedigest
from .sitedigest import digest as _digest

POOL = "in 2 processes"  # what the build logs when a pool renders its pages


@pytest.fixture(scope="module")
def site_digest(site) -> dict[str, str]:
    """The session's site, digested once for the file's tests (it does not change)."""
    return _digest(site.root)


def test_two_builds_of_the_same_data_are_byte_identical(site, site_elsewhere, site_digest):
    """The second build: the data copied elsewhere, one process, another hash seed, nothing
    taken from a cache (it ran Pagefind and made every page of the offline copy)."""
    # a pool wherever there are two cores (and so on CI)
    assert (POOL in site.log) == (hasattr(os, "fork") and (os.cpu_count() or 1) > 1), site.log
    assert POOL not in site_elsewhere.log
    assert "as an earlier build made it" not in site_elsewhere.log
    first, again = site_digest, _digest(site_elsewhere.root)
    assert sorted(first) == sorted(again)
    assert [name for name in first if first[name] != again[name]] == []
    assert len(first) > 20 and any(name.endswith(".gz") for name in first)
    assert any(name.startswith("pagefind/en/fragment/") for name in first)
    # Pagefind's index, filters and page lists, compared as what they say (sitedigest.py)
    assert {f"pagefind/{lang}/ (decoded)" for lang in ("en", "ko", "zh")} <= set(first)


def test_pagefinds_files_compared_as_what_they_say_tell_two_pages_apart(site, tmp_path):
    """The comparison of the files whose bytes follow Pagefind's order (sitedigest.py) is not
    blind: a copy of a bundle has its digest; the same bundle with a file nothing names (an
    earlier build's), or with two pages swapped in its metadata (so that the words of each
    are said to be on the other), has another."""
    copy = tmp_path / "pagefind" / "en"
    shutil.copytree(site.root / "pagefind" / "en", copy)
    built = _digest(site.root, "pagefind/en")
    assert _digest(tmp_path) == built
    stale = copy / "index" / "en_0000000.pf_index"  # an index chunk an earlier build left
    shutil.copy(next((copy / "index").iterdir()), stale)
    assert _digest(tmp_path) != built
    stale.unlink()
    entry = json.loads((copy / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = copy / f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    fields = cbor2.loads(gzip.decompress(meta.read_bytes())[len(sitedigest.SIGNATURE):])
    fields[1][0], fields[1][1] = fields[1][1], fields[1][0]
    meta.write_bytes(gzip.compress(sitedigest.SIGNATURE + cbor2.dumps(fields)))
    assert _digest(tmp_path) != built


def test_a_dirty_rebuild_into_the_same_folder_gives_the_same_site(site, tmp_path, site_digest):
    """`mkdocs build --dirty` asks whether each page's source changed: generated pages always
    count as changed. (Not --strict: MkDocs warns that dirty builds are for development.)
    Pagefind re-reads the whole built site either way."""
    out = tmp_path / "site"
    shutil.copytree(site.root, out)
    result = run_build(out, strict=False, args=("--dirty",), editions=ALL_EDITIONS)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert site_digest == _digest(out)


def test_a_build_into_the_last_builds_folder_gives_the_same_site(site, tmp_path, site_digest):
    """MkDocs empties the site folder first; the hooks leave it and write each file only where
    it changes, then remove what the build did not write (macros/mkdocs_adapter/sitefolder.py).
    The folder here holds the session's site, changed as a hand, another build or a
    renamed record would leave it: the build makes the same site, writes nothing through
    a link or a second name (pages, export files, MkDocs' sitemap.xml.gz), leaves hidden
    entries at its top, and leaves an unchanged page's file alone."""
    out, outside = tmp_path / "site", tmp_path / "outside"
    shutil.copytree(site.root, out)
    outside.mkdir()
    (outside / "other.html").write_text("another file", encoding="utf-8")
    (out / "cases" / "a-case-since-renamed").mkdir()
    (out / "cases" / "a-case-since-renamed" / "index.html").write_text("old", encoding="utf-8")
    (out / "stale.txt").write_text("old", encoding="utf-8")
    (out / "gone" / "deep").mkdir(parents=True)
    (out / "gone" / "deep" / "index.html").write_text("old", encoding="utf-8")
    (out / "index.html").write_text("edited by hand", encoding="utf-8")
    (out / "about" / "index.html").unlink()  # the page's file a second name of another
    os.link(outside / "other.html", out / "about" / "index.html")
    (out / "404.html").unlink()  # a folder where a file goes, a file where a folder goes
    (out / "404.html").mkdir()
    (out / "404.html" / "x").write_text("old", encoding="utf-8")
    shutil.rmtree(out / "places")
    (out / "places").write_text("old", encoding="utf-8")
    for name in ("exports/kb.json", "sitemap.xml.gz"):  # written by the hooks, by MkDocs
        (out / name).unlink()
        os.link(outside / "other.html", out / name)
    shutil.rmtree(out / "exports" / "csv")  # where the export files go
    (out / "exports" / "csv").write_text("old", encoding="utf-8")
    (out / "exports" / "figures.csv").unlink()
    (out / "exports" / "figures.csv").mkdir()
    (out / "cases" / "link").symlink_to(outside, target_is_directory=True)
    (out / ".hidden").mkdir()
    (out / ".hidden" / "kept.txt").write_text("mine", encoding="utf-8")
    same = out / "principles" / "non-refoulement" / "index.html"
    before = same.stat()

    result = run_build(out, editions=ALL_EDITIONS)
    assert result.returncode == 0, result.stderr[-3000:]
    hidden = out / ".hidden"
    assert (hidden / "kept.txt").read_text(encoding="utf-8") == "mine"
    shutil.rmtree(hidden)
    assert _digest(out) == site_digest
    assert not (out / "cases" / "link").exists()
    assert (outside / "other.html").read_text(encoding="utf-8") == "another file"
    assert [p.name for p in outside.iterdir()] == ["other.html"]
    assert (same.stat().st_ino, same.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


ISO_DAY = re.compile(r"(?<![\d-])(\d{4}-\d{2}-\d{2})(?!\d)")
STAMP = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})T\d{6}")  # iCalendar's 20121123T000000Z


def test_every_date_in_the_output_comes_from_the_data_or_source_date_epoch(site):
    """The build is dated by SOURCE_DATE_EPOCH (2026-11-23): no other day than those the data
    gives may appear, the machine's today least of all."""
    if dt.date.today() == AS_OF:
        pytest.skip("today is the tests' SOURCE_DATE_EPOCH day: the two cannot be told apart")
    known = {AS_OF.isoformat()}
    for path in DATA.rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        known |= set(ISO_DAY.findall(text))
        # the first and last days of every year and month the data gives (timeline.csv's
        # earliest and latest columns)
        for year, month in re.findall(r"(?<![\d-])(1\d{3}|20\d{2})(?:-(\d{2}))?(?![\d])", text):
            y, months = int(year), [int(month)] if month else [1, 12]
            known |= {f"{y:04d}-{months[0]:02d}-01",
                      f"{y:04d}-{months[-1]:02d}-{calendar.monthrange(y, months[-1])[1]:02d}"}
    stray = {}
    for path in site.root.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv", ".ics", ".bib"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            days = set(ISO_DAY.findall(text)) | {"-".join(m) for m in STAMP.findall(text)}
            if days - known:
                stray[path.relative_to(site.root).as_posix()] = sorted(days - known)
    assert stray == {}
    assert f"<lastmod>{AS_OF.isoformat()}</lastmod>" in site.html("sitemap.xml")
