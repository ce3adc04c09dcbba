"""The exports a build publishes, loaded as a journalist would load them: every record with its
stable id and permalink, CSV, TimelineJS, schemas. Expected values come from tests/expected.py
(read off the data) and from the files themselves (a permalink must lead to a built page)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys

import jsonschema

from macros.kb import exports, resolve

from .conftest import AS_OF, DATA, EPOCH, ROOT
from .expected import APPEAL_STATES, CASES, COUNTS, EXPORTS, TIMELINE, URL


def _load_json(site, path):
    return json.loads(site.file(path).read_text(encoding="utf-8"))


def _csv(site, path):
    return list(csv.DictReader(io.StringIO(site.file(path).read_text(encoding="utf-8"))))


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
        assert list(rows[0])[:2] == ["id", "url"]
        for row in rows:
            assert row["url"] == f"{URL}{rtype}/{row['id']}/"
    cases = {r["id"]: r for r in _csv(site, "exports/csv/cases.csv")}
    assert list(cases) == list(CASES)
    row = cases["families-returned-shandong-yunnan"]
    assert row["title"] == "Four families detained in Shandong and Yunnan and returned " \
                           "(year not stated)"
    assert row["status"] == "returned" and row["period"] == "XXXX-07-15/XXXX-08"
    assert json.loads(row["timeline"])[1]["date"] == {"edtf": "XXXX-08", "part": "early"}
    places = {r["id"]: r for r in _csv(site, "exports/csv/places.csv")}
    assert places["changchun"]["name"] == "Changchun" and places["changchun"]["kind"] == "city"


def test_timeline_csv_is_the_global_timeline_in_order(site):
    rows = _csv(site, "exports/timeline.csv")
    assert [(f"{r['record_type']}/{r['record_id']}", r["event_id"] or None,
             r["sources"].split("; ")) for r in rows] == [(rec, a, s) for rec, a, s in TIMELINE]
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
        ("changchun-2012-urgent-action", {"year": 2012, "month": 2, "day": 8},
         {"year": 2012, "month": 3, "day": 28}),
        ("changchun-2012-press-release", {"year": 2012, "month": 2, "day": 14}, None),
        ("changchun-2012-planned-return", {"year": 2012, "month": 2, "day": 20}, None),
        ("changchun-2012-appeal-deadline", {"year": 2012, "month": 3, "day": 28}, None)]
    assert doc["events"][1]["display_date"] == "between 8 February and 28 March 2012"
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
