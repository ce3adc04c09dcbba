"""A small TopoJSON reader: Natural Earth's countries (npm `world-atlas`) as shapely shapes.

Why not the `topojson` package from PyPI: it builds a whole Topology object and converts every
one of the file's 241 countries to GeoJSON first, which took 2.1 s per build process for the
1:50m file on the project's machine, against about 0.3 s here (0.2 s of it JSON). Every build, in each of its
processes, reads the file once, and the knowledge base's build time budget has no such second
to spare. What this reads is only the part of the format that file uses, and it checks that:

- `transform` (quantised, delta-encoded arcs: each arc's first position is absolute, every
  later one a step from the one before; positions are scaled and translated to degrees);
- Polygon and MultiPolygon geometries whose rings are lists of arc indexes, where ~i (a
  negative index) is arc i reversed and each arc after the first repeats the last position of
  the one before it (dropped).

Anything else raises ValueError. tests/test_drawings.py decodes a hand-made topology with
each of these features and checks the coordinates.
"""
from __future__ import annotations

import json
from itertools import chain
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

Box = tuple[float, float, float, float]  # west, south, east, north, degrees


def _arcs(topo: dict) -> tuple[np.ndarray, np.ndarray]:
    """Every arc's positions in degrees, one array, and where each arc starts in it."""
    transform = topo.get("transform")
    if not transform:
        raise ValueError("only quantised TopoJSON (with a transform) is read")
    arcs = topo["arcs"]
    lengths = np.fromiter(map(len, arcs), dtype=np.int64, count=len(arcs))
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    flat = np.fromiter(chain.from_iterable(chain.from_iterable(arcs)), dtype=np.int64)
    if len(flat) != 2 * lengths.sum():
        raise ValueError("only positions of two numbers (x, y) are read")
    steps = flat.reshape(-1, 2)
    summed = np.cumsum(steps, axis=0)
    before = np.where(starts[:, None] > 0, summed[np.maximum(starts - 1, 0)], 0)
    quantised = summed - np.repeat(before, lengths, axis=0)
    scale, translate = np.array(transform["scale"]), np.array(transform["translate"])
    return quantised * scale + translate, starts


def _ring(indexes: list[int], points: np.ndarray, starts: np.ndarray) -> np.ndarray:
    ends = np.append(starts[1:], len(points))
    parts = []
    for n, i in enumerate(indexes):
        arc = points[starts[~i]:ends[~i]][::-1] if i < 0 else points[starts[i]:ends[i]]
        parts.append(arc if n == 0 else arc[1:])
    return np.concatenate(parts)


def _polygons(geometry: dict) -> list[list[list[int]]]:
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["arcs"]]
    if kind == "MultiPolygon":
        return geometry["arcs"]
    raise ValueError(f"geometry type {kind!r} is not read (Polygon and MultiPolygon only)")


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def read_countries(path: str | Path, object_name: str = "countries",
                   within: Box | None = None) -> dict[str, BaseGeometry]:
    """The features of one GeometryCollection as valid shapely (Multi)Polygons in degrees,
    keyed by their `id` (world-atlas: the ISO 3166-1 numeric code, "156" for China), or by
    their name where they have none (Kosovo, Somaliland ...). within: only the features whose
    box meets this one (the rest are not built, which is most of the reading's cost)."""
    topo = json.loads(Path(path).read_bytes())
    points, starts = _arcs(topo)
    low = np.minimum.reduceat(points, starts)
    high = np.maximum.reduceat(points, starts)
    out: dict[str, BaseGeometry] = {}
    for feature in topo["objects"][object_name]["geometries"]:
        if not feature.get("arcs"):
            continue
        polygons = _polygons(feature)
        used = [~i if i < 0 else i for poly in polygons for ring in poly for i in ring]
        box = (*low[used].min(axis=0), *high[used].max(axis=0))
        if within is not None and not _overlaps(box, within):
            continue
        shells = [shapely.Polygon(_ring(poly[0], points, starts),
                                  [_ring(r, points, starts) for r in poly[1:]])
                  for poly in polygons]
        shape = shells[0] if len(shells) == 1 else shapely.MultiPolygon(shells)
        # a few outlines cross themselves (in the Arctic, Fiji, Antarctica): mended, so that
        # clipping and point-in-country tests are safe everywhere
        key = feature.get("id") or feature.get("properties", {}).get("name")
        out[str(key)] = shape if shape.is_valid else shapely.make_valid(
            shape, method="structure", keep_collapsed=False)
    return out
