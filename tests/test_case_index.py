"""The case index, the global timeline and the sources lists as plain HTML (JavaScript off):
every case and entry is there, with the filter values the script uses computed at build time.
Expected values are read off the data files and the source documents."""
from __future__ import annotations

from macros.kb.data import dates
from macros.kb.pages.views import listings

from .conftest import with_class
from .expected import CASES, EXACT, NEWEST_FIRST, NO_TIME, TIMELINE, YEARS

def test_years_of_dates_including_year_not_stated():
    assert listings.years_of(dates.parse("2012-02-08/2012-03-28")) == ["2012"]
    assert listings.years_of(dates.parse("1999-12/2001-01")) == ["1999", "2000", "2001"]
    assert listings.years_of(dates.parse("2015-11/..")) == ["2015"]
    assert listings.years_of(dates.parse("XXXX-07-15/XXXX-08")) == ["unknown"]
    assert listings.sort_value(dates.parse("XXXX-07")) > listings.sort_value(dates.parse("2016"))


def test_case_table_lists_every_case_with_its_filter_values(site):
    rows = site.article("cases/").select("table#kb-case-table tbody tr")
    assert [r.select_one("td a")["href"] for r in rows] == [f"{c}/" for c in NEWEST_FIRST]
    for row, (status, year, places, principles) in zip(rows, (CASES[c] for c in NEWEST_FIRST)):
        assert row["data-status"] == status
        assert row["data-year"] == year
        assert set(row["data-place"].split()) == places
        assert set(row["data-principle"].split()) == principles
        assert row.get("hidden") is None


def test_filter_controls_are_hidden_until_the_script_runs_and_offer_only_real_values(site):
    box = site.article("cases/").select_one('[data-kb-filters="kb-case-table"]')
    assert box.has_attr("hidden")

    def options(key):
        return [(o["value"], o.get_text(strip=True))
                for o in box.select(f'select[data-kb-filter="{key}"] option')]
    assert options("status") == [("", "Any"), ("returned", "Forcibly returned"),
                                 ("fate-unknown", "Outcome not known")]
    # the years the cases' periods cover (data/cases/*.yml `period`)
    assert options("year") == [("", "Any")] + [(y, y) for y in (
        "2000", "2012", "2017", "2018", "2019", "2021", "2023", "2024", "2025")] + [
        ("unknown", "Year not stated")]
    assert {v for v, _ in options("place")[1:]} == set().union(*(c[2] for c in CASES.values()))
    assert ("unhcr-access", "Access to UNHCR") in options("principle")


def test_global_timeline_lists_every_entry_with_its_case_and_sources(site):
    art = site.article("timeline/")
    items = art.select("ol#kb-global-timeline-list > li")
    assert [(li["data-record"], li.select_one("a")["href"]) for li in items] == [
        (rec, f"../{rec}/" + (f"#{anchor}" if anchor else "")) for rec, anchor, _s in TIMELINE]
    for li, (rec, anchor, sources) in zip(items, TIMELINE):
        assert li["data-group"] == (rec if rec.startswith("cases/") else "events")
        assert [a["href"] for a in li.select(".kb-cite a")] == [f"../sources/{s}/" for s in sources]
        assert ("kb-timeline__item--inexact" in li["class"]) == ((rec, anchor) not in EXACT)
        # a date is machine-readable only where it is one day, month or year
        assert (li.select_one(".kb-timeline__date time") is None) == ((rec, anchor) in NO_TIME)
    box = art.select_one('[data-kb-filters="kb-global-timeline-list"]')
    assert box.has_attr("hidden")
    assert [o["value"] for o in box.select("option")[1:]] == ["events"] + [
        f"cases/{c}" for c in CASES]


def test_each_year_of_the_timeline_has_a_page_linked_to_the_years_around_it(site):
    listed = site.article("timeline/").select("ul.kb-timeline-years > li")
    assert [(li.a["href"], li.get_text().split(": ", 1)[1].split(" ")[0]) for li in listed] == \
        [(f"{key}/", str(n)) for key, n in YEARS]
    done = 0
    for at, (key, n) in enumerate(YEARS):
        art = site.article(f"timeline/{key}/")
        rows = art.select("ol#kb-global-timeline-list > li")
        assert [li["data-record"] for li in rows] == [r for r, _a, _s in TIMELINE[done:done + n]]
        done += n
        nav = art.select_one("nav.kb-timeline-nav")
        prev, nxt = nav.select_one('a[rel="prev"]'), nav.select_one('a[rel="next"]')
        assert (prev["href"] if prev else None) == (f"../{YEARS[at - 1][0]}/" if at else None)
        assert (nxt["href"] if nxt else None) == \
            (f"../{YEARS[at + 1][0]}/" if at + 1 < len(YEARS) else None)
    assert site.soup("timeline/2012/").select_one("h1").get_text() == "Timeline: 2012"
    assert site.soup("timeline/year-not-stated/").select_one("h1").get_text() == \
        "Timeline: Year not stated"
    # a context event's page links to its year's page
    link = site.article("events/famine-from-1995/").find("a", string="See it on the global timeline")
    assert link["href"] == "../../timeline/1995/"


def test_a_long_timeline_lists_only_its_years_on_the_front_page(kb, monkeypatch):
    from macros.kb.pages.views import timeline
    from macros.kb.pages.views.common import Context
    short = timeline.timeline_index(Context(kb, "timeline.md", "en"))
    assert len(short["timeline_rows"]) == len(TIMELINE)
    monkeypatch.setattr(timeline, "ONE_PAGE_TIMELINE", len(TIMELINE) - 1)
    long = timeline.timeline_index(Context(kb, "timeline.md", "en"))
    assert long["timeline_rows"] == () and long["timeline_options"] == ()
    assert long["years"] == short["years"]


def test_a_page_lists_its_sources_with_publisher_title_date_and_index(site):
    items = site.article("cases/mass-returns-2000/").select("ol.kb-sources > li")
    assert [li["id"] for li in items] == ["src-ai-ua-105-00-fi-2000"]
    assert items[0].get_text(" ", strip=True).startswith(
        "Forcible Return / Fear for Safety . Amnesty International, 2000, UA number 105/00, "
        "AI Index ASA 17/21/00.")
    items = site.article("cases/changchun-2012/").select("ol.kb-sources > li")
    assert [li["id"] for li in items] == ["src-ai-ua-changchun-2012", "src-ai-pre-01-082-2012"]
    # the date, UA number and index the publisher's page prints (data/sources/ai-ua-changchun-2012.yml)
    assert "15 February 2012, UA number 52/12, AI Index ASA 17/006/2012" in items[0].get_text(
        " ", strip=True)
    assert "14 February 2012, AI Index PRE 01/082/2012" in items[1].get_text(" ", strip=True)


def test_every_citation_number_points_at_a_listed_source(site):
    checked = 0
    for path in sorted(site.root.glob("*/*/index.html")):
        tree = site.tree(path.relative_to(site.root).as_posix())  # lxml: every page
        for art in with_class(tree, "md-content__inner", "article"):
            listed = {li.get("id") for ol in with_class(art, "kb-sources", "ol")
                      for li in ol.xpath("./li")}
            for cite in with_class(art, "kb-cite"):
                for href in cite.xpath('.//a[starts-with(@href, "#src-")]/@href'):
                    assert href[1:] in listed, (path, href)
                    checked += 1
    assert checked > 100  # the case pages' numbered citations were found
