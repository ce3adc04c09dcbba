"""The home page's map with many places (issue 26): places whose dots would overlap are drawn
as one mark that says how many places and cases it stands for, and the list below the map
still names every place. With few places, every place keeps its own dot.

The data are scripts/synthetic.py's records with the cases' places replaced by a layout made
here: a grid of cities half a degree apart (about 11 user units on the map: their dots, 3.5
units across, never overlap), each named in one case, and at one of its points ("Hub", named
in three cases) two more cities a tenth of a degree away ("Near A", in two of those cases,
and "Near B", in the third). The expected values below are read off that layout.
"""
from __future__ import annotations

import copy
import datetime as dt

import yaml
from bs4 import BeautifulSoup

from macros.kb import build_kb
from macros.kb.common.urls import SiteInfo
from macros.kb.pages import blocks

from .conftest import AS_OF, ROOT

import synthetic

GRID = [(round(121 + 0.5 * i, 1), round(42.5 + 0.5 * j, 1))  # 13 x 8 = 104 cities in China
        for i in range(13) for j in range(8)]
HUB = (124.0, 44.0)  # one of the grid's points
NEAR = {"near-a": ("Near A", 124.1, 44.0), "near-b": ("Near B", 124.0, 44.1)}


def _place_id(lon: float, lat: float) -> str:
    return "hub" if (lon, lat) == HUB else f"grid-{round(lon * 10)}-{round(lat * 10)}"


def write_data(folder, grid):
    """Three synthetic cases: case-00000 names the grid's cities and Near A; case-00001 Hub
    and Near A; case-00002 Hub and Near B. No other case, event or route names a place."""
    records = synthetic.Gen(3, 0).build()
    template = records["places"]["city-0000"]
    places = {}
    for lon, lat in grid:
        pid = _place_id(lon, lat)
        name = "Hub" if pid == "hub" else f"Grid {lon:.1f} {lat:.1f}"
        places[pid] = {**copy.deepcopy(template), "name": name,
                       "coordinates": {"lon": lon, "lat": lat}}
    for pid, (name, lon, lat) in NEAR.items():
        places[pid] = {**copy.deepcopy(template), "name": name,
                       "coordinates": {"lon": lon, "lat": lat}}
    records["places"].update(places)
    named = {"case-00000": [_place_id(*p) for p in grid] + ["near-a"],
             "case-00001": ["hub", "near-a"], "case-00002": ["hub", "near-b"]}
    for cid, case in records["cases"].items():
        sources = case["places"][0]["sources"]
        case["places"] = [{"place": p, "role": "Named here.", "sources": list(sources)}
                          for p in named[cid]]
        case.pop("routes", None)
        for event in case["timeline"]:
            event["places"] = []
    for rtype, by_id in records.items():
        (folder / rtype).mkdir(parents=True, exist_ok=True)
        for rid, data in by_id.items():
            (folder / rtype / f"{rid}.yml").write_text(
                yaml.dump(data, Dumper=synthetic.Dumper, allow_unicode=True, sort_keys=False),
                encoding="utf-8")
    return folder


def home_map(folder, lang="en") -> BeautifulSoup:
    kb = build_kb(folder, AS_OF)
    html = blocks.block(kb, "map", "", SiteInfo("KB", "https://example.org/"),
                        ROOT / "overrides", lang)
    return BeautifulSoup(str(html), "lxml")


def test_many_places_that_would_overlap_are_one_mark_that_says_what_it_stands_for(tmp_path):
    page = home_map(write_data(tmp_path / "data", GRID))
    svg = page.select_one("svg.kb-map")
    marks = svg.select("g.kb-map__places a")
    # 106 places (the grid's 104 and the two near Hub); Hub and its two neighbours are one mark
    assert len(marks) == 104
    groups = [a for a in marks if a.select_one("circle.kb-map__group")]
    assert len(groups) == 1
    group = groups[0]
    # three cases name one of the three places (case-00000 Near A, 00001 and 00002 both)
    assert group.title.get_text() == "3 places near Hub, named in 3 cases: Hub, Near A, Near B"
    assert group.select_one("text.kb-map__count").get_text() == "3"
    assert group.select("text")[-1].get_text() == "Hub +2 (3)"  # the most named: labelled
    assert group["href"] == "#kb-map-home-list"
    circle = group.circle
    assert float(circle["r"]) >= 7  # room for its number
    alone = {a["href"] for a in marks} - {"#kb-map-home-list"}
    assert len(alone) == 103 and not alone & {"places/hub/", "places/near-a/", "places/near-b/"}
    # the list the group links to still names every place, each with its own count
    listed = page.select("ul#kb-map-home-list li")
    assert len(listed) == 106
    counts = {li.a["href"]: li.get_text(" ", strip=True) for li in listed}
    assert counts["places/hub/"] == "Hub : 3 cases"
    assert counts["places/near-a/"] == "Near A : 2 cases"
    assert counts["places/near-b/"] == "Near B : 1 case"
    assert "A dot with a number stands for that many places" in page.figcaption.get_text()
    zh = home_map(tmp_path / "data", "zh").select_one("a[href='#kb-map-home-list']")
    assert zh.title.get_text() == "Hub附近3处地点，见于3个案例：Hub、Near A、Near B"


def test_with_few_places_overlapping_dots_stay_apart(tmp_path):
    # Hub, its two neighbours and nine other cities: 12 places, fewer than grouping needs
    grid = [HUB] + [p for p in GRID if p[1] == 42.5][:9]
    page = home_map(write_data(tmp_path / "data", grid))
    svg = page.select_one("svg.kb-map")
    assert len(svg.select("g.kb-map__places a")) == 12
    assert not svg.select(".kb-map__group, .kb-map__count")
    assert {a["href"] for a in svg.select("a")} >= {"places/hub/", "places/near-a/",
                                                    "places/near-b/"}
    assert page.select_one("ul.kb-map-list").get("id") is None
    assert "A dot with a number" not in page.figcaption.get_text()
