"""The search box, as a reader uses it: type a place, a document index, a principle, or the
words readers use where the records say otherwise (탈북민, 북송, 脱北者, defector)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from .conftest import (SEARCH_INPUT, SEARCH_ITEM, SEARCH_LINK, SEARCH_OPEN, csp_violations,
                       filter_to_one_case, open_page, search)


def _pages_whose(site, folder: str, pattern: str, where: str = "h1") -> list[str]:
    """Record pages under `folder` whose `where` text matches `pattern` (found via the index)."""
    index = site.soup(f"{folder}/")
    hrefs = {a["href"].split("#")[0] for a in index.select("article a[href]")}
    out = []
    for href in sorted(hrefs):
        if href.startswith(("http", "/", "#", "..")) or not href.strip("./"):
            continue
        url = f"{folder}/{href}".replace("/./", "/")
        soup = site.soup(url)
        node = soup.select_one(f"article {where}") if where != "article" else site.article(url)
        if node is not None and re.search(pattern, node.get_text(" "), re.IGNORECASE):
            out.append("/" + url.strip("/") + "/")
    return out


def _found(results: list[str], wanted: list[str]) -> bool:
    return any(path in results for path in wanted)


def test_a_place_name_finds_the_case_held_there(site, searching):
    cases = _pages_whose(site, "cases", r"\bChangchun\b")
    assert cases, "no case page with Changchun in its title"
    page = searching("")
    results = search(page, "Changchun")
    assert _found(results, cases), results
    assert "/places/changchun/" in results or _found(results, _pages_whose(
        site, "places", r"\bChangchun\b")), results
    assert not csp_violations(page) and not page.foreign_requests


def test_a_document_index_finds_its_source(site, searching):
    sources = _pages_whose(site, "sources", r"ASA\s*17/21/00", where="article")
    assert sources, "no source page shows the AI Index ASA 17/21/00"
    page = searching("")
    results = search(page, "ASA 17/21/00")
    assert results[0] in sources, results


def test_a_principle_finds_its_page(site, searching):
    principles = _pages_whose(site, "principles", r"\bsur place\b")
    assert principles, "no principle page titled with 'sur place'"
    page = searching("")
    results = search(page, "sur place")
    assert results[0] in principles, results


def test_a_name_finds_its_authority_first(searching):
    page = searching("")
    assert search(page, "Hu Jintao")[0] == "/authorities/hu-jintao-2012/"


def test_document_numbers_find_the_source_then_its_case(searching):
    page = searching("")
    for query, source, case in (
            ("ASA 17/21/00", "ai-ua-105-00-fi-2000", "mass-returns-2000"),
            ("UA 105/00", "ai-ua-105-00-fi-2000", "mass-returns-2000"),
            ("PRE 01/082/2012", "ai-pre-01-082-2012", "changchun-2012")):
        assert search(page, query)[:2] == [f"/sources/{source}/", f"/cases/{case}/"], query


def test_a_quoted_phrase_finds_the_principle_first(searching):
    page = searching("")
    assert search(page, '"sur place"')[0] == "/principles/refugee-sur-place/"


def test_the_dialog_is_keyboard_operable(page):
    open_page(page, "")
    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.matches('[data-kb-search-input]')")
    results = search(page, "Changchun")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.classList.contains('kb-search__link')")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.matches('[data-kb-search-input]')")
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.querySelector('[data-kb-search]').open")
    assert page.evaluate("() => document.activeElement.matches('[data-kb-search-open]')")
    status = page.locator("[data-kb-search-status]")
    assert status.get_attribute("role") == "status" and results


def test_filters_narrow_to_cases_of_a_status(page):
    open_page(page, "")
    search(page, "Changchun")
    filter_to_one_case(page)
    assert page.locator(SEARCH_LINK).evaluate_all("els => els.map(e => e.pathname)") == [
        "/cases/changchun-2012/"]
    page.locator("select[data-kb-filter=status]").select_option(value="Forcibly returned")
    page.wait_for_function("() => /^No results/.test("
                           "document.querySelector('[data-kb-search-status]').textContent)")


def test_search_works_under_the_content_security_policy(page):
    open_page(page, "")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    # WebAssembly (the search engine) may compile; nothing else unsafe, nothing inline
    assert script_src.split() == ["script-src", "'self'", "'wasm-unsafe-eval'"]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    results = search(page, "Changchun")
    assert results
    page.locator(SEARCH_INPUT).press("Enter")  # the search form must not submit (form-action)
    page.wait_for_url(lambda url: urlsplit(url).path == results[0])
    assert not csp_violations(page), page.console_messages


# --- the readers' words (issue 23) --------------------------------------------------------------
# Expected pages read off the data: the Korean text names the people 북한 주민 and the returns
# 강제송환 (data/background/*.yml, data/cases/*.yml), the Chinese 朝鲜人 and 越境者; no page uses
# 탈북민, 탈북자, 북송, 망명 or 脱北者, which readers type (locales/search-words.yml).

def _marked(page) -> list[str]:
    """The words the excerpts highlight."""
    return page.locator(".kb-search__excerpt mark").evaluate_all(
        "els => els.map(e => e.textContent)")


def _status(page) -> str:
    return page.locator("[data-kb-search-status]").text_content()


BACKGROUND_KO = ["/ko/background/economic-migrants/", "/ko/background/refugees-sur-place/",
                 "/ko/background/unhcr-no-access/", "/ko/background/returnees/"]


@pytest.mark.parametrize("word", ["탈북민", "탈북자"])
def test_korean_words_for_defectors_find_the_pages_on_north_koreans_in_china(searching, word):
    page = searching("ko/")
    results = search(page, word)
    # the four background pages on North Koreans in China (titled with 북한 주민), then the
    # home page and the cases
    # with thirteen cases the new events and cases rank too: the four background pages are
    # among the first ten
    assert set(BACKGROUND_KO) & set(results[:10]), results
    assert "북한 주민(으)로도 검색했습니다" in _status(page)


def test_korean_forced_repatriation_finds_the_returns_not_a_particle(searching):
    page = searching("ko/")
    results = search(page, "강제북송")
    assert "/ko/principles/non-refoulement/" in results[:10], results
    marked = _marked(page)
    assert marked and all(m.startswith("강제송환") for m in marked), marked
    assert not any("라이선스" in m or m.endswith("가") for m in marked), marked


def test_korean_bukson_finds_the_cases_of_returns(searching):
    page = searching("ko/")
    results = search(page, "북송")
    assert {"/ko/cases/families-returned-shandong-yunnan/", "/ko/cases/mass-returns-2000/"} <= \
        set(results[:10]), results
    assert all(m.startswith(("강제송환", "송환")) for m in _marked(page)), _marked(page)


def test_korean_exile_finds_the_right_to_seek_asylum(searching):
    page = searching("ko/")
    results = search(page, "망명")
    assert results[0] == "/ko/principles/right-to-seek-asylum/"  # 비호를 구할 권리
    assert "/ko/cases/mass-returns-2000/" in results[:3]


def test_chinese_defectors_find_the_border_crossers_and_north_koreans_in_china(searching):
    page = searching("zh/")
    results = search(page, "脱北者")
    # 朝鲜谴责越境者, then the background pages on the returnees and on 'economic migrants'
    assert "/zh/events/border-crossers-announcement-2012/" in results[:10], results
    assert "朝鲜人、越境者" in _status(page)


def test_english_defector_finds_the_press_release_then_the_refugees(searching):
    page = searching("")
    results = search(page, "defectors")
    # the one page with the reader's word: "... forced repatriation of North Korean defectors"
    assert {"/sources/ai-pre-01-082-2012/", "/background/refugees-sur-place/"} <= set(
        results[:10]), results


def test_english_repatriation_finds_the_principle_and_the_cases(searching):
    page = searching("")
    results = search(page, "repatriation")
    # the press releases and reports that use the reader's word or the records' words
    assert "/sources/ai-pre-01-082-2012/" in results or any(
        r.startswith(("/cases/", "/sources/")) for r in results[:10]), results
    assert _status(page).endswith("results for “repatriation”. "
                                  "Also searched for return, refoulement, as the records say.")


def test_every_word_of_a_query_is_required(searching):
    page = searching("")
    box = page.locator(SEARCH_INPUT)
    if not box.is_visible():
        page.locator(SEARCH_OPEN).click()
    box.fill("")
    box.press_sequentially("Changchun xyzzy", delay=20)
    page.wait_for_function("() => document.querySelector('[data-kb-search-status]')"
                           ".textContent === 'No results for “Changchun xyzzy”.'")
    assert page.locator(SEARCH_ITEM).count() == 0
    # both words on the page: the case and its place, not the other 14 pages on Changchun
    assert set(search(page, "Changchun Shenyang")) >= {"/cases/changchun-2012/"}
    assert "/places/south-korea/" not in search(page, "Changchun Shenyang")


def test_without_javascript_the_search_control_is_a_link_to_the_case_index(browser, server):
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 390, "height": 800})
    try:
        pg = context.new_page()
        for edition, index in (("", "/cases/"), ("ko/", "/ko/cases/"), ("zh/", "/zh/cases/")):
            pg.goto(f"{server}{edition}cases/changchun-2012/")
            link = pg.locator("header [data-kb-search-fallback]")
            assert link.is_visible() and not pg.locator(SEARCH_OPEN).is_visible()
            assert link.evaluate("e => e.tagName") == "A"
            link.click()
            assert urlsplit(pg.url).path == index
        assert pg.locator("header [data-kb-search-fallback]").text_content().strip() == "浏览案例列表"
    finally:
        context.close()


def test_with_javascript_the_button_replaces_the_link(page):
    open_page(page, "ko/")
    assert page.locator(SEARCH_OPEN).is_visible()
    assert not page.locator("[data-kb-search-fallback]").is_visible()


# --- the record since 2017 (issue 22): each case by its month and by its places ---------------
# Read off data/cases/*.yml: the month of each case's period and places its page names.
BY_MONTH_AND_PLACE = [
    ("/cases/eight-detained-shenyang-2017-03/", "March 2017", "Shenyang"),
    ("/cases/five-refugees-yanji/", "June 2017", "Yanji"),
    ("/cases/ten-detained-shenyang-2017-11/", "November 2017", "Sinuiju"),
    ("/cases/seven-detained-liaoning-2019-04/", "April 2019", "Anshan"),
    ("/cases/about-50-returned-2021-07/", "July 2021", "Dandong"),
    ("/cases/returned-2023-08-29/", "August 2023", "China"),
    ("/cases/returned-2023-09-18/", "September 2023", "China"),
    ("/cases/mass-return-2023-10-09/", "October 2023", "Hunchun"),
    ("/cases/about-60-returned-2024-04-26/", "April 2024", "Changbai"),
    ("/cases/returns-since-2024-hrw-2025/", "October 2025", "Kunming"),
]


def test_each_case_since_2017_is_found_by_its_month_and_its_places(searching):
    """One search a case, all in the English home page (conftest.searching)."""
    page = searching("")
    missed = {}
    for case, month, place in BY_MONTH_AND_PLACE:
        results = search(page, f"{month} {place}")
        if case not in results[:10]:
            missed[f"{month} {place}"] = (case, results[:10])
    assert missed == {}
