"""The built site, read as a reader would: the Changchun 2012 case and the pages it links.
Expected values are read off the data files."""
import posixpath

from .expected import COUNTS, NEWEST_FIRST

CASE = "cases/changchun-2012/"


def _links(tag):
    return [a["href"] for a in tag.select("a[href]")]


def test_case_page_shows_summary_status_people_and_review_date(site):
    art = site.article(CASE)
    assert art.select_one("h1").get_text(strip=True).startswith("Group of at least 21 held")
    text = art.get_text(" ", strip=True)
    assert "Outcome not known" in text
    assert "at least 21" in art.select_one(".kb-people-line").get_text()
    summary = art.select_one(".kb-summary").get_text(" ", strip=True)
    assert "8 February 2012" in summary and "Shenyang" in summary
    reviewed = art.select_one(".kb-reviewed time")
    assert reviewed["datetime"] == "2026-12-05"


def test_every_fact_links_to_a_listed_source(site):
    art = site.article(CASE)
    listed = {li["id"] for li in art.select("ol.kb-sources > li")}
    assert listed == {"src-ai-ua-changchun-2012", "src-ai-pre-01-082-2012"}
    cites = [a["href"] for a in art.select(".kb-cite a[href^='#src-']")]
    assert cites and {c[1:] for c in cites} <= listed
    # each statement list item carries a citation
    for li in art.select(".kb-risks li, .kb-facts li, .kb-appeal__asks li"):
        assert li.select(".kb-cite a"), li.get_text()


def test_timeline_is_in_date_order_and_inexact_dates_are_marked(site):
    items = site.article(CASE).select("ol.kb-timeline > li")
    assert [li["id"] for li in items] == ["detained-shenyang", "press-release", "urgent-action",
                                         "planned-return", "appeal-deadline"]
    stamps = [li.select_one("time")["datetime"] for li in items if li.select_one("time")]
    assert stamps == sorted(stamps)
    # a window: the families' detention, 15 to 17 July of a year the source does not give
    items = site.article("cases/families-returned-shandong-yunnan/").select(
        "ol.kb-timeline > li")
    window = next(li for li in items if li["id"] == "detained")
    assert window.select_one("time") is None
    assert window.select_one(".kb-date--inexact").get_text() == "15 – 17 July (year not stated)"


def test_appeal_state_is_computed_as_of_the_build_date(site):
    state = site.article(CASE).select_one(".kb-appeal__state")
    assert "closed-deadline" in " ".join(state["class"])
    assert "as of 23 November 2026" in state.get_text()
    # and is summed up at the top of the page, linking to the appeal
    line = site.article(CASE).select_one(".kb-case-head .kb-appeal-line")
    assert "Closed: the deadline has passed." in line.get_text()
    assert "as of 23 November 2026" in line.get_text()
    assert line.select_one("a")["href"] == "#ua-2012"


def test_case_links_to_its_principles_authorities_and_places(site):
    links = _links(site.article(CASE))
    for target in ["../../principles/non-refoulement/", "../../principles/unhcr-access/",
                   "../../authorities/hu-jintao-2012/", "../../authorities/wen-jiabao-2012/",
                   "../../authorities/yang-jiechi-2012/", "../../places/shenyang/",
                   "../../places/changchun/"]:
        assert target in links, target


def test_every_linked_record_links_back_to_the_case(site):
    for url in ["principles/non-refoulement/", "authorities/wen-jiabao-2012/",
                "places/changchun/", "sources/ai-pre-01-082-2012/", "offices/cn-premier/",
                "organisations/amnesty-international/"]:
        assert "../../cases/changchun-2012/" in _links(site.article(url)) or \
            "../../cases/changchun-2012/#ua-2012" in _links(site.article(url)), url


def test_authority_shows_contact_as_published_and_marked_historical(site):
    art = site.article("authorities/yang-jiechi-2012/")
    contact = art.select_one(".kb-contact")
    assert "Historical contact details" in contact.select_one(".kb-historical").get_text()
    text = contact.get_text(" ", strip=True)
    for printed in ["YANG Jiechi Buzhang, Waijiaobu", "2 Chaoyangmen Nandajie",
                    "+86 10 65961109 or 65962660", "webmaster@mfa.gov.cn", "Dear Minister"]:
        assert printed in text


def test_record_pages_stay_out_of_the_sidebar(site):
    nav = site.soup(CASE).select_one("nav.md-nav--primary")
    hrefs = " ".join(_links(nav))
    assert "changchun-2012" not in hrefs
    labels = {a.get_text(strip=True): a["href"] for a in nav.select("a[href]")}
    assert labels.get("Cases") == "../"


def test_index_pages_list_every_record(site):
    assert _links(site.article("cases/").select_one("table")) == [
        link for case in NEWEST_FIRST for link in _links(site.article("cases/").select_one(
            f'a[href="{case}/"]').find_parent("tr"))]
    assert [li.a["href"] for li in site.article("principles/").select(".kb-index__list li")] == [
        f"{p}/" for p in ("unhcr-access", "freedom-to-leave", "international-cooperation",
                          "non-refoulement", "prohibition-of-torture", "refugee-sur-place",
                          "right-to-seek-asylum")]  # by name
    for rtype in ("authorities", "places", "sources", "organisations"):
        assert len(site.article(f"{rtype}/").select(".kb-index__list li")) == COUNTS[rtype], \
            rtype


def test_internal_links_all_resolve(site):
    """Generated pages do not go through MkDocs' Markdown, whose link check they would
    escape: check every link and anchor here (each page read once, by lxml)."""
    files = {p.relative_to(site.root).as_posix() for p in site.root.rglob("*") if p.is_file()}
    ids, links = {}, {}
    for page in sorted(f for f in files if f.endswith(".html")):
        tree = site.tree(page)
        ids[page] = frozenset(tree.xpath("//@id"))
        links[page] = tree.xpath("//article//a/@href")
    broken = []
    for page, hrefs in links.items():
        for href in hrefs:
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            path, _, anchor = href.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) \
                if path else page
            folder_index = ("" if target == "." else target + "/") + "index.html"
            target = folder_index if folder_index in files else target
            if target not in files:
                broken.append(f"{page} -> {href}")
            elif anchor and anchor not in ids.get(target, ()):
                broken.append(f"{page} -> {href} (no anchor)")
    assert len(links) > 600 and sum(map(len, links.values())) > 10_000
    assert not broken, broken[:10]


def test_search_indexes_the_facts_but_not_letters_citations_or_backlinks(site):
    """Letters, 'Cite this', 'Linked from' and the numbered sources repeat what other pages
    hold; Pagefind leaves them out (data-pagefind-ignore), and pages that only list records
    (type lists, the timeline, exports, data format, the pages for maintainers) are not
    indexed."""
    from macros.kb.search import fragments
    pages = {f["url"]: f for f in fragments(site.root)}
    case = pages[f"/{CASE}"]["content"]
    assert "Shenyang" in case and "Give them access to UNHCR" in case
    assert "Dear Minister" not in case  # a salutation, in the folded letters
    assert "Cite this" not in case and "BibTeX" not in case and "Linked from" not in case
    assert pages[f"/{CASE}"]["meta"]["type"] == "Case"
    assert pages[f"/{CASE}"]["filters"]["status"] == ["Outcome not known"]
    assert "Chinese police detain the group at separate locations in Shenyang" in case
    for url in pages:
        if url.startswith(("/ko/", "/zh/")):  # the editions: the same pages, the same rules
            url = url[3:]
        assert not url.startswith(("/timeline/", "/exports/", "/benchmark/", "/maintainers/",
                                   "/reference/")), url
        assert url.count("/") != 2 or url in ("/", "/about/", "/methodology/",
                                              "/add-a-case/"), url


def test_home_lists_cases_newest_first_with_each_appeal_state_once(site):
    items = site.article("").select(".kb-home-cases li")
    assert [li.select_one("a")["href"] for li in items] == [f"cases/{c}/" for c in NEWEST_FIRST]
    for li in items:
        text = li.get_text()
        assert text.count("Closed: the deadline has passed.") <= 1, text
