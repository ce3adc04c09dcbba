"""The timeline drawings on their own (macros/kb/pages/drawings/): layout and encodings as
its partial writes them. The maps: tests/test_maps.py; escaping, determinism and ids:
tests/test_timeline_safety.py; the built pages' drawings: tests/test_site_drawings.py."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from lxml import etree

from macros.kb.pages import render
from macros.kb.pages.drawings.timeline import case_timeline, global_timeline
from macros.kb.pages.drawings.tl_draw import FONT
from macros.kb.pages.drawings.tl_model import Mark, text_width

from .conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"
NS = {"s": "http://www.w3.org/2000/svg"}
YEAR = re.compile(r"\b(1[89]|20)\d\d\b")


def draw(drawing) -> str:
    """A timeline drawing as the page writes it (partials/kb/timeline-drawing.html)."""
    if drawing is None:
        return ""
    return render.environment(ROOT / "overrides", "en").get_template(
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
