"""What the site gives its readers on the built pages: a footer that says whose site it is and
what may be reused, an About page that says what it covers, the supporter's next step on the
home page, letters only where a source called on the public to write, a citation for every
source document, tables a spreadsheet can chart, and pages that read comfortably."""
from __future__ import annotations

import csv
import io
import re

import pybtex.database
import yaml

from .conftest import ROOT, with_class
from .expected import AS_OF, CASES, MAINTAINER_PAGES
from .test_citations import citeproc_says


def _text(tag) -> str:
    return " ".join(tag.get_text().split())


def test_every_page_has_a_footer_with_licence_build_date_and_links(site):
    pages = sorted(site.root.rglob("*.html"))
    words = {"en": ("remain their publishers'", "About this site", "Methodology"),
             "ko": ("각 발행 기관에 있습니다", "이 사이트 소개", "방법론"),  # locales/ko.po
             "zh": ("归其发布者所有", "关于本站", "方法论")}  # locales/zh.po
    for path in pages:
        rel = path.relative_to(site.root).as_posix()
        lang = rel[:2] if rel.startswith(("ko/", "zh/")) else "en"
        publishers, about, methodology = words[lang]
        footer = with_class(site.tree(rel), "kb-footer")  # lxml: every page of the site
        assert footer, path
        text = " ".join(footer[0].text_content().split())
        assert "CC BY 4.0" in text and "MIT" in text and publishers in text, path
        # the day the data was last checked against its sources (the newest case's
        # `reviewed`: the cases added on 5 December 2026), then the day the site was built
        assert [t.get("datetime") for t in footer[0].iter("time")] == ["2026-12-05", AS_OF]
        labels = [a.text_content().strip() for a in footer[0].iter("a")]
        assert about in labels and methodology in labels, path
    footer = site.soup("cases/changchun-2012/").select_one(".kb-footer")
    assert [a["href"] for a in footer.select("a")][-3:] == [
        "../../about/", "../../methodology/", "../../add-a-case/"]
    assert "Data last reviewed 5 December 2026 · Site built 23 November 2026" in _text(footer)


def test_the_licences_are_stated_in_the_repository():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    assert "CC BY 4.0" in licence and "remains its publishers'" in licence


def test_the_about_page_says_what_the_site_covers_and_does_not(site):
    art = site.article("about/")
    assert _text(art.select_one(".kb-coverage")) == (
        "This knowledge base holds 13 cases, drawn from 57 published documents, dated from 2000 "
        "to 15 October 2025 (one of them prints no year). It is not a complete record "
        "of forced returns: only what these documents report.")
    assert "CC BY 4.0" in _text(art) and "MIT licence" in _text(art)


def test_the_home_page_opens_with_what_a_supporter_can_do_today(site):
    art = site.article("")
    first = art.select_one("h2")
    assert first.get_text(strip=True).startswith("What you can do today")
    act = art.select_one(".kb-act")
    assert _text(act).startswith("No appeal in these records is open as of 23 November 2026")
    links = {a.get_text(strip=True): a["href"] for a in act.select("a")}
    assert links["case updates (Atom feed)"] == "exports/updates.xml"
    assert links["open appeal deadlines (iCalendar)"] == "exports/appeal-deadlines.ics"
    # the issuing organisations' own sites, where their records give a home page
    assert links["Amnesty International"] == "https://www.amnesty.org/"
    assert links["Human Rights Watch"] == "https://www.hrw.org/"


def test_no_raw_plural_anywhere(site):
    for path in sorted(site.root.rglob("*.html")):
        text = " ".join(site.tree(path.relative_to(site.root).as_posix()).xpath(
            "//text()[not(ancestor::script or ancestor::style)]"))  # what a reader sees
        assert not re.search(r"\w\((s|es)\)", text), path


def test_a_letter_a_source_sent_is_a_record_not_a_letter_to_copy(site):
    box = site.article("cases/five-refugees-yanji/").select_one("div.kb-appeal#hrw-letter")
    details = box.select_one("details.kb-letters")
    assert not details.has_attr("open")
    assert _text(details.select_one("summary")) == \
        "The letter as its author sent it: addressee and address, for the record"
    assert box.select("pre") == [] and box.select('a[href^="mailto:"]') == []
    assert "Xicheng District, Beijing 100017" in _text(box.select_one("address"))


def test_copies_to_diplomats_are_an_instruction_not_an_ask(site):
    box = site.article("cases/changchun-2012/").select_one("div.kb-appeal#ua-2012")
    asks = _text(box.select_one(".kb-appeal__asks"))
    assert "diplomatic" not in asks
    assert _text(box.select_one(".kb-appeal__copies")).startswith("Copies:")


def test_a_case_with_several_appeals_gives_each_state_on_its_own_line(site):
    line = site.article("cases/mass-returns-2000/").select_one(".kb-appeal-line")
    assert [_text(li) for li in line.select("li")] == [
        "the Chinese authorities: Closed: the deadline has passed.",
        "the North Korean authorities: Closed: the deadline has passed.",
        "UNHCR: Closed: the deadline has passed."]


def test_every_source_page_cites_the_document_itself(site):
    box = site.article("sources/ai-pre-01-082-2012/").select_one("#cite-document-apa")
    assert box.get_text() == (
        "Amnesty International. (2012). China urged to avoid forced repatriation of North "
        "Korean defectors (Press Release PRE 01/082/2012). Amnesty International.")
    undated = site.article("sources/ai-ua-families-returned/")
    assert _text(undated.select_one("#cite-document-chicago")) == (
        "Amnesty International. Families Forcibly Returned to North Korea. Urgent Action "
        "Update ASA 17/048/2014. Amnesty International, n.d. "
        "https://www.amnesty.org/ar/documents/asa17/048/2014/en/.")
    for path in sorted((site.root / "sources").glob("*/index.html")):
        art = site.article(f"sources/{path.parent.name}/")
        bib = pybtex.database.parse_string(art.select_one("#cite-document-bibtex").get_text(),
                                           "bibtex")
        [entry] = bib.entries.values()
        assert entry.type == "techreport" and entry.fields["title"]
        # no project file name: the page leads to the publisher, or says how to obtain it
        assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt", art.get_text())
        publisher = art.select_one(".kb-source-url a")
        note = art.select_one(".kb-doc-file")
        assert (publisher is None) != (note is None), path
        if publisher is not None:
            assert publisher["href"].startswith("https://") and \
                publisher.get_text() == "Read at the publisher"
    # the press release of 2012, whose page at the publisher was not found
    note = site.article("sources/ai-pre-01-082-2012/").select_one(".kb-doc-file")
    assert "ask the publisher for it by its title, date and index number" in note.get_text()


def test_document_citations_agree_with_citeproc():
    from macros.kb.common import citestyles
    for csl in (
            {"id": "a", "type": "report", "title": "Re: Detention of Five North Korean refugees",
             "author": [{"literal": "Human Rights Watch"}], "publisher": "Human Rights Watch",
             "genre": "Letter"},
            {"id": "b", "type": "report", "title": "Forcible Return / Fear for Safety",
             "author": [{"literal": "Amnesty International"}],
             "publisher": "Amnesty International", "genre": "Urgent Action",
             "number": "105/00, ASA 17/21/00", "issued": {"date-parts": [[2000]]}}):
        assert citestyles.apa_report(csl) == citeproc_says(csl, "apa")
        assert citestyles.chicago_report(csl) == citeproc_says(csl, "chicago")


def _rows(site, path):
    with site.file(path).open(encoding="utf-8-sig", newline="") as fh:  # a byte-order mark
        return list(csv.DictReader(fh))


def test_a_flat_table_of_the_people_concerned_a_spreadsheet_can_chart(site):
    rows = _rows(site, "exports/people.csv")
    assert [(r["case"], r["count"], r["qualifier"]) for r in rows] == [
        ("mass-returns-2000", "", "unknown"), ("mass-returns-2000", "", "unknown"),
        ("changchun-2012", "21", "at-least"), ("eight-detained-shenyang-2017-03", "8", "exactly"),
        ("five-refugees-yanji", "5", "exactly"), ("ten-detained-shenyang-2017-11", "10", "exactly"),
        ("seven-detained-liaoning-2019-04", "7", "exactly"),
        ("about-50-returned-2021-07", "50", "around"), ("returned-2023-08-29", "80", "exactly"),
        ("returned-2023-09-18", "40", "exactly"), ("mass-return-2023-10-09", "", "unknown"),
        ("mass-return-2023-10-09", "", "unknown"),
        ("returns-since-2024-hrw-2025", "406", "at-least"),
        ("returns-since-2024-hrw-2025", "108", "exactly"),
        ("returns-since-2024-hrw-2025", "212", "exactly"),
        ("returns-since-2024-hrw-2025", "5", "exactly"),
        ("returns-since-2024-hrw-2025", "20", "exactly"),
        ("returns-since-2024-hrw-2025", "2", "exactly"),
        ("about-60-returned-2024-04-26", "60", "around"),
        ("families-returned-shandong-yunnan", "29", "around"),
        ("families-returned-shandong-yunnan", "6", "exactly")]
    assert {r["case"] for r in rows} == set(CASES)


def test_the_timeline_table_has_iso_earliest_and_latest_days(site):
    rows = {(r["record_id"], r["event_id"]): r for r in _rows(site, "exports/timeline.csv")}
    window = rows[("families-returned-shandong-yunnan", "detained")]
    assert (window["date"], window["earliest"], window["latest"]) == (
        "XXXX-07-15/XXXX-07-17", "", "")
    window = rows[("eight-detained-shenyang-2017-03", "amnesty-document")]
    assert (window["date"], window["earliest"], window["latest"]) == (
        "[2017-03..2017-12]", "2017-03-01", "2017-12-31")
    year = rows[("border-protocol-1986", "")]
    assert (year["earliest"], year["latest"]) == ("1986-01-01", "1986-12-31")
    day = rows[("five-refugees-yanji", "letter")]  # the day its publisher files it under
    assert (day["earliest"], day["latest"]) == ("2017-06-25", "2017-06-25")
    unknown = rows[("families-returned-shandong-yunnan", "detained")]
    assert (unknown["earliest"], unknown["latest"]) == ("", "")


def test_the_exports_page_says_what_each_file_is_for_with_an_example(site):
    art = site.article("exports/")
    files = art.select("dl.kb-exports > dt")
    assert len(files) == 31  # 34 files, the four TimelineJS files as one entry
    people = next(dt for dt in files if dt.get_text().endswith("people.csv"))
    assert people.select("wbr") and people.a["href"] == "people.csv"
    what = people.find_next_sibling("dd")
    assert _text(what).startswith("For a spreadsheet: one row per group of people in a case")
    assert what.select_one("pre").get_text().startswith(
        "case,case_title,url,count,count_max,qualifier,estimate,label,status,sources,period,"
        "earliest,latest,period_words\n")


def test_the_data_format_page_opens_with_a_whole_valid_case_file(site):
    art = site.article("reference/data-format/")
    assert [h["id"] for h in art.select("h2")][:3] == ["example", "text-and-dates", "new-source"]
    example = art.select_one(".kb-fieldref-example pre").get_text()
    record = yaml.safe_load(example)
    assert {"title", "summary", "status", "period", "people", "timeline"} <= set(record)
    assert "string or object" in _text(art.select_one(".kb-fieldref-types"))
    ids = {h["id"] for h in art.select("h2[id]")}
    links = [a["href"] for a in art.select(".kb-fieldref td a")]
    assert "#claim" in links and all(h[1:] in ids for h in links)


def test_the_case_index_uses_the_page_width_and_index_pages_summarise(site):
    soup = site.soup("cases/")
    assert soup.select_one(".md-sidebar--secondary").has_attr("hidden")
    first = soup.select_one("table#kb-case-table tbody tr td")
    assert first.select_one(".kb-index__summary").get_text(strip=True)
    sources = site.article("sources/").select(".kb-index__list > li")
    assert all(li.select_one(".kb-index__summary") for li in sources)
    assert all(li.select_one(".kb-index__date") for li in sources)


def test_linked_from_is_left_out_where_nothing_links(site):
    for path in sorted(site.root.glob("*/*/index.html")):
        art, = with_class(site.tree(path.parent.relative_to(site.root).as_posix() + "/"),
                          "md-content__inner", "article")
        heading = art.xpath(".//h2[@id='linked']")
        assert not heading or [li for box in with_class(art, "kb-backlinks")
                               for li in box.iter("li")], path
        assert "No other record links here yet" not in " ".join(art.text_content().split())


def test_the_pages_for_maintainers_are_out_of_the_menu(site):
    nav = site.soup("").select_one("nav.md-nav--primary")
    links = " ".join(a["href"] for a in nav.select("a[href]"))
    assert "benchmark" not in links and "maintainers/" not in links
    for page in MAINTAINER_PAGES:
        assert site.file(page).is_file(), page
