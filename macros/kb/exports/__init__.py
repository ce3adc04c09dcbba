"""KnowledgeBase -> every downloadable file: JSON, CSV, TimelineJS, schemas, citations, feeds.

Every CSV opens as it is in Excel on Windows, LibreOffice and Python's csv (UTF-8 with a
byte-order mark, CRLF), every cell plain text; no file a reader downloads names the project's
own stored documents (tables.NOT_PUBLISHED).

`files()` returns {site-relative path: bytes}; the MkDocs adapter adds them to the build and
`scripts/kb.py export DIR` writes the same bytes. The files hold no timestamp but the build
date, so two builds of the same data are byte-identical.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..data import model
from ..data.schemas import schema_files, schema_name
from ..common import citation, i18n
from ..common.editions import EDITIONS
from ..common.urls import ICS, SiteInfo, atom, export_path
from ..resolve import KnowledgeBase
from . import feeds, flat, tables, timelinejs


@dataclass(frozen=True)
class ExportFile:
    path: str  # site-relative, under exports/
    kind: str  # the key of its description in locales: exports.kinds.<kind>
    label: str  # what it covers: a record type, a case id, ...


def manifest(kb: KnowledgeBase) -> list[ExportFile]:
    """Every export file, in the order the exports page lists them."""
    out = [ExportFile(export_path("kb.json"), "json", ""),
           ExportFile(export_path("timeline.csv"), "timeline_csv", ""),
           ExportFile(export_path("people.csv"), "people_csv", ""),
           ExportFile(export_path("figures.csv"), "figures_csv", "")]
    out += [ExportFile(export_path(f"csv/{t}.csv"), "cases_csv" if t == "cases" else "csv", t)
            for t in model.RECORD_TYPES]
    out += [ExportFile(export_path(f"timelines/{c.id}.json"), "timelinejs", c.id)
            for c in kb.all("cases")]
    out += [ExportFile(export_path("citations.json"), "csl", ""),
            ExportFile(export_path("citations.bib"), "bibtex", ""),
            *(ExportFile(export_path(atom(lang)), "atom", lang) for lang in EDITIONS),
            ExportFile(export_path(ICS), "ics", "")]
    out += [ExportFile(export_path(f"schemas/{schema_name(t)}"), "schema", t)
            for t in model.RECORD_TYPES]  # named without making them (pydantic: 60 ms)
    return out


def files(kb: KnowledgeBase, site: SiteInfo, lang: str = i18n.DEFAULT_LANG) -> dict[str, bytes]:
    """{site-relative path: content} for every file in manifest(), nothing else."""
    cites = citation.all_citations(kb, site, lang)
    out = {export_path("kb.json"): tables.to_json(tables.all_json(kb, site), compact=True),
           export_path("timeline.csv"): tables.timeline_csv(kb, site, lang),
           export_path("people.csv"): tables.people_csv(kb, site, lang),
           export_path("figures.csv"): tables.figures_csv(kb, site, lang)}
    for t in model.RECORD_TYPES:
        out[export_path(f"csv/{t}.csv")] = flat.type_csv(kb, t, site, lang)
    for c in kb.all("cases"):
        out[export_path(f"timelines/{c.id}.json")] = tables.to_json(timelinejs.timelinejs(kb, c, site, lang))
    out[export_path("citations.json")] = tables.to_json([c.csl for c in cites], compact=True)
    out[export_path("citations.bib")] = ("\n\n".join(c.bibtex for c in cites) + "\n").encode()
    for edition in EDITIONS:  # a feed per edition, its entries linking to its pages
        out[export_path(atom(edition))] = feeds.atom(kb, site.for_edition(edition), edition)
    out[export_path(ICS)] = feeds.ics(kb, site, lang)
    for name, schema in schema_files().items():
        out[export_path(f"schemas/{name}")] = tables.to_json(schema)
    if set(out) != {f.path for f in manifest(kb)}:
        raise RuntimeError("exports.files() and exports.manifest() list different files")
    return out


def examples(kb: KnowledgeBase, site: SiteInfo, lang: str = i18n.DEFAULT_LANG) -> dict[str, str]:
    """The header and first row of each CSV file, for the Exports page (as text: without the
    byte-order mark, one line per row)."""
    out = {export_path("timeline.csv"): tables.timeline_csv(kb, site, lang, limit=1),
           export_path("people.csv"): tables.people_csv(kb, site, lang, limit=1),
           export_path("figures.csv"): tables.figures_csv(kb, site, lang, limit=1)}
    for t in model.RECORD_TYPES:
        out[export_path(f"csv/{t}.csv")] = flat.type_csv(kb, t, site, lang, limit=1)
    return {path: content.decode("utf-8-sig").replace("\r\n", "\n")
            for path, content in out.items()}
