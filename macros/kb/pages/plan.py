"""KnowledgeBase -> {page path: Markdown}. Pure: no MkDocs, no files written.

Every record gets a page at <type>/<id>.md and every type an index at <type>/index.md; the
global timeline is timeline.md (a list of years) and timeline/<year>.md. Each page is front matter (title and meta, HTML-escaped, since
MkDocs and Material print them unescaped) plus the body rendered from overrides/kb/pages/.
The MkDocs hook adds these as generated files; `scripts/kb.py write-pages DIR` writes them out
for builders that run no hooks.
"""
from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import yaml

from . import fieldref, i18n, render, views as pagecontext
from ..data.model import RECORD_TYPES
from .urls import SiteInfo
from ..resolve import KnowledgeBase

TITLE_FIELDS = ("title", "name")


@dataclass(frozen=True)
class Page:
    path: str
    markdown: str
    in_nav: bool


def record_title(rec, lang: str = i18n.DEFAULT_LANG) -> str:
    data = rec.data
    if rec.type == "authorities":
        return data.person
    for name in TITLE_FIELDS:
        value = getattr(data, name, None)
        if value:
            return i18n.text_of(value, lang)
    return rec.id


def _front_matter(title: str, **meta) -> str:
    """Front matter with every string HTML-escaped (mkdocs#3357: titles are printed raw)."""
    def esc(value):
        if isinstance(value, str):
            return html.escape(value, quote=True)
        if isinstance(value, dict):
            return {k: esc(v) for k, v in value.items()}
        if isinstance(value, list):
            return [esc(v) for v in value]
        return value
    body = {"title": esc(title), **{k: esc(v) for k, v in meta.items() if v is not None}}
    return "---\n" + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


class _Links:
    """Link helpers bound to the page being rendered."""

    def __init__(self, kb: KnowledgeBase, here: str, lang: str):
        self.kb, self.here, self.lang = kb, here, lang

    def href(self, rtype: str, rid: str | None = None, anchor: str | None = None) -> str:
        url = render.relative(self.here, render.url_of(render.page_path(rtype, rid)))
        return f"{url}#{anchor}" if anchor else url

    def page(self, path: str, anchor: str | None = None) -> str:
        url = render.relative(self.here, render.url_of(path))
        return f"{url}#{anchor}" if anchor else url

    def title(self, rec) -> str:
        return record_title(rec, self.lang)


def _render(kb: KnowledgeBase, template, here: str, lang: str, **context) -> str:
    links = _Links(kb, here, lang)
    return render.render(template, lang, kb=kb, href=links.href, page_url=links.page,
                         title_of=links.title, **context)


def _numbers(sources) -> dict[str, int]:
    return {s.id: i for i, s in enumerate(sources, start=1)}


@dataclass(frozen=True)
class Planned:
    """A page to be: where it goes, and how to render it when wanted."""

    path: str
    in_nav: bool
    render: Callable[[], str]  # the page's Markdown, front matter included


def plan(kb: KnowledgeBase, lang: str = i18n.DEFAULT_LANG,
         site: SiteInfo | None = None) -> list[Planned]:
    """Every generated page, in a stable order, not yet rendered (so that the MkDocs hook can
    list them first and have them rendered in a second process while MkDocs works)."""
    site = site or SiteInfo.from_mkdocs_yml()
    out: list[Planned] = []
    for rtype in RECORD_TYPES:
        out.append(Planned(render.page_path(rtype), True, partial(_index_page, kb, rtype, lang)))
        out += [Planned(render.page_path(rtype, rec.id), False,
                        partial(_record_page, kb, rec, lang, site)) for rec in kb.all(rtype)]
    out.append(Planned("reference/data-format.md", True, partial(_data_format_page, kb, lang)))
    out.append(Planned("timeline.md", True, partial(_timeline_index, kb, lang)))
    out += [Planned(pagecontext.timeline_path(year.key), False, partial(_timeline_page, kb, year, lang))
            for year in kb.timeline_years]
    return out



def generate(kb: KnowledgeBase, lang: str = i18n.DEFAULT_LANG,
             site: SiteInfo | None = None) -> list[Page]:
    """All generated pages, rendered, in a stable order (site: name and URL, default from
    mkdocs.yml)."""
    return [Page(p.path, p.render(), p.in_nav) for p in plan(kb, lang, site)]


def _index_page(kb: KnowledgeBase, rtype: str, lang: str) -> str:
    here = render.page_path(rtype)
    title = i18n.gettext(f"types.{rtype}.plural", lang)
    body = _render(kb, [f"kb/pages/{rtype}-index.html", "kb/pages/index.html"], here, lang,
                   rtype=rtype, records=kb.all(rtype),
                   **pagecontext.index_extras(kb, rtype, here, lang))
    return _front_matter(title, kb_type=f"{rtype}-index") + body


def _record_page(kb: KnowledgeBase, rec, lang: str, site: SiteInfo) -> str:
    rtype = rec.type
    here = render.page_path(rtype, rec.id)
    extra, meta = pagecontext.record_extras(kb, rec, here, site, lang)
    body = _render(kb, f"kb/pages/{rtype}.html", here, lang, rec=rec, d=rec.data,
                   sources=kb.sources_of[(rtype, rec.id)],
                   src_num=_numbers(kb.sources_of[(rtype, rec.id)]), **extra)
    front = _front_matter(record_title(rec, lang), kb_type=rtype, kb_id=rec.id, **meta)
    return front + body


def _data_format_page(kb: KnowledgeBase, lang: str) -> str:
    here = "reference/data-format.md"
    body = _render(kb, "kb/pages/data-format.html", here, lang,
                   objects=fieldref.documented_objects())
    return _front_matter(i18n.gettext("fieldref.title", lang), kb_type="reference") + body


def _timeline_index(kb: KnowledgeBase, lang: str) -> str:
    here = "timeline.md"
    body = _render(kb, "kb/pages/timeline-index.html", here, lang,
                   **pagecontext.timeline_index_extras(kb, here, lang))
    return _front_matter(i18n.gettext("timeline.title", lang), kb_type="timeline") + body


def _timeline_page(kb: KnowledgeBase, year, lang: str) -> str:
    here = pagecontext.timeline_path(year.key)
    body = _render(kb, "kb/pages/timeline.html", here, lang, year=year,
                   **pagecontext.timeline_extras(kb, year, here, lang))
    title = i18n.gettext("timeline.year_title", lang, year=pagecontext.year_label(year, lang))
    return _front_matter(title, kb_type="timeline-year") + body
