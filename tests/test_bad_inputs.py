"""The bad-input corpus (tests/bad_inputs/cases.yml): every mistake gets its exact message.

Each entry is written into a copy of the real data. Alone, it must add exactly its expected
problem lines to what the copy already reports (normally nothing). All entries together must
give the union of those lines, sorted by file and line, the same from scripts/validate.py and
from `mkdocs build`, with no traceback, and the failed build must leave the last good site
exactly as it was. Text with HTML, a script or template syntax is not an error: it must show on
the page exactly as typed.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import ROOT, copy_data, run_build, small_data

HERE = Path(__file__).parent / "bad_inputs"
CORPUS = yaml.safe_load((HERE / "cases.yml").read_text(encoding="utf-8"))
TEN_MB = 10 * 1024 * 1024
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): ")
SUMMARY = re.compile(r"^(\d+) problems? in the data; ")


def write_entry(entry: dict, data: Path) -> Path:
    """Put one bad input into a data folder; return its path."""
    target = data / entry.get("path", f"cases/{entry['name']}.yml")
    target.parent.mkdir(parents=True, exist_ok=True)
    base = (HERE / entry.get("base", "valid-case.yml")).read_text(encoding="utf-8")
    kind = entry.get("generate")
    if kind == "ten-megabytes":  # made here, never committed
        target.write_bytes(base.encode() + b"#" * (TEN_MB - len(base.encode())))
    elif kind == "link":
        target.symlink_to("/etc/passwd")
    elif kind == "not-utf8":
        target.write_bytes(base.replace("A made-up case", "A caf\u00e9 case").encode("latin-1"))
    elif "text" in entry:
        target.write_text(entry["text"], encoding="utf-8")
    else:
        for old, new in entry.get("replace", []):
            found = base.count(old)
            assert found == 1 or (found and entry.get("everywhere")), \
                f"{entry['name']}: {old!r} occurs {found} times"
            base = base.replace(old, new)
        target.write_text(base, encoding="utf-8")
    return target


def _kb():
    spec = importlib.util.spec_from_file_location("kb_cli", ROOT / "scripts" / "kb.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KB = _kb()


def validate_here(folder: Path, capsys, monkeypatch) -> tuple[int, list[str], str]:
    """`kb.py validate data` run in `folder`: exit code, problem lines, summary line."""
    monkeypatch.chdir(folder)
    code = KB.main(["validate", "data"])
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert "Traceback" not in err
    problems = [line for line in lines if LINE.match(line)]
    summary = [line for line in lines if SUMMARY.match(line)]
    return code, problems, summary[0] if summary else ""


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> set[str]:
    """What the unchanged copy reports (nothing, when the real data is valid)."""
    folder = tmp_path_factory.mktemp("baseline")
    copy_data(folder)
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "data"],
                          cwd=folder, capture_output=True, text=True)
    return {line for line in proc.stderr.splitlines() if LINE.match(line)}


def test_the_base_case_is_valid_and_each_edit_applies_once(tmp_path, capsys, monkeypatch,
                                                          baseline):
    copy_data(tmp_path)
    shutil.copy(HERE / "valid-case.yml", tmp_path / "data" / "cases" / "valid-case.yml")
    _code, problems, _ = validate_here(tmp_path, capsys, monkeypatch)
    assert [p for p in problems if p not in baseline] == []
    names = [e["name"] for e in CORPUS]
    assert len(names) == len(set(names))
    for entry in CORPUS:
        write_entry(entry, tmp_path / "scratch")  # asserts every `old` occurs exactly once


@pytest.mark.parametrize("entry", CORPUS, ids=[e["name"] for e in CORPUS])
def test_each_bad_input_gives_its_exact_message(entry, tmp_path, capsys, monkeypatch, baseline):
    copy_data(tmp_path)
    write_entry(entry, tmp_path / "data")
    code, problems, summary = validate_here(tmp_path, capsys, monkeypatch)
    assert code == 1
    assert [p for p in problems if p not in baseline] == entry["expect"]
    assert summary.startswith(f"{len(problems)} problem")
    assert not (tmp_path / "kb-pwned").exists()


# --- all at once: validate.py, mkdocs build, CI annotations, the last good site ---------------

def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def together(tmp_path_factory, site):
    folder = tmp_path_factory.mktemp("together")
    data = copy_data(folder)
    entries = [e for e in CORPUS if not e.get("alone")]
    for entry in entries:
        write_entry(entry, data)
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    validated = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "data"],
                               cwd=folder, capture_output=True, text=True, env=env)
    out = folder / "site"
    shutil.copytree(site.root, out)
    before = _digest(out)
    built = run_build(out, data_dir=data)
    return {"entries": entries, "validated": validated, "built": built, "folder": folder,
            "site_before": before, "site_after": _digest(out)}


def _problems(text: str, prefix: str = "") -> list[str]:
    return [line.removeprefix(prefix) for line in text.splitlines()
            if LINE.match(line.removeprefix(prefix))]


def test_all_problems_of_a_run_are_listed_at_once_sorted_by_file_and_line(together, baseline):
    run = together["validated"]
    assert run.returncode == 1 and "Traceback" not in run.stderr
    lines = _problems(run.stderr)
    expected = sorted(line for e in together["entries"] for line in e["expect"])
    assert sorted(line for line in lines if line not in baseline) == expected
    keys = [(m["path"], int(m["line"]), int(m["col"])) for m in map(LINE.match, lines)]
    assert keys == sorted(keys)
    assert f"{len(lines)} problems in the data; " in run.stderr


def test_mkdocs_build_prints_the_same_lines_and_keeps_the_last_good_site(together):
    built, prefix = together["built"], str(together["folder"]) + "/"
    assert built.returncode == 1, built.stderr[-2000:]
    assert "Traceback" not in built.stderr
    assert _problems(built.stderr, prefix) == _problems(together["validated"].stderr)
    assert together["site_after"] == together["site_before"]


def test_ci_shows_each_problem_beside_the_diff(together):
    annotations = together["validated"].stdout.splitlines()
    assert len(annotations) == len(_problems(together["validated"].stderr))
    assert ("::error file=data/cases/impossible-date.yml,line=31,col=5::timeline[1].date: "
            '"2012-02-31" is not a valid date: February 2012 has 29 days') in annotations


# --- text that looks like code is shown, never run --------------------------------------------

LITERAL = HERE / "literal-text-case.yml"


@pytest.fixture(scope="module")
def literal_site(tmp_path_factory, records):
    """The literal-text case added to a small copy of the data (conftest.small_data): the
    case it cites and its place are there, and it is what the tests read."""
    folder = tmp_path_factory.mktemp("literal")
    data = small_data(folder, records)
    shutil.copy(LITERAL, data / "cases" / "literal-text.yml")
    out = folder / "site"
    result = run_build(out, data_dir=data)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def _values(value=None) -> list[str]:
    """Every text value of the literal-text case, whitespace normalised."""
    value = yaml.safe_load(LITERAL.read_text(encoding="utf-8")) if value is None else value
    if isinstance(value, dict):
        return [t for item in value.values() for t in _values(item)]
    if isinstance(value, list):
        return [t for item in value for t in _values(item)]
    return [" ".join(value.split())] if isinstance(value, str) else []


def _page(site_root: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site_root / url / "index.html").read_text(encoding="utf-8"), "lxml")


def test_template_syntax_in_text_shows_as_typed_and_never_runs(literal_site):
    jinja = [t for t in _values() if "{{" in t or "{%" in t]
    assert len(jinja) >= 4 and any("{{ config }}" in t for t in jinja)
    assert any("{% include" in t for t in jinja)
    page = _page(literal_site, "cases/literal-text")
    shown = " ".join(page.select_one("article").get_text(" ").split())
    for text in jinja:
        if "<" not in text:
            assert text in shown, text
    assert "{{ 7*7 }}" in page.find("title").get_text()
    assert "49" not in shown                  # {{ 7*7 }} was not evaluated
    assert "site_name" not in shown           # neither {{ config }} nor the include printed it
    assert "loopsloops" not in shown          # the for loop did not run


def test_html_in_text_shows_as_text_or_is_removed_never_run(literal_site):
    title = yaml.safe_load(LITERAL.read_text(encoding="utf-8"))["title"]
    page = _page(literal_site, "cases/literal-text")
    assert page.find("title").get_text().startswith(title)      # plain text: exactly as typed
    assert page.select_one("article h1").get_text(" ").strip().startswith(title)
    assert not [s for s in page.find_all("script") if "kb-probe" in s.get_text()]
    assert not page.select("article img, article b[onclick], [onerror], [onclick]")
    role = " ".join(page.select_one("article").get_text(" ").split())
    assert "Where the" in role and "tags try to run" in role    # the words stay


def test_the_literal_text_reaches_the_index_timeline_and_search_as_text(literal_site):
    title = yaml.safe_load(LITERAL.read_text(encoding="utf-8"))["title"]
    for url in ("cases", "timeline"):
        article = _page(literal_site, url).select_one("article")
        assert not [s for s in article.find_all("script") if "kb-probe" in s.get_text()], url
        assert "{{ 7*7 }}" in article.get_text(), url
    assert title in _page(literal_site, "cases").select_one("article").get_text()
    from macros.kb.search import fragments
    entries = [f for f in fragments(literal_site) if f["url"] == "/cases/literal-text/"]
    assert len(entries) == 1 and entries[0]["meta"]["title"] == title  # text, as typed


def test_a_title_with_html_characters_is_escaped_once_wherever_it_is_shown(literal_site):
    """<, & and " in a title: the page (window title, heading, sharing and citation tags), the
    search result's metadata, the Atom feed, the CSV and JSON exports show it as typed, escaped
    once where it is HTML (parsed, it reads as typed; never &amp;lt; or &amp;amp;), and
    TimelineJS's headline, which it prints as HTML, holds it escaped once."""
    import csv
    import html
    import xml.etree.ElementTree as ET

    title = yaml.safe_load(LITERAL.read_text(encoding="utf-8"))["title"]
    assert {"<", "&", '"'} <= set(title)
    source = (literal_site / "cases" / "literal-text" / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(source, "lxml")
    assert page.find("title").get_text().startswith(title + " - ")
    assert page.select_one("article h1").get_text().strip() == title
    assert page.find("meta", property="og:title")["content"] == title
    assert page.find("meta", attrs={"name": "citation_title"})["content"] == title
    assert not re.search(r"&amp;(lt|gt|amp|quot|#34|#39);", source)  # nothing escaped twice

    from macros.kb.search import fragments
    found = [f for f in fragments(literal_site) if f["url"] == "/cases/literal-text/"]
    assert [f["meta"]["title"] for f in found] == [title]

    feed = ET.parse(literal_site / "exports" / "updates.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert [t for t in titles if "kb-probe" in t] == [f"Case: {title} (Outcome not known)"]

    exports = literal_site / "exports"
    with (exports / "csv" / "cases.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert [r["title"] for r in csv.DictReader(fh) if r["id"] == "literal-text"] == [title]
    records = json.loads((exports / "kb.json").read_text(encoding="utf-8"))["records"]["cases"]
    assert [r["data"]["title"] for r in records if r["id"] == "literal-text"] == [{"en": title}]
    timeline = json.loads((exports / "timelines" / "literal-text.json").read_text("utf-8"))
    headline = timeline["title"]["text"]["headline"]
    assert html.unescape(headline) == title and "<" not in headline and "&amp;amp;" not in headline


def test_the_corpus_holds_no_large_file():
    assert all(p.stat().st_size < 100_000 for p in HERE.rglob("*") if p.is_file())
