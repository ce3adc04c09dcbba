"""The Atom feed of case updates and the iCalendar file of open appeal deadlines, read back
with real parsers (feedparser, icalendar) and compared with the data."""
from __future__ import annotations

import datetime as dt

import feedparser
import icalendar
import pytest
from lxml import etree

from macros.kb.exports import feeds
from macros.kb.pages import i18n
from macros.kb import resolve
from macros.kb.pages.urls import record_url
from macros.kb.pages.plaintext import plain

from .conftest import AS_OF

ATOM_NS = "http://www.w3.org/2005/Atom"


def expected_entries(kb, site_info):
    out = {}
    for rec in kb.all("cases"):
        out[record_url(site_info, "cases", rec.id)] = rec
        for up in rec.data.updates:
            out[record_url(site_info, "cases", rec.id, up.id)] = rec
    return out


def test_atom_feed_parses_cleanly_and_has_one_entry_per_case_and_update(site, kb, site_info):
    raw = site.file(f"exports/{feeds.ATOM}").read_bytes()
    root = etree.fromstring(raw)
    assert root.tag == f"{{{ATOM_NS}}}feed"
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == i18n.gettext("feeds.title", site=site_info.name)
    self_link = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_link == [site_info.url_of(f"exports/{feeds.ATOM}")]
    wanted = expected_entries(kb, site_info)
    assert [e.id for e in parsed.entries] and {e.id for e in parsed.entries} == set(wanted)
    assert len(parsed.entries) == len(wanted)
    for entry in parsed.entries:
        rec = wanted[entry.id]
        assert entry.link == entry.id
        assert i18n.text_of(rec.data.title) in entry.title
        # updated is the day the case's data was last reviewed: a real, reproducible date
        assert entry.updated.startswith(rec.data.reviewed)
        assert entry.content[0].type == "text/html" and entry.content[0].value
        # the entry's anchor exists on the built case page
        path, _, anchor = entry.id[len(site_info.url):].partition("#")
        page = site.html(path)
        assert not anchor or f'id="{anchor}"' in page
    assert parsed.feed.updated.startswith(max(r.data.reviewed for r in kb.all("cases")))


def test_every_case_update_is_in_the_feed_with_its_date_in_words(site, kb, site_info):
    parsed = feedparser.parse(site.file(f"exports/{feeds.ATOM}").read_bytes())
    by_id = {e.id: e for e in parsed.entries}
    updates = [(rec, up) for rec in kb.all("cases") for up in rec.data.updates]
    for rec, up in updates:
        entry = by_id[record_url(site_info, "cases", rec.id, up.id)]
        assert i18n.date_words(up.date.parsed) in entry.title


def _events(raw: bytes):
    cal = icalendar.Calendar.from_ical(raw)
    assert cal["VERSION"] == "2.0" and cal.get("PRODID")
    return cal.walk("VEVENT")


def test_calendar_parses_and_lists_exactly_the_open_dated_deadlines(site, kb, site_info):
    events = _events(site.file(f"exports/{feeds.ICS}").read_bytes())
    wanted = {f"{c.id}.{a.id}@{site_info.host}": feeds.last_day(a.deadline.parsed)
              for c, a, _st in kb.open_appeals() if a.deadline
              and feeds.last_day(a.deadline.parsed)}
    assert {str(e["UID"]): e.decoded("DTSTART") for e in events} == wanted


def _dated_appeals(kb):
    return [(c, a) for c in kb.all("cases") for a in c.data.appeals
            if a.deadline and feeds.last_day(a.deadline.parsed)]


def test_on_the_last_day_of_a_deadline_the_appeal_is_in_the_calendar(records, kb, site_info):
    dated = _dated_appeals(kb)
    assert dated, "the data should hold at least one appeal with a dated deadline"
    for case, appeal in dated:
        last = feeds.last_day(appeal.deadline.parsed)
        then = resolve.build(records, last)
        closed_by_update = any(u.closes_appeals for u in case.data.updates)
        events = {str(e["UID"]): e for e in _events(feeds.ics(then, site_info))}
        uid = f"{case.id}.{appeal.id}@{site_info.host}"
        assert (uid in events) == (not closed_by_update), uid
        if uid in events:
            ev = events[uid]
            assert ev.decoded("DTSTART") == last
            assert ev.decoded("DTEND") == last + dt.timedelta(days=1)
            assert str(ev["URL"]) == record_url(site_info, "cases", case.id, appeal.id)
            assert i18n.text_of(case.data.title) in str(ev["SUMMARY"])
            for ask in appeal.asks:
                assert plain(ask.text) in str(ev["DESCRIPTION"])
        # the day after, it is gone
        after = resolve.build(records, last + dt.timedelta(days=1))
        assert uid not in {str(e["UID"]) for e in _events(feeds.ics(after, site_info))}


def test_an_appeal_closed_by_a_follow_up_never_reaches_the_calendar(records, kb, site_info):
    closing = [c for c in kb.all("cases") if any(u.closes_appeals for u in c.data.updates)]
    if not closing:
        pytest.skip("no case in the data has an update that closes its appeals")
    for case in closing:
        for appeal in case.data.appeals:
            assert kb.appeal_states[(case.id, appeal.id)].state == "closed-no-action"
            day = feeds.last_day(appeal.deadline.parsed) if appeal.deadline else None
            then = resolve.build(records, day or AS_OF)
            uids = {str(e["UID"]) for e in _events(feeds.ics(then, site_info))}
            assert f"{case.id}.{appeal.id}@{site_info.host}" not in uids


def test_last_day_of_month_and_unknown_year_deadlines():
    from macros.kb.data import dates
    assert feeds.last_day(dates.parse("2012-03-28")) == dt.date(2012, 3, 28)
    assert feeds.last_day(dates.parse("2012-02")) == dt.date(2012, 2, 29)
    assert feeds.last_day(dates.parse("2000")) == dt.date(2000, 12, 31)
    assert feeds.last_day(dates.parse("XXXX-07-19")) is None
    assert feeds.last_day(None) is None
