"""A case's timeline in Knight Lab TimelineJS JSON."""
from __future__ import annotations

from ..data import model
from ..data.dates import KBDate
from ..common import i18n, markup, urls
from ..common.urls import SiteInfo
from ..resolve import KnowledgeBase


def _tl_date(point) -> dict:
    return {k: v for k, v in (("year", point.year), ("month", point.month),
                              ("day", point.day)) if v is not None}


def _tl_dates(d: KBDate) -> dict:
    out = {"start_date": _tl_date(d.start)}
    if d.end is not None:
        out["end_date"] = _tl_date(d.end)
    return out


def timelinejs(kb: KnowledgeBase, case_rec, site: SiteInfo, lang: str) -> dict:
    """A case's timeline in Knight Lab TimelineJS JSON; events with no stated year, which
    TimelineJS cannot place, are left out and counted in the title slide."""
    case: model.Case = case_rec.data
    events, unplaced = [], 0
    for ev in kb.timelines[case_rec.id]:
        d = ev.date.parsed
        if not d.year_known:
            unplaced += 1
            continue
        srcs = ", ".join(
            f'<a href="{site.record_url("sources", s)}">'
            f'{markup.escape(urls.title(kb.get("sources", s), lang))}</a>'
            for s in ev.sources)
        events.append({
            "unique_id": f"{case_rec.id}-{ev.id}", **_tl_dates(d),
            "display_date": i18n.date_words(d, lang),
            "text": {"headline": i18n.date_words(d, lang),
                     "text": f"<p>{markup.inline(i18n.text_of(ev.text, lang))}</p>"
                             f"<p>{markup.escape(i18n.gettext('exports.tl_sources', lang))} "
                             f"{srcs}</p>"},
        })
    intro = f"<p>{markup.inline(i18n.text_of(case.summary.text, lang))}</p>"
    if unplaced:
        intro += f"<p>{markup.escape(i18n.ngettext('exports.tl_unplaced', unplaced, lang))}</p>"
    intro += f'<p><a href="{site.record_url("cases", case_rec.id)}">' \
             f'{markup.escape(i18n.gettext("exports.tl_case_page", lang))}</a></p>'
    return {"title": {"unique_id": case_rec.id,
                      "text": {"headline": str(markup.escape(urls.title(case_rec, lang))),
                               "text": intro}},
            "events": events}
