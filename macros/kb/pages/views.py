"""The values generated pages need beyond their record, computed before any template runs.

pages.generate() asks this module, per page, for extra template variables and extra front
matter: citations and meta tags (citation.py), the appeal builder (letters.py), filter rows
and options (filters.py), and relative links to the export files (exports.py). Templates
only print these values.
"""
from __future__ import annotations

from . import citation, i18n, letters, listing as filters, render
from ..exports.feeds import ATOM, ICS
from .urls import SiteInfo, export_path
from ..resolve import KnowledgeBase, TimelineYear
from ..data.validate import Record

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
    if rec.type == "events":
        context["timeline_page"] = _rel(here, render.url_of(
            timeline_path(kb.timeline_year_of(rec.data.date.parsed))))
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


def timeline_path(key: str) -> str:
    """The page of one year of the global timeline (key: "2012" or "year-not-stated")."""
    return f"timeline/{key}.md"


def year_label(year: TimelineYear, lang: str = i18n.DEFAULT_LANG) -> str:
    return str(year.year) if year.year is not None else i18n.gettext("date.year_not_stated", lang)


# Up to this many entries, the timeline's front page lists them all as well as the years;
# beyond it, only the years (each year's page lists its own), so that no page grows with the
# whole knowledge base. The year pages' addresses are the same either way.
ONE_PAGE_TIMELINE = 500


def timeline_index_extras(kb: KnowledgeBase, here: str, lang: str = i18n.DEFAULT_LANG) -> dict:
    """The global timeline's front page: one line per year, with its link and counts, and
    every entry while there are few enough."""
    years = []
    for year in kb.timeline_years:
        cases = len({e.record.id for e in year.entries if e.record.type == "cases"})
        context = sum(1 for e in year.entries if e.record.type == "events")
        parts = [i18n.ngettext(key, n, lang) for key, n in
                 (("timeline.of_cases", cases), ("timeline.of_context", context)) if n]
        years.append({"label": year_label(year, lang),
                      "url": _rel(here, render.url_of(timeline_path(year.key))),
                      "count": i18n.ngettext("timeline.entries", len(year.entries), lang),
                      "parts": parts})
    entries = kb.global_timeline if len(kb.global_timeline) <= ONE_PAGE_TIMELINE else []
    return {"years": years, "total": len(kb.global_timeline),
            "timeline_rows": filters.timeline_rows(entries),
            "timeline_options": filters.timeline_options(kb, entries, lang),
            "timeline_csv": _rel(here, export_path("timeline.csv"))}


def timeline_extras(kb: KnowledgeBase, year: TimelineYear, here: str,
                    lang: str = i18n.DEFAULT_LANG) -> dict:
    """One year's page: its rows, the filter's options, and links to the years around it."""
    at = kb.timeline_years.index(year)
    near: dict = {"previous": None, "next": None}
    for name, other in (("previous", kb.timeline_years[at - 1] if at else None),
                        ("next", kb.timeline_years[at + 1] if at + 1 < len(kb.timeline_years)
                         else None)):
        if other is not None:
            near[name] = {"label": year_label(other, lang),
                          "url": _rel(here, render.url_of(timeline_path(other.key)))}
    return {"year_label": year_label(year, lang),
            "timeline_rows": filters.timeline_rows(year.entries),
            "timeline_options": filters.timeline_options(kb, year.entries, lang),
            "timeline_index": _rel(here, render.url_of("timeline.md")), "near": near,
            "timeline_csv": _rel(here, export_path("timeline.csv"))}


def export_links(kb: KnowledgeBase, here: str,
                 lang: str = i18n.DEFAULT_LANG) -> list[tuple[str, str, str, str]]:
    """(relative href, kind, label, file path) of every export, for the exports page."""
    from ..exports import manifest  # exports imports feeds and citation; keep this lazy
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
