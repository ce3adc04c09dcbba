"""Supporters' and journalists' tools in a real browser: a closed appeal's record, the case
index's filters and sorting, the global timeline's case filter, the page with JavaScript off,
the print stylesheet, and meta tags that stay text when the data is hostile."""
from __future__ import annotations

from ..expected import CASES, NEWEST_FIRST, TIMELINE
from .conftest import XSS_CASE, csp_violations, open_page

HU_JINTAO = "ua-2012-hu-jintao-2012"  # the addressee's anchor on the Changchun case page


def visible_ids(page, selector: str, attr: str) -> list[str]:
    return page.locator(selector).evaluate_all(
        f"els => els.filter(e => e.offsetParent !== null).map(e => e.getAttribute('{attr}'))")


def _no_errors(page):
    assert not csp_violations(page), page.console_messages
    assert not [m for m in page.console_messages if m.startswith("error")], page.console_messages
    assert not page.foreign_requests
    assert not page.dialogs


def test_a_closed_appeal_has_no_letter_to_copy_and_the_citation_copies(page):
    """Every Urgent Action is closed as of the build date: its addressees are folded away as
    a record, with no letter and no copy button (an open one: test_appeal_dates.py)."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                   origin=page.base_url.rstrip("/"))
    open_page(page, "cases/changchun-2012/")
    details = page.locator("#ua-2012 details.kb-letters")
    assert details.get_attribute("open") is None
    details.locator(":scope > summary").click()
    assert page.locator(f"#{HU_JINTAO} address").is_visible()
    assert details.locator("pre, .kb-copy, a[href^='mailto:']").count() == 0
    assert page.locator("[data-kb-letter-fields]").count() == 0
    # the APA citation has its own button
    page.locator("#cite-apa + .kb-copy button").click()
    page.wait_for_function("() => navigator.clipboard.readText().then(c => c.length > 0)")
    assert page.evaluate("() => navigator.clipboard.readText()") == \
        page.locator("#cite-apa").text_content()
    _no_errors(page)


def _matching(position: int, value: str) -> list[str]:
    """The cases (in index order) whose value at `position` of expected.CASES matches."""
    out = []
    for case in NEWEST_FIRST:
        have = CASES[case][position]
        if value == have or (isinstance(have, set) and value in have) or (
                position == 1 and value in have.split()):  # a period over several years
            out.append(case)
    return out


def test_case_index_filters_by_status_year_place_and_principle(page):
    open_page(page, "cases/")
    box = page.locator('[data-kb-filters="kb-case-table"]')
    box.wait_for(state="visible")
    rows = "table#kb-case-table tbody tr"
    count = box.locator("[data-kb-count]")
    assert count.inner_text() == f"Showing {len(CASES)} of {len(CASES)} cases."

    def shown():
        return [h.split("/")[0] for h in visible_ids(page, rows + " td:first-child a", "href")]

    tried = 0
    for position, key in enumerate(("status", "year", "place", "principle")):
        select = box.locator(f'select[data-kb-filter="{key}"]')
        for value in select.locator("option").evaluate_all("os => os.map(o => o.value)")[1:]:
            select.select_option(value)
            expected = _matching(position, value)
            assert expected and shown() == expected, (key, value)
            assert count.inner_text() == f"Showing {len(expected)} of {len(CASES)} cases."
            tried += 1
        select.select_option("")
    places = set().union(*(c[2] for c in CASES.values()))
    years = {y for c in CASES.values() for y in c[1].split()}  # "unknown" included
    assert tried == 2 + len(years) + len(places) + 7  # statuses, years, places, principles
    box.locator('select[data-kb-filter="year"]').select_option("unknown")
    assert shown() == ["families-returned-shandong-yunnan"]
    # two filters together show what both allow; "Show all" clears them
    box.locator('select[data-kb-filter="status"]').select_option("fate-unknown")
    box.locator('select[data-kb-filter="year"]').select_option("2019")
    assert shown() == ["seven-detained-liaoning-2019-04"]
    box.locator("[data-kb-reset]").click()
    assert shown() == NEWEST_FIRST
    _no_errors(page)


def test_case_index_sorts_by_period_and_title(page):
    open_page(page, "cases/")

    def order():
        return [h.split("/")[0] for h in page.locator(
            "table#kb-case-table tbody tr td:first-child a").evaluate_all(
            "as => as.map(a => a.getAttribute('href'))")]
    head = page.locator('th[data-kb-sort="period"]')
    head.locator("button").click()
    assert head.get_attribute("aria-sort") == "ascending"
    assert order() == list(CASES)
    head.locator("button").click()
    assert head.get_attribute("aria-sort") == "descending"
    assert order() == list(CASES)[::-1]
    title = page.locator('th[data-kb-sort="title"]')
    title.locator("button").click()
    assert order()[:4] == ["returned-2023-09-18", "returned-2023-08-29",
                           "about-50-returned-2021-07", "about-60-returned-2024-04-26"]
    # 40 returned, 80 returned, About 50 ..., About 60 ...: by title, numbers first
    assert head.get_attribute("aria-sort") is None
    _no_errors(page)


def test_global_timeline_filters_by_case_and_context(page):
    open_page(page, "timeline/")
    box = page.locator('[data-kb-filters="kb-global-timeline-list"]')
    box.wait_for(state="visible")
    select = box.locator('select[data-kb-filter="group"]')
    items = "ol#kb-global-timeline-list > li"
    values = select.locator("option").evaluate_all("os => os.map(o => o.value)")[1:]
    assert values == ["events"] + [f"cases/{c}" for c in CASES]
    for value in values:
        select.select_option(value)
        expected = len([r for r, _a, _s in TIMELINE
                        if r == value or (value == "events" and r.startswith("events/"))])
        assert visible_ids(page, items, "data-group") == [value] * expected, value
        assert box.locator("[data-kb-count]").inner_text() == \
            f"Showing {expected} of {len(TIMELINE)} entries."
    select.select_option("")
    assert len(visible_ids(page, items, "data-group")) == len(TIMELINE)
    _no_errors(page)


def test_pages_work_with_javascript_off(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(server + "cases/")
        assert not pg.locator('[data-kb-filters="kb-case-table"]').is_visible()
        assert pg.locator("table#kb-case-table tbody tr:visible").count() == len(CASES)
        pg.goto(server + "timeline/")
        assert pg.locator("ol#kb-global-timeline-list > li:visible").count() == len(TIMELINE)
        pg.goto(server + "cases/changchun-2012/")
        assert pg.locator("#cite-apa").is_visible()
        assert pg.locator(".kb-copy").count() == 0  # no button that could not work
    finally:
        context.close()


def test_print_stylesheet_gives_a_clean_dossier(page):
    open_page(page, "cases/mass-returns-2000/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".kb-copy"):
        loc = page.locator(selector).first
        assert loc.count() == 0 or not loc.is_visible(), selector
    after = page.locator(".kb-permalink a").evaluate(
        "a => getComputedStyle(a, '::after').content")
    assert page.locator(".kb-permalink a").get_attribute("href") in after
    source_link = page.locator("ol.kb-sources a").first
    after = source_link.evaluate("a => getComputedStyle(a, '::after').content")
    assert after.startswith('" <' + page.base_url) and "/sources/" in after
    # sources come last in the article
    last_h2 = page.locator("article h2").last.get_attribute("id")
    assert last_h2 == "sources"
    page.emulate_media(media="screen")


def test_hostile_titles_stay_text_in_meta_tags(hostile_site, hostile_page):
    soup = hostile_site.soup(f"cases/{XSS_CASE}/")
    head = soup.select_one("head")
    title = soup.select_one('meta[name="citation_title"]')["content"]
    assert "<img src=x onerror=alert(1)>" in title and "</title><script>" in title
    for key in ("og:title", "twitter:title", "DC.title"):
        tag = head.select_one(f'meta[name="{key}"], meta[property="{key}"]')
        assert tag["content"] == title
    assert not head.select("img") and not [s for s in head.select("script")
                                           if "alert" in s.get_text()]
    open_page(hostile_page, f"cases/{XSS_CASE}/")
    assert not hostile_page.dialogs
