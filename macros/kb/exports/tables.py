"""KnowledgeBase -> data files: every record as JSON (kb.json); the timeline, the people and
the reported figures as CSV (the record types' tables: flat.py); what every CSV shares.

Every record keeps its stable id (its data file's name) and its permalink. Every date in a CSV
comes as EDTF, as its earliest and latest ISO days and in words (date_cells).
"""
from __future__ import annotations

import csv
import io
import json

from ..data import model
from ..common import i18n
from ..common.plaintext import plain
from ..common import urls
from ..common.urls import SiteInfo, export_path
from ..resolve import KnowledgeBase


def to_json(value, compact: bool = False) -> bytes:
    """UTF-8 JSON; the large all-records file compact (the C encoder; a third of the size)."""
    if compact:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    else:
        text = json.dumps(value, indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


# Fields that name the project's own files (a source's stored document): the pages never
# show them, and no export a reader downloads holds them.
NOT_PUBLISHED = {"sources": ("document",)}
BOM = "\ufeff".encode("utf-8")


def record_data(rec) -> dict:
    """A record as its data file holds it (what the JSON Schema of its type validates), but
    for the fields in NOT_PUBLISHED."""
    return rec.data.model_dump(mode="json", exclude_none=True,
                               exclude=set(NOT_PUBLISHED.get(rec.type, ())))


def all_json(kb: KnowledgeBase, site: SiteInfo) -> dict:
    records = {rtype: [{"id": rec.id, "type": rtype, "url": site.record_url(rtype, rec.id),
                        "data": record_data(rec)} for rec in kb.all(rtype)]
               for rtype in model.RECORD_TYPES}
    states = [{"case": c.id, "appeal": a.id, "state": st.state, "as_of": st.as_of.isoformat(),
               "url": site.record_url("cases", c.id, a.id)}
              for c in kb.all("cases") for a in c.data.appeals
              for st in [kb.appeal_states[(c.id, a.id)]]]
    return {"site": {"name": site.name, "url": site.url}, "as_of": kb.as_of.isoformat(),
            "schemas": {t: export_path(f"schemas/{t}.schema.json") for t in model.RECORD_TYPES},
            "records": records, "appeal_states": states}


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    """A CSV file that Excel on Windows, LibreOffice and Python's csv all open as it is: UTF-8
    with a byte-order mark (without it Excel reads the bytes as the local code page and a dash
    or a Korean name garbles), CRLF between rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return BOM + out.getvalue().encode("utf-8")


def cites(sources) -> str:
    """The cited sources of a statement for one cell: ids, each with its paragraph or section
    ("hrw-2023-10-13 para. 2; ai-ua-105-00-fi-2000")."""
    return "; ".join(str(s) + (f" para. {s.para}" if getattr(s, "para", None) else
                               f" section “{s.section}”" if getattr(s, "section", None) else "")
                     for s in sources)


def earliest_latest(date) -> tuple[str, str]:
    """ISO days a spreadsheet can chart: the first and the last day the date may stand for
    ("" where the source gives no year, or no end)."""
    if not date.year_known:
        return "", ""
    y, m, d = date.bounds()[0]
    last = date.last_day()
    return f"{y:04d}-{m or 1:02d}-{d or 1:02d}", last.isoformat() if last else ""


def date_cells(value: model.DateValue | None, lang: str) -> list[str]:
    """A date's four cells, as timeline.csv has them: the EDTF as the data holds it, its
    earliest and latest ISO days (empty where unknown), and the date in words, which say
    where the year is not stated."""
    if value is None:
        return ["", "", "", ""]
    date = value.parsed
    return [value.edtf, *earliest_latest(date), i18n.date_words(date, lang)]


def timeline_csv(kb: KnowledgeBase, site: SiteInfo, lang: str,
                 limit: int | None = None) -> bytes:
    """One row per event, case events and context events, in date order."""
    rows = []
    for e in kb.global_timeline[:limit]:
        rows.append([e.date.text, *earliest_latest(e.date), i18n.date_words(e.date, lang),
                     e.record.type, e.record.id, e.anchor or "",
                     site.record_url(e.record.type, e.record.id, e.anchor),
                     plain(e.title, lang) if e.title else "", plain(e.text, lang),
                     cites(e.sources)])
    return csv_bytes(["date", "earliest", "latest", "date_words", "record_type", "record_id",
                      "event_id", "url", "title", "text", "sources"], rows)


def people_csv(kb: KnowledgeBase, site: SiteInfo, lang: str,
               limit: int | None = None) -> bytes:
    """One row per group of people in a case: a count, how sure it is, and who they are, with
    the case's period (the span the count belongs to) to chart it by."""
    rows = []
    for rec in kb.all("cases")[:limit]:
        period = date_cells(rec.data.period, lang)
        for group in rec.data.people:
            rows.append([rec.id, urls.title(rec, lang),
                         site.record_url("cases", rec.id, "people"),
                         "" if group.count is None else str(group.count),
                         "" if group.count_max is None else str(group.count_max),
                         group.qualifier, i18n.text_of(group.estimate, lang),
                         i18n.text_of(group.label, lang), rec.data.status, cites(group.sources),
                         *period])
    return csv_bytes(["case", "case_title", "url", "count", "count_max", "qualifier", "estimate",
                      "label", "status", "sources", "period", "earliest", "latest",
                      "period_words"], rows)


def figures_csv(kb: KnowledgeBase, site: SiteInfo, lang: str,
                limit: int | None = None) -> bytes:
    """One row per figure a source reports (the numbers page): what it counts, when, the
    number as the source words it, whether it is the source's total over a period, and the
    source with its paragraph and address. Rows are never summed: totals may overlap."""
    rows = []
    for rec in kb.all("cases"):
        for i, fig in enumerate(rec.data.figures, start=1):
            rows.append([rec.id, urls.title(rec, lang),
                         site.page_url(urls.NUMBERS, f"fig-{rec.id}-{i}"), fig.of,
                         *date_cells(fig.date, lang), str(fig.count),
                         "" if fig.count_max is None else str(fig.count_max), fig.qualifier,
                         "true" if fig.total else "false", i18n.text_of(fig.note, lang),
                         cites(fig.sources),
                         "; ".join(kb.get("sources", s).data.url or "" for s in fig.sources)])
    return csv_bytes(["case", "case_title", "url", "of", "date", "earliest", "latest",
                      "date_words", "count", "count_max", "qualifier", "total", "note",
                      "sources", "source_urls"], rows[:limit])
