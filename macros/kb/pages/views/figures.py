"""The drawings' view models: the knowledge base's dates, places and routes as the marks and
points that pages/drawings/ lays out, every text in the page's language.

A case page gets a timeline of its events (drawn above their list, each mark linking to its
entry) and a map of its places and reported routes (above the list of its places); the
global timeline's front page gets the context events and each case's span; the home page a
map of every place named in a case. The lists stay the accessible version: the drawings are
hidden from assistive technology (the partials say how).
"""
from __future__ import annotations

import dataclasses
import importlib.util
import sys
from functools import lru_cache

from ...data.dates import KBDate, parse
from ...resolve import Record
from ...common import i18n, urls
from ..drawings import timeline as tl
from ..drawings.tl_model import Mark
from ...common.plaintext import plain
from .common import Context



def _lazy(name: str):
    """Module `name`, run when one of its names is first read (importlib.util.LazyLoader)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = sys.modules[name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The maps' module imports shapely, numpy and pyproj (about 0.27 s of every build process);
# a build that takes its pages and blocks from the cache draws no map.
geo = _lazy(__package__.rsplit(".", 1)[0] + ".drawings.geo")

KINDS = {"point": "point", "span": "span", "from": "from", "one-of": "window"}
GLOBAL_CASES = 40  # beyond this many cases, the global drawing counts cases per year
HOME_LABELS = 16  # the home map names the places most cases name, and dots the rest
# From this many places on, the home map draws places whose dots would overlap as
# one mark (geo.map_drawing's `group`): a reader can no longer tell them apart, and each mark
# costs the page about 130 bytes. Below it (the real data: 25 places) every place keeps its dot.
HOME_GROUP_FROM = 60
GROUP_NAMES = 8  # a group's tooltip names this many of its places, the most named first
HOME_LIST = "kb-map-home-list"  # the id of the list below the home map, where groups link
CASE_TOLERANCE = 2.0  # coarser coasts for case maps: a few KB each
COUNTRIES = ("156", "408", "410", "643", "392", "496")  # land named on the maps (en.yml)


def first_clause(text: str) -> str:
    """A label for a mark: the text's first sentence or clause (the drawing shortens it)."""
    text = " ".join(text.split())
    for stop in (". ", "; ", "。", "；"):
        text = text.split(stop)[0]
    return text.rstrip(".。")


def _entry(date: str, text: str, lang: str) -> str:
    return i18n.gettext("drawing.entry", lang, date=date, text=text)


def mark(d: KBDate, mark_id: str, label: str, title: str, role: str, href: str,
         lang: str) -> Mark:
    """A date of the knowledge base as the drawing's input."""
    s, e = d.start, d.end
    return Mark(id=mark_id, label=label, title=title, start=(s.year, s.month, s.day),
                end=(e.year, e.month, e.day) if e else None, kind=KINDS[d.kind],
                approximate=s.approximate or bool(e and e.approximate),
                uncertain=s.uncertain or bool(e and e.uncertain), part=d.part, role=role,
                href=href, date_label="" if d.year_known else i18n.date_words(d, lang, False))


@lru_cache(maxsize=None)
def timeline_texts(lang: str, title: str) -> dict:
    """Every text a timeline drawing shows, in `lang`; title: the drawing's title key."""
    def g(key: str) -> str:
        return i18n.gettext(f"drawing.timeline.{key}", lang)
    texts = {"title": g(title), "year_not_stated": g("year_not_stated"),
             "relative_note": g("relative_note"), "today": g("today"),
             "deadline": g("deadline"), "band_context": g("context"), "band_cases": g("cases"),
             "month_label": lambda year, month: i18n.month_abbr(month, lang),
             "year_label": lambda year: i18n.gettext("drawing.year", lang, year=year),
             "day_label": lambda day: i18n.gettext("drawing.day", lang, day=day)}
    for key in ("point", "span", "unsure", "fade", "deadline", "today", "context", "case",
                "count"):
        texts[f"legend_{key}"] = g(f"legend.{key}")
    return texts


def case_timeline(ctx: Context, rec: Record) -> tl.TimelineDrawing | None:
    """A case's events, each linking to its entry in the list below (its tooltip gives the date
    and the text's first clause; the list, the whole text); an event on an appeal's
    deadline drawn as the deadline, and a deadline no event gives as a mark of its own
    (linking to the appeal); the build date as "today" where it falls on the axis."""
    lang = ctx.lang
    deadlines = {a.deadline.edtf: a.id for a in rec.data.appeals if a.deadline}
    marks = []
    for e in ctx.kb.timelines[rec.id]:
        label = first_clause(plain(e.text, lang))  # the list below has the whole text
        d = e.date.parsed
        role = "deadline" if deadlines.pop(e.date.edtf, None) else "event"
        marks.append(mark(d, e.id, label, _entry(i18n.date_words(d, lang), label, lang), role,
                          f"#{e.id}", lang))
    label = i18n.gettext("drawing.timeline.appeal_deadline", lang)
    for edtf, appeal in deadlines.items():
        d = parse(edtf)
        marks.append(mark(d, f"{appeal}-deadline", label,
                          _entry(i18n.date_words(d, lang), label, lang), "deadline",
                          f"#{appeal}", lang))
    return tl.case_timeline(marks, today=ctx.kb.as_of, prefix="kb-tl-case",
                            texts=timeline_texts(lang, "case_title"))


def entry_anchor(rec: Record, anchor: str | None) -> str:
    """The id of a global timeline entry: tl--<event> or tl--<case>--<its event> ("--"
    occurs in no record id, so these never collide)."""
    return f"tl--{rec.id}" if anchor is None else f"tl--{rec.id}--{anchor}"


def global_timeline(ctx: Context, listed: bool) -> tl.TimelineDrawing | None:
    """Context events above the cases' spans, on one axis broken where years are empty.
    listed: whether the page lists every entry (each mark then links to its entry there;
    otherwise to the record's page). Beyond GLOBAL_CASES cases, a bar per year counts the
    cases that begin in it, linking to that year's page."""
    kb, lang = ctx.kb, ctx.lang
    first = {}
    for entry in kb.global_timeline:
        first.setdefault((entry.record.type, entry.record.id), entry)

    def href(rec: Record) -> str:
        entry = first.get((rec.type, rec.id))
        if listed and entry is not None:
            return f"#{entry_anchor(rec, entry.anchor)}"
        return ctx.href(urls.page_path(rec.type, rec.id))
    marks = []
    for rec in kb.all("events"):
        d, title = rec.data.date.parsed, urls.title(rec, lang)
        marks.append(mark(d, rec.id, title, _entry(i18n.date_words(d, lang), title, lang),
                          "context", href(rec), lang))
    cases = kb.all("cases")
    if len(cases) <= GLOBAL_CASES:
        for rec in cases:
            d, title = rec.data.period.parsed, urls.title(rec, lang)
            marks.append(mark(d, rec.id, title, _entry(i18n.date_words(d, lang), title, lang),
                              "case-span", href(rec), lang))
    else:
        marks += _case_counts(ctx, cases)
    return tl.global_timeline(marks, today=kb.as_of, prefix="kb-tl-global",
                              texts=timeline_texts(lang, "global_title"))


def _case_counts(ctx: Context, cases: list[Record]) -> list[Mark]:
    """A bar per year for the cases whose period begins in it; one for those with no year."""
    lang, years = ctx.lang, {}
    for rec in cases:
        years.setdefault(rec.data.period.parsed.year, []).append(rec)
    out = []
    for year, recs in years.items():
        n = len(recs)
        key = str(year) if year is not None else "year-not-stated"
        when = (i18n.gettext("drawing.year", lang, year=year) if year is not None
                else i18n.gettext("drawing.timeline.year_not_stated", lang))
        out.append(Mark(
            f"cases-{key}", i18n.ngettext("drawing.timeline.case_count", n, lang),
            i18n.ngettext("drawing.timeline.case_count_title", n, lang, year=when),
            (year, 1, 1) if year is not None else (None, None, None),
            (year, 12, 31) if year is not None else None,
            kind="span" if year is not None else "point", role="count",
            href=ctx.href(urls.timeline_path(key))))
    return out


def _name(rec: Record, lang: str) -> str:
    short = rec.data.short_name
    return i18n.text_of(short, lang) if short else urls.title(rec, lang)


def _point(ctx: Context, rec: Record, label: str, title: str, count: int = 1) -> geo.Place:
    c = rec.data.coordinates
    return geo.Place(rec.id, label, c.lon, c.lat, ctx.href(urls.page_path("places", rec.id)),
                     count, title, "city" if rec.data.kind == "city" else "area")


def _land_names(points: list[geo.Place], country_places: list[geo.Place], lang: str) -> dict:
    """Names written on the land for orientation, except a country drawn as a place."""
    drawn = {geo.country_of(p.lon, p.lat) for p in country_places}
    return {iso: i18n.gettext(f"drawing.map.countries.{iso}", lang)
            for iso in COUNTRIES if iso not in drawn}


def case_map(ctx: Context, rec: Record) -> geo.MapDrawing | None:
    """The case's places that have coordinates, and the routes the sources report through
    them (each labelled "reported"); None when no place can be drawn."""
    lang = ctx.lang
    recs = [ctx.kb.get("places", p) for p in dict.fromkeys(p.place for p in rec.data.places)]
    recs = [r for r in recs if r.data.coordinates is not None]
    if not recs:
        return None
    points = [_point(ctx, r, _name(r, lang), urls.title(r, lang)) for r in recs]
    drawn = {p.id for p in points}
    arrow = i18n.gettext("drawing.map.arrow", lang)
    routes = [geo.Route(i18n.gettext("drawing.map.route", lang, stops=arrow.join(
                  _name(ctx.kb.get("places", s), lang) for s in r.stops)),
                  tuple(r.stops), i18n.gettext("drawing.map.reported", lang))
              for r in rec.data.routes if set(r.stops) <= drawn]
    view, inset = geo.choose_view(points, ("northeast", "region"))
    countries = [p for p, r in zip(points, recs) if r.data.kind == "country"]
    return geo.map_drawing(points, routes, view, inset=inset, map_id="kb-map-case",
                           title=i18n.gettext("drawing.map.case_title", lang),
                           country_names=_land_names(points, countries, lang),
                           tolerance=CASE_TOLERANCE)


def home_map(ctx: Context) -> dict:
    """Every place named in a case (with coordinates), sized by the number of cases naming
    it, the most named labelled; and the same places as a list, most named first."""
    kb, lang = ctx.kb, ctx.lang
    named = [(r, len(kb.refs_to(r, "cases"))) for r in kb.all("places")]
    named = sorted(((r, n) for r, n in named if n and r.data.coordinates is not None),
                   key=lambda item: -item[1])
    points = [_point(ctx, r, i18n.gettext("drawing.map.with_count", lang, name=_name(r, lang),
                                          count=n) if i < HOME_LABELS else "",
                     i18n.ngettext("drawing.map.cases", n, lang, name=urls.title(r, lang)), n)
              for i, (r, n) in enumerate(named)]
    if not points:
        return {"map": None, "places": ()}
    view, inset = geo.choose_view(points, ("region",))
    countries = [p for p, (r, _n) in zip(points, named) if r.data.kind == "country"]
    many = len(points) >= HOME_GROUP_FROM
    drawing = geo.map_drawing(points, (), view, inset=inset, map_id="kb-map-home",
                              title=i18n.gettext("drawing.map.home_title", lang),
                              country_names=_land_names(points, countries, lang),
                              group=(lambda members: _group(ctx, members)) if many else None)
    return {"map": drawing,
            "places": tuple((ctx.record(r), n) for r, n in named),
            "list_id": HOME_LIST if drawing.has_groups else None}


def _group(ctx: Context, members: list[geo.Place]) -> geo.Place:
    """The home map's mark for several places (the most named first): sized by the cases
    that name any of them (a case naming two of them counts once), titled with how many
    places and cases it stands for and the names of the first GROUP_NAMES, labelled when its
    first place is, and linking to the list below the map, which names every place."""
    kb, lang = ctx.kb, ctx.lang
    recs = [kb.get("places", p.id) for p in members]
    cases = len({c.id for r in recs for c in kb.refs_to(r, "cases")})
    names = i18n.gettext("punct.comma", lang).join(_name(r, lang) for r in recs[:GROUP_NAMES])
    if len(recs) > GROUP_NAMES:
        names = i18n.ngettext("drawing.map.group_more", len(recs) - GROUP_NAMES, lang,
                              names=names)
    first = _name(recs[0], lang)
    title = i18n.ngettext("drawing.map.group", cases, lang, places=len(recs), name=first,
                          names=names)
    label = i18n.gettext("drawing.map.group_label", lang, name=first, more=len(recs) - 1,
                         places=len(recs), count=cases) if members[0].label else ""
    return dataclasses.replace(members[0], id=f"group-{members[0].id}", label=label,
                               title=title, href=f"#{HOME_LIST}", count=cases)

