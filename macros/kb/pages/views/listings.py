"""The views of pages that list records: type indexes and the case index with its filters, in
pages of a hundred (paging.py).

The lists are plain HTML that works with JavaScript off. Each case row (and each timeline
entry) carries its filter values and sort keys as data attributes computed here, and the
option lists of the filter controls are computed here too, so that templates only print them
and kb-tools.js only compares strings.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...data import model
from ...data.dates import KBDate
from ...common import i18n, urls
from ...common.plaintext import plain, shorten
from ...common.urls import ICS, atom, export_path
from . import about
from .common import Context, Link
from .paging import Pager, page_slice, pages_of

UNKNOWN = "unknown"  # the filter value of "Year not stated"


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class CaseRow:
    link: Link
    summary: str  # the start of the case's summary, one line
    period: model.DateValue
    status: str
    groups: tuple[model.PeopleGroup, ...]
    places: tuple[Link, ...]
    principles: tuple[Link, ...]
    years: str  # filter values: space-separated years, or "unknown"
    place_ids: str  # space-separated place ids
    principle_ids: str  # space-separated principle ids
    sort_title: str
    sort_period: str
    sort_people: str


def years_of(date: KBDate) -> list[str]:
    """The calendar years a date may fall in, or ["unknown"] when the year is not stated."""
    if not date.year_known:
        return [UNKNOWN]
    first = date.start.year
    last = date.end.year if date.end is not None and date.end.year is not None else first
    return [str(y) for y in range(first, last + 1)]


def sort_value(date: KBDate) -> str:
    """A string that sorts like the date; dates with no year sort last."""
    return "-".join(f"{n:05d}" for n in date.sort_key)  # UNKNOWN_YEAR is 99999


@dataclass(frozen=True)
class IndexEntry:
    link: Link
    summary: str  # one line of plain text (shortened)
    date: model.DateValue | None


def _summary_and_date(ctx: Context, rec) -> tuple[str, model.DateValue | None]:
    """What an index line says of a record: the start of its summary (or of what the sources
    say of it), and the date that places it (a source's, an event's, an instrument's)."""
    d, lang = rec.data, ctx.lang
    if rec.type == "authorities":
        source = ctx.kb.get("sources", d.published_in)
        return (i18n.gettext("index.authority", lang, office=ctx.title("offices", d.office)),
                source.data.date)
    if rec.type == "offices":
        return ctx.title("places", d.state), None
    text = getattr(d, "summary", None) or getattr(d, "text", None) or getattr(d, "about", None)
    if isinstance(text, list):  # what the sources say of it: the first statement
        text = text[0] if text else None
    if hasattr(text, "text"):  # a Claim
        text = text.text
    date = getattr(d, "date", None) or getattr(d, "period", None) or getattr(d, "adopted", None)
    return (shorten(plain(text, lang), 160) if text else ""), date


def record_index(ctx: Context, rtype: str, n: int = 1) -> dict:
    """Page n of a record type's index (a hundred records each)."""
    records = ctx.kb.all(rtype)
    entries = []
    for rec in page_slice(records, n):
        summary, date = _summary_and_date(ctx, rec)
        entries.append(IndexEntry(ctx.record(rec), summary, date))
    return {"rtype": rtype, "entries": tuple(entries), "count": len(records),
            "pager": Pager.of(ctx, n, pages_of(len(records)),
                              lambda k: urls.list_path(rtype, k))}


def case_index(ctx: Context, n: int = 1) -> dict:
    """Page n of the case index, newest first (a hundred cases each); the filters work on the
    cases of the page (the search's filters cover them all)."""
    cases = ctx.kb.newest_first()
    rows = []
    for rec in page_slice(cases, n):
        case = rec.data
        people = sum(g.count or 0 for g in case.people)
        rows.append(CaseRow(
            ctx.record(rec), shorten(plain(case.summary.text, ctx.lang), 160), case.period,
            case.status, tuple(case.people),
            tuple(ctx.ref("places", p.place) for p in case.places),
            tuple(ctx.ref("principles", p.principle) for p in case.principles),
            " ".join(years_of(case.period.parsed)),
            " ".join(dict.fromkeys(p.place for p in case.places)),
            " ".join(dict.fromkeys(p.principle for p in case.principles)),
            urls.title(rec, ctx.lang).casefold(), sort_value(case.period.parsed),
            f"{people:08d}"))
    return {"scope": about.scope(ctx),"rtype": "cases", "count": len(cases), "case_rows": tuple(rows),
            "pager": Pager.of(ctx, n, pages_of(len(cases)), lambda k: urls.list_path("cases", k)),
            "case_filters": _case_filters(ctx, rows),
            "exports_page": ctx.href(urls.EXPORTS_PAGE),
            "atom_url": ctx.href(export_path(atom(ctx.lang))), "ics_url": ctx.href(export_path(ICS))}


def _case_filters(ctx: Context, rows: list[CaseRow]) -> tuple[tuple[str, tuple[Option, ...]], ...]:
    """(filter, options) for status, year, place and principle: only values some case has,
    'Year not stated' last."""
    lang = ctx.lang
    statuses = dict.fromkeys(r.status for r in rows)
    years = sorted({y for r in rows for y in r.years.split()}, key=lambda y: (y == UNKNOWN, y))

    def named(rtype, ids):
        opts = [Option(i, ctx.title(rtype, i)) for i in ids]
        return tuple(sorted(opts, key=lambda o: (o.label.casefold(), o.value)))

    status_label = {s: i18n.gettext(f"status.{s}", lang) for s in statuses}
    return (("status", tuple(Option(s, status_label[s])
                             for s in sorted(statuses, key=status_label.get))),
            ("year", tuple(Option(y, i18n.gettext("date.year_not_stated", lang)
                                  if y == UNKNOWN else y) for y in years)),
            ("place", named("places", {p for r in rows for p in r.place_ids.split()})),
            ("principle", named("principles", {p for r in rows for p in r.principle_ids.split()})))


