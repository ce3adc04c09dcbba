"""The view of a case page: every statement with its citations, every record it names
resolved to a link, its appeals with their states and letters (letters.py)."""
from __future__ import annotations

from dataclasses import dataclass

from ...data import dates, model
from ...resolve import Record
from .. import i18n, urls
from ..urls import ICS, atom, export_path
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
class EventView:
    id: str
    date: model.DateValue
    text: dict
    places: tuple[Link, ...]
    cites: Cites


@dataclass(frozen=True)
class UpdateView:
    id: str
    date: model.DateValue
    text: dict
    cites: Cites


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


def case_view(ctx: Context, rec: Record, citer: Citer) -> dict:
    d: model.Case = rec.data
    kb = ctx.kb
    appeals = tuple(appeal_view(ctx, citer, rec, ap) for ap in d.appeals)
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
        "figures": tuple(CaseFigure(numbers.words(f, ctx.lang), f.of, f.date, f.total, f.note,
                                    citer.cites(f.sources)) for f in d.figures),
        "numbers_page": ctx.href(urls.NUMBERS, f"case-{rec.id}"),
        "public_persons": tuple(PublicPersonView(p.name, p.role,
                                                 citer.cites([p.identity_public_in]))
                                for p in d.public_persons),
        "appeal_views": appeals,
        "events": tuple(EventView(e.id, e.date, e.text,
                                  tuple(ctx.ref("places", p) for p in e.places),
                                  citer.cites(e.sources))
                        for e in kb.timelines[rec.id]),
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
        "updates": tuple(UpdateView(u.id, u.date, u.text, citer.cites(u.sources))
                         for u in d.updates),
        "case_exports": {
            "timelinejs": ctx.href(export_path(f"timelines/{rec.id}.json")),
            "json": ctx.href(export_path("kb.json")),
            "atom": ctx.href(export_path(atom(ctx.lang))),
            "ics": ctx.href(export_path(ICS)),
        },
    }
