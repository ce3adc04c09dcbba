"""No protected identity reaches the site: refused at validation, absent from every output file.

tests/fixtures/protected/protected.yml lists invented names and identifying strings; the case
and place files beside it try to publish them through every door the data model might leave
open (an extra key in a text mapping, a name on a people group, a public person without the
source that shows it, an address or coordinates on a place).
"""
from __future__ import annotations

import gzip
import html
import json
import shutil
import zipfile
from pathlib import Path, PurePosixPath

import pytest
import yaml

from macros.kb.data import validate

from .conftest import copy_data, run_build

FIXTURES = Path(__file__).parent / "fixtures" / "protected"
PROTECTED = yaml.safe_load((FIXTURES / "protected.yml").read_text(encoding="utf-8"))
NEEDLES = [*PROTECTED["names"], *PROTECTED["strings"]]
PROBES = sorted(p for p in FIXTURES.rglob("*.yml") if p.name != "protected.yml")


def _views(path: Path) -> list[str]:
    """The text of one output file as a reader or a machine could see it; of a zip (the
    offline copy), of every file in it."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return [view for name in archive.namelist()
                    for view in _file_views(PurePosixPath(name), archive.read(name))]
    return _file_views(path, path.read_bytes())


def _file_views(path, raw: bytes) -> list[str]:
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return []
    views = [text, html.unescape(text)]
    if path.suffix == ".json":
        views.append(json.dumps(json.loads(text), ensure_ascii=False))
    return views


def scan(root: Path, needles=NEEDLES) -> dict[str, list[str]]:
    """{file: [needles found]} for every file under root (case-insensitive)."""
    hits: dict[str, list[str]] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        views = [v.lower() for v in _views(path)]
        found = [n for n in needles if any(n.lower() in v for v in views)]
        if found:
            hits[path.relative_to(root).as_posix()] = found
    return hits


def _smuggle_lines(path: Path) -> set[int]:
    return {n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if line.rstrip().endswith("# smuggle")}


def _with_probes(tmp_path) -> Path:
    data = copy_data(tmp_path)
    for probe in PROBES:
        target = data / probe.parent.name / probe.name
        shutil.copy(probe, target)
    return data


def test_the_scanner_finds_a_name_in_every_encoding(tmp_path):
    name = PROTECTED["names"][-1]  # not ASCII: JSON escapes it, HTML may use references
    (tmp_path / "a.html").write_text("<p>" + "".join(f"&#{ord(c)};" for c in name) + "</p>")
    (tmp_path / "b.json").write_text(json.dumps({"t": name}))
    (tmp_path / "c.xml.gz").write_bytes(gzip.compress(name.encode()))
    (tmp_path / "d.txt").write_text(PROTECTED["names"][0].upper())
    assert scan(tmp_path) == {"a.html": [name], "b.json": [name], "c.xml.gz": [name],
                              "d.txt": [PROTECTED["names"][0]]}


def test_every_name_in_a_probe_sits_on_a_line_that_must_be_refused():
    """Keeps the fixtures honest: no protected name hides on an unmarked line."""
    for probe in PROBES:
        lines = probe.read_text(encoding="utf-8").splitlines()
        marked = _smuggle_lines(probe)
        for number, line in enumerate(lines, 1):
            if any(n in line for n in NEEDLES):
                assert number in marked, f"{probe.name}:{number} holds a name but is unmarked"
        assert marked


def test_every_smuggling_attempt_is_refused_with_its_line(tmp_path):
    data = _with_probes(tmp_path)
    _, problems = validate.check(data)
    for probe in PROBES:
        copy = data / probe.parent.name / probe.name
        reported = {p.line for p in problems if p.path.resolve() == copy.resolve()}
        missing = _smuggle_lines(probe) - reported
        assert not missing, f"{probe.name}: lines {sorted(missing)} were accepted"


def test_a_build_with_the_probes_fails_and_publishes_nothing(tmp_path):
    data = _with_probes(tmp_path)
    out = tmp_path / "site"
    result = run_build(out, data_dir=data)
    assert result.returncode != 0
    assert "smuggle-probe.yml" in result.stderr
    assert not [n for n in NEEDLES if n in result.stderr], "the build log repeats a name"
    assert not out.exists() or scan(out) == {}


def test_the_built_site_holds_none_of_the_protected_strings(site):
    files = [p for p in site.root.rglob("*") if p.is_file()]
    kinds = {p.suffix for p in files}
    assert {".html", ".json", ".xml", ".gz", ".zip"} <= kinds, kinds  # pages, search index,
    # sitemap, offline copy
    assert scan(site.root) == {}


@pytest.mark.parametrize("folder", ["cases", "places"])
def test_the_probes_are_complete_records_apart_from_the_smuggling(tmp_path, folder):
    """Each probe fails only because of its marked lines, so every door is really tried."""
    data = _with_probes(tmp_path)
    _, problems = validate.check(data)
    for probe in (p for p in PROBES if p.parent.name == folder):
        copy = data / folder / probe.name
        lines = {p.line for p in problems if p.path.resolve() == copy.resolve()}
        assert lines <= _smuggle_lines(probe), [str(p) for p in problems
                                                if p.path.resolve() == copy.resolve()]
