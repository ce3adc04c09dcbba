"""The build as a maintainer runs it: another data folder, a broken reference, no hooks."""
import subprocess
import sys
import textwrap

import yaml
from bs4 import BeautifulSoup

from .conftest import ROOT, copy_data, run_build

SECOND_CASE = """\
# yaml-language-server: $schema=../schemas/cases.schema.json
title: A second test case
summary:
  text: A test case added in one file to check that everything else follows.
  sources: [ai-pre-01-082-2012]
status: at-risk
reviewed: "2026-11-23"
period: "2012-02"
people:
  - count: 3
    qualifier: around
    label: people in a test case
    who: People in a test case.
    sources: [ai-pre-01-082-2012]
places:
  - place: changchun
    role: Where the test case happened.
principles:
  - principle: non-refoulement
    how:
      text: The test case engages the principle.
      sources: [ai-pre-01-082-2012]
timeline:
  - id: only-event
    date: "2012-02~"
    text: Something happened around February 2012.
    places: [changchun]
    sources: [ai-pre-01-082-2012]
"""


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_a_second_case_needs_one_new_file_and_nothing_else(tmp_path):
    data = copy_data(tmp_path)
    (data / "cases" / "second-test-case.yml").write_text(SECOND_CASE, encoding="utf-8")
    out = tmp_path / "site"
    result = run_build(out, data_dir=data)
    assert result.returncode == 0, result.stderr
    page = _soup(out / "cases" / "second-test-case" / "index.html")
    assert page.select_one("h1").get_text(strip=True) == "A second test case"
    assert "around 3" in page.select_one(".kb-people-line").get_text()
    item = page.select_one("ol.kb-timeline > li#only-event")
    assert "around February 2012" in item.get_text()
    index_links = [a["href"] for a in _soup(out / "cases" / "index.html").select("article a")]
    assert "second-test-case/" in index_links
    for backlinked in ["principles/non-refoulement", "places/changchun",
                       "sources/ai-pre-01-082-2012"]:
        links = [a["href"] for a in _soup(out / backlinked / "index.html").select("article a")]
        assert "../../cases/second-test-case/" in links, backlinked
    timeline = _soup(out / "timeline" / "index.html").get_text()
    assert "Something happened around February 2012." in timeline


def test_a_broken_reference_fails_with_file_line_and_field_and_writes_nothing(tmp_path):
    data = copy_data(tmp_path)
    case = data / "cases" / "changchun-2012.yml"
    text = case.read_text(encoding="utf-8")
    assert "  - place: changchun\n" in text
    case.write_text(text.replace("  - place: changchun\n", "  - place: changchum\n", 1),
                    encoding="utf-8")
    line = text.splitlines().index("  - place: changchun") + 1
    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.txt").write_text("last good build")
    result = run_build(out, data_dir=data)
    assert result.returncode != 0
    assert f"changchun-2012.yml:{line}:" in result.stderr
    assert "places[" in result.stderr
    assert '.place: no place with the id "changchum"' in result.stderr
    assert 'did you mean "changchun"?' in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_validate_script_reports_the_same_problem(tmp_path):
    data = copy_data(tmp_path)
    case = data / "cases" / "changchun-2012.yml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        'reviewed: "2026-11-23"', 'reviewed: "2026-02-31"'), encoding="utf-8")
    result = subprocess.run([sys.executable, "scripts/validate.py", str(data)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "changchun-2012.yml:" in result.stderr
    assert 'reviewed: "2026-02-31" is not a valid date' in result.stderr


def test_pages_written_out_build_without_hooks_or_macros(tmp_path):
    """The path for builders that run no MkDocs hooks (such as Zensical)."""
    out_docs = tmp_path / "docs"
    written = subprocess.run([sys.executable, "scripts/kb.py", "write-pages", str(out_docs)],
                             cwd=ROOT, capture_output=True, text=True)
    assert written.returncode == 0, written.stderr
    assert (out_docs / "cases" / "changchun-2012.md").exists()
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks")
    config["plugins"] = ["search"]
    config["docs_dir"] = str(out_docs)
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["watch"] = []
    config["validation"] = {"omitted_files": "info", "absolute_links": "warn",
                            "unrecognized_links": "warn", "anchors": "warn"}
    index = out_docs / "index.md"
    index.write_text(textwrap.dedent("""\
        # Forced returns of North Koreans from China

        See [the cases](cases/index.md).
        """), encoding="utf-8")
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text(yaml.safe_dump(config), encoding="utf-8")
    result = run_build(tmp_path / "site", config=cfg)
    assert result.returncode == 0, result.stderr
    page = _soup(tmp_path / "site" / "cases" / "changchun-2012" / "index.html")
    assert page.select_one("ol.kb-timeline > li#detained-shenyang")
