"""The Atom feed of case updates and the iCalendar file of open appeal deadlines, read back
with real parsers (feedparser, icalendar); expected values are read off the data."""
from __future__ import annotations

import datetime as dt

import feedparser
import icalendar
from lxml import etree

from macros.kb import resolve
from macros.kb.exports import feeds

from .expected import CASES, SITE, URL

ATOM_NS = "http://www.w3.org/2005/Atom"
CHANGCHUN = "Group of at least 21 held in Changchun, February 2012"


def test_atom_feed_parses_cleanly_and_has_one_entry_per_case_and_update(site):
    raw = site.file("exports/updates.xml").read_bytes()
    assert etree.fromstring(raw).tag == f"{{{ATOM_NS}}}feed"
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == f"{SITE}: case updates"
    assert [link.href for link in parsed.feed.links if link.rel == "self"] == \
        [f"{URL}exports/updates.xml"]
    assert sorted(e.id for e in parsed.entries) == sorted(
        [f"{URL}cases/{c}/" for c in CASES]
        + [f"{URL}cases/families-returned-shandong-yunnan/#no-further-action",
           f"{URL}cases/ten-detained-shenyang-2017-11/#no-further-action"])
    for entry in parsed.entries:
        assert entry.link == entry.id
        # updated is the day the case's data was last reviewed: a real, reproducible date
        assert entry.updated.startswith("2026-12-05")  # every case reviewed on 5 December
        assert entry.content[0].type == "text/html" and entry.content[0].value
        path, _, anchor = entry.id[len(URL):].partition("#")
        assert not anchor or f'id="{anchor}"' in site.html(path)
    assert parsed.feed.updated.startswith("2026-12-05")
    titles = {e.id: e.title for e in parsed.entries}
    assert titles[f"{URL}cases/changchun-2012/"] == f"Case: {CHANGCHUN} (Outcome not known)"
    assert titles[f"{URL}cases/families-returned-shandong-yunnan/#no-further-action"] == (
        "Update on Four families detained in Shandong and Yunnan and returned (year not "
        "stated): date not stated")


def _events(raw: bytes) -> dict:
    cal = icalendar.Calendar.from_ical(raw)
    assert cal["VERSION"] == "2.0" and cal.get("PRODID")
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_the_built_calendar_is_empty_when_every_appeal_is_closed(site):
    assert _events(site.file("exports/appeal-deadlines.ics").read_bytes()) == {}


def test_on_the_last_day_of_a_deadline_the_appeal_is_in_the_calendar(records, site_info):
    last = dt.date(2012, 3, 28)
    events = _events(feeds.ics(resolve.build(records, last), site_info))
    assert list(events) == ["changchun-2012.ua-2012@127.0.0.1"]
    ev = events["changchun-2012.ua-2012@127.0.0.1"]
    assert ev.decoded("DTSTART") == last
    assert ev.decoded("DTEND") == last + dt.timedelta(days=1)
    assert str(ev["URL"]) == f"{URL}cases/changchun-2012/#ua-2012"
    assert str(ev["SUMMARY"]) == f"Appeal deadline: {CHANGCHUN}"
    description = str(ev["DESCRIPTION"])
    assert description.startswith("Appeal to the Chinese authorities; deadline: 28 March 2012.")
    assert "- Give them access to UNHCR." in description
    # the 2000 Urgent Action's three appeals share one deadline (the 2012 appeal's deadline
    # is later, so on that day it counts as open too)
    events = _events(feeds.ics(resolve.build(records, dt.date(2000, 7, 19)), site_info))
    assert sorted(events) == ["changchun-2012.ua-2012@127.0.0.1"] + [
        f"mass-returns-2000.{a}@127.0.0.1" for a in (
            "to-chinese-authorities", "to-north-korean-authorities", "to-unhcr")]
    # the day after, they are gone
    assert _events(feeds.ics(resolve.build(records, last + dt.timedelta(days=1)),
                             site_info)) == {}


def test_an_appeal_closed_by_a_follow_up_never_reaches_the_calendar(records, site_info):
    """The families' appeal has no deadline and an update saying no action is needed."""
    for day in (dt.date(2000, 1, 1), dt.date(2012, 3, 1), dt.date(2026, 11, 23)):
        uids = _events(feeds.ics(resolve.build(records, day), site_info))
        assert not [u for u in uids if u.startswith("families-returned-shandong-yunnan.")]
