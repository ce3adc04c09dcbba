"""The Korean and Chinese editions, read from the built site as a reader of each would read it.

Expected values are written here from the data (the name forms held on the records, the
catalogues' Korean and Chinese texts) and from how each language writes a date; never taken
from the code that builds the pages.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

import pytest

from .conftest import with_class
from .expected import MAINTAINER_PAGES, URL

EDITIONS = {"": "en", "ko/": "ko", "zh/": "zh"}
_CLASS = 'contains(concat(" ", normalize-space(@class), " "), " {} ")'  # XPath: has class {}


def _pages(site):
    """(site-relative URL, edition prefix) of every HTML page but the theme's 404."""
    for path in sorted(site.root.rglob("*.html")):
        rel = path.relative_to(site.root).as_posix()
        if rel == "404.html" or rel.startswith("pagefind/"):
            continue
        url = rel[: -len("index.html")]
        prefix = next((p for p in ("ko/", "zh/") if url.startswith(p)), "")
        yield url, prefix


def test_every_page_carries_its_language_and_a_switcher_to_the_same_page(site):
    seen = {prefix: 0 for prefix in EDITIONS}
    for url, prefix in _pages(site):
        page = site.tree(url)  # lxml: about 2,000 pages
        assert page.get("lang") == EDITIONS[prefix], url
        seen[prefix] += 1
        links = [a.attrib for a in page.xpath(
            f"//*[{_CLASS.format('md-header')}]//a[{_CLASS.format('md-select__link')}]")]
        if url in MAINTAINER_PAGES:  # for maintainers, in English only
            assert not links
            continue
        assert [a["hreflang"] for a in links] == ["en", "ko", "zh"], url
        here = url[len(prefix):]
        for a in links:
            target = urljoin("/" + url, a["href"]).lstrip("/")
            other = {"en": "", "ko": "ko/", "zh": "zh/"}[a["hreflang"]]
            assert target == other + here, (url, a["href"])  # the same page, other edition
            assert site.file(target).is_file(), (url, target)
            assert (a.get("aria-current") == "page") == (other == prefix)
    # every page of the English edition has its counterparts
    # all but the pages for maintainers
    assert seen["ko/"] == seen["zh/"] == seen[""] - len(MAINTAINER_PAGES)


def test_the_sitemap_lists_each_page_with_its_editions(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(site.file("sitemap.xml").read_bytes())
    by_loc = {u.findtext("s:loc", namespaces=ns): u for u in root.findall("s:url", ns)}
    case = by_loc[f"{URL}ko/cases/changchun-2012/"]
    assert [(x.get("hreflang"), x.get("href")) for x in case.findall("x:link", ns)] == [
        ("en", f"{URL}cases/changchun-2012/"), ("ko", f"{URL}ko/cases/changchun-2012/"),
        ("zh", f"{URL}zh/cases/changchun-2012/")]


@pytest.mark.parametrize("prefix, title, place, date, menu", [
    ("ko/", "창춘에 억류된 최소 21명, 2012년 2월", "창춘", "2012년 2월 8일부터 3월 28일까지",
     "사례"),
    ("zh/", "2012年2月在长春被关押的至少21人", "长春", "2012年2月8日至3月28日", "案例"),
])
def test_a_case_page_reads_in_its_language(site, prefix, title, place, date, menu):
    soup = site.soup(f"{prefix}cases/changchun-2012/")
    assert soup.select_one("article h1").get_text(strip=True) == title
    art = soup.select_one("article")
    # the place's name as the record holds it in this language, linked in this edition
    assert art.select_one('a[href="../../places/changchun/"]').get_text(strip=True) == place
    assert date in art.get_text(" ", strip=True)
    nav = [a.get_text(strip=True) for a in soup.select("nav.md-nav--primary a.md-nav__link")]
    assert menu in nav
    # Material's own strings follow the edition too
    assert soup.select_one(".md-skip").get_text(strip=True) != "Skip to content"


@pytest.mark.parametrize("prefix, unreviewed", [
    ("ko/", "이 번역은 아직 원어민의 검토를 받지 않았습니다."),
    ("zh/", "本译文尚未经母语人士审校。"),
])
def test_every_translated_page_says_its_translation_is_not_yet_reviewed(site, prefix, unreviewed):
    for url, page_prefix in _pages(site):
        if page_prefix != prefix:
            continue
        notice = with_class(site.tree(url), "kb-edition-notice")  # lxml: every page
        words = " ".join(t.strip() for t in notice[0].itertext() if t.strip()) if notice else ""
        assert words.startswith(unreviewed), url
    assert site.soup("cases/changchun-2012/").select_one(".kb-edition-notice") is None


def test_a_name_not_yet_translated_is_shown_in_english_marked_and_announced(site):
    # data/places/pingxiang.yml holds its name in English only (two Chinese cities bear it)
    soup = site.soup("zh/places/pingxiang/")
    assert soup.select_one("article h1").get_text(strip=True) == "Pingxiang"
    assert "本页部分内容尚未翻译" in soup.select_one(".kb-edition-notice").get_text()
    link = site.soup("zh/places/").select_one('a[href="pingxiang/"]')
    assert link["lang"] == "en"
    # a translated page has no such notice
    assert "本页部分内容尚未翻译" not in site.soup("zh/cases/changchun-2012/").select_one(
        ".kb-edition-notice").get_text()


def test_chinese_pages_punctuate_the_chinese_way(site):
    art = site.article("zh/cases/changchun-2012/")
    # a full-width colon is followed by its value, with no space between them
    assert "呼吁截止：2012年3月28日" in art.get_text()
    # a copy recipient: the office before the official, as Chinese writes it (the letters of
    # an open appeal: tests/test_letters.py)
    copy = art.select_one("#ua-2012-yang-jiechi-2012").get_text()
    assert copy.startswith("中华人民共和国外交部部长杨洁篪：")
    footer = site.soup("zh/").select_one(".kb-footer__licence").get_text()
    assert "；代码的许可为" in footer and "MIT。转载" in footer
    en = site.soup("").select_one(".kb-footer__licence").get_text()
    assert "; its code under MIT. Titles" in en


def test_each_edition_has_its_own_feed_linking_to_its_pages(site):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for name, prefix, lang in (("updates.xml", "", "en"), ("updates.ko.xml", "ko/", "ko"),
                               ("updates.zh.xml", "zh/", "zh")):
        feed = ET.fromstring(site.file(f"exports/{name}").read_bytes())
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        assert feed.findtext("a:id", namespaces=ns) == f"{URL}exports/{name}"
        links = [e.find("a:link", ns).get("href") for e in feed.findall("a:entry", ns)]
        assert links and all(urlsplit(h).path.startswith(f"/{prefix}cases/") for h in links)


def test_the_json_export_carries_every_language(site):
    import json
    doc = json.loads(site.file("exports/kb.json").read_text(encoding="utf-8"))
    place = next(r for r in doc["records"]["places"] if r["id"] == "changchun")
    assert place["data"]["name"] == {"en": "Changchun", "ko": "창춘", "zh": "长春"}
    case = next(r for r in doc["records"]["cases"] if r["id"] == "changchun-2012")
    assert set(case["data"]["title"]) == {"en", "ko", "zh"}


def test_citation_tags_give_the_page_language_and_address(site):
    soup = site.soup("ko/principles/non-refoulement/")
    assert soup.select_one('meta[name="citation_language"]')["content"] == "ko"
    assert soup.select_one('meta[name="DC.identifier"]')["content"] == \
        f"{URL}ko/principles/non-refoulement/"


@pytest.mark.parametrize("url, name", [
    ("", "North Korean Refugees – Forced Returns from China"),
    ("cases/changchun-2012/", "North Korean Refugees – Forced Returns from China"),
    ("404.html", "North Korean Refugees – Forced Returns from China"),
    ("ko/cases/changchun-2012/", "북한 난민 – 중국의 강제송환"),
    ("zh/", "朝鲜难民：从中国被强制遣返"),
])
def test_each_edition_names_the_site_in_its_language(site, url, name):
    """The site's name (mkdocs.yml's, and its translation in the edition's catalogue) in the
    header, the menu's title, the window title and the sharing tags of every page."""
    soup = site.soup(url)
    assert soup.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == name
    assert soup.select_one(".md-nav--primary > .md-nav__title").get_text(strip=True) == name
    assert soup.title.get_text().endswith(name)
    if url != "404.html":  # the theme's page alone has no sharing tags
        assert soup.find("meta", property="og:site_name")["content"] == name


def test_mkdocs_yml_agrees_with_the_language_list():
    """The languages are listed once (macros/kb/data/languages.py); mkdocs.yml's theme
    language is the default edition's, and it keeps every other edition's folder out of the
    English menu (not_in_nav), as its comment says."""
    from macros import site_config
    from macros.kb.data import languages

    from .conftest import ROOT

    assert languages.LANGS == ("en", "ko", "zh") and languages.DEFAULT == "en"
    config = site_config.read(ROOT / "mkdocs.yml")
    assert config["theme"]["language"] == languages.DEFAULT
    unlisted = config["not_in_nav"].split()
    assert [f"/{lang}/" for lang in languages.LANGS if lang != languages.DEFAULT] == [
        folder for folder in unlisted if folder.strip("/") in languages.LANGS]
