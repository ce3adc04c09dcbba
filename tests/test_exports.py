"""The exports a build publishes, loaded as a journalist would load them: every record with its
stable id and permalink, CSV, TimelineJS, schemas. Expected values come from tests/expected.py
(read off the data) and from the files themselves (a permalink must lead to a built page)."""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import subprocess
import sys

import jsonschema

from macros.kb import exports, resolve

from .conftest import AS_OF, DATA, EPOCH, ROOT
from .expected import APPEAL_STATES, CASES, COUNTS, EXPORTS, TIMELINE, URL


def _load_json(site, path):
    return json.loads(site.file(path).read_text(encoding="utf-8"))


def _csv(site, path):
    """A CSV file's rows, read as Python's csv documentation says to (utf-8-sig: the file
    begins with a byte-order mark for Excel)."""
    with site.file(path).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


CSV_FILES = [p for p in EXPORTS if p.endswith(".csv")]


def _page_for(url: str) -> str:
    """The built page a permalink points at (site-relative URL path)."""
    assert url.startswith(URL), url
    return url[len(URL):].split("#")[0]


def test_every_export_is_built_and_listed_on_the_exports_page(site):
    for path in EXPORTS:
        assert site.file(f"exports/{path}").is_file(), path
    art = site.article("exports/")
    # the page is at exports/, so each file is linked relative to that folder; the per-case
    # TimelineJS files are one entry, its link the first case's file, and each case page links its own
    per_case = [p for p in EXPORTS if p.startswith("timelines/")]
    assert sorted(a["href"] for a in art.select("dl.kb-exports a[href]")) == sorted(
        [p for p in EXPORTS if p not in per_case] + ["timelines/mass-returns-2000.json"])
    for case in CASES:
        assert site.article(f"cases/{case}/").select_one(
            f'a[href="../../exports/timelines/{case}.json"]') is not None, case
    assert site.soup("").select_one('nav a[href$="exports/"]') is not None


def test_all_records_json_has_every_record_with_its_stable_id_and_permalink(site):
    doc = _load_json(site, "exports/kb.json")
    assert doc["as_of"] == AS_OF.isoformat()
    assert doc["site"]["url"] == URL
    assert {t: len(items) for t, items in doc["records"].items()} == COUNTS
    assert [r["id"] for r in doc["records"]["cases"]] == list(CASES)
    for rtype, items in doc["records"].items():
        for item in items:
            assert item["type"] == rtype
            assert item["url"] == f"{URL}{rtype}/{item['id']}/"
            assert site.file(_page_for(item["url"])).is_file()
    case = {r["id"]: r["data"] for r in doc["records"]["cases"]}["changchun-2012"]
    # every language: the English in the case file, the others from data/translations/
    assert case["title"] == {"en": "Group of at least 21 held in Changchun, February 2012",
                             "ko": "창춘에 억류된 최소 21명, 2012년 2월",
                             "zh": "2012年2月在长春被关押的至少21人"}
    assert case["period"]["edtf"] == "2012-02-08/2012-03-28"
    assert case["period"]["deduced"]["en"].startswith("the year of the start")
    assert [e["id"] for e in case["timeline"]] == [
        "detained-shenyang", "press-release", "planned-return", "urgent-action",
        "appeal-deadline"]  # in the file's order
    assert case["people"][0]["count"] == 21 and case["people"][0]["qualifier"] == "at-least"
    assert {(s["case"], s["appeal"]): s["state"] for s in doc["appeal_states"]} == APPEAL_STATES
    assert all(s["as_of"] == AS_OF.isoformat() for s in doc["appeal_states"])


def test_every_exported_record_validates_against_its_exported_schema(site):
    doc = _load_json(site, "exports/kb.json")
    for rtype, path in doc["schemas"].items():
        schema = _load_json(site, path)
        assert schema == json.loads((DATA / "schemas" / f"{rtype}.schema.json").read_text())
        validator = jsonschema.Draft202012Validator(schema)
        for item in doc["records"][rtype]:
            errors = [e.message for e in validator.iter_errors(item["data"])]
            assert not errors, (rtype, item["id"], errors)


def test_csv_has_one_row_per_record_with_id_permalink_and_title(site):
    for rtype, n in COUNTS.items():
        rows = _csv(site, f"exports/csv/{rtype}.csv")
        assert len(rows) == n
        assert list(rows[0])[0] == "id" and "url" in rows[0]
        for row in rows:
            assert row["url"] == f"{URL}{rtype}/{row['id']}/"
    places = {r["id"]: r for r in _csv(site, "exports/csv/places.csv")}
    assert places["changchun"]["name"] == "Changchun" and places["changchun"]["kind"] == "city"
    assert (places["changchun"]["coordinates_lat"], places["changchun"]["coordinates_lon"]) == \
        ("43.9", "125.3")


def test_cases_csv_is_flat_one_row_per_case_for_a_spreadsheet(site):
    rows = _csv(site, "exports/csv/cases.csv")
    assert list(rows[0]) == ["id", "title", "status", "start", "end", "period", "period_words",
                             "count", "qualifier", "people", "places", "principles", "sources",
                             "url"]
    cases = {r["id"]: r for r in rows}
    assert list(cases) == list(CASES)
    assert cases["changchun-2012"] == {
        "id": "changchun-2012",
        "title": "Group of at least 21 held in Changchun, February 2012",
        "status": "fate-unknown", "start": "2012-02-08", "end": "2012-03-28",
        "period": "2012-02-08/2012-03-28", "period_words": "8 February – 28 March 2012",
        "count": "21", "qualifier": "at-least",
        "people": "at least 21 North Koreans held in Changchun",
        "places": "shenyang; changchun; north-korea; south-korea",
        "principles": "non-refoulement; refugee-sur-place; right-to-seek-asylum; unhcr-access",
        "sources": "ai-ua-changchun-2012; ai-pre-01-082-2012",
        "url": f"{URL}cases/changchun-2012/"}
    # no year stated: no ISO days, the period kept as EDTF and said in words
    families = cases["families-returned-shandong-yunnan"]
    assert (families["start"], families["end"], families["period"], families["period_words"]) \
        == ("", "", "XXXX-07-15/XXXX-08", "15 July – August (year not stated)")
    # several groups: their counts and qualifiers joined, in the data's order
    assert (families["count"], families["qualifier"]) == ("29; 6", "around; exactly")
    # a month to a day: June 2017 to the letter of 25 June 2017
    assert (cases["five-refugees-yanji"]["start"], cases["five-refugees-yanji"]["end"]) == (
        "2017-06-01", "2017-06-25")
    mass = cases["mass-returns-2000"]
    assert (mass["count"], mass["qualifier"]) == ("", "unknown; unknown")
    assert mass["people"].startswith("thousands of North Koreans reported sent back; ")


def test_every_csv_opens_cleanly_in_excel_libreoffice_and_python(site):
    """UTF-8 with a byte-order mark (Excel on Windows reads a file without one in the local
    code page, and a dash garbles), CRLF between rows, no line break inside a cell (a row is a
    line in any editor), and no cell holding JSON."""
    assert len(CSV_FILES) == 13
    for path in CSV_FILES:
        raw = site.file(f"exports/{path}").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), path
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), path
        with site.file(f"exports/{path}").open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows[0][0] in ("id", "date", "case"), path  # the mark is not part of a name
        assert len({len(r) for r in rows}) == 1, path
        for row in rows:
            for cell in row:
                try:
                    value = json.loads(cell)
                except ValueError:
                    continue
                assert not isinstance(value, (dict, list)), (path, cell[:80])
    # a non-ASCII dash survives the round trip
    timeline = site.file("exports/timeline.csv").read_bytes()
    assert "15 – 17 July (year not stated)".encode("utf-8") in timeline
    rows = _csv(site, "exports/timeline.csv")
    assert "15 – 17 July (year not stated)" in {r["date_words"] for r in rows}


def test_every_dated_csv_gives_the_date_as_edtf_iso_days_and_words(site):
    sources = {r["id"]: r for r in _csv(site, "exports/csv/sources.csv")}
    assert [(sources[s]["date"], sources[s]["earliest"], sources[s]["latest"],
             sources[s]["date_words"]) for s in (
        "ai-ua-changchun-2012", "ai-ua-families-returned", "ai-ua-105-00-fi-2000",
        "hrw-letter-xi-five-refugees", "ai-pre-01-082-2012")] == [
        ("2012-02-15", "2012-02-15", "2012-02-15", "15 February 2012"),
        ("XXXX", "", "", "date not stated"),
        ("2000", "2000-01-01", "2000-12-31", "2000"),
        ("2017-06-25", "2017-06-25", "2017-06-25", "25 June 2017"),
        ("2012-02-14", "2012-02-14", "2012-02-14", "14 February 2012")]
    # an open end: a first day and no last (Amnesty's follow-up of 17 November 2017 or later)
    assert (sources["ai-be-2017-11-returned-sinuiju"]["earliest"],
            sources["ai-be-2017-11-returned-sinuiju"]["latest"]) == ("2017-11-17", "")
    assert sources["ai-ua-105-00-fi-2000"]["identifiers"] == \
        "UA number 105/00; AI Index ASA 17/21/00"
    events = {r["id"]: r for r in _csv(site, "exports/csv/events.csv")}
    summit = events["inter-korean-summit-2000"]
    assert (summit["date"], summit["earliest"], summit["latest"], summit["date_words"]) == (
        "2000-06-12/2000-06-14", "2000-06-12", "2000-06-14", "12 – 14 June 2000")
    assert summit["text_sources"] == "ai-ua-105-00-fi-2000 para. 3"
    instruments = {r["id"]: r for r in _csv(site, "exports/csv/instruments.csv")}
    assert [instruments["udhr"][c] for c in ("adopted", "adopted_earliest", "adopted_latest",
                                             "adopted_words", "in_force")] == [
        "1948-12-10", "1948-12-10", "1948-12-10", "10 December 1948", ""]
    people = _csv(site, "exports/people.csv")
    assert [(r["case"], r["earliest"], r["latest"], r["period_words"]) for r in people][2:5] == [
        ("changchun-2012", "2012-02-08", "2012-03-28", "8 February – 28 March 2012"),
        ("eight-detained-shenyang-2017-03", "2017-03-01", "2017-12-31", "March – December 2017"),
        ("five-refugees-yanji", "2017-06-01", "2017-06-25", "June – 25 June 2017")]
    header = site.file("exports/figures.csv").read_text(encoding="utf-8-sig").split("\n")[0]
    assert header.strip() == "case,case_title,url,of,date,earliest,latest,date_words,count," \
                             "count_max,qualifier,total,note,sources,source_urls"


def test_no_export_nor_the_exports_page_names_a_stored_document(site):
    """The project's file names of its stored documents (a source's `document`, such as
    000_d90abcfbbf71489b.txt) are not for readers: in no CSV, not in kb.json, nor on the
    Exports page of any edition."""
    pattern = re.compile(r"[0-9]{3}_[0-9a-f]{16}\.txt")
    assert "000_d90abcfbbf71489b.txt" in (DATA / "sources" / "ai-ua-changchun-2012.yml").read_text()
    for path in [*CSV_FILES, "kb.json", "citations.json", "citations.bib"]:
        text = site.file(f"exports/{path}").read_text(encoding="utf-8-sig")
        assert not pattern.search(text), path
    for page in ("exports/", "ko/exports/", "zh/exports/"):
        assert not pattern.search(site.html(page)), page
    doc = _load_json(site, "exports/kb.json")
    assert all("document" not in s["data"] for s in doc["records"]["sources"])
    assert "document" not in _csv(site, "exports/csv/sources.csv")[0]


def test_timeline_csv_is_the_global_timeline_in_order(site):
    rows = _csv(site, "exports/timeline.csv")
    assert [(f"{r['record_type']}/{r['record_id']}", r["event_id"] or None,
             [s.split(" ")[0] for s in r["sources"].split("; ")]) for r in rows] == [
        (rec, a, s) for rec, a, s in TIMELINE]
    for row in rows:
        page = site.html(_page_for(row["url"]))
        if row["event_id"]:
            assert row["url"].endswith(f"#{row['event_id']}")
            assert f'id="{row["event_id"]}"' in page
    families = [r for r in rows if r["record_id"] == "families-returned-shandong-yunnan"]
    assert [(r["date"], r["date_words"]) for r in families] == [
        ("XXXX-07-15/XXXX-07-17", "15 – 17 July (year not stated)"),
        ("XXXX-08", "early August (year not stated)")]


def test_each_case_timeline_is_timelinejs_json_placing_every_dated_event(site):
    doc = _load_json(site, "exports/timelines/changchun-2012.json")
    assert doc["title"]["text"]["headline"] == \
        "Group of at least 21 held in Changchun, February 2012"
    assert [(e["unique_id"], e["start_date"], e.get("end_date")) for e in doc["events"]] == [
        ("changchun-2012-detained-shenyang", {"year": 2012, "month": 2, "day": 8}, None),
        ("changchun-2012-press-release", {"year": 2012, "month": 2, "day": 14}, None),
        ("changchun-2012-urgent-action", {"year": 2012, "month": 2, "day": 15}, None),
        ("changchun-2012-planned-return", {"year": 2012, "month": 2, "day": 20}, None),
        ("changchun-2012-appeal-deadline", {"year": 2012, "month": 3, "day": 28}, None)]
    assert doc["events"][2]["display_date"] == "15 February 2012"
    assert "whose year the sources do not state" not in doc["title"]["text"]["text"]
    # events TimelineJS cannot place (no year) are counted on the title slide, not dropped
    doc = _load_json(site, "exports/timelines/families-returned-shandong-yunnan.json")
    assert doc["events"] == []
    assert "2 events whose year the sources do not state" in doc["title"]["text"]["text"]


def test_the_cli_writes_the_same_bytes_as_the_build(site, tmp_path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    env.pop("KB_DATA_DIR", None)
    result = subprocess.run([sys.executable, "scripts/kb.py", "export", str(tmp_path / "out")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(tmp_path / "out").as_posix()
                     for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == sorted(EXPORTS)
    for rel in written:
        assert (tmp_path / "out" / rel).read_bytes() == site.file(f"exports/{rel}").read_bytes()


def test_exports_are_reproducible_and_change_only_with_the_build_date(records, site_info):
    kb = resolve.build(records, AS_OF)
    first = exports.files(kb, site_info)
    assert first == exports.files(resolve.build(records, AS_OF), site_info)
    later = resolve.build(records, AS_OF + dt.timedelta(days=1))
    changed = {p for p, b in exports.files(later, site_info).items() if first[p] != b}
    # only the files that state the build date (as_of, and the access date of citations)
    # differ; the feed is dated by the data's review, and no appeal is open to put in the
    # calendar with its stamp
    assert changed == {"exports/kb.json", "exports/citations.json", "exports/citations.bib"}
