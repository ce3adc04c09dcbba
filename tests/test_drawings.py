"""The drawing modules on their own (macros/kb/pages/drawings/): the TopoJSON reader, the
timeline's layout and encodings as its partial writes them, and the places' coordinates
against Natural Earth's outlines. The built pages' drawings: tests/test_site_drawings.py."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys

import pytest
import yaml
from lxml import etree

from macros.kb.pages import render
from macros.kb.pages.drawings import geo, topo
from macros.kb.pages.drawings.timeline import case_timeline, global_timeline
from macros.kb.pages.drawings.tl_draw import FONT
from macros.kb.pages.drawings.tl_model import Mark, text_width

from .conftest import DATA, ROOT

SVG = "{http://www.w3.org/2000/svg}"
NS = {"s": "http://www.w3.org/2000/svg"}
YEAR = re.compile(r"\b(1[89]|20)\d\d\b")


def draw(drawing) -> str:
    """A timeline drawing as the page writes it (partials/kb/timeline-drawing.html)."""
    if drawing is None:
        return ""
    return render.environment("en").get_template(
        "partials/kb/timeline-drawing.html").render(drawing=drawing)


def parse(fragment: str) -> etree._Element:
    return etree.fromstring(fragment.encode())


def links(root) -> list:
    return root.findall(f".//{SVG}a")


def classes(el) -> set[str]:
    return set(el.get("class", "").split())


def texts_of(el) -> list[str]:
    """Every drawn text (not tooltips) under el."""
    return ["".join(t.itertext()) for t in el.iter(f"{SVG}text")]


CHANGCHUN = [
    Mark("detained", "Police detain the group in Shenyang", "8 February 2012: detained",
         (2012, 2, 8)),
    Mark("press", "Press release", "14 February 2012: press release", (2012, 2, 14)),
    Mark("planned", "Planned return", "20 February 2012: planned return", (2012, 2, 20)),
    Mark("ua", "Urgent Action issued", "between 8 February and 28 March 2012",
         (2012, 2, 8), (2012, 3, 28), kind="window"),
    Mark("deadline", "Appeals before this date", "28 March 2012", (2012, 3, 28),
         role="deadline"),
]
FAMILIES = [
    Mark("fam-detained", "Families detained", "15-17 July (year not stated)", (None, 7, 15),
         (None, 7, 17), kind="span", date_label="15–17 July"),
    Mark("fam-returned", "Group returned", "early August (year not stated)", (None, 8, None),
         part="early", date_label="early August"),
]


# --- the TopoJSON reader -------------------------------------------------------------------

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


def test_a_missing_atlas_says_to_run_npm_ci(tmp_path):
    with pytest.raises(FileNotFoundError, match="npm ci"):
        geo.load_countries(tmp_path / "countries-50m.json")


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
    assert DRAWN == sorted(places)  # a place without them is listed but not drawn
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


def test_maps_are_hidden_linked_and_name_no_other_host():
    points = [geo.Place("shenyang", "Shenyang", 123.4, 41.8, "../places/shenyang/"),
              geo.Place("changchun", "Changchun", 125.3, 43.9, "../places/changchun/"),
              geo.Place("yunnan", "Yunnan", 101.5, 24.9, "../places/yunnan/", kind="area")]
    routes = [geo.Route("Route: Shenyang → Changchun", ("shenyang", "changchun"))]
    drawing = geo.map_drawing(points, routes, "region", inset="wide", title="A <map>",
                              map_id="m")
    out = render.environment("en").get_template("partials/kb/map.html").render(map=drawing)
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


# --- the timeline ---------------------------------------------------------------------------

def test_every_mark_is_a_link_with_a_title_and_the_drawing_has_a_title():
    for out, marks in ((draw(case_timeline(CHANGCHUN + FAMILIES)), CHANGCHUN + FAMILIES),
                       (draw(global_timeline(CHANGCHUN)), CHANGCHUN)):
        svg = parse(out).find(f".//{SVG}svg")
        assert svg[0].tag == f"{SVG}title" and svg[0].text
        found = links(svg)
        assert len(found) == len(marks)
        for a, mark in zip(sorted(found, key=lambda a: a.get("href")),
                           sorted(marks, key=lambda m: m.link)):
            assert a.get("href") == mark.link
            assert a[0].tag == f"{SVG}title" and a[0].text == mark.title


def test_drawing_is_hidden_from_assistive_technology_and_its_region_can_scroll():
    root = parse(draw(case_timeline(CHANGCHUN, texts={"title": "Timeline of the case"})))
    region = root.find("div")
    assert (region.get("class"), region.get("role"), region.get("tabindex"),
            region.get("aria-label")) == ("kb-tl-scroll", "region", "0", "Timeline of the case")
    assert region.find(f"{SVG}svg").get("aria-hidden") == "true"
    assert all(a.get("tabindex") == "-1" for a in links(root))
    assert root.find("ul").get("aria-hidden") == "true"


def test_year_not_stated_marks_sit_on_the_relative_track_in_the_given_order():
    given = [FAMILIES[1], FAMILIES[0]]  # the caller's order is kept, not re-sorted by month
    root = parse(draw(case_timeline(CHANGCHUN + given)))
    track = root.find(".//s:g[@class='kb-tl-reltrack']", NS)
    on_track = links(track)
    assert [a.get("href") for a in on_track] == ["#fam-returned", "#fam-detained"]
    xs = [float(a.find(f"{SVG}text").get("x")) for a in on_track]
    assert xs == sorted(xs) and len(set(xs)) == 2
    assert "Year not stated" in "".join(texts_of(track))
    assert not any(YEAR.search(t) for t in texts_of(track))
    dated = [a for a in links(root) if a.getparent() is not track]
    assert sorted(a.get("href") for a in dated) == sorted(m.link for m in CHANGCHUN)


def test_a_drawing_with_no_stated_year_has_no_axis_and_no_year_anywhere():
    root = parse(draw(case_timeline(FAMILIES, today=dt.date(2026, 7, 16))))
    assert root.find(".//s:g[@class='kb-tl-axis']", NS) is None
    drawn = texts_of(root)
    assert drawn and not any(YEAR.search(t) for t in drawn)
    assert root.find(".//s:path[@class='kb-tl-today']", NS) is None


def _grid_xs(root) -> list[float]:
    d = root.find(".//s:path[@class='kb-tl-grid']", NS).get("d")
    return [float(x) for x in re.findall(r"M([\d.]+) ", d)]


def test_a_span_renders_a_bar_whose_x_extent_matches_its_dates():
    marks = [Mark("a", "A", "t", (2012, 2, 10)),
             Mark("march", "All of March", "t", (2012, 3, 1), (2012, 3, 31), kind="span"),
             Mark("five", "Five days", "t", (2012, 3, 5), (2012, 3, 9), kind="span"),
             Mark("b", "B", "t", (2012, 4, 20))]
    root = parse(draw(case_timeline(marks)))
    feb1, mar1, apr1 = _grid_xs(root)  # month boundaries of a Feb-Apr axis
    bars = {a.get("href"): a.find(f"{SVG}rect") for a in links(root)}
    x, w = float(bars["#march"].get("x")), float(bars["#march"].get("width"))
    assert x == pytest.approx(mar1, abs=0.15) and x + w == pytest.approx(apr1, abs=0.15)
    day = (apr1 - mar1) / 31
    x, w = float(bars["#five"].get("x")), float(bars["#five"].get("width"))
    assert x == pytest.approx(mar1 + 4 * day, abs=0.15) and w == pytest.approx(5 * day, abs=0.15)
    assert "kb-tl-unsure" not in classes(bars["#march"].getparent())
    point = links(root)[0]  # an exact day is a plain point
    assert "kb-tl-unsure" not in classes(point) and point.find(f"{SVG}circle") is not None


def test_a_span_with_a_month_for_its_start_fades_in_over_that_month():
    marks = [Mark("s", "Held", "t", (2000, 3, None), (2000, 7, 19), kind="span")]
    root = parse(draw(case_timeline(marks, prefix="p")))
    rects = links(root)[0].findall(f"{SVG}rect")
    assert rects[0].get("mask") == "url(#p-in)" and rects[1].get("mask") is None
    assert root.find(".//s:mask[@id='p-in']", NS) is not None
    assert "kb-tl-unsure" in classes(links(root)[0])


@pytest.mark.parametrize("mark", [
    Mark("x", "about", "t", (2012, 2, 20), approximate=True),
    Mark("x", "maybe", "t", (2012, 2, 20), uncertain=True),
    Mark("x", "window", "t", (2012, 2, 8), (2012, 3, 28), kind="window"),
    Mark("x", "early August", "t", (2012, 8, None), part="early"),
    Mark("x", "a month", "t", (2012, 8, None)),
    Mark("x", "or later", "t", (2015, 11, None), kind="from"),
    Mark("x", "about, a span", "t", (2012, 2, 1), (2012, 2, 20), kind="span", approximate=True),
])
def test_approximate_uncertain_and_inexact_marks_are_drawn_unsure(mark):
    a = links(parse(draw(case_timeline([mark]))))[0]
    assert "kb-tl-unsure" in classes(a)
    dashed = a.find(".//*[@class='kb-tl-range']") is not None
    faded = any(el.get("mask") for el in a.iter())
    assert dashed or faded or "kb-tl-approx" in classes(a)


def test_the_stylesheet_dashes_what_the_drawing_marks_unsure():
    css = (ROOT / "docs/assets/kb-drawings.css").read_text(encoding="utf-8")
    for selector in (".kb-tl-range {", ".kb-tl-approx .kb-tl-dot {", ".kb-tl-approx .kb-tl-bar {"):
        rule = css[css.index(selector):]
        assert "stroke-dasharray" in rule[:rule.index("}")]


@pytest.mark.parametrize("today, shown", [(dt.date(2012, 3, 1), True), (None, False),
                                          (dt.date(2026, 11, 23), False),
                                          (dt.date(2011, 12, 31), False)])
def test_today_appears_only_when_it_falls_on_the_axis(today, shown):
    root = parse(draw(case_timeline(CHANGCHUN, today=today)))
    lines = root.findall(".//s:path[@class='kb-tl-today']", NS)
    assert len(lines) == int(shown)
    assert ("today" in texts_of(root)) is shown
    legend = "".join(root.find("ul").itertext())
    assert ("today" in legend) is shown


def test_a_deadline_is_marked_as_a_deadline():
    root = parse(draw(case_timeline(CHANGCHUN, texts={"deadline": "Frist"})))
    a = next(a for a in links(root) if a.get("href") == "#deadline")
    assert {"kb-tl-mark", "kb-tl-deadline"} <= classes(a)
    assert a.find(".//s:path[@class='kb-tl-diamond']", NS) is not None
    assert a.find(".//s:path[@class='kb-tl-rule']", NS) is not None
    assert a.find(".//s:tspan[@class='kb-tl-tag']", NS).text == "Frist"
    others = [x for x in links(root) if x is not a]
    assert not any("kb-tl-deadline" in classes(x) for x in others)


def test_broken_axis_for_1986_and_2000_to_2015():
    marks = [Mark("protocol", "Border protocol", "1986", (1986, None, None), role="context")]
    marks += [Mark(f"e{y}", f"Event {y}", str(y), (y, 6, 1), role="context")
              for y in (2000, 2003, 2006, 2009, 2015)]
    marks.append(Mark("case", "A case", "2012", (2012, 2, 8), (2012, 3, 28), kind="span",
                      role="case-span"))
    root = parse(draw(global_timeline(marks)))
    axis = root.find(".//s:g[@class='kb-tl-axis']", NS)
    assert axis.find("s:path[@class='kb-tl-break']", NS) is not None
    labels = texts_of(axis)
    assert {"1986", "2000", "2015"} <= set(labels)
    assert not {str(y) for y in range(1987, 2000)} & set(labels)
    one_break = axis.find("s:path[@class='kb-tl-break']", NS).get("d")
    assert len(re.findall(r"M", one_break)) == 2  # the two strokes of one "//"
    spans = [a for a in links(root) if "kb-tl-case-span" in classes(a)]
    assert len(spans) == 1 and spans[0].find(f"{SVG}rect") is not None


def test_no_break_when_no_decade_is_empty():
    marks = [Mark(f"e{y}", "E", "t", (y, None, None), role="context") for y in (2010, 2013)]
    root = parse(draw(global_timeline(marks)))
    assert root.find(".//s:path[@class='kb-tl-break']", NS) is None


def test_a_count_of_cases_is_a_plain_bar_over_its_year_with_its_own_legend():
    marks = [Mark("cases-2012", "12 cases", "2012: 12 cases", (2012, 1, 1), (2012, 12, 31),
                  kind="span", role="count", href="../timeline/2012/"),
             Mark("e", "E", "t", (2010, 5, 1), role="context")]
    root = parse(draw(global_timeline(marks)))
    a = next(a for a in links(root) if "kb-tl-count" in classes(a))
    assert a.get("href") == "../timeline/2012/" and len(a.findall(f"{SVG}rect")) == 1
    assert "number of cases beginning that year" in "".join(root.find("ul").itertext())


HOSTILE = ["<script>alert(1)</script>", '"onload="x', "it's & <b>"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_escaped(text):
    marks = [Mark("a", text, text, (2012, 2, 8), href=text),
             Mark("b", text, text, (None, 7, 15), date_label=text)]
    out = draw(case_timeline(marks, texts={"title": text, "today": text,
                                           "month_label": lambda y, m: text}))
    root = parse(out)  # well-formed: nothing broke out of a text or an attribute
    assert not root.findall(".//script") and not root.findall(f".//{SVG}script")
    assert all(not k.startswith("on") for el in root.iter() for k in el.attrib)
    assert links(root)[0].get("href") == text
    assert any(text in t for t in texts_of(root))
    assert "<script>" not in out and "<b>" not in out


def test_output_is_deterministic_across_processes():
    code = ("import tests.test_drawings as t; "
            "print(t.draw(t.case_timeline(t.CHANGCHUN + t.FAMILIES))"
            " + t.draw(t.global_timeline(t.CHANGCHUN)))")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, cwd=ROOT,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3")}
    assert len(outs) == 1
    assert draw(case_timeline(CHANGCHUN)) == draw(case_timeline(list(CHANGCHUN)))


def test_numbers_are_rounded_to_one_decimal():
    out = draw(case_timeline(CHANGCHUN + FAMILIES)) + draw(global_timeline(CHANGCHUN))
    for value in re.findall(r' (?:x|y|width|height|cx|cy|r)="([^"]*)"', out):
        assert re.fullmatch(r"-?\d*(\.\d)?", value) and value, value
    for d in re.findall(r' d="([^"]*)"', out):
        assert not re.search(r"\d\.\d\d", d), d


def test_ids_are_unique_per_prefix_and_masks_resolve():
    span = Mark("s", "Held", "t", (2000, 3, None), (2000, 7, 19), kind="span")
    one, two = (draw(case_timeline([span], prefix=p)) for p in ("one", "two"))
    ids = [set(re.findall(r' id="([^"]*)"', x)) for x in (one, two)]
    assert ids[0] and not ids[0] & ids[1]
    for out, own in zip((one, two), ids):
        assert set(re.findall(r"url\(#([^)]*)\)", out)) <= own
    with pytest.raises(ValueError):
        case_timeline([span], prefix='x" onload="y')


def test_axis_labels_come_from_the_injected_callables():
    texts = {"month_label": lambda y, m: f"{m}月", "year_label": lambda y: f"{y}年"}
    drawn = texts_of(parse(draw(case_timeline(CHANGCHUN, texts=texts))))
    assert {"2月", "3月", "2012年"} <= set(drawn)
    with pytest.raises(ValueError):
        case_timeline(CHANGCHUN, texts={"no_such_key": "x"})


def test_marks_days_apart_get_lanes_whose_labels_do_not_overlap():
    root = parse(draw(case_timeline(CHANGCHUN)))
    boxes = []
    for t in root.iter(f"{SVG}text"):
        if t.get("class") == "kb-tl-label":
            x, y = float(t.get("x")), float(t.get("y"))
            boxes.append((y, x, x + text_width("".join(t.itertext()), FONT)))
    assert len({b[0] for b in boxes}) >= 3  # stacked in lanes
    for i, (y, a, b) in enumerate(boxes):
        for y2, c, d in boxes[i + 1:]:
            assert y != y2 or b <= c or d <= a


def test_the_legend_lists_only_what_is_drawn():
    legend = "".join(parse(draw(case_timeline(CHANGCHUN))).find("ul").itertext())
    assert "exact day" in legend and "deadline" in legend and "dashed" in legend
    assert "fading" not in legend and "context" not in legend


def test_nothing_to_draw_is_no_drawing():
    assert case_timeline([]) is None and global_timeline([]) is None


@pytest.mark.parametrize("kwargs", [
    dict(kind="span"), dict(kind="nope"), dict(role="nope"), dict(part="early"),
    dict(end=(2012, 3, 1)), dict(kind="span", end=(2011, 1, 1))])
def test_invalid_marks_are_refused(kwargs):
    with pytest.raises(ValueError):
        Mark("x", "x", "x", (2012, 2, 8), **kwargs)
