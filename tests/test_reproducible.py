"""Builds are reproducible: the same data gives the same files, byte for byte.

One build reads the real data; a second reads a copy of it from another folder, into another
output folder, with another string hash seed (so any output that follows the order of a Python
set shows up as a difference), and in one process (KB_JOBS=1) where the first renders its pages
in a second one. They run back to back, so that nothing else changes between
them. Every file must be identical. And no file may carry the build machine's clock: every day
in the output comes from the data or from SOURCE_DATE_EPOCH.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest

from .conftest import DATA, copy_data, run_build


SECOND_PROCESS = "in a second process"  # what the build logs when it uses one


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def twice(tmp_path_factory) -> tuple[Path, Path]:
    """The real data built, then a copy of it built elsewhere, one right after the other."""
    folder = tmp_path_factory.mktemp("twice")
    first, scratch = folder / "first", folder / "tmp"
    scratch.mkdir()
    result = run_build(first, extra_env={"PYTHONHASHSEED": "1", "TMPDIR": str(scratch)})
    assert result.returncode == 0, result.stderr[-3000:]
    # two processes wherever there are two cores (and so on CI), and their folder is gone
    assert (SECOND_PROCESS in result.stderr) == ((os.cpu_count() or 1) > 1), result.stderr
    assert list(scratch.iterdir()) == []
    data = copy_data(folder / "elsewhere")
    second = folder / "elsewhere" / "site"
    result = run_build(second, data_dir=data, extra_env={"PYTHONHASHSEED": "12345",
                                                         "KB_JOBS": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert SECOND_PROCESS not in result.stderr
    return first, second


def test_two_builds_of_the_same_data_are_byte_identical(twice):
    first, second = (_digest(out) for out in twice)
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert differ == []
    assert len(first) > 20 and any(name.endswith(".gz") for name in first)


def test_a_dirty_rebuild_into_the_same_folder_gives_the_same_site(tmp_path):
    """`mkdocs build --dirty` asks whether each page's source changed before the second
    process may have written it: generated pages always count as changed. (Not --strict:
    MkDocs warns that dirty builds are for development. Its search index then holds only
    the pages it rebuilt, so that file is left out of the comparison.)"""
    out = tmp_path / "site"
    digests = []
    for args in ((), ("--dirty",)):
        result = run_build(out, strict=False, args=args)
        assert result.returncode == 0, result.stderr[-3000:]
        assert "Traceback" not in result.stderr
        digest = _digest(out)
        digest.pop("search/search_index.json")
        digests.append(digest)
    assert digests[0] == digests[1]


OTHER_EPOCH = "978307200"  # 2001-01-01 00:00 UTC: a day that is never the machine's today
ISO_DAY = re.compile(r"(?<![\d-])(\d{4}-\d{2}-\d{2})(?!\d)")
STAMP = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})T\d{6}")  # iCalendar's 20121123T000000Z


def test_every_date_in_the_output_comes_from_the_data_or_source_date_epoch(tmp_path):
    """A build dated 2001-01-01 holds no other day than those the data gives."""
    out = tmp_path / "site"
    result = run_build(out, extra_env={"SOURCE_DATE_EPOCH": OTHER_EPOCH})
    assert result.returncode == 0, result.stderr[-3000:]
    known = {"2001-01-01"}
    for path in DATA.rglob("*.yml"):
        known |= set(ISO_DAY.findall(path.read_text(encoding="utf-8")))
    stray = {}
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv", ".ics", ".bib"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            days = set(ISO_DAY.findall(text)) | {"-".join(m) for m in STAMP.findall(text)}
            if days - known:
                stray[path.relative_to(out).as_posix()] = sorted(days - known)
    assert stray == {}
    assert "<lastmod>2001-01-01</lastmod>" in (out / "sitemap.xml").read_text(encoding="utf-8")
