"""Build-time timeline drawings: a case's events, and the global view of context events and
cases. `Mark`s in, a `TimelineDrawing` out, which overrides/partials/kb/timeline-drawing.html
writes as

    <div class="kb-tl" data-pagefind-ignore>
      <div class="kb-tl-scroll" role="region" tabindex="0" aria-label="TITLE">
        <svg class="kb-tl-svg" viewBox=... aria-hidden="true"><title>TITLE</title>...</svg>
      </div>
      <ul class="kb-tl-legend" aria-hidden="true">...</ul>
    </div>

The drawing is hidden from assistive technology and its links are out of the tab order: the
list of events on the page is the accessible version, so nothing is read twice. The scroll
region is focusable so that a keyboard can scroll it at phone width (axe:
scrollable-region-focusable). Every mark is an <a> to its list entry with a <title>.

Dated marks go on a time axis in lanes (label above the mark; a mark takes the first lane
where its shape and label fit). Marks whose year is not stated go on a separate track, evenly
spaced in the order given, with no year anywhere on it. Same input, same bytes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Callable, Mapping, NamedTuple, Sequence

from .tl_draw import (ARROW_W, FADE_W, FONT, SMALL, AxisDrawn, Drawn, Key, Label, Shape,
                      axis_parts, is_day, label, label_width, legend, linked, shapes)
from .tl_layout import Axis, case_axis, global_axis, label_x, pack
from .tl_model import Mark, fit, merged_texts, num

W = 640.0  # viewBox width; CSS scales it to the column, never below a readable minimum
PAD = 10.0
LANE_H = 30.0  # a label row (baseline +12) above a mark row (centre +21)
LABEL_MAX = 250.0  # longest label drawn on the axis; longer ones end with an ellipsis
GAP = 10.0  # least room between two things in one lane
MIN_W = 4.0  # narrowest bar: a three-day span on a 30-year axis stays visible
REL_H = 76.0  # height of the year-not-stated track
EDGE = 6.0  # room for half a dot or diamond at either end of the axis

Texts = Mapping[str, "str | Callable"]


@dataclass(frozen=True)
class Today:
    line: str  # path data
    label: Label


@dataclass(frozen=True)
class Track:
    """The year-not-stated track: a band at `top`, its title and note, the dotted line and
    arrows joining its marks in the order the sources give."""

    top: str
    height: str
    title: Label
    note: str
    seq: str
    arrows: str
    marks: tuple[Drawn, ...]


@dataclass(frozen=True)
class TimelineDrawing:
    title: str
    width: str
    height: str
    font: str
    small: str
    prefix: str  # of the fade masks' ids
    fades: bool
    axis: AxisDrawn | None
    today: Today | None
    bands: tuple[Label, ...]
    marks: tuple[Drawn, ...]
    track: Track | None
    legend: tuple[Key, ...]


def case_timeline(marks: Sequence[Mark], today: dt.date | None = None,
                  texts: Texts | None = None, prefix: str | None = None
                  ) -> TimelineDrawing | None:
    """A case's events: dated marks on an axis in months (years beyond two years), with a
    'today' line only when `today` falls on it; marks whose year is not stated on their own
    track. `texts` overrides tl_model.DEFAULT_TEXTS (strings and label callables); `prefix`
    makes the drawing's ids unique on the page (derived from the marks if None). None when
    there is nothing to draw."""
    t = merged_texts(texts)
    dated = [m for m in marks if m.year_known]
    axis = case_axis(dated, PAD + EDGE, _right(dated))
    return _drawing([("", dated)], axis, [m for m in marks if not m.year_known], today, t,
                    _prefix(prefix, marks))


def global_timeline(marks: Sequence[Mark], texts: Texts | None = None,
                    today: dt.date | None = None, prefix: str | None = None,
                    min_gap: int = 5) -> TimelineDrawing | None:
    """Context events (role "context") above the cases (every other role, usually
    "case-span" bars), on one axis in years that leaves out each run of at least `min_gap`
    empty years behind a "//" break (1986 // 1995-2000 // 2010-2015)."""
    t = merged_texts(texts)
    dated = [m for m in marks if m.year_known]
    axis = global_axis(dated, PAD + EDGE, _right(dated), min_gap)
    bands = [(str(t["band_context"]), [m for m in dated if m.role == "context"]),
             (str(t["band_cases"]), [m for m in dated if m.role != "context"])]
    return _drawing(bands, axis, [m for m in marks if not m.year_known], today, t,
                    _prefix(prefix, marks))


def _right(dated: Sequence[Mark]) -> float:
    """The axis' right end, leaving room for half a mark, or an open end after the last date."""
    return W - PAD - (FADE_W + ARROW_W if any(m.kind == "from" for m in dated) else EDGE)


def _prefix(prefix: str | None, marks: Sequence[Mark]) -> str:
    if prefix is None:
        return "kbtl-" + hashlib.sha1(repr(tuple(marks)).encode()).hexdigest()[:8]
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", prefix):
        raise ValueError("prefix must be a letter then letters, digits, '-' or '_'")
    return prefix


def _drawing(bands: list[tuple[str, list[Mark]]], axis: Axis | None, undated: list[Mark],
             today: dt.date | None, t: dict, prefix: str) -> TimelineDrawing | None:
    """The whole drawing; None when there is nothing to draw."""
    if axis is None and not undated:
        return None
    used: set[str] = set()
    y = 4.0
    dated = _dated(bands, axis, y, today, t, used) if axis is not None else None
    if dated is not None:
        y = dated[-1]
    track = None
    if undated:
        track, y = _relative(undated, y + (8 if dated else 0), t, used)
    parts = dated or (None, None, (), (), y)
    return TimelineDrawing(
        str(t["title"]), num(W), num(y + 4), num(FONT), num(SMALL), prefix, "fade" in used,
        parts[0], parts[1], parts[2], parts[3], track, legend(used, t))


class Placed(NamedTuple):
    """A dated mark on the axis: its days' x range, the surely covered part of a span, the
    x range it takes with its label (for lanes), and where its label starts."""

    x0: float
    x1: float
    solid: tuple[float, float]
    extent: tuple[float, float]
    label_x: float


def _place(mark: Mark, axis: Axis, t: dict) -> Placed:
    lo, hi = mark.extent()
    x0, x1 = axis.x(lo), axis.x(hi)
    solid = (axis.x(mark.solid()[0]), axis.x(mark.solid()[1])) if mark.kind == "span" else (x1, x1)
    if x1 - x0 < MIN_W and not is_day(mark):
        mid = (x0 + x1) / 2
        x0, x1 = mid - MIN_W / 2, mid + MIN_W / 2
        solid = (x0, x1)
    mid = (x0 + x1) / 2
    left, right = (mid - 6, mid + 6) if is_day(mark) else (x0, x1)
    if mark.kind == "from":
        right = x1 + FADE_W + ARROW_W
    width = label_width(mark, LABEL_MAX, t)
    lx = label_x(left + (2 if is_day(mark) else 0), width, PAD, W - PAD)
    return Placed(x0, x1, solid, (min(left, lx), max(right, lx + width)), lx)


def _dated(bands: list[tuple[str, list[Mark]]], axis: Axis, top: float, today: dt.date | None,
           t: dict, used: set[str]) -> tuple:
    """(axis, today, band titles, linked marks, bottom)."""
    day = today.toordinal() if today else None
    today_x = axis.x(day + 0.5) if day is not None and axis.contains(day) else None
    y = top + (16 if today_x is not None else 0)
    rows: list[tuple[Mark, Placed, float]] = []  # (mark, placement, lane top)
    heads = []
    for title, marks in bands:
        if not marks:
            continue
        if title:
            heads.append(Label(num(PAD), num(y + 11), title, "kb-tl-band"))
            y += 16
        places = [_place(m, axis, t) for m in marks]
        lanes = pack([p.extent for p in places], GAP)
        rows += [(m, p, y + lane * LANE_H) for m, p, lane in zip(marks, places, lanes)]
        y += (max(lanes) + 1) * LANE_H
    axis_y = y + 4
    out = []
    for mark, p, lane_y in rows:
        cy = lane_y + 21
        rule = []
        if mark.role == "deadline":  # a dashed line from the deadline down to the axis
            rx = (p.x0 + p.x1) / 2 if is_day(mark) else p.x1
            rule = [Shape("rule", num(rx), num(cy + 6), "0", num(axis_y - cy - 6))]
        out.append(linked(mark, rule + shapes(mark, cy, p.x0, p.x1, p.solid, used),
                          [label(mark, p.label_x, lane_y + 12, LABEL_MAX, t)]))
    drawn_axis, bottom = axis_parts(axis, axis_y, top, t)
    mark_today = None
    if today_x is not None:
        used.add("today")
        tx = min(max(today_x, PAD + 20), W - PAD - 20)
        mark_today = Today(f"M{num(today_x)} {num(top + 14)}V{num(axis_y)}",
                           Label(num(tx), num(top + 10), str(t["today"]), "kb-tl-today-label",
                                 "middle"))
    return drawn_axis, mark_today, tuple(heads), tuple(out), bottom


def _relative(marks: list[Mark], top: float, t: dict, used: set[str]) -> tuple[Track, float]:
    """The year-not-stated track: a titled band with the marks evenly spaced in the given
    order, joined by arrows; each shows its date in words (no year) and its label."""
    slot = (W - 2 * PAD) / len(marks)
    line_y = top + 34
    half = min(14.0, slot / 2 - 6)
    centres = [PAD + (i + 0.5) * slot for i in range(len(marks))]
    seq = arrows = ""
    if len(marks) > 1:
        arrows = "".join(f"M{num(c + slot / 2 - 3)} {num(line_y - 4)}l4 4-4 4"
                         for c in centres[:-1])
        seq = f"M{num(centres[0])} {num(line_y)}H{num(centres[-1])}"
    out = []
    for mark, cx in zip(marks, centres):
        if mark.kind == "from":
            start_w = 2.0 if is_day(mark) else 12.0
            x0 = cx - (start_w + FADE_W + ARROW_W) / 2
            x1 = x0 + start_w
        else:
            x0, x1 = (cx - 1, cx + 1) if is_day(mark) else (cx - half, cx + half)
        solid = (x0 + (0 if mark.start[2] else half * 0.7),
                 x1 - (0 if mark.end and mark.end[2] else half * 0.7))
        width = slot - 8
        date = fit(mark.date_label, width, FONT)
        texts = [Label(num(cx), num(top + 56), date, "kb-tl-date", "middle")] if date else []
        texts.append(label(mark, cx, top + 70, width, t, "middle"))
        out.append(linked(mark, shapes(mark, line_y, x0, x1, solid, used), texts))
    title = Label(num(PAD), num(top + 14), str(t["year_not_stated"]), "kb-tl-rel-title")
    return Track(num(top), num(REL_H), title, str(t["relative_note"]), seq, arrows,
                 tuple(out)), top + REL_H
