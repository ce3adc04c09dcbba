"""Supporters' and journalists' tools in a real browser: the letter's copy button, the case
index's filters and sorting, the global timeline's case filter, the page with JavaScript off,
the print stylesheet, and meta tags that stay text when the data is hostile."""
from __future__ import annotations

from macros.kb.pages import listing as filters
from macros.kb.pages import i18n
from macros.kb.pages import letters

from .conftest import XSS_CASE, csp_violations, open_page


def visible_ids(page, selector: str, attr: str) -> list[str]:
    return page.locator(selector).evaluate_all(
        f"els => els.filter(e => e.offsetParent !== null).map(e => e.getAttribute('{attr}'))")


def _no_errors(page):
    assert not csp_violations(page), page.console_messages
    assert not [m for m in page.console_messages if m.startswith("error")], page.console_messages
    assert not page.foreign_requests
    assert not page.dialogs


def test_copy_button_puts_the_letter_on_the_clipboard(page, kb):
    found = [(c, v, r) for c in kb.all("cases") for v in letters.appeal_views(kb, c)
             for r in v.letters if r.text]
    assert found, "the data should hold an appeal with asks and an addressee"
    case, view, rec = found[0]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                   origin=page.base_url.rstrip("/"))
    open_page(page, f"cases/{case.id}/")
    details = page.locator(f"#{view.appeal.id} details.kb-letters")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    button = page.locator(f"#{rec.anchor}-text + .kb-copy button")
    assert button.inner_text() == i18n.gettext("appeal_builder.copy")
    button.click()
    status = page.locator(f"#{rec.anchor}-text + .kb-copy .kb-copy__status")
    status.wait_for(state="visible")
    page.wait_for_function("el => el.textContent.length > 0", arg=status.element_handle())
    assert status.inner_text() == i18n.gettext("appeal_builder.copied")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == rec.text
    # the APA citation has its own button
    page.locator("#cite-apa + .kb-copy button").click()
    page.wait_for_function("t => navigator.clipboard.readText().then(c => c !== t)", arg=copied)
    assert page.evaluate("() => navigator.clipboard.readText()") == \
        page.locator("#cite-apa").text_content()
    _no_errors(page)


def _expected(kb, key: str, value: str) -> list[str]:
    return [r.rec.id for r in filters.case_rows(kb) if value in getattr(r, key).split()]


def test_case_index_filters_by_status_year_place_and_principle(page, kb):
    open_page(page, "cases/")
    box = page.locator('[data-kb-filters="kb-case-table"]')
    box.wait_for(state="visible")
    rows = "table#kb-case-table tbody tr"
    all_ids = [c.id for c in kb.all("cases")]
    total = len(all_ids)
    count = box.locator("[data-kb-count]")
    assert count.inner_text() == i18n.gettext("case_index_tools.count", shown=total, total=total)

    def shown():
        return [h.split("/")[0] for h in visible_ids(page, rows + " td:first-child a", "href")]

    tried = 0
    for key, field in (("status", "status"), ("year", "years"), ("place", "places"),
                       ("principle", "principles")):
        select = box.locator(f'select[data-kb-filter="{key}"]')
        for value in select.locator("option").evaluate_all("os => os.map(o => o.value)")[1:]:
            select.select_option(value)
            expected = _expected(kb, field, value)
            assert expected and shown() == expected, (key, value)
            assert count.inner_text() == i18n.gettext(
                "case_index_tools.count", shown=len(expected), total=total)
            tried += 1
        select.select_option("")
    assert tried >= 4
    # "Year not stated" is a choice whenever a case's year is unknown
    if any(not c.data.period.parsed.year_known for c in kb.all("cases")):
        box.locator('select[data-kb-filter="year"]').select_option(filters.UNKNOWN)
        assert shown() == _expected(kb, "years", filters.UNKNOWN)
    # two filters together show what both allow; "Show all" clears them
    first = filters.case_rows(kb)[0]
    box.locator('select[data-kb-filter="status"]').select_option(first.status)
    box.locator('select[data-kb-filter="year"]').select_option(first.years.split()[0])
    both = [i for i in _expected(kb, "status", first.status)
            if i in _expected(kb, "years", first.years.split()[0])]
    assert shown() == both
    box.locator("[data-kb-reset]").click()
    assert shown() == all_ids
    _no_errors(page)


def test_case_index_sorts_by_period_and_title(page, kb):
    open_page(page, "cases/")
    rows = filters.case_rows(kb)
    head = page.locator('th[data-kb-sort="period"]')
    head.locator("button").click()
    assert head.get_attribute("aria-sort") == "ascending"
    order = page.locator("table#kb-case-table tbody tr").evaluate_all(
        "rs => rs.map(r => r.getAttribute('data-sort-period'))")
    assert order == sorted(r.sort_period for r in rows)
    head.locator("button").click()
    assert head.get_attribute("aria-sort") == "descending"
    order = page.locator("table#kb-case-table tbody tr").evaluate_all(
        "rs => rs.map(r => r.getAttribute('data-sort-period'))")
    assert order == sorted((r.sort_period for r in rows), reverse=True)
    title = page.locator('th[data-kb-sort="title"]')
    title.locator("button").click()
    order = page.locator("table#kb-case-table tbody tr").evaluate_all(
        "rs => rs.map(r => r.getAttribute('data-sort-title'))")
    assert order == sorted(r.sort_title for r in rows)
    assert head.get_attribute("aria-sort") is None
    _no_errors(page)


def test_global_timeline_filters_by_case_and_context(page, kb):
    open_page(page, "timeline/")
    box = page.locator('[data-kb-filters="kb-global-timeline-list"]')
    box.wait_for(state="visible")
    select = box.locator('select[data-kb-filter="group"]')
    items = "ol#kb-global-timeline-list > li"
    total = len(kb.global_timeline)
    values = select.locator("option").evaluate_all("os => os.map(o => o.value)")[1:]
    assert {v for v in values if v.startswith("cases/")} == \
        {f"cases/{c.id}" for c in kb.all("cases") if c.data.timeline}
    for value in values:
        select.select_option(value)
        groups = visible_ids(page, items, "data-group")
        expected = len(kb.timelines[value.split("/")[1]]) if value.startswith("cases/") \
            else len(kb.records["events"])
        assert groups == [value] * expected, value
        assert box.locator("[data-kb-count]").inner_text() == i18n.gettext(
            "global_timeline.count", shown=expected, total=total)
    select.select_option("")
    assert len(visible_ids(page, items, "data-group")) == total
    _no_errors(page)


def test_pages_work_with_javascript_off(browser, server, kb):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(server + "cases/")
        assert not pg.locator('[data-kb-filters="kb-case-table"]').is_visible()
        assert pg.locator("table#kb-case-table tbody tr").count() == len(kb.all("cases"))
        assert all(pg.locator("table#kb-case-table tbody tr").nth(i).is_visible()
                   for i in range(len(kb.all("cases"))))
        pg.goto(server + "timeline/")
        shown = pg.locator("ol#kb-global-timeline-list > li:visible").count()
        assert shown == len(kb.global_timeline)
        case = kb.all("cases")[0]
        pg.goto(server + f"cases/{case.id}/")
        assert pg.locator("#cite-apa").is_visible()
        assert pg.locator(".kb-copy").count() == 0  # no button that could not work
    finally:
        context.close()


def test_print_stylesheet_gives_a_clean_dossier(page, kb):
    case = kb.all("cases")[0]
    open_page(page, f"cases/{case.id}/")
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
