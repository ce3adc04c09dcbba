"""Words that read right in each edition (issue 24): none of the wrong strings the Korean and
Chinese review quoted appears in the built pages, people are counted the Korean way, and
Chinese text carries no ASCII comma, full stop or opening parenthesis after a Chinese
character. Excepted: what is not the site's Chinese text (code, letters and citations set out
in a fixed style, and every element marked as another language: addresses and titles as
published, English text not yet translated)."""
from __future__ import annotations

import copy
import re
from functools import lru_cache

import lxml.html

# The wrong strings issue 24 quotes, per edition (English: the 2000 letter's doubled people)
WRONG = {
    "": ["a number of people and a number of people", "urge North Korea"],
    "ko/": ["인민보안성는", "인민보안성가", "현지 체재 난민", "중국 당국 : 종료:", "중국 당국 : 종료",
            ": 종료:", "Your Excellency,\n", "최소 21명의 창춘에 억류된"],
    "zh/": ["胡锦涛 , 中华人民共和国主席", "胡锦涛, 中华人民共和国主席", "结果不详.",
            "( 在本知识库中 )", "(在本知识库中)", "就地（sur place）", "Your Excellency,\n"],
}
HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# an ASCII comma, full stop or opening parenthesis after a Chinese character (spaces between
# them allowed), or an ASCII colon or semicolon the same way
ASCII_AFTER_HAN = re.compile(f"[{HAN}]\\s*[,.(:;]")


# what is not the site's Chinese text: code, pre, script, style, kbd, address, .kb-citation and
# [lang]:not([lang^=zh]), as XPath (lxml has no CSS selectors without cssselect)
NOT_SITE_TEXT = (
    "descendant::code | descendant::pre | descendant::script | descendant::style"
    " | descendant::kbd | descendant::address"
    " | descendant::*[contains(concat(' ', normalize-space(@class), ' '), ' kb-citation ')]"
    " | descendant::*[@lang and not(starts-with(@lang, 'zh'))]")


@lru_cache(maxsize=None)
def _pages(root: str, prefix: str) -> tuple[tuple[str, object], ...]:
    """(page, its article, parsed by lxml) for every page of an edition: lxml reads the
    site's pages in a tenth of BeautifulSoup's time (conftest.Site.tree)."""
    from pathlib import Path
    base = Path(root)
    folder = base / prefix if prefix else base
    out = []
    for path in sorted(folder.rglob("index.html")):
        rel = path.relative_to(base).as_posix()
        if not prefix and rel.startswith(("ko/", "zh/")):
            continue
        article = lxml.html.fromstring(path.read_bytes()).find(".//article")
        if article is not None:
            out.append((rel, article))
    return tuple(out)


def _wrong_strings(site, prefix):
    """Each wrong string in an article's text as written and as a browser shows it (runs of
    white space as one space; a letter's line breaks kept in the first)."""
    found = []
    for rel, article in _pages(str(site.root), prefix):
        written = article.text_content()
        for text in (written, " ".join(written.split())):
            found += [(rel, w) for w in WRONG[prefix] if w in text]
            found += [(rel, m.group()) for m in re.finditer(r"\d+个朝鲜人", text)]
    return sorted(set(found))


def test_english_pages_have_none_of_the_wrong_strings(site):
    assert _wrong_strings(site, "") == []


def test_korean_pages_have_none_of_the_wrong_strings(site):
    assert _wrong_strings(site, "ko/") == []


def test_chinese_pages_have_none_of_the_wrong_strings(site):
    assert _wrong_strings(site, "zh/") == []


def test_korean_counts_follow_what_they_count(site):
    art = site.article("ko/cases/changchun-2012/")
    assert art.select_one(".kb-people-line").get_text(" ", strip=True) == \
        "관련된 사람들: 창춘에 억류된 북한 주민 최소 21명"
    # the appeal line: one colon between the audience and the state
    assert [li.get_text() for li in art.select(".kb-appeal-line li")] == [
        "중국 당국: 종료(기한 경과)."]
    # where the source gives no number, its word for how many comes first, as it reads
    art = site.article("ko/cases/mass-returns-2000/")
    assert art.select_one(".kb-people-line").get_text(" ", strip=True).startswith(
        "관련된 사람들: 수천 명의 송환되었다고 보도된 북한 주민;")


def test_chinese_page_text_uses_chinese_punctuation(site):
    found = []
    for rel, article in _pages(str(site.root), "zh/"):
        article = copy.deepcopy(article)
        for element in article.xpath(NOT_SITE_TEXT):
            if element.getparent() is not None:  # not inside one already dropped
                element.drop_tree()  # its tail, the text after it, stays
        text = article.text_content()
        found += [(rel, text[max(0, m.start() - 15):m.end() + 15])
                  for m in ASCII_AFTER_HAN.finditer(text)]
    assert found == [], found[:10]


def test_chinese_lines_the_templates_join_read_the_chinese_way(site):
    art = site.article("zh/cases/changchun-2012/")
    assert art.select_one("#src-ai-ua-changchun-2012").get_text() == (
        "North Koreans facing forcible return。国际特赦组织，2012年2月15日，紧急行动编号 52/12，"
        "国际特赦组织文件编号 ASA 17/006/2012。")
    assert art.select_one("#detained-shenyang .kb-timeline__places").get_text() == "（沈阳）"
    assert art.select_one(".kb-people-line").get_text(" ", strip=True) == \
        "涉及人员： 至少21名在长春被关押的朝鲜人"
    contact = site.article("zh/authorities/hu-jintao-2012/").select_one(".kb-historical")
    assert contact.get_text().endswith("North Koreans facing forcible return（2012年2月15日）。")
    home = site.article("zh/").select_one(".kb-home-cases a[href='cases/changchun-2012/']")
    assert home.parent.get_text().startswith("2012年2月在长春被关押的至少21人（")
    # the reference line's schemes in English where the page is English
    en = site.article("cases/changchun-2012/").select_one("#src-ai-ua-changchun-2012")
    assert en.get_text() == ("North Koreans facing forcible return. Amnesty International, "
                             "15 February 2012, UA number 52/12, AI Index ASA 17/006/2012.")
