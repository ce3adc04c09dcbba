"""KnowledgeBase -> every downloadable file: JSON, CSV, TimelineJS, schemas, citations, feeds.

`files()` returns {site-relative path: bytes}; the MkDocs hook adds them to the build in
memory (a failed build writes nothing) and `scripts/kb.py export DIR` writes the same bytes.
Every record keeps its stable id (its data file's name) and its permalink; the files hold no
timestamp but the build date, so two builds of the same data are byte-identical.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from pydantic import BaseModel

from . import feeds
from ..data import model
from ..pages import citation, i18n, markup as text
from ..data.dates import KBDate
from ..pages.urls import SiteInfo, export_path, record_url
from ..pages.plaintext import plain
from ..resolve import KnowledgeBase
from ..data.schemas import schema_files


@dataclass(frozen=True)
class ExportFile:
    path: str  # site-relative, under exports/
    kind: str  # the key of its description in locales: exports.kinds.<kind>
    label: str  # what it covers: a record type, a case title, ...


def _json(value, compact: bool = False) -> bytes:
    """UTF-8 JSON; the large all-records file compact (the C encoder; a third of the size)."""
    if compact:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    else:
        text = json.dumps(value, indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def record_data(rec) -> dict:
    """A record as its data file holds it (what the JSON Schema of its type validates)."""
    return rec.data.model_dump(mode="json", exclude_none=True)


def all_json(kb: KnowledgeBase, site: SiteInfo) -> dict:
    records = {rtype: [{"id": rec.id, "type": rtype, "url": record_url(site, rtype, rec.id),
                        "data": record_data(rec)} for rec in kb.all(rtype)]
               for rtype in model.RECORD_TYPES}
    states = [{"case": c.id, "appeal": a.id, "state": st.state, "as_of": st.as_of.isoformat(),
               "url": record_url(site, "cases", c.id, a.id)}
              for c in kb.all("cases") for a in c.data.appeals
              for st in [kb.appeal_states[(c.id, a.id)]]]
    return {"site": {"name": site.name, "url": site.url}, "as_of": kb.as_of.isoformat(),
            "schemas": {t: export_path(f"schemas/{t}.schema.json") for t in model.RECORD_TYPES},
            "records": records, "appeal_states": states}


def _cell(value, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int)):
        return str(value)
    if isinstance(value, dict) and "en" in value:  # Text
        return i18n.text_of(value, lang)
    if isinstance(value, model.DateValue):
        return value.edtf if value.part is None else f"{value.edtf} ({value.part})"
    if isinstance(value, model.Claim):
        return i18n.text_of(value.text, lang)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    dumped = value.model_dump(mode="json", exclude_none=True) if isinstance(value, BaseModel) \
        else [v.model_dump(mode="json", exclude_none=True) if isinstance(v, BaseModel) else v
              for v in value]
    return json.dumps(dumped, ensure_ascii=False, separators=(",", ":"))


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def type_csv(kb: KnowledgeBase, rtype: str, site: SiteInfo, lang: str) -> bytes:
    """One row per record: id, permalink, then every field of the model (nested ones as JSON)."""
    fields = list(model.RECORD_TYPES[rtype].model_fields)
    rows = [[rec.id, record_url(site, rtype, rec.id)]
            + [_cell(getattr(rec.data, f), lang) for f in fields] for rec in kb.all(rtype)]
    return _csv(["id", "url", *fields], rows)


def timeline_csv(kb: KnowledgeBase, site: SiteInfo, lang: str) -> bytes:
    rows = []
    for e in kb.global_timeline:
        rows.append([e.date.text, i18n.date_words(e.date, lang), e.record.type, e.record.id,
                     e.anchor or "", record_url(site, e.record.type, e.record.id, e.anchor),
                     plain(e.title, lang) if e.title else "", plain(e.text, lang),
                     "; ".join(e.sources)])
    return _csv(["date", "date_words", "record_type", "record_id", "event_id", "url", "title",
                 "text", "sources"], rows)


def _tl_date(point) -> dict:
    return {k: v for k, v in (("year", point.year), ("month", point.month),
                              ("day", point.day)) if v is not None}


def _tl_dates(d: KBDate) -> dict:
    out = {"start_date": _tl_date(d.start)}
    if d.end is not None:
        out["end_date"] = _tl_date(d.end)
    return out


def timelinejs(kb: KnowledgeBase, case_rec, site: SiteInfo, lang: str) -> dict:
    """A case's timeline in Knight Lab TimelineJS JSON; events with no stated year, which
    TimelineJS cannot place, are left out and counted in the title slide."""
    case: model.Case = case_rec.data
    events, unplaced = [], 0
    for ev in kb.timelines[case_rec.id]:
        d = ev.date.parsed
        if not d.year_known:
            unplaced += 1
            continue
        srcs = ", ".join(
            f'<a href="{record_url(site, "sources", s)}">'
            f'{text.plain(i18n.text_of(kb.get("sources", s).data.title, lang))}</a>'
            for s in ev.sources)
        events.append({
            "unique_id": f"{case_rec.id}-{ev.id}", **_tl_dates(d),
            "display_date": i18n.date_words(d, lang),
            "text": {"headline": i18n.date_words(d, lang),
                     "text": f"<p>{text.inline(i18n.text_of(ev.text, lang))}</p>"
                             f"<p>{text.plain(i18n.gettext('exports.tl_sources', lang))} "
                             f"{srcs}</p>"},
        })
    intro = f"<p>{text.inline(i18n.text_of(case.summary.text, lang))}</p>"
    if unplaced:
        intro += f"<p>{text.plain(i18n.gettext('exports.tl_unplaced', lang, count=unplaced))}</p>"
    intro += f'<p><a href="{record_url(site, "cases", case_rec.id)}">' \
             f'{text.plain(i18n.gettext("exports.tl_case_page", lang))}</a></p>'
    return {"title": {"unique_id": case_rec.id,
                      "text": {"headline": str(text.plain(i18n.text_of(case.title, lang))),
                               "text": intro}},
            "events": events}


def manifest(kb: KnowledgeBase) -> list[ExportFile]:
    """Every export file, in the order the exports page lists them."""
    out = [ExportFile(export_path("kb.json"), "json", ""),
           ExportFile(export_path("timeline.csv"), "timeline_csv", "")]
    out += [ExportFile(export_path(f"csv/{t}.csv"), "csv", t) for t in model.RECORD_TYPES]
    out += [ExportFile(export_path(f"timelines/{c.id}.json"), "timelinejs", c.id)
            for c in kb.all("cases")]
    out += [ExportFile(export_path("citations.json"), "csl", ""),
            ExportFile(export_path("citations.bib"), "bibtex", ""),
            ExportFile(export_path(feeds.ATOM), "atom", ""),
            ExportFile(export_path(feeds.ICS), "ics", "")]
    out += [ExportFile(export_path(f"schemas/{name}"), "schema", name.split(".")[0])
            for name in schema_files()]
    return out


def files(kb: KnowledgeBase, site: SiteInfo, lang: str = i18n.DEFAULT_LANG) -> dict[str, bytes]:
    """{site-relative path: content} for every file in manifest(), nothing else."""
    cites = citation.all_citations(kb, site, lang)
    out = {export_path("kb.json"): _json(all_json(kb, site), compact=True),
           export_path("timeline.csv"): timeline_csv(kb, site, lang)}
    for t in model.RECORD_TYPES:
        out[export_path(f"csv/{t}.csv")] = type_csv(kb, t, site, lang)
    for c in kb.all("cases"):
        out[export_path(f"timelines/{c.id}.json")] = _json(timelinejs(kb, c, site, lang))
    out[export_path("citations.json")] = _json([c.csl for c in cites], compact=True)
    out[export_path("citations.bib")] = ("\n\n".join(c.bibtex for c in cites) + "\n").encode()
    out[export_path(feeds.ATOM)] = feeds.atom(kb, site, lang)
    out[export_path(feeds.ICS)] = feeds.ics(kb, site, lang)
    for name, schema in schema_files().items():
        out[export_path(f"schemas/{name}")] = _json(schema)
    if set(out) != {f.path for f in manifest(kb)}:
        raise RuntimeError("exports.files() and exports.manifest() list different files")
    return out
