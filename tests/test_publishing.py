"""Addresses that work where the site is published: a build for publishing takes its address
from the environment (the GitHub workflow passes the Pages URL) and refuses one that only the
build machine or its network reaches."""
from __future__ import annotations

import csv
import io
import json

import lxml.html
import pytest

from macros.kb.common.urls import SiteInfo

from .conftest import run_build, with_class
from .expected import MAINTAINER_PAGES

PUBLIC = "https://example.org/nk-returns/"  # a reserved documentation domain


@pytest.mark.parametrize("url, public", [
    ("http://127.0.0.1:8000/", False), ("http://localhost:8000/", False),
    ("http://10.1.2.3/", False), ("http://192.168.0.4/site/", False), ("http://[::1]:8000/", False),
    ("http://169.254.0.1/", False), ("http://docs.local/", False), ("http://buildbox/", False),
    ("https://example.org/nk-returns/", True), ("https://user.github.io/repo/", True),
    ("http://93.184.216.34/", True)])
def test_which_addresses_count_as_public(url, public):
    assert SiteInfo("Site", url).is_public == public


def test_a_build_for_publishing_refuses_the_loopback_address_and_writes_nothing(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.txt").write_text("last good build")
    result = run_build(out, extra_env={"KB_PUBLISH": "1"})
    assert result.returncode != 0
    assert "site_url is http://127.0.0.1:8000/, which only this machine or its network " \
           "reaches" in result.stderr
    assert "Set KB_SITE_URL" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    out = tmp_path_factory.mktemp("published") / "site"
    result = run_build(out, extra_env={"KB_PUBLISH": "1", "KB_SITE_URL": PUBLIC,
                                       "KB_REPO_URL": "https://github.com/example/nk-returns"})
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_no_output_names_the_build_machine(published):
    """HTML, feeds, calendar, CSV, JSON, BibTeX and the sitemap; Material's own bundled
    scripts (assets/javascripts/) are its code, not addresses this site publishes."""
    found = []
    for path in sorted(p for p in published.rglob("*") if p.is_file()):
        rel = path.relative_to(published).as_posix()
        if rel.startswith("assets/javascripts/") or path.suffix in (".png", ".gz"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if "127.0.0.1" in text or "localhost" in text:
            found.append(rel)
    assert found == []


def test_every_permalink_uses_the_published_address(published):
    case = (published / "cases" / "changchun-2012" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PUBLIC}cases/changchun-2012/">' in case
    assert f'content="{PUBLIC}cases/changchun-2012/"' in case  # citation and sharing tags
    doc = json.loads((published / "exports" / "kb.json").read_text(encoding="utf-8"))
    assert doc["site"]["url"] == PUBLIC
    assert doc["records"]["cases"][0]["url"].startswith(PUBLIC)
    rows = list(csv.DictReader(io.StringIO(
        (published / "exports" / "csv" / "places.csv").read_text(encoding="utf-8"))))
    assert all(r["url"].startswith(f"{PUBLIC}places/") for r in rows)
    feed = (published / "exports" / "updates.xml").read_text(encoding="utf-8")
    assert f"<id>{PUBLIC}exports/updates.xml</id>" in feed
    assert f"<loc>{PUBLIC}cases/changchun-2012/</loc>" in \
        (published / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{PUBLIC}cases/changchun-2012/" in \
        (published / "exports" / "citations.bib").read_text(encoding="utf-8")


def test_a_build_for_publishing_is_no_preview_and_only_maintainer_pages_are_unindexed(published):
    robots = {}
    for path in sorted(published.rglob("*.html")):
        rel = path.relative_to(published).as_posix()
        if rel.startswith(("assets/", "pagefind/")):
            continue
        tree = lxml.html.fromstring(path.read_bytes())  # lxml: every page
        assert with_class(tree, "md-banner") == with_class(tree, "kb-preview") == [], rel
        robots.update({rel: meta.get("content") for meta in
                       tree.xpath('//meta[@name="robots"]')})
    assert robots == {f"{page}index.html": "noindex" for page in MAINTAINER_PAGES}
    sitemap = (published / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{PUBLIC}add-a-case/</loc>" in sitemap
    assert not [page for page in MAINTAINER_PAGES if f"{PUBLIC}{page}" in sitemap]


def test_add_a_case_gives_the_repositorys_addresses(published):
    from bs4 import BeautifulSoup
    page = BeautifulSoup((published / "add-a-case" / "index.html").read_text(encoding="utf-8"),
                         "lxml")
    links = {a["href"] for a in page.select("article a")}
    assert {"https://github.com/example/nk-returns",
            "https://github.com/example/nk-returns/blob/main/CONTRIBUTING.md",
            "https://github.com/example/nk-returns/pulls"} <= links
    footer = [(a["href"], a.get_text()) for a in page.select(".kb-footer__meta a")]
    assert ("./", "Add a case") in footer
    assert ("https://github.com/example/nk-returns/issues", "Send a correction") in footer
