"""KnowledgeBase -> every generated page. Pure: no MkDocs, no files written.

`plan()` lists the pages in a stable order without rendering them, so that an adapter can list
them first and render them when (and where) it wants; `render()` makes one: its title, its
metadata, its body and its table of contents. Every record has a page at <type>/<id>.md and
every type an index at <type>/index.md; the global timeline is timeline.md (a list of years)
and timeline/<year>.md.

Titles and metadata are HTML-escaped: MkDocs and Material print them unescaped (mkdocs#3357).
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import yaml

from ..data.model import RECORD_TYPES
from ..resolve import KnowledgeBase, Record, TimelineYear
from . import citation, fieldref, i18n, render as jinja, search, urls
from .urls import SiteInfo
from .views import cases, chrome, listings, records
from .views.common import Citer, Context


@dataclass(frozen=True)
class Planned:
    """A page to be: where it goes, whether the sidebar lists it, and what it shows."""

    path: str
    in_nav: bool
    kind: str  # "index", "record", "data-format", "timeline", "timeline-year"
    subject: object = None  # the record type, Record or TimelineYear it shows


@dataclass(frozen=True)
class Rendered:
    path: str
    title: str  # HTML-escaped
    meta: dict  # HTML-escaped strings: the title, kb_type, kb_id, kb_cite
    body: str  # HTML, or Markdown with HTML blocks (as_markdown)
    toc: list[dict]  # MkDocs' toc tokens

    def markdown(self) -> str:
        """The page as a Markdown file: front matter, then the body."""
        return ("---\n" + yaml.safe_dump(self.meta, allow_unicode=True, sort_keys=False,
                                         width=1000) + "---\n\n" + self.body)


def plan(kb: KnowledgeBase) -> list[Planned]:
    """Every generated page, in a stable order, not yet rendered."""
    out: list[Planned] = []
    for rtype in RECORD_TYPES:
        out.append(Planned(urls.page_path(rtype), True, "index", rtype))
        out += [Planned(urls.page_path(rtype, rec.id), False, "record", rec)
                for rec in kb.all(rtype)]
    out.append(Planned(urls.DATA_FORMAT, True, "data-format"))
    out.append(Planned(urls.TIMELINE, True, "timeline"))
    out += [Planned(urls.timeline_path(year.key), False, "timeline-year", year)
            for year in kb.timeline_years]
    return out


def render(kb: KnowledgeBase, page: Planned, site: SiteInfo, lang: str = i18n.DEFAULT_LANG,
           as_markdown: bool = False) -> Rendered:
    """One planned page, rendered."""
    ctx = Context(kb, page.path, lang)
    headings = jinja.Headings(as_markdown)
    meta: dict = {}
    if page.kind == "index":
        rtype = page.subject
        title = i18n.gettext(f"types.{rtype}.plural", lang)
        view = listings.case_index(ctx) if rtype == "cases" else listings.record_index(ctx, rtype)
        templates = [f"kb/pages/{rtype}-index.html", "kb/pages/index.html"]
        meta["kb_type"] = f"{rtype}-index"
        meta["kb_search"] = search.NOT_INDEXED  # lists of records that have their own pages
        if rtype == "cases":
            meta["hide"] = ["toc"]  # the table takes the page's whole width
    elif page.kind == "record":
        title, view, meta = _record(ctx, page.subject, site)
        templates = [f"kb/pages/{page.subject.type}.html"]
    elif page.kind == "data-format":
        title, templates = i18n.gettext("fieldref.title", lang), ["kb/pages/data-format.html"]
        view = {"objects": fieldref.documented_objects(), "example": listings.example_case(ctx),
                "repository": chrome.repository_links(site.repository) if site.repository
                else None}
        meta["kb_type"], meta["kb_search"] = "reference", search.NOT_INDEXED
    elif page.kind == "timeline":
        title, templates = i18n.gettext("timeline.title", lang), ["kb/pages/timeline-index.html"]
        view, meta["kb_type"] = listings.timeline_index(ctx), "timeline"
        meta["kb_search"] = search.NOT_INDEXED  # its rows repeat the cases' events
    else:
        year: TimelineYear = page.subject
        view = listings.timeline_year(ctx, year)
        title = i18n.gettext("timeline.year_title", lang, year=view["year_label"])
        templates, meta["kb_type"] = ["kb/pages/timeline.html"], "timeline-year"
        meta["kb_search"] = search.NOT_INDEXED
    body = jinja.render(templates, lang, h=headings, **view)
    meta = _escaped({"title": title, **meta})
    return Rendered(page.path, meta["title"], meta, body, headings.toc())


def _record(ctx: Context, rec: Record, site: SiteInfo) -> tuple[str, dict, dict]:
    citer = Citer(ctx, rec)
    view = records.common(ctx, rec, site, citer)
    if rec.type == "cases":
        view.update(cases.case_view(ctx, rec, citer))
    else:
        view.update(records.BY_TYPE[rec.type](ctx, rec, citer))
    meta = {"kb_type": rec.type, "kb_id": rec.id, "kb_search": search.record_fields(ctx, rec)}
    if view["citation"] is not None:
        meta["kb_cite"] = citation.meta_values(view["citation"], site)
    return urls.title(rec, ctx.lang), view, meta


def _escaped(value):
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return value
