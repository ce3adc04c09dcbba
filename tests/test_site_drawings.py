"""The drawings on the built pages, read as a reader's browser gets them: each case's timeline
and map, the global timeline, the home page's map. Expected values are read off the data
files (cases, places, events) by a person and written here."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from .expected import CASES, TIMELINE

CHANGCHUN = "cases/changchun-2012/"
FIVE = "cases/five-refugees-yanji/"
FAMILIES = "cases/families-returned-shandong-yunnan/"
YEAR = re.compile(r"\b(1[89]|20)\d\d\b")


def _drawn_text(svg) -> list[str]:
    return [t.get_text() for t in svg.select("text")]


def _tooltips(svg) -> list[str]:
    return [t.get_text() for t in svg.select("title")]


def test_a_case_timeline_links_each_event_to_its_entry_in_the_list_below(site):
    art = site.article(CHANGCHUN)
    box = art.select_one(".kb-tl")
    svg = box.select_one("svg.kb-tl-svg")
    assert svg["aria-hidden"] == "true"
    assert svg.title.get_text() == "Timeline of this case (the list below gives the same events)"
    region = box.select_one(".kb-tl-scroll")
    assert (region["role"], region["tabindex"]) == ("region", "0")
    assert region["aria-label"] == svg.title.get_text()
    marks = {a["href"]: a for a in svg.select("a")}
    assert list(marks) == ["#detained-shenyang", "#press-release", "#urgent-action",
                           "#planned-return", "#appeal-deadline"]
    assert all(a["tabindex"] == "-1" for a in marks.values())
    assert marks["#detained-shenyang"].title.get_text().startswith(
        "8 February 2012: Chinese police detain the group at separate locations in Shenyang")
    assert marks["#urgent-action"].title.get_text().startswith(
        "15 February 2012: Amnesty International issues an Urgent Action (UA 52/12)")
    # the list follows the drawing, and every mark's target is one of its entries
    listed = [li["id"] for li in art.select("ol.kb-timeline > li")]
    assert [m[1:] for m in marks] == listed
    assert box.find_next_sibling("ol")["class"] == ["kb-timeline"]


def test_a_case_timeline_draws_days_windows_and_the_deadline_each_their_way(site):
    svg = site.article(CHANGCHUN).select_one("svg.kb-tl-svg")
    marks = {a["href"]: set(a["class"]) for a in svg.select("a")}
    assert {"kb-tl-point", "kb-tl-event"} <= marks["#detained-shenyang"]
    assert "kb-tl-unsure" not in marks["#detained-shenyang"]
    # a window: Amnesty's undated document on the eight, some day from March to December 2017
    eight = site.article("cases/eight-detained-shenyang-2017-03/").select_one("svg.kb-tl-svg")
    assert {"kb-tl-window", "kb-tl-unsure"} <= set(
        eight.select_one("a[href='#amnesty-document']")["class"])
    assert "kb-tl-deadline" in marks["#appeal-deadline"]
    deadline = svg.select_one("a[href='#appeal-deadline']")
    assert deadline.select_one("path.kb-tl-diamond") and deadline.select_one("path.kb-tl-rule")
    assert deadline.select_one("tspan.kb-tl-tag").get_text() == "deadline"
    # a month axis, February and March 2012; the build date (2026) is not on it
    texts = _drawn_text(svg)
    assert {"Feb", "Mar", "2012"} <= set(texts) and "today" not in texts
    legend = [li.get_text() for li in svg.find_parent(class_="kb-tl").select(".kb-tl-legend li")]
    assert legend == ["exact day", "deadline"]  # no inexact date on this case now


def test_the_families_case_has_no_year_drawn_anywhere(site):
    art = site.article(FAMILIES)
    svg = art.select_one("svg.kb-tl-svg")
    assert svg.select_one(".kb-tl-axis") is None  # no time axis at all
    track = svg.select_one("g.kb-tl-reltrack")
    assert [a["href"] for a in track.select("a")] == ["#detained", "#returned"]
    texts = _drawn_text(svg)
    assert texts[0] == "Year not stated · in the order the sources give, not to scale"
    assert "15 – 17 July" in texts and "early August" in texts
    assert not [t for t in texts + _tooltips(svg) if YEAR.search(t)]
    for lang, dates in (("ko", ["7월 15일부터 17일까지", "8월 초"]), ("zh", None)):
        other = site.article(f"{lang}/{FAMILIES}").select_one("svg.kb-tl-svg")
        assert not [t for t in _drawn_text(other) + _tooltips(other) if YEAR.search(t)]
        if dates:
            assert set(dates) <= set(_drawn_text(other))


def test_the_timeline_follows_each_language(site):
    ko = site.article(f"ko/{CHANGCHUN}").select_one("svg.kb-tl-svg")
    zh = site.article(f"zh/{CHANGCHUN}").select_one("svg.kb-tl-svg")
    assert {"2월", "3월", "2012년", "10일"} <= set(_drawn_text(ko))
    assert {"2月", "3月", "2012年", "10日"} <= set(_drawn_text(zh))
    assert ko.select_one("a[href='#appeal-deadline'] tspan").get_text() == "마감"
    assert zh.select_one("a[href='#appeal-deadline'] tspan").get_text() == "截止"
    assert zh.select_one("a[href='#press-release'] title").get_text().startswith(
        "2012年2月14日：")


def test_the_global_timeline_draws_context_and_case_spans_on_a_broken_axis(site):
    art = site.article("timeline/")
    svg = art.select_one("svg.kb-tl-svg")
    assert svg.title.get_text() == ("Timeline of the cases and their context (the list below "
                                    "gives the same entries)")
    axis = [int(t.get_text()) for t in svg.select(".kb-tl-axis text")]
    # from 1986 (the border protocol) to 2024-2025, in order, broken across the empty years
    assert axis[0] == 1986 and axis == sorted(axis) and axis[-1] in (2024, 2025)
    assert len(re.findall("M", svg.select_one("path.kb-tl-break")["d"])) == 4  # two "//"
    context = [a["href"] for a in svg.select("a.kb-tl-context")]
    assert context == [f"#tl--{rec.split('/')[1]}" for rec, _a, _s in TIMELINE
                       if rec.startswith("events/")]
    # each case is drawn from its first entry on the timeline
    firsts = {}
    for rec, anchor, _s in TIMELINE:
        if rec.startswith("cases/"):
            firsts.setdefault(rec.split("/")[1], anchor)
    cases = [a["href"] for a in svg.select("a.kb-tl-case-span")]
    assert cases == [f"#tl--{c}--{a}" for c, a in firsts.items()]
    # the case whose year is not stated is on the year-not-stated track, not on a year
    track = svg.select_one("g.kb-tl-reltrack")
    assert [a["href"] for a in track.select("a")] == [cases[-1]]
    ids = {li["id"] for li in art.select("#kb-global-timeline-list > li")}
    assert {h[1:] for h in context + cases} <= ids
    for a in svg.select("a"):
        assert a.title.get_text()


def test_a_case_map_shows_its_places_and_the_route_the_sources_report(site):
    art = site.article(CHANGCHUN)
    figure = art.select_one("#places ~ figure.kb-map-figure")
    svg = figure.select_one("svg.kb-map")
    assert svg["aria-hidden"] == "true"
    assert svg.title.get_text() == ("Map of the places in this case (the list below gives the "
                                    "same places)")
    dots = [(a["href"], a.title.get_text(), a.select_one("text").get_text())
            for a in svg.select("g.kb-map__places a")]
    assert dots == [("../../places/shenyang/", "Shenyang", "Shenyang"),
                    ("../../places/changchun/", "Changchun", "Changchun"),
                    ("../../places/north-korea/",
                     "Democratic People's Republic of Korea (North Korea)", "North Korea"),
                    ("../../places/south-korea/", "Republic of Korea (South Korea)",
                     "South Korea")]
    route = svg.select_one("g.kb-map__route")
    assert route.title.get_text() == "Route the sources report: Shenyang → Changchun"
    assert route.select_one("text").get_text() == "reported"
    assert len(route.select("path[marker-end]")) == 1
    # the text alternative: the same places, then the route with its sources
    places = figure.find_next_sibling(class_="kb-places")
    assert [a["href"] for a in places.select("ul:not(.kb-routes) > li > a:first-child")] == \
        [href for href, _t, _l in dots]
    routes = places.select_one("ul.kb-routes > li")
    assert [a.get_text() for a in routes.select("a[href^='../../places/']")] == \
        ["Shenyang", "Changchun"]
    assert routes.select(".kb-cite a") and routes.select_one(".kb-deduced")


def test_the_five_refugees_route_runs_shenyang_yanji_helong(site):
    svg = site.article(FIVE).select_one("svg.kb-map")
    route = svg.select_one("g.kb-map__route")
    assert route.title.get_text() == "Route the sources report: Shenyang → Yanji → Helong"
    assert len(route.select("path[marker-end]")) == 2
    ko = site.article(f"ko/{FIVE}").select_one("svg.kb-map g.kb-map__route")
    assert ko.title.get_text() == "출처가 전하는 경로: 선양 → 옌지 → 허룽"
    assert ko.select_one("text").get_text() == "보도됨"


# Every place a case names, with the number of cases naming it (the cases' files).
NAMED = Counter(p for _status, _year, places, _principles in CASES.values() for p in places)
DRAWN = NAMED.keys() - {"nanping", "pingxiang"}  # named, but not located by the sources


def test_the_home_map_marks_every_place_named_in_a_case_sized_by_its_cases(site):
    home = site.article("")
    svg = home.select_one(".kb-home-map svg.kb-map")
    assert svg["aria-hidden"] == "true"
    dots = {a["href"]: a for a in svg.select("g.kb-map__places a")}
    assert set(dots) == {f"places/{p}/" for p in DRAWN}
    assert (NAMED["north-korea"], NAMED["shenyang"], NAMED["china"]) == (13, 6, 5)
    assert dots["places/shenyang/"].title.get_text() == "Shenyang: named in 6 cases"
    assert dots["places/shenyang/"].select_one("text").get_text() == "Shenyang (6)"
    assert dots["places/north-korea/"].select_one("text").get_text() == "North Korea (13)"
    radius = {p: float(dots[f"places/{p}/"].circle["r"]) for p in DRAWN}
    assert radius["north-korea"] > radius["shenyang"] > radius["jilin"] > radius["yanji"]
    assert radius["north-korea"] > radius["china"] > radius["yanji"]
    # South China, South-East Asia, Inner Mongolia, Heilongjiang and China's centre lie outside
    # the main view of the north-east: in the inset
    inset = svg.select_one("g.kb-map__frame--inset")
    assert {a["href"] for a in inset.select("a")} == {
        f"places/{p}/" for p in ("yunnan", "south-east-asia", "china", "kunming", "nanning",
                                 "inner-mongolia", "heilongjiang")}
    listed = {a["href"]: li.get_text(" ", strip=True)
              for li in home.select(".kb-map-list li") for a in li.select("a")}
    assert set(listed) == set(dots)
    assert listed["places/north-korea/"].endswith("13 cases")
    zh = site.article("zh/").select_one(".kb-home-map svg.kb-map")
    assert zh.select_one("a[href='places/shenyang/'] text").get_text() == "沈阳（6）"


@pytest.mark.parametrize("url", ["", CHANGCHUN, FIVE, FAMILIES, "timeline/", f"zh/{CHANGCHUN}"])
def test_drawings_name_no_other_host_and_carry_no_style_or_script(site, url):
    article = site.article(url)
    for svg in article.select("svg"):
        markup = str(svg)
        assert re.findall(r"https?://[^\"' ]*", markup) in ([], ["http://www.w3.org/2000/svg"])
        assert not svg.select("script, foreignObject, style, image, use")
        for el in [svg, *svg.find_all(True)]:
            assert not [k for k in el.attrs if k == "style" or k.startswith("on")], el.name
        for a in svg.select("a"):
            assert a["href"].startswith(("#", "../", "places/")), a["href"]
