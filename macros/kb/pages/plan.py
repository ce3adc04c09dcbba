"""KnowledgeBase -> every generated page. Pure: no MkDocs, no files written.

`plan()` lists the pages in a stable order without rendering them, so that an adapter can list
them first and render them when (and where) it wants; `render()` makes one: its title, its
metadata, its body and its table of contents. Every record has a page at <type>/<id>.md and
every type an index at <type>/index.md; the global timeline is timeline.md (a list of years)
and timeline/<year>.md.

Titles and metadata are HTML-escaped (common/markup.py escape, as every text the kb package
turns into HTML): MkDocs and Material print them unescaped (mkdocs#3357).
"""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from pydantic import BaseModel

from ..data.model import RECORD_TYPES
from ..resolve import KnowledgeBase, Record
from ..common import citation, editions, i18n, markup, urls
from ..common.urls import SiteInfo
from . import fieldref, render as jinja
from .views import about, cases, chrome, listings, numbers, records, search, timeline
from .views.paging import pages_of
from .views.common import Citer, Context


@dataclass(frozen=True)
class Planned:
    """A page to be: where it goes, whether the sidebar lists it, and what it shows."""

    here: str  # its path within its edition: the same in every edition
    in_nav: bool
    kind: str  # "index", "record", "data-format", "timeline", "timeline-year", "numbers"
    subject: object = None  # the record type, Record or TimelineYear it shows
    lang: str = editions.DEFAULT  # the edition

    @property
    def path(self) -> str:
        """Its page file in the site: ko/cases/x.md for the Korean edition."""
        return editions.in_edition(self.lang, self.here)


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


PAGES_PER_TASK = 40  # planned pages per task of a pool (in_runs)


def in_runs(executor, render_run, total: int) -> list:
    """Planned pages 0..total-1 cut into runs of PAGES_PER_TASK, each `render_run(start,
    stop)` submitted to `executor` (a pool of forked processes the caller owns): the futures,
    in order; page i is item i % PAGES_PER_TASK of future i // PAGES_PER_TASK. Both builders
    render this way (mkdocs_adapter/workers.py, pages/writer.py)."""
    return [executor.submit(render_run, start, start + PAGES_PER_TASK)
            for start in range(0, total, PAGES_PER_TASK)]


def plan(kb: KnowledgeBase, langs: tuple[str, ...]) -> list[Planned]:
    """Every generated page of every edition built (`langs`: Options.editions), in a stable
    order, not yet rendered."""
    english = plan_edition(kb)
    return english + [replace(p, lang=lang) for lang in langs if lang != editions.DEFAULT
                      for p in english]


def plan_edition(kb: KnowledgeBase) -> list[Planned]:
    """The generated pages of one edition. Long lists come in pages of a hundred
    (views/paging.py): a type's index, a year of the timeline, the records that name a record
    (mentions)."""
    out: list[Planned] = []
    for rtype in RECORD_TYPES:
        records = kb.all(rtype)
        out.append(Planned(urls.page_path(rtype), True, "index", (rtype, 1)))
        out += [Planned(urls.list_path(rtype, n), False, "index", (rtype, n))
                for n in range(2, pages_of(len(records)) + 1)]
        for rec in records:
            out.append(Planned(urls.page_path(rtype, rec.id), False, "record", rec))
            for from_type, recs in kb.backlinks.get((rtype, rec.id), {}).items():
                out += [Planned(urls.mentions_path(rtype, rec.id, from_type, n), False,
                                "mentions", (rec, from_type, n))
                        for n in range(2, pages_of(len(recs)) + 1)]
    out.append(Planned(urls.DATA_FORMAT, True, "data-format"))
    out.append(Planned(urls.TIMELINE, True, "timeline"))
    out.append(Planned(urls.NUMBERS, True, "numbers"))
    for year in kb.timeline_years:
        out += [Planned(urls.timeline_path(year.key, n), False, "timeline-year", (year, n))
                for n in range(1, pages_of(len(year.entries)) + 1)]
    return out


@dataclass(frozen=True)
class View:
    """A planned page's view model: everything its body and metadata follow from, but the
    templates. render_view() turns it into the page."""

    page: Planned
    title: str  # not escaped yet
    names: tuple[str, ...]  # the templates to render, the first that exists
    view: dict
    meta: dict  # not escaped yet
    untranslated: int  # texts shown in English so far (i18n.Untranslated), the templates add

    @property
    def escaped_title(self) -> str:
        """The page's title as Rendered.title has it."""
        return _escaped(self.title)

    def parts(self) -> tuple:
        return (self.page.path, self.title, self.names, self.view, self.meta,
                self.untranslated)

    def key(self, records: dict | None = None, held: set | None = None) -> bytes:
        """A digest of the view: two views with the same key give the same page with the same
        templates. records: each record's digest (changes.records), to name a record the view
        holds by its type, id and digest rather than pickle it whole; held: a set to note the
        (type, id) of those records in."""
        return digest(self.parts(), records, held)


def _named(*name):
    """What a record pickled by _Digesting stands for (never unpickled: digests only)."""
    return name


# digest()'s `records` for a key that holds in any process and for any data folder
# (pages/kept.py): a record is pickled as its type, id, model and references, not its file
PORTABLE = object()


def _model(*fields):
    """What a model pickled by _Digesting stands for (never unpickled: digests only)."""
    return fields


class _Digesting(pickle.Pickler):
    """A pickler into a hash, without pickle's memo (Pickler.fast), writing a record as its
    type and id, and its digest when `records` has one, noted in `held`. A pydantic model
    is written as its class and fields, and the names of the fields set sorted: pydantic's own
    pickle holds them as a set, whose order changes with the process's hash seed."""

    def __init__(self, sink, records, held: set | None):
        super().__init__(sink, pickle.HIGHEST_PROTOCOL)
        self.fast = True
        self.records, self.held = records, held

    def reducer_override(self, obj):
        if isinstance(obj, BaseModel):
            return _model, (type(obj), tuple(obj.__dict__.items()),
                            tuple(sorted(obj.__pydantic_fields_set__)),
                            obj.__pydantic_extra__, obj.__pydantic_private__)
        if type(obj) is not Record or self.records is None:
            return NotImplemented
        if self.records is PORTABLE:
            data, _source, refs = obj.content()
            return _named, (obj.type, obj.id, data, refs)
        name = (obj.type, obj.id)
        if self.held is not None:
            self.held.add(name)
        return _named, name + (self.records[name],)


class _Feed:
    """A file for pickle.Pickler that feeds what is written to a hash."""

    def __init__(self, digest):
        self.write = digest.update


def digest(value, records: dict | None = None, held: set | None = None) -> bytes:
    """A digest of a value (a view, or what resolve.build derives: pages/changes.py), pickled
    (records, dates and markup pickle whole and in order) without pickle's memo: with it, an
    object named twice is written once, so two equal values whose parts share objects
    differently pickled differently. After a data edit, a record kept from the last build
    next to one read again did, and the first warm rebuild made every case page again (432 of
    1,003 pages at 200 cases). A value that contains itself cannot be pickled so, and is
    pickled with the memo: an equal view pickled differently only costs a page rendered
    again. records, held: as View.key; records=PORTABLE: see there."""
    hashed = hashlib.blake2b(digest_size=16)
    try:
        _Digesting(_Feed(hashed), records, held).dump(value)
    except (ValueError, RecursionError):  # a cycle
        hashed = hashlib.blake2b(digest_size=16)
        pickler = _Digesting(_Feed(hashed), records, held)
        pickler.fast = False
        pickler.dump(value)
    return hashed.digest()


def render(kb: KnowledgeBase, page: Planned, site: SiteInfo, templates: Path,
           as_markdown: bool = False, links: str = "page") -> Rendered:
    """One planned page, rendered in its edition's language; site: the English edition's;
    templates: the theme's folder (Options.templates); links: relative to the page's address
    or its source file (urls.relative)."""
    return render_view(view(kb, page, site, links), templates, as_markdown)


def view(kb: KnowledgeBase, page: Planned, site: SiteInfo, links: str = "page") -> View:
    """A planned page's view model (render's first half): site: the English edition's;
    links: relative to the page's address or its source file (urls.relative)."""
    lang = page.lang
    ctx = Context(kb, page.here, lang, links)
    site = site.for_edition(lang)
    i18n.Untranslated.reset()
    meta: dict = {"kb_search": search.NOT_INDEXED}  # but record pages and hand-written ones
    if page.kind == "index":
        rtype, n = page.subject
        title = i18n.gettext(f"types.{rtype}.plural", lang)
        if n > 1:
            title = i18n.gettext("paging.title", lang, title=title, n=n)
        view = (listings.case_index(ctx, n) if rtype == "cases"
                else listings.record_index(ctx, rtype, n))
        names = [f"kb/pages/{rtype}-index.html", "kb/pages/index.html"]
        meta["kb_type"] = f"{rtype}-index"
        if rtype == "cases":
            meta["hide"] = ["toc"]  # the table takes the page's whole width
    elif page.kind == "record":
        title, view, meta = _record(ctx, page.subject, site)
        names = [f"kb/pages/{page.subject.type}.html"]
    elif page.kind == "mentions":
        rec, from_type, n = page.subject
        view = records.mentions(ctx, rec, from_type, n)
        title = i18n.gettext("paging.mentions_title", lang, title=view["about"].text,
                             types=i18n.gettext(f"types.{from_type}.plural", lang), n=n)
        names, meta["kb_type"] = ["kb/pages/mentions.html"], "mentions"
    elif page.kind == "data-format":
        title, names = i18n.gettext("fieldref.title", lang), ["kb/pages/data-format.html"]
        view = {"objects": fieldref.documented_objects(), "example": about.example_case(ctx),
                "repository": chrome.repository_links(site.repository) if site.repository
                else None}
        meta["kb_type"] = "reference"
    elif page.kind == "numbers":
        title, names = i18n.gettext("numbers.title", lang), ["kb/pages/numbers.html"]
        view, meta["kb_type"] = numbers.numbers_view(ctx), "numbers"
    elif page.kind == "timeline":
        title, names = i18n.gettext("timeline.title", lang), ["kb/pages/timeline-index.html"]
        view, meta["kb_type"] = timeline.timeline_index(ctx), "timeline"
    else:
        year, n = page.subject
        view = timeline.timeline_year(ctx, year, n)
        title = i18n.gettext("timeline.year_title", lang, year=view["year_label"])
        if n > 1:
            title = i18n.gettext("paging.title", lang, title=title, n=n)
        names, meta["kb_type"] = ["kb/pages/timeline.html"], "timeline-year"
    return View(page, title, tuple(names), view, meta, i18n.Untranslated.count)


def render_view(made: View, templates: Path, as_markdown: bool = False) -> Rendered:
    """A page from its view model (render's second half): templates: the theme's folder
    (Options.templates)."""
    page, lang = made.page, made.page.lang
    headings = jinja.Headings(as_markdown)
    i18n.Untranslated.count = made.untranslated  # the templates count on from the view's
    body = jinja.render(templates, list(made.names), lang, h=headings, **made.view)
    meta = dict(made.meta)
    if lang != editions.DEFAULT:
        meta["kb_lang"] = lang
    if i18n.Untranslated.count:
        meta["kb_untranslated"] = i18n.Untranslated.count
    meta = _escaped({"title": made.title, **meta})
    return Rendered(page.path, meta["title"], meta, body, headings.toc(meta["title"]))


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
        return str(markup.escape(value))
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return value
