"""The numbers page: how many people each source reports returned or detained, by date.

Expected values are read off the data files (data/cases/*.yml, `figures`) and the sources they
cite, written here by hand.
"""
from __future__ import annotations

import csv
import io
import json

from .conftest import AS_OF, copy_data

# One figure per case that has any, as the page must print it: (case, figure's anchor, words,
# what it counts, the source's title, the pinpoint).
ONE_PER_CASE = [
    ("changchun-2012", "fig-changchun-2012-1", "at least 21", "detained",
     "North Koreans facing forcible return", None),
    ("five-refugees-yanji", "fig-five-refugees-yanji-1", "5", "detained",
     "Re: Detention of Five North Korean refugees", None),
    ("families-returned-shandong-yunnan", "fig-families-returned-shandong-yunnan-1",
     "about 29", "returned", "Families forcibly returned to North Korea", None),
    ("eight-detained-shenyang-2017-03", "fig-eight-detained-shenyang-2017-03-1", "8", "detained",
     None, "para. 3"),
    ("ten-detained-shenyang-2017-11", "fig-ten-detained-shenyang-2017-11-3", "9", "returned",
     None, "paras. 2–6"),
    ("seven-detained-liaoning-2019-04", "fig-seven-detained-liaoning-2019-04-1", "7", "detained",
     None, "para. 2"),
    ("about-50-returned-2021-07", "fig-about-50-returned-2021-07-2", "more than 50", "returned",
     None, "paras. 1–2"),
    ("returned-2023-08-29", "fig-returned-2023-08-29-1", "80", "returned", None, "para. 1"),
    ("returned-2023-09-18", "fig-returned-2023-09-18-1", "40", "returned", None, "para. 1"),
    ("mass-return-2023-10-09", "fig-mass-return-2023-10-09-1", "more than 500", "returned",
     None, "para. 6"),
    ("about-60-returned-2024-04-26", "fig-about-60-returned-2024-04-26-3", "more than 200",
     "returned", None, "para. 2"),
    ("returns-since-2024-hrw-2025", "fig-returns-since-2024-hrw-2025-3", "108", "returned",
     None, "para. 5"),
]


def _numbers(site, prefix=""):
    return site.soup(f"{prefix}numbers/").select_one("article")


def test_every_case_with_figures_has_them_on_the_numbers_page_with_source_and_pinpoint(site):
    page = _numbers(site)
    for case, anchor, words, of, title, pin in ONE_PER_CASE:
        li = page.find(id=anchor)
        assert li is not None, anchor
        text = " ".join(li.get_text(" ").split())
        assert li.select_one("strong.kb-count").get_text() == words, (anchor, text)
        assert f" {of}" in text, (anchor, text)
        link = li.select_one('a[href*="/sources/"]')
        assert link is not None, anchor
        if title:
            assert link.get_text() == title, anchor
        if pin:
            assert pin in text, (anchor, text)
        # the figure sits under its case's heading
        assert li.find_parent("section").find("h3")["id"] == f"case-{case}"


def test_conflicting_figures_stand_side_by_side_and_are_never_added(site):
    page = _numbers(site)
    section = page.find(id="case-mass-return-2023-10-09").find_parent("section")
    words = [s.get_text() for s in section.select("strong.kb-count")]
    # Radio Free Asia's "more than 500", HRW's "some 500" (UCA News), TJWG's "up to 600"...
    assert {"more than 500", "about 500", "about 600", "up to 600"} <= set(words)
    assert "the sources give different figures" in section.get_text()
    text = page.get_text()
    for total in ("1,000", "1,100", "1,500"):  # no sum of the October figures anywhere
        assert total not in text


def test_a_sources_total_over_a_period_is_listed_apart_as_that_sources(site):
    page = _numbers(site)
    totals = page.find(id="totals")
    assert totals is not None
    li = page.find(id="fig-returns-since-2024-hrw-2025-1")
    assert li.select_one("strong").get_text() == "at least 406"
    # after the "Totals" heading, not among the figures by date
    assert li.find_parent("section") is None
    assert "No Letup in Forced Returns" in li.get_text()


def test_the_drawing_marks_each_figure_and_links_to_its_line(site):
    page = _numbers(site)
    svg = page.select_one(".kb-numbers-drawing svg")
    assert svg is not None and svg["aria-hidden"] == "true"
    hrefs = {a["href"] for a in svg.select("a")}
    assert "#fig-mass-return-2023-10-09-4" in hrefs  # about 600, 9 October 2023
    assert "#fig-returns-since-2024-hrw-2025-1" not in hrefs  # a total is not drawn
    assert "#fig-changchun-2012-1" not in hrefs  # nor people detained
    floor = svg.select_one('a[href="#fig-mass-return-2023-10-09-1"]')
    assert "kb-num-floor" in floor["class"]  # "more than 500": a floor, drawn with a caret


def test_the_numbers_page_in_every_edition(site):
    assert _numbers(site, "ko/").select_one("h1").get_text(strip=True) == "송환 인원과 그 출처"
    assert _numbers(site, "zh/").select_one("h1").get_text(strip=True) == "遣返人数及其出处"
    li = _numbers(site, "zh/").find(id="fig-mass-return-2023-10-09-1")
    assert li.select_one("strong").get_text() == "超过500人"


def test_figures_csv_and_json_hold_the_same_figures(site):
    raw = (site.root / "exports" / "figures.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    row = next(r for r in rows if r["url"].endswith("#fig-mass-return-2023-10-09-4"))
    assert (row["of"], row["date"], row["count"], row["qualifier"], row["total"]) == (
        "returned", "2023-10-09", "600", "around", "false")
    assert row["sources"] == "joongang-2023-10-12-hundreds para. 1-5"
    total = next(r for r in rows if r["url"].endswith("#fig-returns-since-2024-hrw-2025-1"))
    assert (total["count"], total["qualifier"], total["total"]) == ("406", "at-least", "true")
    doc = json.loads((site.root / "exports" / "kb.json").read_text(encoding="utf-8"))
    case = next(r for r in doc["records"]["cases"] if r["id"] == "mass-return-2023-10-09")
    assert case["data"]["figures"][3]["sources"] == [
        {"source": "joongang-2023-10-12-hundreds", "para": "1-5"}]


def test_a_range_is_drawn_as_a_range(tmp_path):
    """A figure given as "500 to 600" is one mark from 500 to 600 (no real case has one yet)."""
    from macros.kb import build_kb
    from macros.kb.pages.views.common import Context
    from macros.kb.pages.views.numbers import numbers_view

    data = copy_data(tmp_path)
    case = data / "cases" / "changchun-2012.yml"  # its figures come last in the file
    case.write_text(case.read_text(encoding="utf-8") + (
        "  - of: returned\n    date: \"2012-02-20\"\n    count: 500\n    count_max: 600\n"
        "    qualifier: range\n    sources: [ai-ua-changchun-2012]\n"), encoding="utf-8")
    view = numbers_view(Context(build_kb(data, AS_OF), "numbers.md", "en"))
    ranged = [m for m in view["drawing"]["marks"] if m.shape == "range"]
    assert len(ranged) == 1 and ranged[0].label == "500 to 600"
    assert ranged[0].y2 < ranged[0].y  # the bar rises from 500 to 600
