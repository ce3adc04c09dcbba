"""Validated records -> one KnowledgeBase with every reference resolved, built once per build.

Everything derived from more than one record is computed here, once: each type's records in
their display order, backlinks, sorted timelines, the global timeline and its years, appeal
states as of the build date, the sources each record cites, the holders of each office and
the appeals addressed to each authority. The page views (pages/views/) read it; templates
never do.
"""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass, field

from .data import model
from .data.dates import KBDate
from .data.load import Loaded
from .data.validate import Valid

ORDER = tuple(model.RECORD_TYPES)
YEAR_NOT_STATED = "year-not-stated"  # the timeline page of entries whose year is not given


class Record:
    """A validated record: its type, its id (the file name), its model and its file.

    What a page's view reads of a record (its model, its file, the references it makes) is
    noted while `reading()` is on: `mkdocs serve --dirty` then knows which pages an edit of
    the data can change (pages/changes.py). The type and id name the record and are not
    noted. Compared as a dataclass would be; not hashable."""

    __slots__ = ("type", "id", "_data", "_source", "_refs")
    __hash__ = None

    def __init__(self, type: str, id: str, data: model.Strict, source: Loaded,
                 refs: tuple[tuple[str, str], ...]):
        self.type, self.id = type, id
        self._data, self._source = data, source
        self._refs = refs  # (type, id) of every record it names, first mention first

    @property
    def data(self) -> model.Strict:
        if _reads is not None:
            _reads.add((self.type, self.id))
        return self._data

    @property
    def source(self) -> Loaded:
        if _reads is not None:
            _reads.add((self.type, self.id))
        return self._source

    @property
    def refs(self) -> tuple[tuple[str, str], ...]:
        if _reads is not None:
            _reads.add((self.type, self.id))
        return self._refs

    def where(self, loc: tuple) -> tuple[int, int]:
        return self.source.where(loc)

    def content(self) -> tuple:
        """Its model, file and references, not noted as read (pages/changes.py digests every
        record)."""
        return self._data, self._source, self._refs

    def _fields(self) -> tuple:
        return (self.type, self.id) + self.content()

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    def __repr__(self) -> str:
        return f"Record(type={self.type!r}, id={self.id!r})"


_reads: set[tuple[str, str]] | None = None  # while reading() is on: the records read


@contextmanager
def reading():
    """Note, in the set this yields, the (type, id) of every record whose model, file or
    references are read until the block ends (one thread: the page views are made in the
    main one)."""
    global _reads
    outer, _reads = _reads, set()
    try:
        yield _reads
    finally:
        if outer is not None:
            outer |= _reads
        _reads = outer


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


@dataclass
class TimelineYear:
    """The global timeline's entries of one year (by the date's first day), one page each."""

    key: str  # "2012", or YEAR_NOT_STATED; the page is timeline/<key>/
    year: int | None
    entries: list[TimelineEntry]


def timeline_key(date: KBDate) -> str:
    """The key of the global timeline page that lists an entry with this date."""
    return str(date.year) if date.year is not None else YEAR_NOT_STATED


def title_value(rec: Record):
    """A record's title as the data holds it (Text, every language), or its id: an
    authority's person, else its title or name. The one title of a record: pages and exports
    show it (common/urls.py title() gives it in a language), and a type's records without a
    date are listed in the order of its English (_sort_key)."""
    data = rec.data
    if rec.type == "authorities":
        return data.person
    return getattr(data, "title", None) or getattr(data, "name", None) or rec.id


def _sort_key(rec: Record):
    """A type's display order: by date (a case's period, a source's or an event's date), else
    by the English title, then by id."""
    data = rec.data
    date = getattr(data, "period", None) or getattr(data, "date", None)
    if date is not None:
        return (date.parsed.sort_key, rec.id)
    title = title_value(rec)
    return ((), (title.get("en", "") if isinstance(title, dict) else str(title)).lower(), rec.id)


@dataclass
class KnowledgeBase:
    records: dict[str, dict[str, Record]]
    as_of: dt.date
    ordered: dict[str, list[Record]] = field(default_factory=dict)
    backlinks: dict[tuple[str, str], dict[str, list[Record]]] = field(default_factory=dict)
    sources_of: dict[tuple[str, str], list[Record]] = field(default_factory=dict)
    timelines: dict[str, list[model.TimelineEvent]] = field(default_factory=dict)
    appeal_states: dict[tuple[str, str], AppealState] = field(default_factory=dict)
    global_timeline: list[TimelineEntry] = field(default_factory=list)
    timeline_years: list[TimelineYear] = field(default_factory=list)
    holders: dict[str, list[Record]] = field(default_factory=dict)
    addressed_by: dict[str, list[tuple[Record, model.Appeal]]] = field(default_factory=dict)
    # per edition language: translated_by, reviewed_by, reviewed_on (data/translations/)
    translation_status: dict[str, dict] = field(default_factory=dict)

    def get(self, rtype: str, rid: str) -> Record:
        return self.records[rtype][rid]

    def all(self, rtype: str) -> list[Record]:
        """Every record of a type: dated ones by date, the others by English name."""
        return self.ordered[rtype]

    @property
    def last_reviewed(self) -> dt.date | None:
        """The latest day a maintainer checked a case against its sources (cases' `reviewed`):
        how current the data is, which the build date does not say."""
        days = [dt.date.fromisoformat(c.data.reviewed) for c in self.all("cases")
                if len(c.data.reviewed) == 10]
        return max(days, default=None)

    def refs_to(self, rec: Record, from_type: str) -> list[Record]:
        return self.backlinks.get((rec.type, rec.id), {}).get(from_type, [])

    def newest_first(self) -> list[Record]:
        """Cases with a known year, most recent first, then those whose year is not stated."""
        cases = self.all("cases")
        dated = [c for c in cases if c.data.period.parsed.year_known]
        return dated[::-1] + [c for c in cases if not c.data.period.parsed.year_known]

    def open_appeals(self) -> list[tuple[Record, model.Appeal, AppealState]]:
        return [(c, a, self.appeal_states[(c.id, a.id)]) for c in self.all("cases")
                for a in c.data.appeals if self.appeal_states[(c.id, a.id)].is_open]


def _appeal_state(case: model.Case, appeal: model.Appeal, as_of: dt.date) -> AppealState:
    closing = [u for u in case.updates if u.closes_appeals]
    deadline = appeal.deadline.parsed if appeal.deadline else None
    if closing:
        return AppealState("closed-no-action", as_of, deadline, closing[-1])
    last = deadline.last_day() if deadline else None
    if last is None:  # no deadline, or one with no year that cannot be compared with today
        return AppealState("no-deadline", as_of, deadline)
    return AppealState("open" if as_of <= last else "closed-deadline", as_of, deadline)


def build(valid: dict[str, dict[str, Valid]], as_of: dt.date,
          translation_status: dict | None = None) -> KnowledgeBase:
    """Resolve references, compute backlinks and derived views, once."""
    records = {rtype: {rid: Record(v.type, v.id, v.data, v.loaded, v.refs)
                       for rid, v in valid.get(rtype, {}).items()} for rtype in ORDER}
    kb = KnowledgeBase(records=records, as_of=as_of,
                       translation_status=translation_status or {})
    for rtype in ORDER:
        kb.ordered[rtype] = sorted(records[rtype].values(), key=_sort_key)
    for rtype in ORDER:
        for rec in kb.all(rtype):
            key = (rtype, rec.id)
            kb.sources_of[key] = [records["sources"][r] for t, r in rec.refs if t == "sources"]
            for target in rec.refs:
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
        key = timeline_key(entry.date)
        if not kb.timeline_years or kb.timeline_years[-1].key != key:
            kb.timeline_years.append(TimelineYear(key, entry.date.year, []))
        kb.timeline_years[-1].entries.append(entry)
    for rec in records["authorities"].values():
        kb.holders.setdefault(rec.data.office, []).append(rec)
    for holders in kb.holders.values():
        holders.sort(key=lambda r: (records["sources"][r.data.published_in].data.date
                                    .parsed.sort_key, r.id))
    return kb
