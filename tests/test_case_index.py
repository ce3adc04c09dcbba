"""The case index, the global timeline and the sources lists as plain HTML (JavaScript off):
every case and entry is there, with the filter values the script uses computed at build time."""
from __future__ import annotations

from macros.kb.pages import listing as filters
from macros.kb.pages import i18n
from macros.kb.data import model


def test_years_of_dates_including_year_not_stated():
    from macros.kb.data import dates
    assert filters.years_of(dates.parse("2012-02-08/2012-03-28")) == ["2012"]
    assert filters.years_of(dates.parse("1999-12/2001-01")) == ["1999", "2000", "2001"]
    assert filters.years_of(dates.parse("2015-11/..")) == ["2015"]
    assert filters.years_of(dates.parse("XXXX-07-15/XXXX-08")) == [filters.UNKNOWN]
    assert filters.sort_value(dates.parse("XXXX-07")) > filters.sort_value(dates.parse("2016"))


def test_case_table_lists_every_case_with_its_filter_values(site, kb):
    art = site.article("cases/")
    rows = art.select("table#kb-case-table tbody tr")
    cases = kb.all("cases")
    assert [r.select_one("td a")["href"] for r in rows] == [f"{c.id}/" for c in cases]
    for row, case in zip(rows, cases):
        d = case.data
        assert row["data-status"] == d.status
        assert row["data-year"].split() == filters.years_of(d.period.parsed)
        assert set(row["data-place"].split()) == {p.place for p in d.places}
        assert set(row["data-principle"].split()) == {p.principle for p in d.principles}
        assert row.get("hidden") is None


def test_filter_controls_are_hidden_until_the_script_runs_and_offer_only_real_values(site, kb):
    art = site.article("cases/")
    box = art.select_one('[data-kb-filters="kb-case-table"]')
    assert box.has_attr("hidden")
    rows = art.select("table#kb-case-table tbody tr")
    for key in ("status", "year", "place", "principle"):
        options = box.select(f'select[data-kb-filter="{key}"] option')
        assert options[0]["value"] == ""
        values = [o["value"] for o in options[1:]]
        in_rows = {v for r in rows for v in r[f"data-{key}"].split()}
        assert set(values) == in_rows, key
    years = box.select('select[data-kb-filter="year"] option')[1:]
    unknown = [o for o in years if o["value"] == filters.UNKNOWN]
    has_unknown = any(not c.data.period.parsed.year_known for c in kb.all("cases"))
    assert bool(unknown) == has_unknown
    if unknown:
        assert unknown[0].get_text(strip=True) == i18n.gettext("date.year_not_stated")
        assert years[-1] is unknown[0]
    statuses = box.select('select[data-kb-filter="status"] option')[1:]
    assert {o.get_text(strip=True) for o in statuses} == \
        {i18n.gettext(f"status.{c.data.status}") for c in kb.all("cases")}


def test_global_timeline_lists_every_entry_with_its_case_and_sources(site, kb):
    art = site.article("timeline/")
    items = art.select("ol#kb-global-timeline-list > li")
    assert len(items) == len(kb.global_timeline)
    for li, entry in zip(items, kb.global_timeline):
        group = f"cases/{entry.record.id}" if entry.record.type == "cases" else "events"
        assert li["data-group"] == group
        links = [a["href"] for a in li.select("a[href]")]
        if entry.record.type == "cases":
            assert links[0] == f"../cases/{entry.record.id}/#{entry.anchor}"
        else:
            assert links[0] == f"../events/{entry.record.id}/"
        assert [h for h in links if h.startswith("../sources/")] == \
            [f"../sources/{s}/" for s in entry.sources]
        # inexact dates are never given a machine-readable exact day
        stamp = li.select_one(".kb-timeline__date time")
        if stamp is None:
            assert li.select_one(".kb-date--inexact") is not None
        assert ("kb-timeline__item--inexact" in li["class"]) == (not entry.date.is_exact_day)
    box = art.select_one('[data-kb-filters="kb-global-timeline-list"]')
    assert box.has_attr("hidden")
    values = [o["value"] for o in box.select("option")[1:]]
    assert set(values) == {li["data-group"] for li in items}


def test_each_year_of_the_timeline_has_a_page_linked_to_the_years_around_it(site, kb):
    years = kb.timeline_years
    assert [e for y in years for e in y.entries] == kb.global_timeline
    assert len(years) >= 3 and years[-1].year is None  # "year not stated" comes last
    index = site.article("timeline/")
    listed = index.select("ul.kb-timeline-years > li")
    assert [li.a["href"] for li in listed] == [f"{y.key}/" for y in years]
    for li, year in zip(listed, years):
        n = len(year.entries)
        assert li.get_text().split(": ", 1)[1].startswith(f"{n} entr{'y' if n == 1 else 'ies'}")
    for at, year in enumerate(years):
        art = site.article(f"timeline/{year.key}/")
        rows = art.select("ol#kb-global-timeline-list > li")
        assert [(li["data-record"]) for li in rows] == \
            [f"{e.record.type}/{e.record.id}" for e in year.entries]
        nav = art.select_one("nav.kb-timeline-nav")
        prev, nxt = nav.select_one('a[rel="prev"]'), nav.select_one('a[rel="next"]')
        assert (prev["href"] if prev else None) == (f"../{years[at - 1].key}/" if at else None)
        assert (nxt["href"] if nxt else None) == \
            (f"../{years[at + 1].key}/" if at + 1 < len(years) else None)
        options = {o["value"] for o in art.select('select[data-kb-filter="group"] option')[1:]}
        assert options == {li["data-group"] for li in rows}
        h1 = site.soup(f"timeline/{year.key}/").select_one("h1").get_text()
        label = str(year.year) if year.year else i18n.gettext("date.year_not_stated")
        assert h1 == i18n.gettext("timeline.year_title", year=label)
    # a context event's page links to its year's page
    event = kb.all("events")[0]
    link = site.article(f"events/{event.id}/").find("a", string=i18n.gettext("event.on_timeline"))
    assert link["href"] == f"../../timeline/{kb.timeline_year_of(event.data.date.parsed)}/"


def test_a_long_timeline_lists_only_its_years_on_the_front_page(kb, monkeypatch):
    from macros.kb.pages import views as pagecontext
    short = pagecontext.timeline_index_extras(kb, "timeline.md")
    assert len(short["timeline_rows"]) == len(kb.global_timeline)
    monkeypatch.setattr(pagecontext, "ONE_PAGE_TIMELINE", len(kb.global_timeline) - 1)
    long = pagecontext.timeline_index_extras(kb, "timeline.md")
    assert long["timeline_rows"] == [] and long["timeline_options"] == ()
    assert long["years"] == short["years"]


def _record_pages(kb):
    for rtype in model.RECORD_TYPES:
        for rec in kb.all(rtype):
            yield rec, f"{rtype}/{rec.id}/"


def test_every_page_lists_its_sources_with_publisher_title_date_and_index(site, kb):
    checked = 0
    for rec, url in _record_pages(kb):
        sources = kb.sources_of[(rec.type, rec.id)]
        art = site.article(url)
        items = art.select("ol.kb-sources > li")
        assert [li["id"] for li in items] == [f"src-{s.id}" for s in sources], url
        for li, src in zip(items, sources):
            text = li.get_text(" ", strip=True)
            assert i18n.text_of(src.data.title) in text
            publisher = kb.get("organisations", src.data.publisher)
            assert i18n.text_of(publisher.data.name) in text
            assert i18n.date_words(src.data.date.parsed) in text
            for ident in src.data.identifiers:
                assert ident.value in text
        listed = {li["id"] for li in items}
        for a in art.select('.kb-cite a[href^="#src-"]'):
            assert a["href"][1:] in listed, (url, a["href"])
        checked += bool(sources)
    assert checked
