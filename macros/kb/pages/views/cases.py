"""The view of a case page: every statement with its citations, every record it names
resolved to a link, its appeals with their states and letters (letters.py)."""
from __future__ import annotations

from dataclasses import dataclass, replace

from ...data import dates, model
from ...resolve import Record
from ...common import i18n, urls
from ...common.urls import ICS, atom, export_path
from . import figures, numbers
from .common import Citer, ClaimView, Cites, Context, Link
from .letters import appeal_view


@dataclass(frozen=True)
class GroupView:
    group: model.PeopleGroup
    cites: Cites
    vulnerable: tuple[ClaimView, ...]


@dataclass(frozen=True)
class PublicPersonView:
    name: str
    role: dict
    cites: Cites


@dataclass(frozen=True)
class DateNote:
    """How one or more of the case's dates were worked out, said once under "How the dates
    were worked out"; each date that rests on it carries a small mark linking here."""

    number: int
    anchor: str
    text: dict  # Text: the reasoning


class DateNotes:
    """The case's date inferences in the order the page shows their dates, each said once
    however many dates rest on it."""

    def __init__(self):
        self.by_text: dict[str, DateNote] = {}

    def of(self, value: model.DateValue | None) -> DateNote | None:
        if value is None or not value.deduced:
            return None
        key = value.deduced["en"].strip()
        if key not in self.by_text:
            n = len(self.by_text) + 1
            self.by_text[key] = DateNote(n, f"date-note-{n}", value.deduced)
        return self.by_text[key]

    def all(self) -> tuple[DateNote, ...]:
        return tuple(self.by_text.values())


@dataclass(frozen=True)
class EventView:
    id: str
    date: model.DateValue
    text: dict
    places: tuple[Link, ...]
    cites: Cites
    note: DateNote | None = None


@dataclass(frozen=True)
class UpdateView:
    id: str
    date: model.DateValue
    text: dict
    cites: Cites
    note: DateNote | None = None


@dataclass(frozen=True)
class RouteView:
    stops: tuple[Link, ...]  # the places, first to last
    claim: ClaimView  # what the sources say of the journey


@dataclass(frozen=True)
class AppealLine:
    anchor: str
    audience: dict
    state: str


@dataclass(frozen=True)
class CaseFigure:
    """A number of people one source reports returned or detained, as that source words it."""

    words: str
    of: str
    date: model.DateValue
    total: bool
    note: dict | None
    cites: Cites
    date_note: DateNote | None = None


def case_view(ctx: Context, rec: Record, citer: Citer) -> dict:
    d: model.Case = rec.data
    kb = ctx.kb
    notes = DateNotes()  # numbered in the page's order: period, figures, appeals, timeline
    period_note = notes.of(d.period)
    figure_views = tuple(CaseFigure(numbers.words(f, ctx.lang), f.of, f.date, f.total, f.note,
                                    citer.cites(f.sources), notes.of(f.date))
                         for f in d.figures)
    appeals = tuple(replace(appeal_view(ctx, citer, rec, ap), deadline_note=notes.of(ap.deadline))
                    for ap in d.appeals)
    events = tuple(EventView(e.id, e.date, e.text, tuple(ctx.ref("places", p) for p in e.places),
                             citer.cites(e.sources), notes.of(e.date))
                   for e in kb.timelines[rec.id])
    updates = tuple(UpdateView(u.id, u.date, u.text, citer.cites(u.sources), notes.of(u.date))
                    for u in d.updates)
    return {
        # the document indexes of the case's sources, so that a search for one finds the case
        "documents": tuple((ctx.record(src), f"{i.scheme} {i.value}")
                           for src in citer.sources for i in src.data.identifiers),
        "reviewed": dates.parse(d.reviewed),
        "appeal_line": tuple(AppealLine(v.appeal.id, v.appeal.audience, v.state)
                             for v in appeals),
        "as_of": i18n.date_words_of_day(kb.as_of, ctx.lang),
        "as_of_iso": kb.as_of.isoformat(),
        "summary": citer.claim(d.summary),
        "status_note": citer.claim(d.status_note) if d.status_note else None,
        "groups": tuple(GroupView(g, citer.cites(g.sources), citer.claims(g.vulnerable))
                        for g in d.people),
        "figures": figure_views,
        "period_note": period_note,
        "date_notes": notes.all(),
        "numbers_page": ctx.href(urls.NUMBERS, f"case-{rec.id}"),
        "public_persons": tuple(PublicPersonView(p.name, p.role,
                                                 citer.cites([p.identity_public_in]))
                                for p in d.public_persons),
        "appeal_views": appeals,
        "events": events,
        "risks": citer.claims(d.risks),
        "facts": citer.claims(d.facts),
        "principles": tuple((ctx.ref("principles", p.principle), citer.claim(p.how))
                            for p in d.principles),
        "places": tuple((ctx.ref("places", p.place), citer.role(p.role, p.sources, p.deduced))
                        for p in d.places),
        "routes": tuple(RouteView(tuple(ctx.ref("places", s) for s in r.stops),
                                  citer.role(r.text, r.sources, r.deduced)) for r in d.routes),
        "timeline_drawing": figures.case_timeline(ctx, rec),
        "map": figures.case_map(ctx, rec),
        "organisations": tuple((ctx.ref("organisations", o.organisation),
                                citer.role(o.role, o.sources, o.deduced))
                               for o in d.organisations),
        "updates": updates,
        "case_exports": {
            "timelinejs": ctx.href(export_path(f"timelines/{rec.id}.json")),
            "json": ctx.href(export_path("kb.json")),
            "atom": ctx.href(export_path(atom(ctx.lang))),
            "ics": ctx.href(export_path(ICS)),
        },
    }
