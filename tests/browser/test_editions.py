"""The Korean and Chinese editions in a real browser: each edition's search finds its own
pages, and the language switcher leads to the same page in another edition and back."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import csp_violations, open_page, search


@pytest.mark.parametrize("edition, query, status", [
    ("ko/", "창춘", "“창춘”에 대한 결과"),  # the place's Korean name, data/places/changchun.yml
    ("zh/", "长春", "与“长春”相关的结果"),  # its Chinese name
])
def test_each_edition_searches_its_own_pages(searching, edition, query, status):
    page = searching(edition)
    results = search(page, query)
    assert f"/{edition}cases/changchun-2012/" in results[:3], results
    assert all(r.startswith(f"/{edition}") for r in results), results
    assert page.locator("[data-kb-search-status]").inner_text().startswith(status)
    assert not csp_violations(page) and not page.foreign_requests


@pytest.mark.parametrize("path", ["cases/changchun-2012/", "principles/non-refoulement/",
                                  "authorities/hu-jintao-2012/"])
def test_the_switcher_leads_to_the_same_page_in_each_edition_and_back(page, path):
    open_page(page, path)
    for lang, prefix in (("ko", "ko/"), ("zh", "zh/"), ("en", "")):
        page.locator(".md-header .md-select button").hover()
        page.locator(f'.md-header .md-select__link[hreflang="{lang}"]').click()
        page.wait_for_url(f"**/{prefix}{path}")
        assert page.evaluate("document.documentElement.lang") == lang
        assert urlsplit(page.url).path == f"/{prefix}{path}"
    assert not page.console_messages or not any("error" in m for m in page.console_messages)
