"""What a screen reader, a search engine and a would-be contributor meet in the built pages:
the skip link lands on the title; citation marks and heading permalinks have names; a dated
event is read before the note on how its date was worked out; a local build says it is a local
preview and is not indexed; an "Add a case" page in each edition; maintainer pages unindexed.
(A build for publishing: tests/test_publishing.py.)"""
from __future__ import annotations

from .conftest import ROOT, Site, with_class
from .expected import MAINTAINER_PAGES

CASE = "cases/changchun-2012/"
EDITION_PREFIXES = {"en": "", "ko": "ko/", "zh": "zh/"}


def html_pages(site: Site) -> list[str]:
    """Every page of the built site (not Material's or Pagefind's files), relative to it."""
    return sorted(p.relative_to(site.root).as_posix() for p in site.root.rglob("*.html")
                  if p.relative_to(site.root).parts[0] not in ("assets", "pagefind"))


def edition(path: str) -> str:
    head = path.split("/")[0]
    return head if head in ("ko", "zh") else "en"


def test_skip_to_content_lands_on_the_title_of_every_page(site):
    seen = 0
    for path in html_pages(site):
        tree = site.tree(path)  # lxml: every page of the site
        skip = with_class(tree, "md-skip", "a")
        if not skip:  # the 404 page has no contents to skip to
            continue
        href = skip[0].get("href")
        target = tree.xpath(".//*[@id=$id]", id=href.removeprefix("#"))
        assert [t.tag for t in target] == ["h1"], (path, href)
        seen += 1
    assert seen > 250
    case = site.soup(CASE)
    assert case.select_one("a.md-skip")["href"] == "#kb-title"
    assert case.select_one("h1#kb-title").get_text() == \
        "Group of at least 21 held in Changchun, February 2012"
    assert site.soup("ko/" + CASE).select_one("h1#kb-title").get_text() == \
        "창춘에 억류된 최소 21명, 2012년 2월"
    assert site.soup("about/").select_one("a.md-skip")["href"] == "#about-this-site"


def test_the_table_of_contents_still_starts_at_the_first_section(site):
    """The title is the contents' root, which Material leaves out of the list it shows."""
    links = site.soup(CASE).select("nav.md-nav--secondary a.md-nav__link")
    assert [a.get_text(strip=True) for a in links[:3]] == ["Summary", "People concerned", "Appeal"]


def test_citation_marks_are_named_by_their_source(site):
    # the name starts with what the mark shows (axe: label-content-name-mismatch), then says
    # it in words: "1, paras. 2–9 (Source 1, paragraphs 2–9: North Koreans facing ...)"
    expected = {"en": "Source 1, paragraphs 2–9: North Koreans facing forcible return",
                "ko": "출처 1, 2–9단락: North Koreans facing forcible return",
                "zh": "来源1，第2–9段：North Koreans facing forcible return"}
    for lang, prefix in EDITION_PREFIXES.items():
        marks = site.soup(prefix + CASE).select('.kb-cite a[href="#src-ai-ua-changchun-2012"]')
        assert marks, lang
        assert expected[lang] in {a["title"] for a in marks}, lang
        for a in marks:
            assert a["aria-label"] == f"{a.get_text()} ({a['title']})"
    unnamed = [(path, a.text_content()) for path in html_pages(site)  # lxml: every page
               for cite in with_class(site.tree(path), "kb-cite")
               for a in cite.xpath(".//a[starts-with(@href, '#src-')]")
               if not a.get("title", "").startswith(("Source ", "출처 ", "来源"))]
    assert unnamed == []


def test_a_citation_with_a_pinpoint_is_named_with_its_paragraph(kb, site_info):
    """Rendered with the pages' own macro: the mark prints "1, para. 3", its name says the
    paragraph in words."""
    from bs4 import BeautifulSoup

    from macros.kb.data.model import Cited
    from macros.kb.pages import render
    from macros.kb.pages.views.common import Citer, Context

    expected = {"en": ("1, para. 3", "Source 1, paragraph 3: North Koreans facing forcible return"),
                "ko": ("1, 3단락", "출처 1, 3단락: North Koreans facing forcible return"),
                "zh": ("1、第3段", "来源1，第3段：North Koreans facing forcible return")}
    for lang, (text, name) in expected.items():
        ctx = Context(kb, CASE.rstrip("/") + ".md", lang)
        citer = Citer(ctx, kb.get("cases", "changchun-2012"))
        cites = citer.cites([Cited("ai-ua-changchun-2012", "3")])
        html = render.environment(ROOT / "overrides", lang).from_string(
            '{% from "partials/kb/macros.html" import cites %}{{ cites(c) }}').render(c=cites)
        a = BeautifulSoup(html, "lxml").select_one(".kb-cite a")
        assert (a.get_text(), a["aria-label"], a["title"]) == (text, f"{text} ({name})", name), \
            lang


def test_heading_permalinks_are_named_in_the_pages_language(site):
    names = {"en": "Link to this section", "ko": "이 부분으로 가는 링크", "zh": "本节链接"}
    counted = {"en": 0, "ko": 0, "zh": 0}
    for path in html_pages(site):
        for a in with_class(site.tree(path), "headerlink", "a"):
            assert a.get("aria-label") == names[edition(path)], (path, a)
            counted[edition(path)] += 1
    assert min(counted.values()) > 100
    summary = site.soup(CASE).select_one("h2#summary")
    assert summary.select_one("a.headerlink")["aria-label"] == "Link to this section"


def test_a_timeline_event_is_read_before_the_note_on_its_date(site):
    first = site.soup(CASE).select_one(".kb-timeline > li")
    text = first.get_text(" ", strip=True)
    # the date's deduction is a numbered mark leading to "How the dates were worked out";
    # the reasoning is said once there, not before the event it dates
    assert text.startswith("8 February 2012 deduced (2) Chinese police detain the group")
    assert "Deduced:" not in text
    mark = first.select_one("a.kb-date-note")
    assert mark["href"] == "#date-note-2"
    assert mark["aria-label"] == "Deduced: how this date was worked out, note 2"
    note = site.soup(CASE).select_one("#date-note-2")
    assert note.find_parent("div")["class"] == ["kb-date-notes"]
    assert note.get_text(" ", strip=True).startswith("the year 2012.")


def test_a_local_build_says_it_is_a_preview_and_asks_not_to_be_indexed(site):
    """The session's build keeps mkdocs.yml's loopback address: every page, 404 included."""
    starts = {"en": "Local preview. This copy of the site was built for http://127.0.0.1:8000/",
              "ko": "로컬 미리보기입니다.", "zh": "本地预览。"}
    for path in html_pages(site):
        tree = site.tree(path)  # lxml: every page of the site
        notice = [n for banner in with_class(tree, "md-banner", "aside")
                  for n in with_class(banner, "kb-preview")]
        assert notice and notice[0].text_content().startswith(starts[edition(path)]), path
        assert tree.xpath(".//head/meta[@name='robots']/@content") == ["noindex"], path


def test_add_a_case_page_in_every_edition(site):
    titles = {"en": "Add a case", "ko": "사례 추가하기", "zh": "添加案例"}
    for lang, prefix in EDITION_PREFIXES.items():
        page = site.soup(prefix + "add-a-case/")
        assert page.select_one("article h1").get_text(strip=True) == titles[lang] + "¶"
        assert len(page.select("article ol > li")) == 5, lang  # the five steps, each its own
        code = " ".join(c.get_text() for c in page.select("article code"))
        for command in ("python scripts/validate.py", "mkdocs build --strict",
                        "python scripts/kb.py new-case"):
            assert command in code, (lang, command)
        # the build knows no repository: the page says where the instructions are instead
        assert "CONTRIBUTING.md" in page.select_one("article").get_text()
        about = site.soup(prefix + "about/").select("article a[href='../add-a-case/']")
        assert [a.get_text() for a in about] == [titles[lang]], lang
        nav = site.soup(prefix).select("nav.md-nav--primary a[href='add-a-case/']")
        assert [a.get_text(strip=True) for a in nav] == [titles[lang]], lang
    heading = [h.get_text(strip=True).removesuffix("¶")
               for h in site.soup("add-a-case/").select("article h2")]
    assert heading == ["What a case needs", "How to propose it", "How to run the checks"]


def test_every_footer_links_to_add_a_case(site):
    footers = {"": ("add-a-case/", "Add a case"), "about/": ("../add-a-case/", "Add a case"),
               "ko/" + CASE: ("../../add-a-case/", "사례 추가하기"),
               "zh/timeline/": ("../add-a-case/", "添加案例")}
    for path, link in footers.items():
        meta = site.soup(path).select_one(".kb-footer__meta")
        assert (link[0], link[1]) in [(a["href"], a.get_text()) for a in meta.select("a")], path


def test_the_maintainers_pages_are_out_of_the_sitemap(site):
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    assert "benchmark" not in sitemap and "maintainers/" not in sitemap
    assert "http://127.0.0.1:8000/add-a-case/" in sitemap
    for page in MAINTAINER_PAGES:
        assert site.file(page).is_file(), page
