"""The layout of a map: compact path data, label placement, route curves.

Nothing here knows about geography: every coordinate is already in SVG user units (x to the
right, y down). `geo.py` projects the data and calls these helpers; the template
overrides/partials/kb/map.html writes what `layer()` returns.
"""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Any

import numpy as np
import shapely
from shapely import Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from .numbers import num as svg_num
from .numbers import tenths

Box = tuple[float, float, float, float]  # x0, y0, x1, y1
Point2 = tuple[float, float]
CHAR_WIDTH = 0.58  # average advance of a sans-serif character, in ems (an estimate)
WIDE_WIDTH = 1.0  # a Chinese character or Korean syllable: a full em
NOTE_SIZE = 0.9  # route notes and country names, relative to the place labels
num = tenths  # a coordinate held in tenths of a unit
fmt = svg_num  # a coordinate in user units, rounded to 0.1


def _join(numbers: Iterable[str]) -> str:
    """Numbers separated by a space, or by nothing where the path grammar needs none: before a
    minus sign, and before a decimal point when the number before has one already ("2.9.1"
    is 2.9 then .1, as SVG reads it; about 3% of a map's bytes)."""
    out: list[str] = []
    dotted = False  # whether the last number written has a decimal point
    for text in numbers:
        if out and not (text.startswith("-") or (dotted and text.startswith("."))):
            out.append(" ")
        out.append(text)
        dotted = "." in text
    return "".join(out)


def ring_data(coords: Sequence[tuple[float, float]], quantum: int = 1) -> str:
    """One closed ring as 'M x y l dx dy … z', rounded to `quantum` tenths of a unit (1: to
    0.1, 10: to whole units); '' if it collapses.

    The relative steps are differences of the rounded absolute positions, so rounding never
    accumulates along the ring.
    """
    points = [(round(x * 10 / quantum) * quantum, round(y * 10 / quantum) * quantum)
              for x, y in coords]
    steps = [(b[0] - a[0], b[1] - a[1]) for a, b in pairwise(points) if a != b]
    if points[0] == points[-1] and steps:
        steps.pop()  # 'z' draws the closing edge
    if len(steps) < 2:
        return ""
    head = f"M{_join(num(v) for v in points[0])}"
    return f"{head}l{_join(num(v) for step in steps for v in step)}z"


def path_data(geom: BaseGeometry, quantum: int = 1) -> str:
    """SVG path data for a Polygon or MultiPolygon, holes included (fill-rule nonzero works:
    shapely keeps holes wound opposite to their shell)."""
    parts = getattr(geom, "geoms", [geom])
    rings = (ring for poly in parts for ring in (poly.exterior, *poly.interiors))
    return "".join(ring_data(ring.coords, quantum) for ring in rings)


def line_data(leg: tuple[Point2, Point2, Point2]) -> str:
    """A quadratic curve (start, control, end) as path data."""
    (x0, y0), control, end = leg
    return f"M{_join(fmt(v) for v in (x0, y0))}Q{_join(fmt(v) for v in (*control, *end))}"


@dataclass(frozen=True)
class Label:
    """Text to set beside an anchor point (a dot's centre), at least `gap` units away."""

    text: str
    x: float
    y: float
    gap: float


@dataclass(frozen=True)
class Placed:
    """Where a label went: its baseline origin, its text-anchor and the box it covers."""

    x: float
    y: float
    anchor: str
    box: Box


def text_box(x: float, y: float, width: float, height: float, anchor: str) -> Box:
    """The box of a line of text whose anchor point is (x, y) and whose middle is at y."""
    x0 = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return (x0, y - height / 2, x0 + width, y + height / 2)


def _candidates(label: Label, width: float, height: float) -> list[Placed]:
    """Eight positions around the anchor, most preferred first (right, left, the diagonals,
    above, below)."""
    g, d = label.gap, label.gap * 0.7
    spots = [(g, 0, "start"), (-g, 0, "end"), (d, -d - height / 2, "start"),
             (d, d + height / 2, "start"), (-d, -d - height / 2, "end"),
             (-d, d + height / 2, "end"), (0, -g - height / 2, "middle"),
             (0, g + height / 2, "middle")]
    out = []
    for dx, dy, anchor in spots:
        x, y = label.x + dx, label.y + dy
        out.append(Placed(x, y + 0.35 * height, anchor, text_box(x, y, width, height, anchor)))
    return out


def overlap(a: Box, b: Box) -> float:
    """The area two boxes share."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def outside(box: Box, bounds: Box) -> float:
    """The area of `box` that lies outside `bounds`."""
    return (box[2] - box[0]) * (box[3] - box[1]) - overlap(box, bounds)


def text_width(text: str, font_size: float) -> float:
    """A label's estimated width: the Unicode standard's East Asian Width (unicodedata) tells
    the full-width characters of the Korean and Chinese labels, about an em each, from the
    rest (CHAR_WIDTH). Counting every character as Latin made those labels overlap."""
    wide = sum(unicodedata.east_asian_width(c) in "WF" for c in text)
    return font_size * (WIDE_WIDTH * wide + CHAR_WIDTH * (len(text) - wide))


def place_labels(labels: Sequence[Label], obstacles: list[Box], bounds: Box,
                 font_size: float) -> list[Placed]:
    """Greedy placement: each label, in the order given, takes the candidate position that
    covers the least of the obstacles and of the labels already placed, and keeps inside
    `bounds`. Placed labels are appended to `obstacles`. Deterministic."""
    placed = []
    for label in labels:
        options = _candidates(label, text_width(label.text, font_size), font_size)
        cost = [10 * outside(p.box, bounds) for p in options] + _covered(
            np.array([p.box for p in options]), np.array(obstacles).reshape(-1, 4))
        best = options[int(np.argmin(cost))]  # the first of equals: the preferred position
        obstacles.append(best.box)
        placed.append(best)
    return placed


def _covered(boxes: np.ndarray, obstacles: np.ndarray) -> np.ndarray:
    """For each box (k × 4), the area it shares with the obstacles (n × 4), summed."""
    w = (np.minimum(boxes[:, None, 2], obstacles[None, :, 2])
         - np.maximum(boxes[:, None, 0], obstacles[None, :, 0]))
    h = (np.minimum(boxes[:, None, 3], obstacles[None, :, 3])
         - np.maximum(boxes[:, None, 1], obstacles[None, :, 1]))
    return (w.clip(min=0) * h.clip(min=0)).sum(axis=1)


SHIFTS = sorted(((dx, dy) for dx in (0, -0.3, 0.3) for dy in (0, -1.5, 1.5, -3, 3)),
                key=lambda d: (abs(d[1]), abs(d[0])))  # a name's positions, nearest first


def fit_label(text: str, land: Land, font_size: float, obstacles: list[Box]) -> Placed | None:
    """A country name near the middle of its land, at least 85% on that land and clear of the
    obstacles, or None if there is no room."""
    for spot in land.name_spots(text_width(text, font_size), font_size):
        if not any(overlap(spot.box, o) for o in obstacles):
            obstacles.append(spot.box)
            return spot
    return None


@dataclass(frozen=True)
class Land:
    """A country's visible land in user units, keyed by its ISO numeric code. Its path data and
    label position are worked out once, when first asked for (a Land is cached with its frame)."""

    key: str
    shape: BaseGeometry
    quantum: int = 1  # path data rounded to this many tenths of a unit

    @cached_property
    def d(self) -> str:
        """SVG path data."""
        return path_data(self.shape, self.quantum)

    @cached_property
    def largest(self) -> Polygon:
        """The largest visible part, where the country's name goes."""
        return max(getattr(self.shape, "geoms", [self.shape]), key=lambda p: p.area)

    @cached_property
    def centre(self) -> tuple[float, float]:
        """The largest part's pole of inaccessibility: the point farthest inside it."""
        point = polylabel(self.largest, tolerance=1.0)
        return point.x, point.y

    def name_spots(self, width: float, font_size: float) -> tuple[Placed, ...]:
        """The positions near its middle where a name this wide lies at least 85% on the
        largest part, nearest first; worked out once per size (every map of a view asks)."""
        spots = self.__dict__.setdefault("_name_spots", {})
        if (width, font_size) not in spots:
            found = []
            for dx, dy in SHIFTS:
                x, y = self.centre[0] + dx * width, self.centre[1] + dy * font_size
                box = text_box(x, y, width, font_size, "middle")
                if shapely.clip_by_rect(self.largest, *box).area >= 0.85 * width * font_size:
                    found.append(Placed(x, y + 0.35 * font_size, "middle", box))
            spots[(width, font_size)] = tuple(found)
        return spots[(width, font_size)]


@dataclass(frozen=True)
class Dot:
    """A place's dot in user units; `place` carries its label, link, title, count and kind.
    `places`: how many places the dot stands for (more than one: a group, group_dots)."""

    x: float
    y: float
    r: float
    place: Any
    places: int = 1


def group_dots(dots: Sequence[Dot]) -> list[list[Dot]]:
    """The dots gathered where they would overlap: in order of count (most first, then as
    given), each dot joins the group whose first dot it would overlap (the nearest such,
    if several), or else starts a group of its own; so no two groups' first dots overlap.
    Each group lists its first dot first, then the others by count; the groups come in the
    order their first dots were given. Deterministic.

    Written here rather than taken from a library: this is "leader" clustering, a dozen
    lines, and its rule (a dot is grouped only when it would overlap a more-named place's
    dot) is what a reader sees. Single-linkage methods such as DBSCAN (scikit-learn, not a
    dependency) chain a dense field of places into one blob, and k-means needs the number
    of groups in advance and moves the marks off the places.
    """
    index = {id(d): i for i, d in enumerate(dots)}
    groups: list[list[Dot]] = []
    for dot in sorted(dots, key=lambda d: (-d.place.count, index[id(d)])):
        near = [(math.hypot(dot.x - g[0].x, dot.y - g[0].y), k) for k, g in enumerate(groups)]
        near = [(dist, k) for dist, k in near if dist < groups[k][0].r + dot.r]
        if near:
            groups[min(near)[1]].append(dot)
        else:
            groups.append([dot])
    return sorted(groups, key=lambda g: index[id(g[0])])


def _leg(a: Dot, b: Dot, bend: float) -> tuple[Point2, Point2, Point2]:
    """A route leg from dot a to dot b as a quadratic curve (start, control, end), trimmed so
    that it starts beside a and its arrowhead ends at b's edge."""
    length = math.hypot(b.x - a.x, b.y - a.y) or 1.0
    ux, uy = (b.x - a.x) / length, (b.y - a.y) / length
    start = (a.x + ux * (a.r + 2), a.y + uy * (a.r + 2))
    end = (b.x - ux * (b.r + 1.5), b.y - uy * (b.r + 1.5))
    control = ((start[0] + end[0]) / 2 + bend * (end[1] - start[1]),
               (start[1] + end[1]) / 2 - bend * (end[0] - start[0]))
    return start, control, end


def _on_curve(leg: tuple[Point2, Point2, Point2], t: float) -> Point2:
    (x0, y0), (cx, cy), (x1, y1) = leg
    u = 1 - t
    return (u * u * x0 + 2 * u * t * cx + t * t * x1, u * u * y0 + 2 * u * t * cy + t * t * y1)


def layer(bounds: Box, lands: Sequence[Land], named: set[str], names: Mapping[str, str],
          dots: Sequence[Dot], routes: Sequence[tuple[Any, list[Dot]]], font_size: float,
          obstacles: list[Box], extent: BaseGeometry | None,
          bend: float = 0.15) -> dict[str, Any]:
    """What the template draws for one frame: land paths, country names, route legs and notes,
    dots and their labels, and for an inset the main map's extent. Labels are placed here:
    the cities' and groups' first (most cases first), then the areas', the routes' notes,
    and last the country names where they fit. `obstacles` are boxes no label should cover."""
    obstacles = [*obstacles, *((d.x - d.r, d.y - d.r, d.x + d.r, d.y + d.r) for d in dots)]
    legs = [[_leg(a, b, bend) for a, b in pairwise(stops)] for _, stops in routes]
    obstacles += [(x - 1.5, y - 1.5, x + 1.5, y + 1.5) for curves in legs for leg in curves
                  for x, y in (_on_curve(leg, t / 8) for t in range(1, 8))]
    order = sorted((d for d in dots if d.place.label),  # a dot without a label: title only
                   key=lambda d: (d.place.kind == "area", -d.place.count, d.place.label))
    spots = dict(zip(map(id, order), place_labels(
        [Label(d.place.label, d.x, d.y, d.r + 2.5) for d in order], obstacles, bounds, font_size),
        strict=True))
    middles = [_on_curve(max(curves, key=lambda g: math.dist(g[0], g[2])), 0.5)
               for curves in legs]
    notes = place_labels([Label(r.note, x, y, 3.0)
                          for (r, _), (x, y) in zip(routes, middles, strict=True)],
                         obstacles, bounds, font_size * NOTE_SIZE)
    by_key = {land.key: land for land in lands}
    labels = [(text, fit_label(text, by_key[key], font_size * NOTE_SIZE, obstacles))
              for key, text in sorted(names.items()) if key in by_key]
    return {
        "bounds": bounds,
        "lands": [(land.key in named, land.d) for land in lands],
        "names": [(text, spot) for text, spot in labels if spot],
        "routes": [(r, [line_data(leg) for leg in curves], note)
                   for (r, _), curves, note in zip(routes, legs, notes, strict=True)],
        "dots": [(d, spots.get(id(d))) for d in dots],  # in the caller's order
        "extent": path_data(shapely.simplify(extent, 0.3)) if extent is not None else "",
    }


def radius(count: int, smallest: float = 3.5, step: float = 2.0, largest: float = 14.0) -> float:
    """Dot radius for a number of cases: the area grows with the count, up to a cap."""
    return min(largest, smallest + step * math.sqrt(max(count, 1) - 1))
