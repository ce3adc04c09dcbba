"""What the case index and the global timeline need to be filtered and sorted in the browser.

The pages are plain HTML that works with JavaScript off. Each case row (and each timeline
entry) carries its filter values and sort keys as data attributes computed here, and the
option lists of the filter controls are computed here too, so that templates only print them
and kb-tools.js only compares strings.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import i18n
from ..data.dates import KBDate
from ..resolve import KnowledgeBase, TimelineEntry
from ..data.validate import Record

UNKNOWN = "unknown"  # the filter value of "Year not stated"


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class CaseRow:
    rec: Record
    status: str
    years: str  # space-separated years, or "unknown"
    places: str  # space-separated place ids
    principles: str  # space-separated principle ids
    sort_title: str
    sort_period: str
    sort_people: str


@dataclass(frozen=True)
class CaseFilters:
    status: tuple[Option, ...]
    year: tuple[Option, ...]
    place: tuple[Option, ...]
    principle: tuple[Option, ...]


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


def _name(kb: KnowledgeBase, rtype: str, rid: str, lang: str) -> str:
    return i18n.text_of(kb.get(rtype, rid).data.name, lang)


def case_rows(kb: KnowledgeBase, lang: str = i18n.DEFAULT_LANG) -> list[CaseRow]:
    rows = []
    for rec in kb.all("cases"):
        case = rec.data
        people = sum(g.count or 0 for g in case.people)
        rows.append(CaseRow(
            rec, case.status, " ".join(years_of(case.period.parsed)),
            " ".join(dict.fromkeys(p.place for p in case.places)),
            " ".join(dict.fromkeys(p.principle for p in case.principles)),
            i18n.text_of(case.title, lang).casefold(), sort_value(case.period.parsed),
            f"{people:08d}"))
    return rows


def case_filters(kb: KnowledgeBase, rows: list[CaseRow],
                 lang: str = i18n.DEFAULT_LANG) -> CaseFilters:
    """Options for each filter, only values some case has; 'Year not stated' comes last."""
    statuses = dict.fromkeys(r.status for r in rows)
    years = sorted({y for r in rows for y in r.years.split()},
                   key=lambda y: (y == UNKNOWN, y))
    places = {p for r in rows for p in r.places.split()}
    principles = {p for r in rows for p in r.principles.split()}

    def named(rtype, ids):
        opts = [Option(i, _name(kb, rtype, i, lang)) for i in ids]
        return tuple(sorted(opts, key=lambda o: (o.label.casefold(), o.value)))

    return CaseFilters(
        tuple(Option(s, i18n.gettext(f"status.{s}", lang))
              for s in sorted(statuses, key=lambda s: i18n.gettext(f"status.{s}", lang))),
        tuple(Option(y, i18n.gettext("date.year_not_stated", lang) if y == UNKNOWN else y)
              for y in years),
        named("places", places), named("principles", principles))


@dataclass(frozen=True)
class TimelineRow:
    entry: TimelineEntry
    group: str  # "cases/<id>" or "events": the timeline filter's value for this entry
    inexact: bool  # approximate, uncertain, a span or window, or no year stated


def timeline_rows(entries: list[TimelineEntry]) -> list[TimelineRow]:
    rows = []
    for e in entries:
        group = f"cases/{e.record.id}" if e.record.type == "cases" else "events"
        rows.append(TimelineRow(e, group, not e.date.is_exact_day))
    return rows


def timeline_options(kb: KnowledgeBase, entries: list[TimelineEntry],
                     lang: str = i18n.DEFAULT_LANG) -> tuple[Option, ...]:
    """Context events first (if any are listed), then each case that has an entry listed, in
    the case index's order."""
    cases = {e.record.id for e in entries if e.record.type == "cases"}
    opts = []
    if any(e.record.type == "events" for e in entries):
        opts.append(Option("events", i18n.gettext("filters.context_events", lang)))
    for rec in kb.all("cases"):
        if rec.id in cases:
            opts.append(Option(f"cases/{rec.id}", i18n.text_of(rec.data.title, lang)))
    return tuple(opts)
