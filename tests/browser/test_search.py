"""The search box, as a reader uses it: type a place, a document index, a principle."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from .conftest import (SEARCH_INPUT, SEARCH_LINK, csp_violations, filter_to_one_case, open_page,
                       search)


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


def test_a_place_name_finds_the_case_held_there(site, page):
    cases = _pages_whose(site, "cases", r"\bChangchun\b")
    assert cases, "no case page with Changchun in its title"
    open_page(page, "")
    results = search(page, "Changchun")
    assert _found(results, cases), results
    assert "/places/changchun/" in results or _found(results, _pages_whose(
        site, "places", r"\bChangchun\b")), results
    assert not csp_violations(page) and not page.foreign_requests


def test_a_document_index_finds_its_source(site, page):
    sources = _pages_whose(site, "sources", r"ASA\s*17/21/00", where="article")
    assert sources, "no source page shows the AI Index ASA 17/21/00"
    open_page(page, "")
    results = search(page, "ASA 17/21/00")
    assert results[0] in sources, results


def test_a_principle_finds_its_page(site, page):
    principles = _pages_whose(site, "principles", r"\bsur place\b")
    assert principles, "no principle page titled with 'sur place'"
    open_page(page, "")
    results = search(page, "sur place")
    assert results[0] in principles, results


def test_a_name_finds_its_authority_first(page):
    open_page(page, "")
    assert search(page, "Hu Jintao")[0] == "/authorities/hu-jintao-2012/"


def test_document_numbers_find_the_source_then_its_case(page):
    for query, source, case in (
            ("ASA 17/21/00", "ai-ua-105-00-fi-2000", "mass-returns-2000"),
            ("UA 105/00", "ai-ua-105-00-fi-2000", "mass-returns-2000"),
            ("PRE 01/082/2012", "ai-pre-01-082-2012", "changchun-2012")):
        open_page(page, "")
        assert search(page, query)[:2] == [f"/sources/{source}/", f"/cases/{case}/"], query


def test_a_quoted_phrase_finds_the_principle_first(page):
    open_page(page, "")
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
