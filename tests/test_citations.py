"""Cite this: permalinks, APA and Chicago, BibTeX, CSL-JSON, and the meta tags reference
managers read, checked in the built pages (meta tags read back from the HTML head)."""
from __future__ import annotations

import json

import pybtex.database
import pytest

from macros.kb.pages import citation
from macros.kb.pages import citestyles
from macros.kb.data import dates
from macros.kb.pages import i18n
from macros.kb.data import model
from macros.kb.pages.urls import record_url
from macros.kb.data.validate import Record

from .conftest import AS_OF


def citeproc_says(csl: dict, style: str) -> str:
    """citeproc-py's rendering, with its punctuation slips put right: a period after a title
    that already ends in ? or ! (APA), the period outside Chicago's closing quote, and double
    quotes left double inside Chicago's quoted title."""
    text = citestyles.reference(csl, style)
    if style == "chicago":
        start, end = text.index("“") + 1, text.rindex("”")
        text = text[:start] + citestyles._inner_quotes(text[start:end]) + text[end:]
    text = text.replace("”.", ".”").replace("?.”", "?”").replace("!.”", "!”")
    return text.replace("..”", ".”").replace("?. ", "? ").replace("!. ", "! ")


def citable(kb):
    out = [rec for rtype in citation.CITABLE for rec in kb.all(rtype)]
    assert any(r.type == "cases" for r in out) and any(r.type == "principles" for r in out)
    return out


def _meta(soup, key):
    tags = soup.select(f'head meta[name="{key}"], head meta[property="{key}"]')
    assert len(tags) == 1, (key, tags)
    return tags[0]["content"]


def test_head_carries_highwire_dublin_core_open_graph_and_twitter_tags(site, kb, site_info):
    for rec in citable(kb):
        soup = site.soup(f"{rec.type}/{rec.id}/")
        url = record_url(site_info, rec.type, rec.id)
        title = citation.title_of(rec)
        assert _meta(soup, "citation_title") == title
        assert _meta(soup, "DC.title") == title
        assert _meta(soup, "og:title") == title == _meta(soup, "twitter:title")
        assert _meta(soup, "citation_publisher") == site_info.name == _meta(soup, "DC.publisher")
        for key in ("citation_abstract_html_url", "DC.identifier", "og:url"):
            assert _meta(soup, key) == url
        assert soup.select_one('link[rel="canonical"]')["href"] == url
        assert soup.select_one('link[rel="schema.DC"]') is not None
        assert _meta(soup, "og:type") == "article"
        assert _meta(soup, "twitter:card") == "summary"
        assert _meta(soup, "og:description").rstrip("…")[:40] in \
            citation.cite_record(kb, rec, site_info).description
        if rec.type == "cases":
            p = dates.parse(rec.data.reviewed).start
            assert _meta(soup, "citation_publication_date") == f"{p.year}/{p.month:02d}/{p.day:02d}"
            assert _meta(soup, "DC.date") == rec.data.reviewed
        else:
            assert not soup.select('meta[name="citation_publication_date"]')


def test_other_pages_get_sharing_tags_but_no_citation_tags(site):
    for url in ("", "timeline/", "cases/", "exports/"):
        soup = site.soup(url)
        assert _meta(soup, "og:site_name")
        assert _meta(soup, "twitter:card") == "summary"
        assert not soup.select('meta[name^="citation_"]')


def test_cite_box_gives_permalink_apa_chicago_bibtex_and_csl(site, kb, site_info):
    all_csl = {c["id"]: c for c in json.loads(site.html("exports/citations.json"))}
    all_bib = pybtex.database.parse_string(site.html("exports/citations.bib"), "bibtex")
    for rec in citable(kb):
        art = site.article(f"{rec.type}/{rec.id}/")
        box = art.select_one(".kb-cite-box")
        assert box is not None and art.select_one("h2#cite") is not None
        url = record_url(site_info, rec.type, rec.id)
        assert box.select_one(".kb-permalink a")["href"] == url
        title = citation.title_of(rec)
        apa = box.select_one("#cite-apa").get_text()
        chicago = box.select_one("#cite-chicago").get_text()
        assert title in apa and url in apa and site_info.name in apa
        assert url in chicago and site_info.name in chicago
        if rec.type == "cases":
            p = dates.parse(rec.data.reviewed).start
            assert f"({p.year}, {i18n.gettext('date.months')[p.month - 1]} {p.day})" in apa
        else:
            assert "(n.d.)" in apa and "Retrieved" in apa
        key = f"{rec.type}-{rec.id}"
        entry = pybtex.database.parse_string(box.select_one("#cite-bibtex").get_text(),
                                             "bibtex").entries[key]
        assert entry.fields["url"] == url
        assert entry.fields["title"].strip("{}") == title.replace("–", "--")
        assert key in all_bib.entries
        csl = json.loads(box.select_one("#cite-csl").get_text())
        assert csl == [all_csl[key]]
        assert csl[0]["URL"] == url and csl[0]["title"] == title
        # what the page shows is what citeproc-py makes of the CSL item a reference manager
        # imports (up to citeproc-py's misplaced period after a closing quote)
        assert citeproc_says(csl[0], "apa") == apa
        assert citeproc_says(csl[0], "chicago") == chicago


def test_permalink_and_citation_key_do_not_change_when_a_title_changes(kb, site_info):
    rec = kb.all("cases")[0]
    renamed = Record(rec.type, rec.id, rec.data.model_copy(update={"title": {"en": "Renamed"}}),
                     rec.source)
    before, after = citation.cite_record(kb, rec, site_info), \
        citation.cite_record(kb, renamed, site_info)
    assert after.title == "Renamed" != before.title
    assert (after.url, after.key) == (before.url, before.key)


def test_background_sections_each_get_their_own_permalink_and_citation(kb, site_info):
    section = model.Section(id="where-it-stands", heading="Where it stands",
                            paragraphs=[{"text": "A *short* paragraph & more.",
                                         "sources": [kb.all("sources")[0].id]}])
    page = model.Background(title="A background page", summary="What it covers.",
                            sections=[section])
    rec = Record("background", "example-page", page, None)
    [(sid, heading, cite)] = citation.cite_sections(kb, rec, site_info)
    assert (sid, heading) == ("where-it-stands", "Where it stands")
    assert cite.url == record_url(site_info, "background", "example-page") + "#where-it-stands"
    assert cite.title == "A background page: Where it stands"
    assert cite.description == "A short paragraph & more."
    assert cite.url in cite.apa and cite.key == "background-example-page-where-it-stands"


def test_section_citations_on_built_background_pages(site, kb, site_info):
    if not kb.all("background"):
        pytest.skip("the data has no background page yet")
    for rec in kb.all("background"):
        art = site.article(f"background/{rec.id}/")
        listed = [li["id"] for li in art.select(".kb-cite-sections > li")]
        assert listed == [f"cite-{s.id}" for s in rec.data.sections]
        for s in rec.data.sections:
            assert art.select_one(f"h2#{s.id}") is not None  # the anchor the permalink uses
            link = art.select_one(f"#cite-{s.id} a")["href"]
            assert link == record_url(site_info, "background", rec.id, s.id)


def test_bibtex_escapes_what_latex_would_read_as_commands(kb, site_info):
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


def test_chicago_puts_the_period_inside_the_quotes_and_turns_inner_quotes_single():
    csl = {"id": "k", "type": "webpage", "title": 'a "so-called" case: the end',
           "author": [{"literal": "Site"}], "URL": "http://h/",
           "accessed": {"date-parts": [[2026, 1, 5]]}}
    assert citestyles.chicago(csl) == \
        "Site. “A ‘so-called’ Case: The End.” Accessed January 5, 2026. http://h/."
    assert citestyles.apa(csl) == \
        'Site. (n.d.). a "so-called" case: the end. Retrieved January 5, 2026, from http://h/'
