"""Play the maintainer: start a case with `kb.py new-case`, then add a finished case (with two new
places and an existing principle) to a copy of the data, build, and find it everywhere a reader
would look. Adding files must be all it takes: no existing file changes, and no page of the
built site changes unless it now shows the new records.
"""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pydantic import BaseModel

from macros.kb.data import model
from macros.kb.data import validate

from .expected import COUNTS
from .conftest import ALL_EDITIONS, ROOT, copy_data, run_build

KB = [sys.executable, str(ROOT / "scripts" / "kb.py")]
TEMPLATE = ROOT / "macros" / "kb" / "data" / "templates" / "case.yml"
CASE_ID = "quillhaven-2013"
PLACES = {
    "quillhaven": "name: Quillhaven\nkind: city\nwithin: china\n"
                  "within_sources: [ai-ua-changchun-2012]\n",
    "marrowby": "name: Marrowby\nkind: city\nwithin: china\nwithin_deduced: A made-up reason.\n",
}
CASE = """\
# yaml-language-server: $schema=../schemas/cases.schema.json
title: Group of five held in Quillhaven, May 2013 (test case)
summary:
  text: A made-up group of five was held in Quillhaven and moved to Marrowby.
  sources: [ai-ua-changchun-2012]
status: fate-unknown
reviewed: "2026-11-23"
period: "2013-05-02/2013-05-20"
people:
  - count: 5
    qualifier: exactly
    label: people
    who: Made-up people, for the maintainer test.
    sources: [ai-ua-changchun-2012]
places:
  - place: quillhaven
    role: Where the made-up group was held.
    sources: [ai-ua-changchun-2012]
  - place: marrowby
    role: Where the made-up group was moved.
    sources: [ai-ua-changchun-2012]
principles:
  - principle: non-refoulement
    how:
      text: The made-up group faced return.
      sources: [ai-ua-changchun-2012]
organisations:
  - organisation: amnesty-international
    role: A made-up role.
    sources: [ai-ua-changchun-2012]
timeline:
  - id: held-quillhaven
    date: "2013-05-02"
    text: The made-up group is held in Quillhaven.
    places: [quillhaven]
    sources: [ai-ua-changchun-2012]
  - id: moved-marrowby
    date: 2013-05-20~
    text: The made-up group is moved to Marrowby.
    places: [marrowby]
    sources: [ai-ua-changchun-2012]
"""
NAMED = [("places", "quillhaven"), ("places", "marrowby"), ("principles", "non-refoulement"),
         ("organisations", "amnesty-international"), ("sources", "ai-ua-changchun-2012")]


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- new-case ----------------------------------------------------------------------------------

def _new_case(data: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([*KB, "new-case", "--data-dir", str(data), *extra], cwd=ROOT,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)


def test_new_case_writes_the_template_and_lists_what_to_fill_in(tmp_path):
    data = copy_data(tmp_path)
    result = _new_case(data, "--title", "Group held in Quillhaven, May 2013",
                       "--date", "2013-05-02", "--source", "ai-ua-changchun-2012")
    assert result.returncode == 0, result.stderr
    path = data / "cases" / "group-held-quillhaven-may-2013.yml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/cases.schema.json"
    assert 'title: "Group held in Quillhaven, May 2013"' in text
    assert 'period: "2013-05-02/2013-05-02"' in text and "sources: [ai-ua-changchun-2012]" in text
    placeholders = [n for n, line in enumerate(text.splitlines(), 1)
                    if "FILL IN" in line and not line.lstrip().startswith("#")]
    listed = [int(m) for m in re.findall(r"group-held-quillhaven-may-2013\.yml:(\d+):",
                                         result.stdout)]
    assert listed == placeholders and len(listed) >= 8  # every placeholder, nothing else
    assert "still the template's placeholder" in result.stdout


def test_new_case_refuses_an_existing_id_and_bad_input_and_writes_nothing(tmp_path):
    data = copy_data(tmp_path)
    existing = data / "cases" / "changchun-2012.yml"
    before = existing.read_bytes()
    result = _new_case(data, "--title", "Anything", "--date", "2012-02-31",
                       "--source", "ai-ua-changchun-201", "--id", "changchun-2012")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "already exists" in result.stderr
    assert '"2012-02-31" is not a valid date: February 2012 has 29 days' in result.stderr
    assert 'did you mean "ai-ua-changchun-2012"?' in result.stderr
    assert existing.read_bytes() == before
    assert sorted(p.name for p in (data / "cases").iterdir()) == sorted(
        p.name for p in (ROOT / "data" / "cases").iterdir())


def test_new_case_without_a_title_outside_a_terminal_says_which_option(tmp_path):
    result = _new_case(copy_data(tmp_path))
    assert result.returncode != 0 and "--title" in result.stderr
    assert "Traceback" not in result.stderr


FILLED = {"text": "Made up.", "status": "fate-unknown", "count": "3", "qualifier": "around",
          "label": "people", "who": "Made-up people.", "place": "shenyang",
          "role": "Made up.", "id": "first"}


def test_the_template_once_filled_in_is_a_valid_case(tmp_path):
    data = copy_data(tmp_path)
    assert _new_case(data, "--title", "T", "--date", "2013-05", "--source",
                     "ai-ua-changchun-2012", "--id", "filled").returncode == 0
    path = data / "cases" / "filled.yml"
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\s*(?:- )?)(\w+): FILL IN", line)
        lines.append(f"{m[1]}{m[2]}: {FILLED[m[2]]}" if m else line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = validate.check(data)
    assert [str(p) for p in problems if p.path.name == "filled.yml"] == []


def _field_names(cls, seen=None) -> set[str]:
    seen = set() if seen is None else seen
    names = set()
    for name, info in cls.model_fields.items():
        names.add(name)
        for sub in _models(info.annotation):
            if sub not in seen:
                seen.add(sub)
                names |= _field_names(sub, seen)
    return names


def _models(annotation):
    import typing
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in typing.get_args(annotation) for m in _models(a)]


def test_the_template_shows_every_field_of_a_case():
    text = TEMPLATE.read_text(encoding="utf-8")
    missing = [n for n in sorted(_field_names(model.Case))
               if not re.search(rf"(^|[\s{{#(-]){n}:", text, re.M)]
    assert missing == []


# --- a finished case, built ------------------------------------------------------------------

@pytest.fixture(scope="module")
def added(tmp_path_factory, site):
    """The real data plus one new case file (and its two new places), built from a copy in
    another folder; the baseline is the session's site, of the unchanged data (a build from
    another folder makes the same files: test_reproducible.py)."""
    folder = tmp_path_factory.mktemp("maintainer")
    data = copy_data(folder)
    before = _digest(data)
    baseline = site.root
    (data / "cases" / f"{CASE_ID}.yml").write_text(CASE, encoding="utf-8")
    for pid, body in PLACES.items():
        header = "# yaml-language-server: $schema=../schemas/places.schema.json\n"
        (data / "places" / f"{pid}.yml").write_text(header + body, encoding="utf-8")
    out = folder / "site"
    result = run_build(out, data_dir=data, editions=ALL_EDITIONS)
    assert result.returncode == 0, result.stderr[-3000:]
    return {"data": data, "data_before": before, "out": out, "baseline": baseline}


def test_the_maintainer_only_added_files(added):
    after = _digest(added["data"])
    assert {k: v for k, v in after.items() if k in added["data_before"]} == added["data_before"]
    assert sorted(set(after) - set(added["data_before"])) == sorted(
        [f"cases/{CASE_ID}.yml"] + [f"places/{p}.yml" for p in PLACES])


def test_the_case_has_its_page_with_its_timeline(added):
    page = _soup(added["out"] / "cases" / CASE_ID / "index.html").select_one("article")
    assert "Group of five held in Quillhaven" in page.h1.get_text()
    items = page.select("ol.kb-timeline > li")
    assert [li["id"] for li in items] == ["held-quillhaven", "moved-marrowby"]
    assert "2 May 2013" in items[0].get_text() and "around 20 May 2013" in items[1].get_text()
    hrefs = {a["href"] for a in page.select("a[href]")}
    for rtype, rid in NAMED:
        assert f"../../{rtype}/{rid}/" in hrefs, rid


def test_the_case_is_in_the_index_the_backlinks_and_the_global_timeline(added):
    out = added["out"]
    index = {a["href"] for a in _soup(out / "cases" / "index.html").select("article a")}
    assert f"{CASE_ID}/" in index
    for rtype, rid in NAMED:
        links = {a["href"] for a in _soup(out / rtype / rid / "index.html").select("article a")}
        assert f"../../cases/{CASE_ID}/" in links, f"{rtype}/{rid}"
    timeline = _soup(out / "timeline" / "index.html").select_one("article")
    assert "The made-up group is moved to Marrowby." in timeline.get_text()
    hrefs = {a["href"] for a in timeline.select("a[href]")}
    assert f"../cases/{CASE_ID}/#held-quillhaven" in hrefs


def test_every_edition_shows_the_case_in_english_until_it_is_translated(added):
    """The maintainer wrote no translation: the Korean and Chinese editions have the page and
    list it, its text shown in English, marked, under the edition's notice."""
    for edition, untranslated in (("ko", "영어로 표시됩니다"), ("zh", "以英文显示")):
        soup = _soup(added["out"] / edition / "cases" / CASE_ID / "index.html")
        assert soup.html["lang"] == edition
        assert soup.select_one("article h1").get_text(strip=True).startswith(
            "Group of five held in Quillhaven")
        assert untranslated in soup.select_one(".kb-edition-notice").get_text()
        assert soup.select('article [lang="en"]')
        index = {a["href"] for a in _soup(
            added["out"] / edition / "cases" / "index.html").select("article a")}
        assert f"{CASE_ID}/" in index
    feed = (added["out"] / "exports" / "updates.ko.xml").read_text(encoding="utf-8")
    assert f"/ko/cases/{CASE_ID}/" in feed


def test_the_case_is_in_the_search_index(added):
    from macros.kb.search import fragments
    pages = {f["url"]: f for f in fragments(added["out"])}
    mine = pages[f"/cases/{CASE_ID}/"]
    assert "Quillhaven" in mine["meta"]["title"] and "Marrowby" in mine["content"]
    assert "/places/marrowby/" in pages


EXPORT_SUFFIXES = {".json", ".csv", ".ics", ".xml", ".bib", ".geojson", ".atom", ".rss"}


def test_the_case_is_in_every_export_that_lists_all_records_of_its_type(added):
    exports = added["out"] / "exports"
    for name in ("kb.json", "csv/cases.csv", "people.csv", "timeline.csv", "citations.json",
                 "citations.bib", "updates.xml"):
        assert CASE_ID in (exports / name).read_text(encoding="utf-8"), name
    for name in ("kb.json", "csv/places.csv"):
        text = (exports / name).read_text(encoding="utf-8")
        assert all(p in text for p in PLACES), name
    assert (exports / "timelines" / f"{CASE_ID}.json").is_file()


def test_the_case_has_a_place_on_its_year_of_the_timeline(added):
    year = (added["out"] / "timeline" / "2013" / "index.html").read_text(encoding="utf-8")
    assert f'href="../../cases/{CASE_ID}/#' in year
    front = (added["out"] / "timeline" / "index.html").read_text(encoding="utf-8")
    assert 'href="2013/"' in front


def test_no_other_page_changed(added):
    """Every file that differs from the build of the unchanged data shows the new records."""
    before, after = _digest(added["baseline"]), _digest(added["out"])
    aggregates = {"sitemap.xml", "sitemap.xml.gz"}  # and the search index, pagefind/
    # the case's year is new to the timeline: the years before and after now link to its page;
    # the About and Exports pages count the cases
    n = COUNTS["cases"] + 1  # the About page, the home page's and case index's scope
    marks = [CASE_ID, *PLACES, "Quillhaven", "Marrowby", "../2013/", f"holds {n} cases",
             f"each of the {n} cases"]
    changed = {name for name, digest in after.items()
               if before.get(name) != digest and name not in aggregates
               and not name.startswith("pagefind/")}
    unexplained = []
    for name in sorted(changed):
        body = (added["out"] / name).read_bytes().decode("utf-8", "replace")
        if any(m in body for m in marks):
            continue
        # a page of the Korean or Chinese edition changes with its English page (the counts
        # and dates there are worded in the edition's language)
        english = name[3:] if name.startswith(("ko/", "zh/")) else None
        if english in changed and english not in unexplained:
            continue
        unexplained.append(name)
    assert unexplained == []
    stable = {name for name in before if not name.startswith("pagefind/")}  # hashed names
    assert stable <= set(after)
