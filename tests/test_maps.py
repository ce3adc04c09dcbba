"""The maps, read from the drawings the build makes: the country outlines (Natural Earth, in
the committed outlines.json that scripts/outlines.py makes from world-atlas), each place's
point inside its country, and what a map's SVG holds. (The timelines: tests/test_drawings.py.)"""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import yaml
from lxml import etree

from macros.kb.pages import render
from macros.kb.pages.drawings import geo, geo_layout
from macros.kb.pages.drawings.frames import VIEWS, View, frame

from .conftest import DATA, ROOT

import outlines as topo  # scripts/outlines.py (pytest's pythonpath): its TopoJSON reader

SVG = "{http://www.w3.org/2000/svg}"
NS = {"s": "http://www.w3.org/2000/svg"}


def parse(fragment: str) -> etree._Element:
    return etree.fromstring(fragment.encode())


def links(root) -> list:
    return root.findall(f".//{SVG}a")


TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [100, 30]},
    "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        # a square of arcs 0 and 1, with arc 2 (reversed) as its hole
        {"type": "Polygon", "arcs": [[0, 1], [~2]], "id": "001", "properties": {"name": "A"}},
        # two parts; the second is arc 3 on its own; no id: keyed by its name
        {"type": "MultiPolygon", "arcs": [[[0, 1]], [[3]]], "properties": {"name": "B"}},
        {"type": None, "id": "000"},
    ]}},
    "arcs": [
        [[0, 0], [8, 0], [0, 8]],             # (100,30) (104,30) (104,32)
        [[8, 8], [-8, 0], [0, -8]],           # (104,32) (100,32) (100,30)
        [[2, 2], [0, 2], [2, 0], [0, -2], [-2, 0]],  # the hole: (101,30.5) ... clockwise
        [[20, 20], [2, 0], [0, 2], [-2, 0], [0, -2]],  # (110,35) (111,35) (111,35.5) ...
    ],
}


def test_topojson_is_decoded_delta_by_delta_with_reversed_arcs_and_holes(tmp_path):
    path = tmp_path / "t.json"
    path.write_text(json.dumps(TOPOLOGY))
    shapes = topo.read_countries(path)
    assert sorted(shapes) == ["001", "B"]
    a = shapes["001"]
    assert list(a.exterior.coords) == [(100, 30), (104, 30), (104, 32), (100, 32), (100, 30)]
    assert list(a.interiors[0].coords) == [(101, 30.5), (102, 30.5), (102, 31), (101, 31),
                                           (101, 30.5)]
    assert a.area == 8 - 0.5
    b = shapes["B"]
    assert b.geom_type == "MultiPolygon" and len(b.geoms) == 2
    assert list(b.geoms[1].exterior.coords)[:3] == [(110, 35), (111, 35), (111, 35.5)]
    # only the features whose box meets the one asked for are built
    assert sorted(topo.read_countries(path, within=(109, 34, 112, 36))) == ["B"]


def test_a_topology_the_reader_does_not_handle_is_refused(tmp_path):
    path = tmp_path / "t.json"
    path.write_text(json.dumps({**TOPOLOGY, "transform": None}))
    with pytest.raises(ValueError, match="quantised"):
        topo.read_countries(path)


# --- the committed outlines -------------------------------------------------------------------

def _outlines() -> dict:
    return json.loads(geo.ATLAS.read_text(encoding="utf-8"))


def test_the_outlines_are_committed_with_their_source_licence_and_command():
    """What a maintainer finds beside geo.py, and all the build reads for its maps: no path
    outside the package, no node_modules."""
    assert geo.ATLAS.parent == ROOT / "macros" / "kb" / "pages" / "drawings"
    data = _outlines()
    assert "Natural Earth 1:50m Admin 0" in data["source"]
    assert "world-atlas 2.0.2" in data["source"]
    assert "public domain" in data["licence"]
    for named in re.findall(r"LICENSES/[\w-]+\.\w+", data["licence"]):
        assert (ROOT / named).is_file(), named
    assert data["command"].startswith("python scripts/outlines.py")
    assert (ROOT / "scripts" / "outlines.py").is_file()
    assert geo.ATLAS.stat().st_size < 150_000  # clipped to the maps' area: small
    names = {c["id"]: c["name"] for c in data["countries"]}
    assert {names[k] for k in ("156", "408", "410", "643", "392")} == {
        "China", "North Korea", "South Korea", "Russia", "Japan"}
    shapes = geo.countries()
    assert list(shapes) == list(names)
    assert all(s.is_valid and s.geom_type in ("Polygon", "MultiPolygon")
               for s in shapes.values())
    west, south, east, north = data["area"]
    for key, shape in shapes.items():
        w, s, e, n = shape.bounds
        assert west <= w and south <= s and e <= east and n <= north, key


def test_every_view_and_place_lies_inside_the_outlines_area():
    """What a map reads of the outlines (its frame's box in degrees, plus half a degree) lies
    inside the committed area, for each named view and for a view fitted to each place alone
    (an inset's view covers no more than those of its places). A place beyond it would be
    drawn without its land: widen AREA in scripts/outlines.py and run it again."""
    west, south, east, north = _outlines()["area"]
    views = dict(VIEWS) | {pid: View.fit([(p["coordinates"]["lon"], p["coordinates"]["lat"])])
                           for pid, p in _places().items() if p.get("coordinates")}
    outside = []
    for name, view in views.items():
        w, s, e, n = frame(view, geo.WIDTH * geo.INSET_SHARE).outline().bounds
        if not (west < w - 0.5 and south < s - 0.5 and e + 0.5 < east and n + 0.5 < north):
            outside.append(name)
    assert outside == []


def test_the_outlines_file_is_what_the_script_makes_from_world_atlas():
    """Only where the script's input is installed (npm install --no-save world-atlas@2.0.2):
    the committed file was not edited by hand, and the script still makes it."""
    if not topo.ATLAS.is_file():
        pytest.skip(f"{topo.ATLAS.relative_to(ROOT)} is not installed")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "outlines.py"), "--check"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout


# --- the places' coordinates ----------------------------------------------------------------

def _places() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((DATA / "places").glob("*.yml"))}


# The country records' countries, by ISO 3166-1 numeric code (Natural Earth's ids): a place
# that lies in one of them (`within`, step by step) must be drawn inside its outline. Places
# in no country record are listed by hand, read off a map by a person; a border region must
# be drawn on or near the border of both its countries.
ISO = {"china": "156", "north-korea": "408", "south-korea": "410"}
ELSEWHERE = {"south-east-asia": "764"}  # a point in northern Thailand
BORDERS = {"china-north-korea-border": ("156", "408")}


def _country(pid: str, places: dict[str, dict]) -> str | None:
    step = pid
    while step is not None and step not in ISO:
        step = places[step].get("within")
    return ISO[step] if step is not None else ELSEWHERE.get(pid)


DRAWN = sorted(pid for pid, p in _places().items() if p.get("coordinates"))


def test_every_place_has_coordinates_rounded_to_a_tenth_of_a_degree():
    places = _places()
    # a place without them is listed but not drawn: two places the sources name but do not
    # locate (Pingxiang: two Chinese cities bear the name; Nanping: a border town in Jilin)
    assert sorted(set(places) - set(DRAWN)) == ["nanping", "pingxiang"]
    for pid in DRAWN:
        c = places[pid]["coordinates"]
        assert set(c) == {"lon", "lat"}, pid
        assert all(round(v, 1) == v for v in c.values()), pid
        assert places[pid]["kind"] in ("city", "province", "country", "region"), pid


@pytest.mark.parametrize("pid", [p for p in DRAWN if p not in BORDERS])
def test_each_point_lies_inside_its_countrys_outline(pid):
    places = _places()
    iso = _country(pid, places)
    assert iso is not None, f"{pid} is in no country record: add its country to ELSEWHERE"
    c = places[pid]["coordinates"]
    assert geo.point_in_country(c["lon"], c["lat"], iso), pid
    assert geo.country_of(c["lon"], c["lat"]) == iso


def test_a_border_region_is_drawn_on_the_border():
    from shapely.geometry import Point
    shapes = geo.countries()
    for pid, isos in BORDERS.items():
        c = _places()[pid]["coordinates"]
        point = Point(c["lon"], c["lat"])
        assert any(shapes[iso].contains(point) for iso in isos), pid
        assert all(shapes[iso].distance(point) < 0.2 for iso in isos), pid


def test_helong_is_in_china_and_clear_of_north_korea():
    c = _places()["helong"]["coordinates"]
    assert geo.country_of(c["lon"], c["lat"]) == "156"
    from shapely.geometry import Point
    assert geo.countries()["408"].distance(Point(c["lon"], c["lat"])) > 0.2


def test_path_data_leaves_out_only_the_separators_svg_does_not_need():
    # steps of (2.9, .1) and (.6, 2.5) from the origin; 'z' closes the ring. SVG reads
    # "2.9.1.6" as 2.9, .1, .6: a number ends where a second decimal point begins
    d = geo_layout.ring_data([(0, 0), (2.9, 0.1), (3.5, 2.6), (0, 0)])
    assert d == "M0 0l2.9.1.6 2.5z"
    assert geo_layout.ring_data([(0, 0), (2, 0.1), (2, -1.4), (0, 0)]) == "M0 0l2 .1 0-1.5z"


def test_maps_are_hidden_linked_and_name_no_other_host():
    points = [geo.Place("shenyang", "Shenyang", 123.4, 41.8, "../places/shenyang/"),
              geo.Place("changchun", "Changchun", 125.3, 43.9, "../places/changchun/"),
              geo.Place("yunnan", "Yunnan", 101.5, 24.9, "../places/yunnan/", kind="area")]
    routes = [geo.Route("Route: Shenyang → Changchun", ("shenyang", "changchun"))]
    drawing = geo.map_drawing(points, routes, "region", inset="wide", title="A <map>",
                              map_id="m")
    out = render.environment(ROOT / "overrides", "en").get_template(
        "partials/kb/map.html").render(map=drawing)
    root = parse(out)
    assert root.get("aria-hidden") == "true" and root.find(f"{SVG}title").text == "A <map>"
    assert [a.get("href") for a in links(root)] == ["../places/shenyang/", "../places/changchun/",
                                                    "../places/yunnan/"]
    assert all(a.get("tabindex") == "-1" for a in links(root))
    assert re.findall(r"https?://[^\"]*", out) == ["http://www.w3.org/2000/svg"]
    assert "//" not in out.replace("http://www.w3.org/2000/svg", "")
    assert all(not k.startswith("on") and k != "style" for el in root.iter() for k in el.attrib)
    assert set(re.findall(r"url\(#([^)]*)\)", out)) == {"m-arrow"}
    assert len(root.findall(".//s:g[@class='kb-map__frame kb-map__frame--inset']", NS)) == 1
    with pytest.raises(ValueError):  # a place outside the map and no inset for it
        geo.map_drawing(points, (), "region", title="t", map_id="m")


def test_a_build_process_loads_the_map_libraries_only_to_draw_a_map():
    """shapely, numpy and pyproj take about 0.27 s to import; the MkDocs hooks and the views
    import the maps' module lazily (views/figures.py), so that a build taking every page and
    block from the cache draws no map and loads none of them; the first map loads them."""
    probe = ("import sys\n"
             "import macros.mkdocs_adapter.hooks\n"
             "before = sorted(m for m in ('shapely', 'pyproj', 'numpy') if m in sys.modules)\n"
             "from macros.kb.pages.views import figures\n"
             "figures.geo.Place\n"
             "print(before, sorted(m for m in ('shapely', 'pyproj', 'numpy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[0] == "[] ['numpy', 'pyproj', 'shapely']"
