"""The exports a build publishes, loaded as a journalist would load them and checked against
the site's own data: every record with its stable id and permalink, CSV, TimelineJS, schemas."""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import os
import subprocess
import sys

import jsonschema

from macros.kb import exports
from macros.kb.pages import i18n
from macros.kb.data import model
from macros.kb import resolve
from macros.kb.pages.urls import record_url

from .conftest import AS_OF, DATA, EPOCH, ROOT


def _load_json(site, path):
    return json.loads(site.file(path).read_text(encoding="utf-8"))


def _csv(site, path):
    return list(csv.DictReader(io.StringIO(site.file(path).read_text(encoding="utf-8"))))


def _page_for(site, url: str, site_info) -> str:
    """The built page a permalink points at (site-relative URL path)."""
    assert url.startswith(site_info.url), url
    return url[len(site_info.url):].split("#")[0]


def test_every_export_is_built_and_listed_on_the_exports_page(site, kb):
    wanted = [f.path for f in exports.manifest(kb)]
    assert len(wanted) == len(set(wanted))
    for path in wanted:
        assert site.file(path).is_file(), path
    art = site.article("exports/")
    linked = {a["href"] for a in art.select("table.kb-exports a[href]")}
    # the page is at exports/, so each file is linked relative to that folder
    assert linked == {p.removeprefix("exports/") for p in wanted}
    # and the nav and every case page lead there
    assert site.soup("").select_one('nav a[href$="exports/"]') is not None


def test_all_records_json_matches_the_data_with_stable_ids_and_permalinks(site, kb, site_info):
    doc = _load_json(site, "exports/kb.json")
    assert doc["as_of"] == AS_OF.isoformat()
    assert doc["site"]["url"] == site_info.url
    assert set(doc["records"]) == set(model.RECORD_TYPES)
    for rtype in model.RECORD_TYPES:
        listed = doc["records"][rtype]
        assert [r["id"] for r in listed] == [rec.id for rec in kb.all(rtype)]
        for item in listed:
            rec = kb.get(rtype, item["id"])
            assert item["type"] == rtype
            assert item["data"] == exports.record_data(rec)
            assert item["url"] == record_url(site_info, rtype, rec.id)
            assert site.file(_page_for(site, item["url"], site_info)).is_file()
    states = {(s["case"], s["appeal"]): s["state"] for s in doc["appeal_states"]}
    assert states == {key: st.state for key, st in kb.appeal_states.items()}


def test_every_exported_record_validates_against_its_exported_schema(site, kb):
    doc = _load_json(site, "exports/kb.json")
    for rtype, path in doc["schemas"].items():
        schema = _load_json(site, path)
        assert schema == json.loads((DATA / "schemas" / f"{rtype}.schema.json").read_text())
        validator = jsonschema.Draft202012Validator(schema)
        for item in doc["records"][rtype]:
            errors = [e.message for e in validator.iter_errors(item["data"])]
            assert not errors, (rtype, item["id"], errors)


def test_csv_has_one_row_per_record_with_id_permalink_and_title(site, kb, site_info):
    for rtype in model.RECORD_TYPES:
        rows = _csv(site, f"exports/csv/{rtype}.csv")
        assert [r["id"] for r in rows] == [rec.id for rec in kb.all(rtype)]
        fields = list(model.RECORD_TYPES[rtype].model_fields)
        for row in rows:
            rec = kb.get(rtype, row["id"])
            assert list(row) == ["id", "url", *fields]
            assert row["url"] == record_url(site_info, rtype, rec.id)
            for name in ("title", "name"):
                if name in fields:
                    assert row[name] == i18n.text_of(getattr(rec.data, name))
            if rtype == "cases":
                assert row["status"] == rec.data.status
                assert row["period"].split(" ")[0] == rec.data.period.edtf
                assert json.loads(row["timeline"])[0]["id"] == rec.data.timeline[0].id


def test_timeline_csv_is_the_global_timeline_in_order(site, kb, site_info):
    rows = _csv(site, "exports/timeline.csv")
    assert len(rows) == len(kb.global_timeline)
    for row, entry in zip(rows, kb.global_timeline):
        assert (row["record_type"], row["record_id"]) == (entry.record.type, entry.record.id)
        assert row["event_id"] == (entry.anchor or "")
        assert row["date"] == entry.date.text
        assert row["date_words"] == i18n.date_words(entry.date)
        assert row["sources"].split("; ") == list(entry.sources)
        assert row["url"] == record_url(site_info, entry.record.type, entry.record.id,
                                        entry.anchor)
        page = site.html(_page_for(site, row["url"], site_info))
        if entry.anchor:
            assert f'id="{entry.anchor}"' in page


def test_each_case_timeline_is_timelinejs_json_placing_every_dated_event(site, kb):
    seen_ids = set()
    for case in kb.all("cases"):
        doc = _load_json(site, f"exports/timelines/{case.id}.json")
        assert doc["title"]["text"]["headline"] == i18n.text_of(case.data.title)
        dated = [ev for ev in kb.timelines[case.id] if ev.date.parsed.year_known]
        undated = len(kb.timelines[case.id]) - len(dated)
        assert [e["unique_id"] for e in doc["events"]] == [f"{case.id}-{ev.id}" for ev in dated]
        for item, ev in zip(doc["events"], dated):
            d = ev.date.parsed
            assert isinstance(item["start_date"]["year"], int)
            assert item["start_date"]["year"] == d.start.year
            assert item["start_date"].get("month") == d.start.month
            assert item["start_date"].get("day") == d.start.day
            if d.end is not None:
                assert item["end_date"]["year"] == d.end.year
            assert item["display_date"] == i18n.date_words(d)
            assert item["text"]["headline"] and item["text"]["text"]
        # events the tool cannot place are counted on the title slide, not dropped silently
        note = i18n.gettext("exports.tl_unplaced", count=undated)
        assert (note in html.unescape(doc["title"]["text"]["text"])) == bool(undated)
        seen_ids |= {e["unique_id"] for e in doc["events"]}
    assert len(seen_ids) == sum(len([e for e in kb.timelines[c.id] if e.date.parsed.year_known])
                                for c in kb.all("cases"))


def test_the_cli_writes_the_same_bytes_as_the_build(site, tmp_path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    env.pop("KB_DATA_DIR", None)
    result = subprocess.run([sys.executable, "scripts/kb.py", "export", str(tmp_path / "out")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(tmp_path / "out").as_posix()
                     for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written
    for rel in written:
        built = site.file(f"exports/{rel}").read_bytes()
        assert (tmp_path / "out" / rel).read_bytes() == built, rel


def test_exports_are_reproducible_and_change_only_with_the_data(kb, site_info):
    first = exports.files(kb, site_info)
    assert first == exports.files(kb, site_info)
    later = resolve.build(kb.records, AS_OF + dt.timedelta(days=1))
    changed = {p for p, b in exports.files(later, site_info).items() if first[p] != b}
    # only files that state the build date may differ
    assert changed <= {"exports/kb.json", "exports/citations.json", "exports/citations.bib",
                       "exports/appeal-deadlines.ics", "exports/updates.xml"}
