"""An Atom feed of case updates and an iCalendar file of open appeal deadlines.

Feed: one entry per case (its summary and status) and one per update of a case, in date
order. The data records no publication time, so an entry's `updated` is the day the case's
data was last reviewed; the date the update reports is given in words in its title, no more
precisely than the source gives it. Entry ids are permalinks with stable anchors.

Calendar: one all-day event on the last day of each appeal that is open as of the build date
(an appeal closed by its deadline or by a "no further action" update is left out; one with no
dated deadline cannot be put in a calendar). DTSTAMP is the build date, so builds reproduce.
"""
from __future__ import annotations

import datetime as dt

from ..data import dates
from ..common import i18n, markup, urls
from ..common.plaintext import plain
from ..common.urls import ICS, SiteInfo, export_path
from ..common.urls import atom as feed_name
from ..resolve import KnowledgeBase


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def reviewed_day(case) -> dt.date:
    p = dates.parse(case.reviewed).start
    return dt.date(p.year, p.month or 1, p.day or 1)


def atom(kb: KnowledgeBase, site: SiteInfo, lang: str = i18n.DEFAULT_LANG) -> bytes:
    from feedgen.feed import FeedGenerator
    g = lambda key, **kw: i18n.gettext(f"feeds.{key}", lang, **kw)  # noqa: E731
    fg = FeedGenerator()
    fg.id(site.file_url(export_path(feed_name(lang))))
    fg.title(g("title", site=site.name))
    fg.subtitle(g("subtitle"))
    fg.author({"name": site.name, "uri": site.url})
    fg.link(href=site.file_url(export_path(feed_name(lang))), rel="self",
            type="application/atom+xml")
    fg.link(href=site.record_url("cases"), rel="alternate", type="text/html")
    fg.language(site.language)
    fg.generator(site.name)
    entries = []
    for rec in kb.all("cases"):
        case, day = rec.data, reviewed_day(rec.data)
        title = urls.title(rec, lang)
        status = i18n.gettext(f"status.{case.status}", lang)
        entries.append((case.period.parsed.sort_key, site.record_url("cases", rec.id),
                        g("case_title", title=title, status=status), day,
                        f"{markup.block(i18n.text_of(case.summary.text, lang))}"
                        f"<p>{markup.escape(g('status', status=status))}</p>"))
        for up in case.updates:
            when = i18n.date_words(up.date.parsed, lang)
            entries.append((up.date.parsed.sort_key, site.record_url("cases", rec.id, up.id),
                            g("update_title", title=title, date=when), day,
                            str(markup.block(i18n.text_of(up.text, lang)))))
    entries.sort(key=lambda e: (e[0], e[1]))
    fg.updated(_midnight(max((e[3] for e in entries), default=kb.as_of)))
    for _key, url, title, day, html in entries:
        fe = fg.add_entry(order="append")
        fe.id(url)
        fe.title(title)
        fe.link(href=url, rel="alternate", type="text/html")
        fe.updated(_midnight(day))
        fe.content(html, type="html")
    return fg.atom_str(pretty=True)


def open_deadlines(kb: KnowledgeBase):
    """(case, appeal, last day) for each appeal open as of the build date with a dated deadline."""
    out = []
    for case_rec, appeal, _state in kb.open_appeals():
        day = appeal.deadline.parsed.last_day() if appeal.deadline else None
        if day is not None:
            out.append((case_rec, appeal, day))
    return sorted(out, key=lambda t: (t[2], t[0].id, t[1].id))


def ics(kb: KnowledgeBase, site: SiteInfo, lang: str = i18n.DEFAULT_LANG) -> bytes:
    import icalendar
    g = lambda key, **kw: i18n.gettext(f"feeds.{key}", lang, **kw)  # noqa: E731
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{site.host}//{site.name}//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", g("calendar_name", site=site.name))
    for case_rec, appeal, day in open_deadlines(kb):
        title = urls.title(case_rec, lang)
        url = site.record_url("cases", case_rec.id, appeal.id)
        asks = "\n".join(f"- {plain(a.text, lang)}" for a in appeal.asks)
        ev = icalendar.Event()
        ev.add("uid", f"{case_rec.id}.{appeal.id}@{site.host}")
        ev.add("dtstamp", _midnight(kb.as_of))
        ev.add("dtstart", day)
        ev.add("dtend", day + dt.timedelta(days=1))
        ev.add("summary", g("deadline_summary", title=title))
        ev.add("description", g("deadline_description", audience=plain(appeal.audience, lang),
                                date=i18n.date_words(appeal.deadline.parsed, lang),
                                asks=asks, url=url, as_of=kb.as_of.isoformat()))
        ev.add("url", url)
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    return cal.to_ical()
