"""The offline copy opened from disk (file://), as a reader who unzipped it: the menu, the
language switcher, the search box (the copy's own index, assets/kb-offline-search.js) and a
search result, with every request recorded: none may leave the disk."""
from __future__ import annotations

import zipfile

import pytest

from ..conftest import recording_page
from .conftest import SEARCH_LINK, csp_violations, filter_to_one_case, open_page, type_query

STATUS = "[data-kb-search-status]"


@pytest.fixture(scope="module")
def copy_root(site, tmp_path_factory) -> str:
    """The zip unpacked into a temporary folder; the file:// address of its folder."""
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(site.file("exports/kb-offline.zip")) as archive:
        archive.extractall(folder)
    return (folder / "kb-offline").as_uri() + "/"


@pytest.fixture
def offline_page(browser, copy_root):
    """A recording page on the copy that also keeps every URL the browser requests."""
    with recording_page(browser, copy_root) as pg:
        pg.all_requests = []
        pg.context.on("request", lambda r: pg.all_requests.append(r.url))
        yield pg


def _search(page, text: str) -> list[str]:
    """The result links' addresses within the copy (type_query)."""
    return [h.removeprefix(page.base_url) for h in type_query(page, text)]


def test_the_copy_searches_and_browses_from_disk_without_any_request_out(offline_page):
    page = offline_page
    open_page(page, "index.html")
    results = _search(page, "Changchun")
    assert results[:2] == ["places/changchun/index.html", "cases/changchun-2012/index.html"]
    assert page.locator(STATUS).text_content() == "22 results for “Changchun”."

    results = _search(page, "ASA 17/21/00")
    assert results[:2] == ["sources/ai-ua-105-00-fi-2000/index.html",
                           "cases/mass-returns-2000/index.html"]
    page.locator(SEARCH_LINK).first.click()  # follow the first result
    page.wait_for_url(page.base_url + "sources/ai-ua-105-00-fi-2000/index.html")
    assert page.locator("article h1").inner_text() == "Forcible Return / Fear for Safety"

    # the menu and the language switcher lead to pages, not to folder listings
    page.locator('nav a.md-nav__link[href$="cases/index.html"]').first.click()
    page.wait_for_url(page.base_url + "cases/index.html")
    page.locator(".md-header .md-select button").hover()
    page.locator('.md-header .md-select__link[hreflang="ko"]').click()
    page.wait_for_url(page.base_url + "ko/cases/index.html")
    assert page.locator("html").get_attribute("lang") == "ko"

    results = _search(page, "창춘")
    assert results[:2] == ["ko/places/changchun/index.html",
                           "ko/cases/changchun-2012/index.html"]
    page.locator(SEARCH_LINK).nth(1).click()
    page.wait_for_url(page.base_url + "ko/cases/changchun-2012/index.html")
    assert page.locator("article h1").inner_text() == "창춘에 억류된 최소 21명, 2012년 2월"

    assert page.all_requests and [u for u in page.all_requests
                                  if not u.startswith("file://")] == []
    assert page.foreign_requests == [] and not csp_violations(page), page.console_messages
    assert not [m for m in page.console_messages if m.startswith("error")]


def test_the_copys_filters_come_from_its_own_index(offline_page):
    page = offline_page
    open_page(page, "index.html")
    _search(page, "Changchun")
    filter_to_one_case(page)
    assert page.locator(SEARCH_LINK).evaluate_all("els => els.map(e => e.href)") == [
        page.base_url + "cases/changchun-2012/index.html"]
    assert [u for u in page.all_requests if not u.startswith("file://")] == []
