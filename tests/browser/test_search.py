"""The search box, as a reader uses it: type a place, a document index, a principle."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from .conftest import SEARCH_INPUT, csp_violations, open_page, search


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


def test_search_works_under_the_content_security_policy(page):
    open_page(page, "")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert script_src.split() == ["script-src", "'self'"]
    results = search(page, "Changchun")
    assert results
    page.locator(SEARCH_INPUT).press("Enter")  # the search form must not submit (form-action)
    page.wait_for_url(lambda url: urlsplit(url).path == results[0])
    assert not csp_violations(page), page.console_messages
