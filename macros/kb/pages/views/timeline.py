"""The views of the global timeline's pages: the front page (a line per year, and every entry
while there are few enough) and each year's pages (a hundred entries each, with the years and
pages around them). Each entry carries its filter value for kb-tools.js, computed here."""
from __future__ import annotations

from dataclasses import dataclass

from ...data.dates import KBDate
from ...resolve import TimelineEntry, TimelineYear
from ...common import i18n, urls
from ...common.urls import export_path
from .common import Context, Link
from .figures import entry_anchor, global_timeline
from .listings import Option
from .paging import PAGE, Pager, page_slice, pages_of

# Up to this many entries, the timeline's front page lists them all as well as the years;
# beyond it, only the years (each year's pages list its own), so that no page grows with the
# whole knowledge base. The year pages' addresses are the same either way.
ONE_PAGE_TIMELINE = 500


@dataclass(frozen=True)
class TimelineRow:
    date: KBDate
    anchor: str  # the entry's id on the page (figures.entry_anchor): the drawing links to it
    record: str  # "<type>/<id>" of the case or context event
    group: str  # "cases/<id>" or "events": the timeline filter's value for this entry
    inexact: bool  # approximate, uncertain, a span or window, or no year stated
    link: Link  # the case's event, or the context event's page
    context: bool  # a context event (not a case's)
    text: dict
    sources: tuple[Link, ...]


def _timeline_rows(ctx: Context, entries: list[TimelineEntry]) -> tuple[TimelineRow, ...]:
    rows = []
    for e in entries:
        rec = e.record
        is_case = rec.type == "cases"
        rows.append(TimelineRow(
            e.date, entry_anchor(rec, e.anchor if is_case else None), f"{rec.type}/{rec.id}", f"cases/{rec.id}" if is_case else "events",
            not e.date.is_exact_day, ctx.record(rec, e.anchor if is_case else None),
            not is_case, e.text,
            tuple(ctx.ref("sources", s) for s in e.sources)))
    return tuple(rows)


def _timeline_options(ctx: Context, entries: list[TimelineEntry]) -> tuple[Option, ...]:
    """Context events first (if any are listed), then each case that has an entry listed, in
    the case index's order."""
    cases = {e.record.id for e in entries if e.record.type == "cases"}
    opts = []
    if any(e.record.type == "events" for e in entries):
        opts.append(Option("events", i18n.gettext("filters.context_events", ctx.lang)))
    opts += [Option(f"cases/{rec.id}", urls.title(rec, ctx.lang))
             for rec in ctx.kb.all("cases") if rec.id in cases]
    return tuple(opts)


def year_label(year: TimelineYear, lang: str) -> str:
    return str(year.year) if year.year is not None else i18n.gettext("date.year_not_stated", lang)


def timeline_index(ctx: Context) -> dict:
    """The global timeline's front page: one line per year, with its link and counts, and
    every entry while there are few enough."""
    kb, lang = ctx.kb, ctx.lang
    years = []
    for year in kb.timeline_years:
        cases = len({e.record.id for e in year.entries if e.record.type == "cases"})
        context = sum(1 for e in year.entries if e.record.type == "events")
        parts = [i18n.ngettext(key, n, lang) for key, n in
                 (("timeline.of_cases", cases), ("timeline.of_context", context)) if n]
        years.append({"label": year_label(year, lang),
                      "url": ctx.href(urls.timeline_path(year.key)),
                      "count": i18n.ngettext("timeline.entries", len(year.entries), lang),
                      "parts": parts})
    entries = kb.global_timeline if len(kb.global_timeline) <= ONE_PAGE_TIMELINE else []
    return {"years": years, "total": len(kb.global_timeline),
            "drawing": global_timeline(ctx, listed=bool(entries)),
            "timeline_rows": _timeline_rows(ctx, entries),
            "timeline_options": _timeline_options(ctx, entries),
            "timeline_csv": ctx.href(export_path("timeline.csv"))}


def timeline_year(ctx: Context, year: TimelineYear, n: int = 1) -> dict:
    """Page n of a year: its rows (a hundred), the filter's options, and links to the years
    and pages around it."""
    years = ctx.kb.timeline_years
    at = years.index(year)
    near: dict = {"previous": None, "next": None}
    for name, other in (("previous", years[at - 1] if at else None),
                        ("next", years[at + 1] if at + 1 < len(years) else None)):
        if other is not None:
            near[name] = {"label": year_label(other, ctx.lang),
                          "url": ctx.href(urls.timeline_path(other.key))}
    entries = page_slice(year.entries, n)
    pager = Pager.of(ctx, n, pages_of(len(year.entries)),
                     lambda k: urls.timeline_path(year.key, k))
    return {"year_label": year_label(year, ctx.lang), "pager": pager,
            "timeline_rows": _timeline_rows(ctx, entries),
            "timeline_options": _timeline_options(ctx, entries),
            "timeline_index": ctx.href(urls.TIMELINE), "near": near,
            "timeline_csv": ctx.href(export_path("timeline.csv"))}


