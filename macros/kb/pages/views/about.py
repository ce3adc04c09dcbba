"""The views of the hand-written pages' blocks: the home page (what a supporter can do today,
the newest cases), the About page (what the site covers), the Exports page (every file and
what it is for) and the Data format page's example."""
from __future__ import annotations

from dataclasses import dataclass

from ...data import model
from ...common import i18n, urls
from ...common.urls import ICS, atom, export_path
from .common import Context, Link

HOME_CASES = 20  # the newest cases on the home page; the case index has them all


@dataclass(frozen=True)
class HomeCase:
    link: Link
    period: model.DateValue
    status: str
    appeal_states: tuple[str, ...]  # the distinct states of its appeals, in appeal order


@dataclass(frozen=True)
class OpenAppeal:
    link: Link  # the appeal on its case's page
    case: str  # the case's title
    audience: dict
    deadline: model.DateValue | None


def home(ctx: Context) -> dict:
    """What a supporter can do today, then every case, newest first (cases whose year is not
    stated last)."""
    kb = ctx.kb
    newest = kb.newest_first()
    cases = tuple(HomeCase(ctx.record(c), c.data.period, c.data.status,
                           tuple(dict.fromkeys(kb.appeal_states[(c.id, a.id)].state
                                               for a in c.data.appeals)))
                  for c in newest[:HOME_CASES])
    open_appeals = tuple(OpenAppeal(ctx.record(c, a.id), urls.title(c, ctx.lang), a.audience,
                                    a.deadline) for c, a, _state in kb.open_appeals())
    issuers = dict.fromkeys(a.issued_by for c in kb.all("cases") for a in c.data.appeals)
    return {"cases": cases, "more_cases": max(0, len(newest) - HOME_CASES),
            "case_index": ctx.href(urls.page_path("cases")), "open_appeals": open_appeals,
            "as_of": i18n.date_words_of_day(kb.as_of, ctx.lang),
            "atom_url": ctx.href(export_path(atom(ctx.lang))), "ics_url": ctx.href(export_path(ICS)),
            "organisations": tuple(
                (ctx.ref("organisations", o), kb.get("organisations", o).data.home_page)
                for o in issuers if kb.get("organisations", o).data.home_page)}


def coverage(ctx: Context) -> dict:
    """What the site covers: how many cases from how many documents, over which years."""
    kb = ctx.kb
    dated = [d for s in kb.all("sources") for d in [s.data.date.parsed] if d.year_known]
    first = min(dated, key=lambda d: d.sort_key) if dated else None
    # the latest by the day it starts ("2025-10-15/.." is not later than 2025-10-15 itself)
    last = max(dated, key=lambda d: (d.bounds()[0], d.kind != "from")) if dated else None
    return {"cases": len(kb.all("cases")), "sources": len(kb.all("sources")),
            "first": first, "last": last,
            "undated": sum(1 for s in kb.all("sources") if not s.data.date.parsed.year_known)}


def scope(ctx: Context) -> dict:
    """What the record covers, said plainly where readers arrive (home page, case index): the
    years of its cases, how many, that it is no live tracker, and where the organisations that
    document returns publish their current appeals (their home pages)."""
    kb = ctx.kb
    periods = [c.data.period.parsed for c in kb.all("cases") if c.data.period.parsed.year_known]
    # the first year a case starts in and the last year one ends in (an open end: its start)
    years = sorted({p.start.year for p in periods}
                   | {(p.end or p.start).year or p.start.year for p in periods})
    documenters = dict.fromkeys(o.organisation for c in kb.newest_first()
                                for o in c.data.organisations)
    publishers = tuple((ctx.ref("organisations", o), kb.get("organisations", o).data.home_page)
                       for o in documenters
                       if kb.get("organisations", o).data.kind == "ngo"
                       and kb.get("organisations", o).data.home_page)
    return {"count": len(kb.all("cases")), "first": years[0] if years else None,
            "last": years[-1] if years else None,
            "undated": sum(1 for c in kb.all("cases") if not c.data.period.parsed.year_known),
            "reviewed": i18n.date_words_of_day(kb.last_reviewed, ctx.lang)
            if kb.last_reviewed else None,
            "publishers": publishers[:6]}


@dataclass(frozen=True)
class ExportEntry:
    href: str
    kind: str  # the key of its description: exports.kinds.<kind>
    label: str  # what it covers: a record type's name, a case's title, ...
    path: str
    name_parts: tuple[str, ...]  # the path cut after each "/", where a line may break
    example: str | None  # a CSV file's header and first row


def exports_list(ctx: Context, manifest, examples: dict[str, str]) -> tuple[ExportEntry, ...]:
    """Every export file (exports.manifest()) with its link, what it covers and, for a CSV
    file, an example row (examples: {path: text}). The TimelineJS files, one per case, are
    listed by the first of them: every case page links its own."""
    out = []
    timelinejs = [f for f in manifest if f.kind == "timelinejs"]
    for f in manifest:
        if f.kind == "timelinejs" and f is not timelinejs[0]:
            continue
        if f.kind in ("csv", "schema"):
            label = i18n.gettext(f"types.{f.label}.plural", ctx.lang)
        elif f.kind == "timelinejs":
            label = i18n.ngettext("exports.timelinejs_count", len(timelinejs), ctx.lang)
        else:
            label = ""
        parts = tuple(part + "/" for part in f.path.split("/")[:-1]) + (f.path.split("/")[-1],)
        out.append(ExportEntry(ctx.href(f.path), f.kind, label, f.path, parts,
                               examples.get(f.path)))
    return tuple(out)


def example_case(ctx: Context) -> dict:
    """The shortest case file of the data, shown whole on the Data format page."""
    shortest = min(ctx.kb.all("cases"), key=lambda c: (len(c.source.text), c.id))
    return {"path": f"data/cases/{shortest.id}.yml", "text": shortest.source.text,
            "link": ctx.record(shortest)}
