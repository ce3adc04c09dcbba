"""The site built with Zensical in a real browser: each edition's search (Pagefind over the
Zensical pages) finds its own case page, under the same Content-Security-Policy, with no
request leaving the site and no script error; and its offline copy from disk. Skipped without
.venv-zensical."""
from __future__ import annotations

import zipfile
import pytest

from ..conftest import NO_ZENSICAL, recording_page, serve
from .conftest import SEARCH_LINK, csp_violations, open_page, search, type_query

pytestmark = NO_ZENSICAL


@pytest.fixture(scope="module")
def zensical_server(zensical_site):
    with serve(zensical_site.root) as url:
        yield url


@pytest.mark.parametrize("edition, query, status", [
    ("", "Changchun", "results for “Changchun”"),
    ("ko/", "창춘", "“창춘”에 대한 결과"),  # the place's Korean name, data/places/changchun.yml
    ("zh/", "长春", "与“长春”相关的结果"),  # its Chinese name
])
def test_zensical_site_searches_each_edition(browser, zensical_server, edition, query, status):
    with recording_page(browser, zensical_server) as page:
        open_page(page, edition + "cases/")
        results = search(page, query)
        assert f"/{edition}cases/changchun-2012/" in results[:3], results
        assert all(r.startswith(f"/{edition}") for r in results), results
        assert status in page.locator("[data-kb-search-status]").inner_text()
        assert not csp_violations(page) and not page.foreign_requests
        assert not [m for m in page.console_messages if m.startswith("error")]


def test_zensical_offline_copy_searches_and_browses_from_disk(browser, zensical_site,
                                                              tmp_path):
    """The Zensical build's offline copy (kb/offline), unzipped and opened from file://, as
    tests/browser/test_offline.py opens the MkDocs build's."""
    with zipfile.ZipFile(zensical_site.file("exports/kb-offline.zip")) as archive:
        archive.extractall(tmp_path)
    root = (tmp_path / "kb-offline").as_uri() + "/"
    with recording_page(browser, root) as page:
        requests: list[str] = []
        page.context.on("request", lambda r: requests.append(r.url))
        open_page(page, "index.html")
        results = [h.removeprefix(root) for h in type_query(page, "Changchun")]
        assert results[:2] == ["places/changchun/index.html", "cases/changchun-2012/index.html"]
        page.locator(SEARCH_LINK).nth(1).click()
        page.wait_for_url(root + "cases/changchun-2012/index.html")
        assert page.locator("article h1").inner_text() == \
            "Group of at least 21 held in Changchun, February 2012"
        assert requests and [u for u in requests if not u.startswith("file://")] == []
        assert not csp_violations(page) and not page.foreign_requests
