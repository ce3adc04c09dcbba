"""Geometry for the SVG timeline: time axes (plain or broken where years are empty) and lanes.

Pure and deterministic. Days are proleptic ordinals (datetime.date.toordinal); x is in SVG
user units.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterator, Sequence

from .tl_model import Mark

BREAK_W = 22.0  # width of the "//" gap where empty years are left out
MIN_MONTHS = 2  # a month axis shows at least this many months


@dataclass(frozen=True)
class Segment:
    """A stretch of time [lo, hi) drawn linearly between x0 and x1."""

    lo: int
    hi: int
    x0: float
    x1: float

    def x(self, day: float) -> float:
        return self.x0 + (day - self.lo) * (self.x1 - self.x0) / (self.hi - self.lo)


@dataclass(frozen=True)
class Axis:
    """A time axis of one or more segments; `unit` ("month" or "year") sets its ticks."""

    segments: tuple[Segment, ...]
    unit: str

    def contains(self, day: int) -> bool:
        return any(s.lo <= day < s.hi for s in self.segments)

    def x(self, day: float) -> float:
        """The x of a day number; a day in a left-out gap goes to the nearest segment edge."""
        for seg in self.segments:
            if day <= seg.hi:
                return seg.x(max(day, seg.lo))
        return self.segments[-1].x1

    def bands(self) -> Iterator[tuple[Segment, int, int, int, int | None]]:
        """Every month or year of the axis: (segment, first day, day after, year, month)."""
        for seg in self.segments:
            day = dt.date.fromordinal(seg.lo)
            while day.toordinal() < seg.hi:
                if self.unit == "month":
                    nxt = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
                    yield seg, day.toordinal(), nxt.toordinal(), day.year, day.month
                else:
                    nxt = dt.date(day.year + 1, 1, 1)
                    yield seg, day.toordinal(), nxt.toordinal(), day.year, None
                day = nxt


def _month_start(day: int, months_later: int = 0) -> int:
    d = dt.date.fromordinal(day)
    index = d.year * 12 + d.month - 1 + months_later
    return dt.date(index // 12, index % 12 + 1, 1).toordinal()


def case_axis(marks: Sequence[Mark], x0: float, x1: float) -> Axis | None:
    """A plain axis over the dated marks, in months up to two years, else in years; None when
    no mark has a year."""
    extents = [m.extent() for m in marks if m.year_known]
    if not extents:
        return None
    lo, hi = min(e[0] for e in extents), max(e[1] for e in extents)
    first, last = dt.date.fromordinal(lo), dt.date.fromordinal(hi - 1)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months > 24:
        seg = Segment(dt.date(first.year, 1, 1).toordinal(),
                      dt.date(last.year + 1, 1, 1).toordinal(), x0, x1)
        return Axis((seg,), "year")
    start, end = _month_start(lo), _month_start(hi - 1, 1)
    for extra in range(MIN_MONTHS - months):  # widen a short axis, after then before
        start, end = (start, _month_start(end, 1)) if extra % 2 == 0 else \
            (_month_start(start, -1), end)
    return Axis((Segment(start, end, x0, x1),), "month")


def global_axis(marks: Sequence[Mark], x0: float, x1: float, min_gap: int) -> Axis | None:
    """An axis in years over the dated marks that leaves out every run of at least `min_gap`
    empty years, drawn as a break; None when no mark has a year."""
    years: set[int] = set()
    for mark in marks:
        if mark.year_known:
            lo, hi = mark.extent()
            years.update(range(dt.date.fromordinal(lo).year, dt.date.fromordinal(hi - 1).year + 1))
    if not years:
        return None
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year - runs[-1][1] - 1 < min_gap:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    total = sum(b - a + 1 for a, b in runs)
    per_year = (x1 - x0 - BREAK_W * (len(runs) - 1)) / total
    segments, x = [], x0
    for a, b in runs:
        width = (b - a + 1) * per_year
        segments.append(Segment(dt.date(a, 1, 1).toordinal(), dt.date(b + 1, 1, 1).toordinal(),
                                x, x + width))
        x += width + BREAK_W
    return Axis(tuple(segments), "year")


def pack(extents: Sequence[tuple[float, float]], gap: float) -> list[int]:
    """A lane for each [x0, x1) extent: from left to right (ties in the given order), the
    first lane where it keeps `gap` from everything already there."""
    lanes: list[list[tuple[float, float]]] = []
    out = [0] * len(extents)
    for i in sorted(range(len(extents)), key=lambda k: extents[k][0]):
        a, b = extents[i]
        for index, lane in enumerate(lanes):
            if all(b + gap <= c or a >= d + gap for c, d in lane):
                lane.append((a, b))
                out[i] = index
                break
        else:
            lanes.append([(a, b)])
            out[i] = len(lanes) - 1
    return out


def label_x(x0: float, width: float, left: float, right: float) -> float:
    """Where a label of `width` starts: at the mark's start, moved left to end at `right`."""
    return max(left, min(x0, right - width))
