#!/usr/bin/env python3
"""Write the maps' country outlines, macros/kb/pages/drawings/outlines.json, from Natural Earth.

    python scripts/outlines.py [--atlas PATH] [--out PATH] [--check]

Run it only to change what the maps are drawn from (another Natural Earth release, a larger
AREA); the build reads the committed file and needs neither this script nor npm.

Input (--atlas): Natural Earth's 1:50m Admin 0 countries, version 4.1.0 (public domain), as the
quantised TopoJSON file countries-50m.json of the npm package world-atlas 2.0.2 (ISC,
LICENSES/world-atlas-ISC.txt). The default is node_modules/world-atlas/countries-50m.json; get
it with `npm install --no-save world-atlas@2.0.2` in the project folder (package.json no longer
lists it), or download https://cdn.jsdelivr.net/npm/world-atlas@2.0.2/countries-50m.json
(sha256 04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394). The file written
records the sha256 of the input it was made from.

Output (--out, default macros/kb/pages/drawings/outlines.json): the countries whose outline
meets AREA, each clipped to AREA, in the input's order, keyed by ISO 3166-1 numeric code (a
name where there is none) and named. Nothing is simplified or rounded: the build projects and
simplifies the outlines per view, and these are the very coordinates it used to decode from
world-atlas at every build, so the maps are the same, byte for byte. Positions stay on
world-atlas's quantisation grid, written as integer steps; the few points where the clip cuts
AREA's edge are off it and written in degrees (the file's "format" says how to read them;
macros/kb/pages/drawings/geo.py reads it). Before writing, the file is read back as the build
reads it and compared with the clipped outlines, coordinate for coordinate.

--check: write nothing; exit 1 if the file at --out is not what the input gives (it is also
what tests/test_maps.py runs when the input is installed).

The TopoJSON reader below is small and reads only the part of the format world-atlas uses, and
checks that (the `topojson` package from PyPI would be one more dependency, and builds a whole
Topology object and converts all 241 countries first):

- `transform` (quantised, delta-encoded arcs: each arc's first position is absolute, every
  later one a step from the one before; positions are scaled and translated to degrees);
- Polygon and MultiPolygon geometries whose rings are lists of arc indexes, where ~i (a
  negative index) is arc i reversed and each arc after the first repeats the last position of
  the one before it (dropped).

Anything else raises ValueError. tests/test_maps.py decodes a hand-made topology with each of
these features and checks the coordinates.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from itertools import chain
from pathlib import Path

import project_python  # noqa: F401  (.venv's Python, if this one lacks the project's)
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from macros.kb.pages.drawings import geo  # the project's package, installed in .venv

ROOT = Path(__file__).resolve().parents[1]

Box = tuple[float, float, float, float]  # west, south, east, north, degrees
AREA: Box = (80.0, -5.0, 150.0, 60.0)  # what the maps may show: every view lies well inside
ATLAS = ROOT / "node_modules" / "world-atlas" / "countries-50m.json"
ATLAS_SHA256 = "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394"  # 2.0.2's
OUT = geo.ATLAS
SOURCE = ("Natural Earth 1:50m Admin 0 - Countries, version 4.1.0 "
          "(https://www.naturalearthdata.com/downloads/50m-cultural-vectors/), as TopoJSON in "
          "the npm package world-atlas 2.0.2: countries-50m.json, sha256 {sha256}")
LICENCE = ("Natural Earth: public domain (naturalearthdata.com, Terms of Use). world-atlas: "
           "ISC, Copyright 2013-2019 Michael Bostock (LICENSES/world-atlas-ISC.txt). "
           "See LICENSES/NATURAL-EARTH.md.")
COMMAND = ("python scripts/outlines.py (its input: npm install --no-save world-atlas@2.0.2); "
           "python scripts/outlines.py --check compares")
FORMAT = ("countries: in the source's order, each with polygons, each a list of rings (the "
          "shell, then any holes), each a flat list x, y, x, y ... without the closing "
          "position. A pair of integers is a step on the quantisation grid from the ring's "
          "previous grid position (the first from 0, 0): degrees = grid position * scale + "
          "translate. A pair of decimals is a position in degrees, off the grid, where the clip "
          "to area cuts its edge. Degrees: longitude, latitude (WGS84).")


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


# --- the committed file -----------------------------------------------------------------------

def clipped(atlas: Path, area: Box = AREA) -> dict[str, tuple[str, BaseGeometry]]:
    """The countries that meet `area`, clipped to it, in the file's order: key -> (name,
    shape)."""
    topo = json.loads(atlas.read_bytes())
    names = {str(f.get("id") or f.get("properties", {}).get("name")):
             f.get("properties", {}).get("name", "")
             for f in topo["objects"]["countries"]["geometries"]}
    out = {}
    for key, shape in read_countries(atlas, "countries", area).items():
        part = shapely.clip_by_rect(shape, *area)
        if part.is_empty:  # only its box met the area (the United States, Kiribati)
            continue
        if part.geom_type not in ("Polygon", "MultiPolygon") or not part.is_valid:
            raise ValueError(f"{key}: clipping gave an invalid {part.geom_type}")
        out[key] = (names[key], part)
    return out


def _encode_ring(coords: np.ndarray, scale: list[float], translate: list[float]) -> list:
    values: list = []
    last = (0, 0)
    for x, y in coords[:-1].tolist():
        q = (round((x - translate[0]) / scale[0]), round((y - translate[1]) / scale[1]))
        if q[0] * scale[0] + translate[0] == x and q[1] * scale[1] + translate[1] == y:
            values += [q[0] - last[0], q[1] - last[1]]
            last = q
        else:
            values += [float(x), float(y)]
    return values


def _encode(shape: BaseGeometry, scale: list[float], translate: list[float]) -> list[str]:
    """One line per polygon, its rings as compact JSON."""
    lines = []
    for polygon in shapely.get_parts(shape):
        rings = [polygon.exterior, *polygon.interiors]
        lines.append("[" + ",\n    ".join(
            json.dumps(_encode_ring(np.asarray(r.coords), scale, translate),
                       separators=(",", ":")) for r in rings) + "]")
    return lines


def render(atlas: Path, area: Box = AREA) -> str:
    """The file's text: its source, licence, command and format, then the countries."""
    raw = atlas.read_bytes()
    transform = json.loads(raw)["transform"]
    scale, translate = transform["scale"], transform["translate"]
    sha256 = hashlib.sha256(raw).hexdigest()
    if sha256 != ATLAS_SHA256:
        print(f"{atlas} is not world-atlas 2.0.2's countries-50m.json: name its source in "
              "SOURCE and ATLAS_SHA256", file=sys.stderr)
    head = {
        "about": "The country outlines the knowledge base's maps are drawn from "
                 "(macros/kb/pages/drawings/geo.py).",
        "source": SOURCE.format(sha256=sha256),
        "licence": LICENCE,
        "command": COMMAND,
        "format": FORMAT,
        "area": list(area),
        "scale": scale,
        "translate": translate,
    }
    lines = ["{", *(f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},"
                    for k, v in head.items())]
    lines.append(' "countries": [')
    countries = clipped(atlas, area)
    for n, (key, (name, shape)) in enumerate(countries.items()):
        polygons = ",\n   ".join(_encode(shape, scale, translate))
        end = "," if n < len(countries) - 1 else ""
        lines.append(f'  {{"id": {json.dumps(key)}, "name": {json.dumps(name)}, '
                     f'"polygons": [\n   {polygons}]}}{end}')
    lines.append(" ]")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    _verify(text, countries)
    return text


def _verify(text: str, countries: dict[str, tuple[str, BaseGeometry]]) -> None:
    """The text, read as the build reads it, gives the clipped outlines exactly."""
    read = geo.decode_countries(json.loads(text))
    if list(read) != list(countries):
        raise RuntimeError("the countries read back are not the ones written")
    for key, (_, shape) in countries.items():
        if shapely.to_wkb(read[key]) != shapely.to_wkb(shape):
            raise RuntimeError(f"{key}: the outline read back differs from the one written")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--atlas", type=Path, default=ATLAS,
                        help="world-atlas's countries-50m.json (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=OUT, help="default: %(default)s")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if --out differs from what --atlas gives")
    args = parser.parse_args(argv)
    if not args.atlas.is_file():
        print(f"{args.atlas} is missing: run `npm install --no-save world-atlas@2.0.2` in the "
              "project folder, or pass --atlas", file=sys.stderr)
        return 2
    text = render(args.atlas)
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'differs from what the input gives'}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(text.encode())} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
