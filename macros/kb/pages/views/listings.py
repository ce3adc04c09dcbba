"""The views of pages that list records: type indexes, the case index with its filters, the
global timeline's pages, and the home page's list of cases.

The lists are plain HTML that works with JavaScript off. Each case row (and each timeline
entry) carries its filter values and sort keys as data attributes computed here, and the
option lists of the filter controls are computed here too, so that templates only print them
and kb-tools.js only compares strings.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...data import model
from ...data.dates import KBDate
from ...resolve import TimelineEntry, TimelineYear
from .. import i18n, urls
from ..plaintext import plain, shorten
from ..urls import ATOM, ICS, export_path
from .common import Context, Link

UNKNOWN = "unknown"  # the filter value of "Year not stated"
# Up to this many entries, the timeline's front page lists them all as well as the years;
# beyond it, only the years (each year's page lists its own), so that no page grows with the
# whole knowledge base. The year pages' addresses are the same either way.
ONE_PAGE_TIMELINE = 500


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


def record_index(ctx: Context, rtype: str) -> dict:
    entries = []
    for rec in ctx.kb.all(rtype):
        summary, date = _summary_and_date(ctx, rec)
        entries.append(IndexEntry(ctx.record(rec), summary, date))
    return {"rtype": rtype, "entries": tuple(entries)}


def case_index(ctx: Context) -> dict:
    rows = []
    for rec in ctx.kb.all("cases"):
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
            i18n.text_of(case.title, ctx.lang).casefold(), sort_value(case.period.parsed),
            f"{people:08d}"))
    return {"rtype": "cases", "count": len(rows), "case_rows": tuple(rows),
            "case_filters": _case_filters(ctx, rows),
            "exports_page": ctx.href(urls.EXPORTS_PAGE),
            "atom_url": ctx.href(export_path(ATOM)), "ics_url": ctx.href(export_path(ICS))}


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


@dataclass(frozen=True)
class TimelineRow:
    date: KBDate
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
            e.date, f"{rec.type}/{rec.id}", f"cases/{rec.id}" if is_case else "events",
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
            "timeline_rows": _timeline_rows(ctx, entries),
            "timeline_options": _timeline_options(ctx, entries),
            "timeline_csv": ctx.href(export_path("timeline.csv"))}


def timeline_year(ctx: Context, year: TimelineYear) -> dict:
    """One year's page: its rows, the filter's options, and links to the years around it."""
    years = ctx.kb.timeline_years
    at = years.index(year)
    near: dict = {"previous": None, "next": None}
    for name, other in (("previous", years[at - 1] if at else None),
                        ("next", years[at + 1] if at + 1 < len(years) else None)):
        if other is not None:
            near[name] = {"label": year_label(other, ctx.lang),
                          "url": ctx.href(urls.timeline_path(other.key))}
    return {"year_label": year_label(year, ctx.lang),
            "timeline_rows": _timeline_rows(ctx, year.entries),
            "timeline_options": _timeline_options(ctx, year.entries),
            "timeline_index": ctx.href(urls.TIMELINE), "near": near,
            "timeline_csv": ctx.href(export_path("timeline.csv"))}


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
    cases = tuple(HomeCase(ctx.record(c), c.data.period, c.data.status,
                           tuple(dict.fromkeys(kb.appeal_states[(c.id, a.id)].state
                                               for a in c.data.appeals)))
                  for c in kb.newest_first())
    open_appeals = tuple(OpenAppeal(ctx.record(c, a.id), urls.title(c, ctx.lang), a.audience,
                                    a.deadline) for c, a, _state in kb.open_appeals())
    issuers = dict.fromkeys(a.issued_by for c in kb.all("cases") for a in c.data.appeals)
    return {"cases": cases, "open_appeals": open_appeals,
            "as_of": i18n.date_words_of_day(kb.as_of, ctx.lang),
            "atom_url": ctx.href(export_path(ATOM)), "ics_url": ctx.href(export_path(ICS)),
            "organisations": tuple(
                (ctx.ref("organisations", o), kb.get("organisations", o).data.home_page)
                for o in issuers if kb.get("organisations", o).data.home_page)}


def coverage(ctx: Context) -> dict:
    """What the site covers: how many cases from how many documents, over which years."""
    kb = ctx.kb
    dated = [d for s in kb.all("sources") for d in [s.data.date.parsed] if d.year_known]
    first = min(dated, key=lambda d: d.sort_key) if dated else None
    last = max(dated, key=lambda d: d.bounds()[1]) if dated else None
    return {"cases": len(kb.all("cases")), "sources": len(kb.all("sources")),
            "first": first, "last": last,
            "undated": sum(1 for s in kb.all("sources") if not s.data.date.parsed.year_known)}


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
    file, an example row (examples: {path: text})."""
    out = []
    for f in manifest:
        if f.kind in ("csv", "schema"):
            label = i18n.gettext(f"types.{f.label}.plural", ctx.lang)
        elif f.kind == "timelinejs":
            label = ctx.title("cases", f.label)
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
