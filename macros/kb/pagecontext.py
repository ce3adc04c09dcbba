"""The values generated pages need beyond their record, computed before any template runs.

pages.generate() asks this module, per page, for extra template variables and extra front
matter: citations and meta tags (citation.py), the appeal builder (letters.py), filter rows
and options (filters.py), and relative links to the export files (exports.py). Templates
only print these values.
"""
from __future__ import annotations

from . import citation, filters, i18n, letters, render
from .feeds import ATOM, ICS
from .permalinks import SiteInfo, export_path
from .resolve import KnowledgeBase
from .validate import Record

EXPORTS_PAGE = "exports.md"


def _rel(here: str, site_path: str) -> str:
    return render.relative(here, site_path)


def record_extras(kb: KnowledgeBase, rec: Record, here: str, site: SiteInfo,
                  lang: str = i18n.DEFAULT_LANG) -> tuple[dict, dict]:
    """(template variables, front-matter keys) for a record page."""
    context: dict = {"citation": None, "section_citations": []}
    meta: dict = {}
    if rec.type in citation.CITABLE:
        cite = citation.cite_record(kb, rec, site, lang)
        context["citation"] = cite
        context["section_citations"] = citation.cite_sections(kb, rec, site, lang)
        context["citation_links"] = {
            "exports_page": _rel(here, render.url_of(EXPORTS_PAGE)),
            "csl_all": _rel(here, export_path("citations.json")),
            "bibtex_all": _rel(here, export_path("citations.bib")),
        }
        meta["kb_cite"] = citation.meta_values(cite, site)
    if rec.type == "cases":
        context["appeal_views"] = letters.appeal_views(kb, rec, lang)
        context["case_exports"] = {
            "timelinejs": _rel(here, export_path(f"timelines/{rec.id}.json")),
            "json": _rel(here, export_path("kb.json")),
            "atom": _rel(here, export_path(ATOM)),
            "ics": _rel(here, export_path(ICS)),
        }
    return context, meta


def index_extras(kb: KnowledgeBase, rtype: str, here: str,
                 lang: str = i18n.DEFAULT_LANG) -> dict:
    if rtype != "cases":
        return {}
    rows = filters.case_rows(kb, lang)
    return {"case_rows": rows, "case_filters": filters.case_filters(kb, rows, lang),
            "exports_page": _rel(here, render.url_of(EXPORTS_PAGE)),
            "atom_url": _rel(here, export_path(ATOM)),
            "ics_url": _rel(here, export_path(ICS))}


def timeline_extras(kb: KnowledgeBase, here: str, lang: str = i18n.DEFAULT_LANG) -> dict:
    return {"timeline_rows": filters.timeline_rows(kb),
            "timeline_options": filters.timeline_options(kb, lang),
            "timeline_csv": _rel(here, export_path("timeline.csv"))}


def export_links(kb: KnowledgeBase, here: str,
                 lang: str = i18n.DEFAULT_LANG) -> list[tuple[str, str, str, str]]:
    """(relative href, kind, label, file path) of every export, for the exports page."""
    from .exports import manifest  # exports imports feeds and citation; keep this lazy
    out = []
    for f in manifest(kb):
        if f.kind in ("csv", "schema"):
            label = i18n.gettext(f"types.{f.label}.plural", lang)
        elif f.kind == "timelinejs":
            label = citation.title_of(kb.get("cases", f.label), lang)
        else:
            label = ""
        out.append((_rel(here, f.path), f.kind, label, f.path))
    return out
