"""Hostile text in a record shows as text, runs nothing and is never evaluated as a template.

The hostile site is the real data plus one case (a copy of a real one) whose title and summary
hold an image with an error handler, a script that first closes <title>, a javascript: link and
a Jinja expression (see conftest.PAYLOADS).
"""
from __future__ import annotations

from .conftest import PAYLOADS, XSS_CASE, XSS_WORD, csp_violations, open_page, search

CASE_URL = f"cases/{XSS_CASE}/"
TITLE_PAYLOADS = PAYLOADS  # the title is plain text: every payload must show as written


def _dom_is_clean(page) -> None:
    found = page.evaluate("""() => ({
        img: document.querySelectorAll('img[src="x"], img[onerror]').length,
        handlers: [...document.querySelectorAll('*')].filter(e =>
            [...e.attributes].some(a => a.name.startsWith('on'))).length,
        jsLinks: document.querySelectorAll('[href^="javascript:" i]').length,
        scripts: [...document.scripts].filter(s => /alert/.test(s.textContent)).length})""")
    assert found == {"img": 0, "handlers": 0, "jsLinks": 0, "scripts": 0}, found


def test_the_hostile_case_page_shows_the_payloads_as_text(hostile_page):
    page = hostile_page
    open_page(page, CASE_URL)
    heading = page.locator("article h1").inner_text()
    for payload in TITLE_PAYLOADS:
        assert payload in heading, (payload, heading)
        assert payload in page.title(), (payload, page.title())
    assert "49" not in heading and "49" not in page.title()
    summary = page.locator("article").inner_text()
    assert f"{XSS_WORD} summary" in summary and "{{ 7*7 }}" in summary
    assert "summary 49" not in summary
    for payload in (p for p in PAYLOADS if p.startswith("<")):
        assert payload in summary, (payload, summary)  # typed HTML is shown as typed
    _dom_is_clean(page)
    assert not page.dialogs and not page.foreign_requests
    assert not csp_violations(page), page.console_messages


def test_listing_pages_show_the_hostile_title_as_text(hostile_site, hostile_page):
    page = hostile_page
    listing = [u for u in ("", "cases/", "timeline/")
               if XSS_CASE in hostile_site.html(u)]
    assert "cases/" in listing and "timeline/" in listing
    for url in listing:
        open_page(page, url)
        link = page.locator(f'article a[href*="{XSS_CASE}/"]').first
        text = link.inner_text()
        assert "</title><script>alert(1)</script>" in text and "{{ 7*7 }}" in text, (url, text)
        _dom_is_clean(page)
    assert not page.dialogs and not csp_violations(page)


def test_search_lists_the_hostile_case_as_text(hostile_page):
    page = hostile_page
    open_page(page, "")
    results = search(page, XSS_WORD)
    assert f"/{CASE_URL}" in results, results
    shown = page.locator(".kb-search__result").first.inner_text()
    assert "<img src=x onerror=alert(1)>" in shown and "</title><script>" in shown, shown
    _dom_is_clean(page)
    page.locator(".kb-search__link").first.click()
    page.wait_for_url(lambda u: CASE_URL in u)
    _dom_is_clean(page)
    assert not page.dialogs and not csp_violations(page), page.console_messages


def test_the_search_index_holds_the_payloads_only_as_text(hostile_site):
    """Pagefind stores the indexed text and meta as plain text; the search dialog sets titles
    as text and copies only text and <mark> from excerpts (assets/kb-search.js)."""
    from macros.kb.search import fragments
    entries = [f for f in fragments(hostile_site.root) if f["url"] == f"/{CASE_URL}"]
    assert len(entries) == 1
    title = entries[0]["meta"]["title"]
    assert all(payload in title for payload in TITLE_PAYLOADS), title  # as text, unescaped
    assert "49" not in title and "{{ 7*7 }}" in title
    title = hostile_site.soup(CASE_URL).title.get_text()
    assert "{{ 7*7 }}" in title and "49" not in title
