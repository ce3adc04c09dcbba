"""Validated records -> one KnowledgeBase with every reference resolved, built once per build.

Everything a page needs that is derived from more than one record is computed here, once:
backlinks, sorted timelines, the global timeline, appeal states as of the build date, the
sources each record cites, the holders of each office. Templates only format what this holds.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from pydantic import BaseModel

from .data import model
from .data.dates import UNKNOWN_YEAR, KBDate
from .data.validate import Record, Records, iter_refs

ORDER = tuple(model.RECORD_TYPES)


@dataclass(frozen=True)
class AppealState:
    state: str  # "open" | "closed-deadline" | "closed-no-action" | "no-deadline"
    as_of: dt.date
    deadline: KBDate | None
    closed_by: model.Update | None = None

    @property
    def is_open(self) -> bool:
        return self.state == "open"


@dataclass(frozen=True)
class TimelineEntry:
    """One row of the global timeline: a case's event or a context event."""

    date: KBDate
    text: dict
    record: Record  # the case or the context event
    anchor: str | None  # the event's anchor on the case page
    sources: tuple[str, ...]
    title: dict | None = None


def _sort_key(rec: Record):
    data = rec.data
    date = getattr(data, "period", None) or getattr(data, "date", None)
    if date is not None:
        return (date.parsed.sort_key, rec.id)
    name = getattr(data, "name", None) or getattr(data, "title", None) or {}
    return ((), (name.get("en", "") if isinstance(name, dict) else str(name)).lower(), rec.id)


def named_records(rec: Record) -> tuple[tuple[str, str], ...]:
    """(record type, id) of every record `rec` names, in order of first mention: as the
    validation walk found them, or by walking the model when the record was made without."""
    if rec.refs is not None:
        return rec.refs
    return tuple(dict.fromkeys((target, ref) for _loc, target, ref in iter_refs(rec.data)))


YEAR_NOT_STATED = "year-not-stated"  # the timeline page of entries whose year is not given


@dataclass
class TimelineYear:
    """The global timeline's entries of one year (by the date's first day), one page each."""

    key: str  # "2012", or YEAR_NOT_STATED; the page is timeline/<key>/
    year: int | None
    entries: list[TimelineEntry]


@dataclass
class KnowledgeBase:
    records: Records
    as_of: dt.date
    backlinks: dict[tuple[str, str], dict[str, list[Record]]] = field(default_factory=dict)
    sources_of: dict[tuple[str, str], list[Record]] = field(default_factory=dict)
    instruments_of: dict[tuple[str, str], list[Record]] = field(default_factory=dict)
    timelines: dict[str, list[model.TimelineEvent]] = field(default_factory=dict)
    appeal_states: dict[tuple[str, str], AppealState] = field(default_factory=dict)
    global_timeline: list[TimelineEntry] = field(default_factory=list)
    timeline_years: list[TimelineYear] = field(default_factory=list)
    holders: dict[str, list[Record]] = field(default_factory=dict)
    addressed_by: dict[str, list[tuple[Record, model.Appeal]]] = field(default_factory=dict)

    def get(self, rtype: str, rid: str) -> Record:
        return self.records[rtype][rid]

    def all(self, rtype: str) -> list[Record]:
        return sorted(self.records[rtype].values(), key=_sort_key)

    def count(self, rtype: str) -> int:
        return len(self.records[rtype])

    def refs_to(self, rec: Record, from_type: str) -> list[Record]:
        return self.backlinks.get((rec.type, rec.id), {}).get(from_type, [])

    def timeline_year_of(self, date: KBDate) -> str:
        """The key of the global timeline page that lists an entry with this date."""
        return str(date.year) if date.year is not None else YEAR_NOT_STATED

    def newest_first(self) -> list[Record]:
        """Cases with a known year, most recent first, then those whose year is not stated."""
        cases = self.all("cases")
        dated = [c for c in cases if c.data.period.parsed.year_known]
        return dated[::-1] + [c for c in cases if not c.data.period.parsed.year_known]

    def appeal_summary(self, case_id: str) -> list[str]:
        """The distinct states of a case's appeals, in the order the appeals are listed."""
        states = (self.appeal_states[(case_id, a.id)].state
                  for a in self.records["cases"][case_id].data.appeals)
        return list(dict.fromkeys(states))

    def open_appeals(self) -> list[tuple[Record, model.Appeal, AppealState]]:
        return [(c, a, self.appeal_states[(c.id, a.id)]) for c in self.all("cases")
                for a in c.data.appeals if self.appeal_states[(c.id, a.id)].is_open]


def _appeal_state(case: model.Case, appeal: model.Appeal, as_of: dt.date) -> AppealState:
    closing = [u for u in case.updates if u.closes_appeals]
    deadline = appeal.deadline.parsed if appeal.deadline else None
    if closing:
        return AppealState("closed-no-action", as_of, deadline, closing[-1])
    if deadline is None:
        return AppealState("no-deadline", as_of, None)
    _lo, (y, m, d) = deadline.bounds()
    if y >= UNKNOWN_YEAR:  # a deadline with no year cannot be compared with today
        return AppealState("no-deadline", as_of, deadline)
    m = m or 12
    last = dt.date(y, m, min(d or 31, calendar.monthrange(y, m)[1]))
    return AppealState("open" if as_of <= last else "closed-deadline", as_of, deadline)


def build(records: Records, as_of: dt.date) -> KnowledgeBase:
    """Resolve references, compute backlinks and derived views, once."""
    kb = KnowledgeBase(records=records, as_of=as_of)
    for rtype in ORDER:
        for rec in kb.all(rtype):
            key = (rtype, rec.id)
            named = named_records(rec)
            kb.sources_of[key] = [records["sources"][r] for t, r in named if t == "sources"]
            kb.instruments_of[key] = [records["instruments"][r] for t, r in named
                                      if t == "instruments"]
            for target in named:
                if target != key:
                    kb.backlinks.setdefault(target, {}).setdefault(rtype, []).append(rec)
    for rec in kb.all("cases"):
        case: model.Case = rec.data
        kb.timelines[rec.id] = sorted(case.timeline, key=lambda e: e.date.parsed.sort_key)
        for appeal in case.appeals:
            kb.appeal_states[(rec.id, appeal.id)] = _appeal_state(case, appeal, as_of)
            for addressee in appeal.addressees:
                kb.addressed_by.setdefault(addressee.authority, []).append((rec, appeal))
        for event in kb.timelines[rec.id]:
            kb.global_timeline.append(TimelineEntry(
                event.date.parsed, event.text, rec, event.id, tuple(event.sources)))
    for rec in kb.all("events"):
        ev: model.Event = rec.data
        kb.global_timeline.append(TimelineEntry(
            ev.date.parsed, ev.text.text, rec, None, tuple(ev.text.sources), ev.title))
    kb.global_timeline.sort(key=lambda e: (e.date.sort_key, e.record.type != "events",
                                           e.record.id))
    for entry in kb.global_timeline:  # in date order, so years come in order, unstated last
        year = entry.date.year
        key = str(year) if year is not None else YEAR_NOT_STATED
        if not kb.timeline_years or kb.timeline_years[-1].key != key:
            kb.timeline_years.append(TimelineYear(key, year, []))
        kb.timeline_years[-1].entries.append(entry)
    for rec in records["authorities"].values():
        kb.holders.setdefault(rec.data.office, []).append(rec)
    for office, holders in kb.holders.items():
        holders.sort(key=lambda r: (records["sources"][r.data.published_in].data.date
                                    .parsed.sort_key, r.id))
    return kb


def walk_models(obj):
    """Every pydantic model inside obj (used by tests and exports)."""
    if isinstance(obj, BaseModel):
        yield obj
        for name in type(obj).model_fields:
            yield from walk_models(getattr(obj, name))
    elif isinstance(obj, list):
        for item in obj:
            yield from walk_models(item)
