"""The numbers page: how many people each source reports returned (or detained), by date.

Every figure is one source's number, with its qualifier ("more than 500", "about 600",
"500 to 600") and where the source says it. Figures for the same case sit side by side and
are never reconciled; a source's own total over a period is listed apart, as that source's,
and never added to anything. The drawing plots the figures of single returns and detentions
(a dot per figure, a bar for a range, a caret above a floor such as "more than"); the lists
after it are its accessible version.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...data.dates import KBDate
from ...data.model import Figure
from ...resolve import Record
from ...common import i18n, urls
from ...common.urls import export_path
from .common import Context, Link, pin

# What the drawing draws for each qualifier: a filled dot for a number given as such, an
# open one for an estimate, a caret for a floor, and a bar for a range.
SHAPES = {"exactly": "dot", "around": "open", "nearly": "open", "up-to": "open",
          "at-least": "floor", "more-than": "floor", "range": "range"}


@dataclass(frozen=True)
class FigureRow:
    words: str  # "more than 500", in the page's language
    of: str  # "returned" or "detained"
    total: bool
    date: KBDate
    note: dict | None  # Text
    sources: tuple[tuple[Link, str, str | None], ...]  # (source page, publisher, pinpoint)
    anchor: str  # its id on the page; the drawing links to it
    figure: Figure  # what the drawing draws


@dataclass(frozen=True)
class CaseFigures:
    anchor: str  # its heading's id on the page
    case: Link
    date: KBDate  # the case's period
    status: str
    figures: tuple[FigureRow, ...]
    differ: bool  # its sources give different numbers for the same thing


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    y2: float | None  # the top of a range
    shape: str
    href: str
    title: str
    label: str


def words(fig: Figure, lang: str) -> str:
    """A figure in words: "more than 500", "about 600", "500 to 600"."""
    return i18n.gettext(f"numbers.figure.{fig.qualifier}", lang, count=_n(fig.count, lang),
                        count_max=_n(fig.count_max, lang) if fig.count_max else "")


def _n(value: int, lang: str) -> str:
    return i18n.number(value, lang)


def _row(ctx: Context, rec: Record, i: int, fig: Figure) -> FigureRow:
    return FigureRow(words(fig, ctx.lang), fig.of, fig.total, fig.date.parsed, fig.note,
                     tuple((ctx.ref("sources", s),
                            ctx.title("organisations", ctx.kb.get("sources", s).data.publisher),
                            pin(s, ctx.lang)) for s in fig.sources),
                     f"fig-{rec.id}-{i + 1}", fig)


def numbers_view(ctx: Context) -> dict:
    groups, totals = [], []
    for rec in ctx.kb.all("cases"):
        rows = [_row(ctx, rec, i, f) for i, f in enumerate(rec.data.figures)]
        single = tuple(r for r in rows if not r.total)
        totals += [(ctx.record(rec), r) for r in rows if r.total]
        if single:
            distinct = {(f.of, f.count, f.count_max, f.qualifier, f.date.edtf)
                        for f in rec.data.figures if not f.total}
            groups.append(CaseFigures(f"case-{rec.id}", ctx.record(rec),
                                      rec.data.period.parsed,
                                      i18n.gettext(f"status.{rec.data.status}", ctx.lang),
                                      single, len(distinct) > 1))
    groups.sort(key=lambda g: g.figures[0].date.sort_key)
    return {"groups": tuple(groups), "totals": tuple(r for _case, r in totals),
            "total_cases": tuple(case for case, _r in totals),
            "drawing": drawing(ctx, groups),
            "csv": ctx.href(export_path("figures.csv")),
            "cases_index": ctx.href(urls.page_path("cases"))}


WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 720, 300, 48, 16, 16, 28


def drawing(ctx: Context, groups: list[CaseFigures]) -> dict | None:
    """The figures of single returns and detentions on a time axis (years) against a count
    axis from zero: geometry only, the template writes the SVG."""
    points = [(g, r) for g in groups for r in g.figures
              if r.date.year_known and r.of == "returned"]
    if not points:
        return None
    years = [r.date.start.year for _g, r in points]
    first, last = min(years), max(years) + 1
    top = max(r.figure.count_max or r.figure.count for _g, r in points)
    step = _step(top)
    ymax = step * -(-top // step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(d: KBDate) -> float:
        y, m, day = d.start.key
        m = m or 6
        return LEFT + plot_w * ((y - first) + (m - 1) / 12 + ((day or 15) - 1) / 365) / (
            last - first)

    def y_of(value: int) -> float:
        return TOP + plot_h * (1 - value / ymax)

    colon = i18n.gettext("punct.colon", ctx.lang)
    marks, seen, labels = [], {}, []
    for g in groups:
        mine = [r for case, r in points if case is g]
        if not mine:
            continue
        for r in mine:
            fig_x = x_of(r.date)
            slot = seen.get(round(fig_x / 4), 0)  # figures of one date side by side
            seen[round(fig_x / 4)] = slot + 1
            fig = r.figure
            marks.append(Mark(round(fig_x + 3 * slot, 1), round(y_of(fig.count), 1),
                              round(y_of(fig.count_max), 1) if fig.count_max else None,
                              SHAPES[fig.qualifier], f"#{r.anchor}",
                              f"{g.case.text}{colon}{r.words}", r.words))
        # one label per case, above its highest mark: the span of what its sources report
        low = min(r.figure.count for r in mine)
        high = max(r.figure.count_max or r.figure.count for r in mine)
        span = _n(low, ctx.lang) if low == high else \
            f"{_n(low, ctx.lang)}–{_n(high, ctx.lang)}"
        labels.append((round(x_of(mine[0].date), 1), round(y_of(high) - 9, 1), span))
    ticks = [(round(y_of(v), 1), _n(v, ctx.lang)) for v in range(0, ymax + 1, step)]
    years_axis = [(round(LEFT + plot_w * (y - first) / (last - first), 1), str(y))
                  for y in range(first, last + 1)]
    return {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT,
            "top": TOP, "bottom": HEIGHT - BOTTOM, "marks": tuple(marks),
            "labels": tuple(labels),
            "ticks": tuple(ticks), "years": tuple(years_axis),
            "title": i18n.gettext("numbers.drawing_title", ctx.lang)}


def _step(top: int) -> int:
    for step in (10, 20, 50, 100, 200, 500, 1000):
        if top / step <= 8:
            return step
    return 10 ** len(str(top))
