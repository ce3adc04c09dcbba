"""The site built with Zensical (macros/zensical_adapter/, `bash scripts/setup.sh zensical`)
against the MkDocs build of the same data (the session's `site`): the same pages in every
edition, the same case pages, links, titles, exports and search index.

Needs Zensical in .venv-zensical: skipped without it. `bash scripts/setup.sh zensical` makes it
(and builds site-zensical/), and `KB_ZENSICAL=1 bash .ci/run` makes it before the tests.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest

from .expected import COUNTS
from .conftest import NO_ZENSICAL, Site

pytestmark = NO_ZENSICAL

CASES = ("changchun-2012", "families-returned-shandong-yunnan", "five-refugees-yanji",
         "mass-returns-2000")
EDITION_FOLDERS = ("", "ko/", "zh/")


@pytest.fixture
def zsite(zensical_site) -> Site:
    """The Zensical build (tests/conftest.py, built once a session)."""
    return zensical_site


def _pages(root: Path) -> set[str]:
    """The built HTML pages, without the theme's assets and the search bundle."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*.html")
            if p.relative_to(root).parts[0] not in ("assets", "pagefind")}


def _files(root: Path, folder: str) -> dict[str, bytes]:
    """The export files (the Exports page, exports/index.html, is a page)."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in (root / folder).rglob("*") if p.is_file() and p.suffix != ".html"}


def _text(element) -> str | None:
    return " ".join(element.text_content().split()) if element is not None else None


def _cls(name: str) -> str:
    """XPath test for an element with class `name` (lxml without the cssselect package)."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _all(tree, xpath: str) -> list:
    return tree.xpath(xpath)


def _one(tree, xpath: str):
    found = tree.xpath(xpath)
    return found[0] if found else None


def _tree(site: Site, path: str):
    return lxml.html.fromstring(site.file(path).read_bytes())


def case_facts(site: Site, path: str) -> dict:
    """What a reader checks on a case page: title, status, timeline dates, sources."""
    tree = _tree(site, path)
    return {
        "title": _text(_one(tree, "//title")),
        "h1": _text(_one(tree, "//article//h1")),
        "status": _text(_one(tree, f"//*[{_cls('kb-status')}]")),
        "dates": [_text(e) for e in _all(tree, f"//*[{_cls('kb-timeline__date')}]")],
        "date_values": [e.get("datetime")
                        for e in _all(tree, f"//*[{_cls('kb-timeline__date')}]//time")],
        "sources": [(li.find("a").get("href"), _text(li))
                    for li in _all(tree, f"//ol[{_cls('kb-sources')}]/li")],
    }


def test_zensical_builds_the_same_pages_and_exports(site, zsite):
    pages = _pages(zsite.root)
    assert pages == _pages(site.root)
    assert {"cases/changchun-2012/index.html", "ko/cases/changchun-2012/index.html",
            "zh/about/index.html", "exports/index.html"} <= pages
    exported = _files(zsite.root, "exports")
    assert "exports/kb.json" in exported and "exports/timelines/changchun-2012.json" in exported
    # the offline copy zips each engine's own pages: its own bytes; the rest the same bytes
    # (the kb package writes both)
    zipped = {name: exported.pop(name) for name in ["exports/kb-offline.zip"]}
    mkdocs_exports = _files(site.root, "exports")
    del mkdocs_exports["exports/kb-offline.zip"]
    assert exported == mkdocs_exports
    with zipfile.ZipFile(io.BytesIO(zipped["exports/kb-offline.zip"])) as z:
        in_zip = {n.split("/", 1)[1] for n in z.namelist() if n.endswith(".html")}
    assert in_zip == pages - {"404.html"}
    facts = _text(_one(_tree(zsite, "exports/index.html"), "//*[@data-kb-offline-facts]"))
    assert hashlib.sha256(zipped["exports/kb-offline.zip"]).hexdigest() in facts


@pytest.mark.parametrize("folder", EDITION_FOLDERS)
def test_each_case_page_says_the_same(site, zsite, folder):
    for case in CASES:
        path = f"{folder}cases/{case}/index.html"
        assert case_facts(zsite, path) == case_facts(site, path), path


def test_a_case_page_under_zensical_reads_as_the_data_says(zsite):
    facts = case_facts(zsite, "cases/changchun-2012/index.html")
    assert facts["h1"] == "Group of at least 21 held in Changchun, February 2012"
    assert facts["title"] == ("Group of at least 21 held in Changchun, February 2012 - "
                              "North Korean Refugees – Forced Returns from China")
    assert facts["status"] == "Status: Outcome not known"
    assert facts["date_values"][0] == "2012-02-08"
    assert facts["dates"][0].startswith("8 February 2012")
    assert [href for href, _ in facts["sources"]] == [
        "../../sources/ai-ua-changchun-2012/", "../../sources/ai-pre-01-082-2012/"]
    assert facts["sources"][1][1].startswith("China urged to avoid forced repatriation of "
                                             "North Korean defectors")


def test_every_link_of_every_page_leads_where_it_does_under_mkdocs(site, zsite):
    """Zensical resolves HTML links from the source file, MkDocs leaves them: the adapter
    writes them relative to the file, so that both lead to the same address."""
    def targets(root: Path, path: str) -> list[str]:
        html = (root / path).read_text(encoding="utf-8")
        article = re.search(r"<article.*?</article>", html, re.S).group(0)
        base = "http://site/" + path
        return [urljoin(base, href) for href in re.findall(r'href="([^"]*)"', article)]

    pages = sorted(p for p in _pages(site.root) if p != "404.html")
    assert len(pages) > 250
    for path in pages:
        assert targets(zsite.root, path) == targets(site.root, path), path


def test_every_page_has_the_same_title_language_notice_switcher_and_meta_tags(site, zsite):
    def chrome(root_site: Site, path: str) -> dict:
        tree = _tree(root_site, path)
        return {"title": _text(_one(tree, "//title")),
                "h1": _text(_one(tree, "//article//h1")), "lang": tree.get("lang"),
                "notice": _text(_one(tree, f"//*[{_cls('kb-edition-notice')}]")),
                "footer": _text(_one(tree, f"//*[{_cls('kb-footer')}]")),
                "search": _text(_one(tree, f"//*[{_cls('kb-search-open')}]")),
                "site_name": [_text(_one(tree, f"(//*[{_cls(c)}])[1]"))
                              for c in ("md-header__topic", "md-nav__title")],
                "editions": [(a.get("hreflang"), a.get("href"))
                             for a in _all(tree, f"//a[{_cls('md-select__link')}]")],
                "meta": [(m.get("name") or m.get("property"), m.get("content"))
                         for m in _all(tree, "//meta[starts-with(@name, 'citation_') or "
                                             "starts-with(@name, 'DC.') or @property or "
                                             "starts-with(@name, 'twitter:')]")]}

    for path in sorted(p for p in _pages(site.root) if p != "404.html"):
        assert chrome(zsite, path) == chrome(site, path), path
    # the Korean home page's sharing title is its menu label in both builds
    assert [v for k, v in chrome(zsite, "ko/index.html")["meta"] if k == "og:title"] == ["홈"]
    place = _tree(zsite, "places/north-korea/index.html")
    assert _text(_one(place, "//article//h1")) == \
        "Democratic People's Republic of Korea (North Korea)"
    assert _tree(zsite, "ko/about/index.html").get("lang") == "ko"


def _menu(root_site: Site, path: str) -> list[tuple[str, str]]:
    """The sidebar menu of a page: each entry's label and the page it leads to, as a
    site-relative address ("" for the home page: the engines spell a link to the page itself
    ".", "" or "././")."""
    out = []
    for a in _all(_tree(root_site, path),
                  f"//nav[{_cls('md-nav--primary')}]//a[{_cls('md-nav__link')}]"):
        url = urljoin("http://site/" + path, a.get("href"))[len("http://site/"):]
        out.append((_text(a), url.removesuffix("index.html")))
    return out


def test_every_edition_has_its_own_menu_under_zensical_as_under_mkdocs(site, zsite):
    for path in sorted(p for p in _pages(site.root) if p != "404.html"):
        assert _menu(zsite, path) == _menu(site, path), path
    # what a Korean reader sees: the menu in Korean, leading to the Korean pages
    assert _menu(zsite, "ko/cases/index.html")[:3] == [
        ("홈", "ko/"), ("사례", "ko/cases/"), ("연표", "ko/timeline/")]
    assert _menu(zsite, "zh/about/index.html")[:2] == [("首页", "zh/"), ("案例", "zh/cases/")]
    assert _menu(zsite, "cases/index.html")[:2] == [("Home", ""), ("Cases", "cases/")]


def _sitemap(root_site: Site) -> dict[str, list[tuple[str, str]]]:
    """sitemap.xml: each address listed, with its editions (hreflang, address)."""
    from lxml import etree
    tree = etree.parse(str(root_site.file("sitemap.xml")))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "x": "http://www.w3.org/1999/xhtml"}
    return {url.findtext("s:loc", namespaces=ns): [
        (link.get("hreflang"), link.get("href")) for link in url.findall("x:link", ns)]
        for url in tree.findall("s:url", ns)}


def test_zensical_sitemap_lists_every_page_with_its_editions_as_mkdocs_does(site, zsite):
    z, m = _sitemap(zsite), _sitemap(site)
    assert z == m
    home = min(z, key=len)  # the site's address
    assert z[home + "cases/changchun-2012/"] == [
        ("en", home + "cases/changchun-2012/"), ("ko", home + "ko/cases/changchun-2012/"),
        ("zh", home + "zh/cases/changchun-2012/")]
    # the pages for maintainers are built but not listed
    assert zsite.file("maintainers/zensical/index.html").exists()
    assert not [url for url in z if "/maintainers/" in url]


def test_hand_written_pages_render_their_blocks_through_zensicals_macros(site, zsite):
    for path in ("about/index.html", "ko/about/index.html", "index.html",
                 "exports/index.html"):
        assert "kb_block" not in zsite.html(path)
        z, m = _tree(zsite, path), _tree(site, path)
        for tree in (z, m):  # the offline copy's size and checksum: each engine's own zip
            for facts in _all(tree, "//*[@data-kb-offline-facts]"):
                facts.drop_tree()
        assert _text(_one(z, "//article")) == _text(_one(m, "//article")), path
    coverage = _text(_one(_tree(zsite, "about/index.html"), f"//*[{_cls('kb-coverage')}]"))
    assert coverage.startswith(f"This knowledge base holds {COUNTS['cases']} cases, drawn from "
                               f"{COUNTS['sources']} published documents")


def test_zensical_pages_keep_the_security_policy_and_run_no_inline_script(site, zsite):
    csp = '//meta[@http-equiv="Content-Security-Policy"]'
    policy = _one(_tree(site, "index.html"), csp)
    assert "script-src 'self' 'wasm-unsafe-eval'" in policy.get("content")
    for path in ("index.html", "cases/changchun-2012/index.html", "zh/timeline/index.html",
                 "404.html"):
        tree = _tree(zsite, path)
        meta = _one(tree, csp)
        assert meta is not None and meta.get("content") == policy.get("content"), path
        inline = [s for s in _all(tree, "//script")
                  if not s.get("src") and s.get("type") != "application/json"]
        assert inline == [], path


def test_zensical_site_is_indexed_for_search_in_each_edition(site, zsite):
    def index(root: Path) -> dict:  # a bundle per edition, each with its language's index
        found = {}
        for bundle in sorted((root / "pagefind").glob("*/pagefind-entry.json")):
            entry = json.loads(bundle.read_text())
            assert list(entry["languages"]) == [bundle.parent.name]
            found.update({lang: info["page_count"] for lang, info in entry["languages"].items()})
        return found

    assert index(zsite.root) == index(site.root)
    assert set(index(zsite.root)) == {"en", "ko", "zh"}
    filters = "pagefind/kb-filters.json"
    assert json.loads(zsite.html(filters)) == json.loads(site.html(filters))
    case = _tree(zsite, "cases/changchun-2012/index.html")
    assert _one(case, "//*[@data-pagefind-body]") is not None
    assert [m.get("content") for m in _all(case, '//meta[@data-pagefind-filter="status[content]"]')
            ] == ["Outcome not known"]
