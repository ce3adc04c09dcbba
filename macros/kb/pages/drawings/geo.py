"""Build-time maps of the places in the cases: country outlines, dots, reported routes.

The outlines are Natural Earth's 1:50m Admin 0 countries (public domain), as redistributed in
TopoJSON by the npm package world-atlas 2.0.2: the countries that meet the maps' area, clipped
to it once by scripts/outlines.py and committed beside this file as outlines.json (which
records its source, licence and the command that remakes it). They are projected with pyproj
onto a Lambert conformal conic fitted to each view, clipped to the view and simplified as a
coverage with shapely (so that neighbours keep one shared border); geo_layout.py places the
labels, and overrides/partials/kb/map.html writes the SVG. Nothing runs in the browser,
nothing is fetched when the page is read, and the same input gives byte-identical output.
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from . import geo_layout
from .frames import VIEWS, Frame, View, frame as frame_of
from .geo_layout import Dot, Land

ATLAS = Path(__file__).with_name("outlines.json")  # its "area": every map's views lie inside
WIDTH = 440.0  # a map's viewBox width in user units; the page scales it to its column
FONT_SIZE = 14.0  # label size in user units (about 11.4 px on a 390 px phone)
TOLERANCE = 0.6  # coverage simplification, in user units (about the side of a removed triangle)
INSET_SHARE = 0.4  # an inset's width as a share of the map's
COARSE = 1.5  # from this tolerance on, outlines are written in whole units: 0.1 adds nothing
GROUP_RADIUS = 7.0  # a group's dot is at least this large: the number of its places fits in it
COUNT_SIZE = 0.75  # that number's size, relative to the place labels


@dataclass(frozen=True)
class Place:
    """A place to mark. Coordinates are city-level only and are rounded here to 0.1 degree.

    `kind` is "city" (a filled dot) or "area" (a ring at a representative point, for a province
    or region); the dot's area grows with `count`, the number of cases naming the place.
    map_drawing makes a "group": one mark for several places (its `group` argument).
    """

    id: str
    label: str
    lon: float
    lat: float
    href: str
    count: int = 1
    title: str = ""
    kind: str = "city"

    def __post_init__(self) -> None:
        object.__setattr__(self, "lon", round(self.lon, 1))
        object.__setattr__(self, "lat", round(self.lat, 1))


@dataclass(frozen=True)
class Route:
    """A route the sources give, through the places whose ids are `stops`, in order: `label`
    is its tooltip, `note` ("reported", or its translation) is written beside the line."""

    label: str
    stops: tuple[str, ...]
    note: str = "reported"

    def __post_init__(self) -> None:
        object.__setattr__(self, "stops", tuple(self.stops))


def _ring(values: list, scale: list[float], translate: list[float]) -> list[tuple]:
    """A ring of outlines.json in degrees (its "format" says how it is written)."""
    x = y = 0
    ring = []
    for a, b in zip(values[0::2], values[1::2], strict=True):
        if type(a) is int and type(b) is int:  # a step on the quantisation grid
            x, y = x + a, y + b
            ring.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        else:  # a position in degrees, where the clip cut the area's edge
            ring.append((a, b))
    return ring


def decode_countries(data: Mapping) -> dict[str, BaseGeometry]:
    """The countries in outlines.json's content as shapely (Multi)Polygons in degrees, keyed by
    ISO 3166-1 numeric code ("156" China, "408" North Korea, "410" South Korea), in its order."""
    scale, translate = data["scale"], data["translate"]
    out: dict[str, BaseGeometry] = {}
    for country in data["countries"]:
        parts = [shapely.Polygon(_ring(rings[0], scale, translate),
                                 [_ring(r, scale, translate) for r in rings[1:]])
                 for rings in country["polygons"]]
        out[country["id"]] = parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
    return out


def load_countries(path: str | Path = ATLAS) -> dict[str, BaseGeometry]:
    """The outlines in a file scripts/outlines.py wrote (by default the committed one)."""
    return decode_countries(json.loads(Path(path).read_bytes()))


@lru_cache(maxsize=4)
def _atlas(atlas: Path) -> tuple[dict[str, BaseGeometry], list[str], shapely.STRtree]:
    shapes = load_countries(atlas)
    return shapes, list(shapes), shapely.STRtree(list(shapes.values()))


def countries(atlas: Path = ATLAS) -> dict[str, BaseGeometry]:
    """`load_countries`, once per file and process."""
    return _atlas(Path(atlas))[0]


def point_in_country(lon: float, lat: float, iso_numeric: int | str,
                     atlas: Path = ATLAS) -> bool:
    """Whether (lon, lat) lies inside the country's full-resolution outline."""
    return countries(atlas)[f"{int(iso_numeric):03d}"].contains(Point(lon, lat))


@lru_cache(maxsize=65536)
def country_of(lon: float, lat: float, atlas: Path = ATLAS) -> str | None:
    """The ISO numeric code of the country whose outline holds the point, if any."""
    shapes, keys, tree = _atlas(Path(atlas))
    point = Point(lon, lat)
    hits = [keys[i] for i in sorted(tree.query(point)) if shapes[keys[i]].contains(point)]
    return hits[0] if hits else None


def choose_view(places: Sequence[Place], views: Sequence[str]) -> tuple[str | View, str | None]:
    """The first of the named views that holds every place, without an inset; else the last
    with the places it does not hold in an inset: the wide view if it holds them, else one
    fitted to them. Fixed views share their outlines across maps (outlines() caches them)."""
    for name in views:
        frame = frame_of(VIEWS[name], WIDTH)
        if all(frame.contains(p) for p in places):
            return name, None
    main, wide = frame_of(VIEWS[views[-1]], WIDTH), frame_of(VIEWS["wide"], WIDTH * INSET_SHARE)
    away = [p for p in places if not main.contains(p)]
    return views[-1], "wide" if all(wide.contains(p) for p in away) else "auto"


@lru_cache(maxsize=256)
def outlines(frame: Frame, atlas: Path = ATLAS, tolerance: float = TOLERANCE) -> tuple[Land, ...]:
    """The countries in a frame: projected to user units, clipped to the frame, simplified
    together as one coverage (shared borders stay shared), specks of land left out. Cached
    per frame, file and tolerance."""
    w, s, e, n = frame.outline().bounds
    source = (w - 0.5, s - 0.5, e + 0.5, n + 0.5)  # the corners reach past the view's box
    _, keys, tree = _atlas(Path(atlas))
    found = []
    for i in sorted(tree.query(shapely.box(*source))):
        part = shapely.clip_by_rect(tree.geometries[i], *source)
        projected = shapely.clip_by_rect(frame.to_svg(part), *frame.bounds)
        if not projected.is_empty:
            found.append((keys[i], projected))
    simple = shapely.coverage_simplify([geom for _, geom in found], tolerance)
    lands = []
    for (key, _), geom in zip(found, simple, strict=True):
        kept = [p for p in shapely.get_parts(geom) if p.area >= 4 * tolerance ** 2]
        if kept:
            lands.append(Land(key, shapely.multipolygons(kept) if len(kept) > 1 else kept[0],
                              10 if tolerance >= COARSE else 1))
    return tuple(lands)


def _view(view: str | View, places: Sequence[Place]) -> View:
    if isinstance(view, View):
        return view
    return View.fit((p.lon, p.lat) for p in places) if view == "auto" else VIEWS[view]


def _frames(places: list[Place], routes: list[Route], view: str | View,
            inset: str | View | None, width: float) -> list[tuple[Frame, list[Place]]]:
    """The main frame and, if some places fall outside it and an inset is asked for, an inset
    in the corner that covers the fewest places, each with its places. A place or route that
    fits in neither is a ValueError."""
    main = frame_of(_view(view, places), width)
    home = [p for p in places if main.contains(p)]
    away = [p for p in places if not main.contains(p)]
    frames = [(main, home)]
    if away and inset is not None:
        probe = frame_of(_view(inset, away), width * INSET_SHARE)
        w, h = probe.width, probe.bounds[3]
        x1, y1 = main.width - w - 1, main.bounds[3] - h - 1
        dots = [main.xy(p.lon, p.lat) for p in home]
        left, top = min([(1, 1), (x1, 1), (x1, y1), (1, y1)], key=lambda c: sum(
            c[0] - 30 <= x <= c[0] + w + 30 and c[1] - 15 <= y <= c[1] + h + 15 for x, y in dots))
        frames.append((frame_of(probe.view, w, left, top), away))
    stray = [p.id for p in away if len(frames) == 1 or not frames[1][0].contains(p)]
    split = [r.label for r in routes
             if not any(set(r.stops) <= {p.id for p in mine} for _, mine in frames)]
    if stray or split:
        raise ValueError(f"outside the map: places {stray}, routes {split}")
    return frames


@dataclass(frozen=True)
class MapDrawing:
    """What overrides/partials/kb/map.html draws: the frames (the main one, then an inset if
    any; see geo_layout.layer), sizes in user units, the ids' prefix and the title."""

    title: str
    map_id: str
    width: float
    height: float
    font_size: float
    note_size: float
    layers: tuple[dict, ...]

    @property
    def count_size(self) -> float:
        """The size of the number of places written in a group's dot."""
        return self.font_size * COUNT_SIZE

    @property
    def has_groups(self) -> bool:
        return any(dot.places > 1 for layer in self.layers for dot, _ in layer["dots"])

    @property
    def has_routes(self) -> bool:
        return any(layer["routes"] for layer in self.layers)


def map_drawing(points: Sequence[Place | Mapping], routes: Sequence[Route | Mapping] = (),
                view: str | View = "region", *, title: str, map_id: str,
                inset: str | View | None = None, country_names: Mapping[str, str] | None = None,
                tolerance: float = TOLERANCE, width: float = WIDTH, font_size: float = FONT_SIZE,
                atlas: Path = ATLAS,
                group: Callable[[list[Place]], Place] | None = None) -> MapDrawing:
    """A map of the places (Place or dicts of its fields) and routes (Route or dicts).

    view: "region", "wide", "auto" (fitted to the places) or a View. Places outside it go in
    an inset of `inset` (a view name or View), if one is asked for; otherwise they are an
    error, as is a route whose stops are not all in one frame.
    title: the drawing's <title>. The map is hidden from assistive technology and its links
    leave the tab order: the page's list of the same places is its text alternative.
    map_id: unique on the page; prefixes the ids inside the SVG. country_names: ISO numeric
    code -> name, written on the main frame where it fits. Every text comes from the caller,
    so all of it is translated. tolerance: simplification in user units (larger: fewer
    bytes, coarser coasts).
    group: when given, places whose dots would overlap the dot of a more-named place in the
    same frame are drawn as one mark with it (geo_layout.group_dots): group(its places, the
    most named first) gives that mark's label, title, link and count; it is drawn as a
    "group" at the first place's position, its dot sized by that count (at least
    GROUP_RADIUS) with the number of its places written in it. Routes still run to their
    stops' own positions.
    """
    places = [p if isinstance(p, Place) else Place(**p) for p in points]
    trips = [r if isinstance(r, Route) else Route(**r) for r in routes]
    frames = _frames(places, trips, view, inset, width)
    main = frames[0][0]
    layers = []
    for frame, mine in frames:
        lands = outlines(frame, Path(atlas), float(tolerance))
        inside = {country_of(p.lon, p.lat, Path(atlas)) for p in mine}
        named = {land.key for land in lands if land.key in inside}
        dots = {p.id: Dot(*frame.xy(p.lon, p.lat), geo_layout.radius(p.count), p) for p in mine}
        marks = list(dots.values())
        if group is not None:
            marks = [members[0] if len(members) == 1 else _group(members, group)
                     for members in geo_layout.group_dots(marks)]
        is_main = frame is main
        layers.append(geo_layout.layer(
            bounds=frame.bounds, lands=lands, named=named, font_size=font_size,
            names=(country_names or {}) if is_main else {}, dots=marks,
            routes=[(r, [dots[s] for s in r.stops]) for r in trips if set(r.stops) <= set(dots)],
            obstacles=[f.bounds for f, _ in frames[1:]] if is_main else [],
            extent=None if is_main else frame.to_svg(main.outline())))
    return MapDrawing(title, map_id, main.width, main.bounds[3], font_size,
                      font_size * geo_layout.NOTE_SIZE, tuple(layers))


def _group(members: list[Dot], group: Callable[[list[Place]], Place]) -> Dot:
    """One dot for several places, at the first's position (map_drawing's `group`)."""
    place = dataclasses.replace(group([d.place for d in members]), kind="group")
    first = members[0]
    return Dot(first.x, first.y, max(GROUP_RADIUS, geo_layout.radius(place.count)), place,
               len(members))
