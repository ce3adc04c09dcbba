"""The views of record pages other than cases: what each template prints, resolved here.

`record_view(ctx, rec, site)` gives the template variables of any record page: the parts every
record page has (`common`), then its type's own (one function per type below; cases.py for
cases).
"""
from __future__ import annotations

from dataclasses import dataclass

from ...resolve import Record, timeline_key
from ...common import citation, i18n, urls
from ...common.urls import SiteInfo, export_path
from .common import Citer, ClaimView, Context, Link
from .paging import PAGE, Pager, backlinks, more, page_slice, pages_of


@dataclass(frozen=True)
class CaseMention:
    """A case that names this record, and what it says of it there (its roles in the case, how
    it engages a principle); none where the case names it elsewhere (its timeline)."""

    link: Link
    texts: tuple[dict, ...]


@dataclass(frozen=True)
class Holder:
    link: Link  # the authority
    published: object  # the date of the document that addressed them (DateValue)
    appeals: tuple[Link, ...]  # the appeals addressed to them, on their cases' pages


def common(ctx: Context, rec: Record, site: SiteInfo, citer: Citer) -> dict:
    """What every record page has: its record, its sources, backlinks and citation, and the
    background pages that explain it."""
    view = {"rec": rec, "d": rec.data, "sources": citer.source_list(),
            "backlinks": backlinks(ctx, rec), "citation": None, "section_citations": [],
            "background": tuple(ctx.record(b) for b in ctx.kb.refs_to(rec, "background"))}
    if rec.type in citation.CITABLE:
        cite = citation.cite_record(ctx.kb, rec, site, ctx.lang)
        view["citation"] = cite
        view["section_citations"] = citation.cite_sections(ctx.kb, rec, site, ctx.lang)
        view["citation_links"] = {"exports_page": ctx.href(urls.EXPORTS_PAGE),
                                  "csl_all": ctx.href(export_path("citations.json")),
                                  "bibtex_all": ctx.href(export_path("citations.bib"))}
    return view


def _sources(ctx: Context, rec: Record, citer: Citer) -> dict:
    d = rec.data
    return {"publisher": ctx.ref("organisations", d.publisher),
            "retells": ctx.ref("sources", d.retells) if d.retells else None,
            "language": i18n.language_name(d.language, ctx.lang) if d.language else None,
            "document_citation": citation.cite_document(ctx.kb, rec, ctx.lang)}


def _organisations(ctx: Context, rec: Record, citer: Citer) -> dict:
    d = rec.data
    return {"country": ctx.ref("places", d.country) if d.country else None,
            "about": citer.claims(d.about)}


def _places(ctx: Context, rec: Record, citer: Citer) -> dict:
    d = rec.data
    named = ctx.kb.refs_to(rec, "cases")
    cases = tuple(_mention(ctx, rec, c) for c in named[:PAGE])
    within = None
    if d.within:
        within = (ctx.ref("places", d.within),
                  citer.role({}, d.within_sources, d.within_deduced))
    return {"within": within, "about": citer.claims(d.about), "cases": cases,
            "more_cases": more(ctx, rec, "cases", len(named))}


def _instruments(ctx: Context, rec: Record, citer: Citer) -> dict:
    d = rec.data
    return {"about": citer.claims(d.about),
            "parties": tuple((ctx.ref("places", p.state), citer.claim(p.status))
                             for p in d.parties)}


def _principles(ctx: Context, rec: Record, citer: Citer) -> dict:
    d = rec.data
    return {"summary": citer.claim(d.summary),
            "instruments": tuple((ctx.ref("instruments", ia.instrument), ia.article)
                                 for ia in d.instruments),
            "about": citer.claims(d.about),
            "cases": tuple(_mention(ctx, rec, c) for c in ctx.kb.refs_to(rec, "cases")[:PAGE]),
            "more_cases": more(ctx, rec, "cases", len(ctx.kb.refs_to(rec, "cases")))}


def _mention(ctx: Context, rec: Record, other: Record) -> CaseMention:
    """A record naming `rec`, with what it says of it: a case's roles for a place, how it
    engages a principle."""
    texts: tuple = ()
    if other.type == "cases" and rec.type == "places":
        texts = tuple(r.role for r in other.data.places if r.place == rec.id)
    elif other.type == "cases" and rec.type == "principles":
        texts = tuple(cp.how.text for cp in other.data.principles if cp.principle == rec.id)
    return CaseMention(ctx.record(other), texts)


def mentions(ctx: Context, rec: Record, from_type: str, n: int) -> dict:
    """Page n (from 2) of the records of `from_type` that name `rec`."""
    named = ctx.kb.refs_to(rec, from_type)
    return {"about": ctx.record(rec), "from_type": from_type,
            "mentions": tuple(_mention(ctx, rec, r) for r in page_slice(named, n)),
            "pager": Pager.of(ctx, n, pages_of(len(named)), lambda k: (
                urls.page_path(rec.type, rec.id) if k == 1
                else urls.mentions_path(rec.type, rec.id, from_type, k)))}


def _offices(ctx: Context, rec: Record, citer: Citer) -> dict:
    return {"state": ctx.ref("places", rec.data.state),
            "holders": tuple(_holder(ctx, h) for h in ctx.kb.holders.get(rec.id, []))}


def _holder(ctx: Context, auth: Record) -> Holder:
    return Holder(ctx.record(auth), ctx.kb.get("sources", auth.data.published_in).data.date,
                  tuple(ctx.record(c, ap.id) for c, ap in ctx.kb.addressed_by.get(auth.id, [])))


@dataclass(frozen=True)
class AddressedIn:
    link: Link  # the appeal, on its case's page
    role: str  # "appeal" | "copy"
    deadline: object  # DateValue or None


def _authorities(ctx: Context, rec: Record, citer: Citer) -> dict:
    d = rec.data
    source = ctx.kb.get("sources", d.published_in)
    return {"office": ctx.ref("offices", d.office),
            "published_in": ctx.record(source), "published_date": source.data.date,
            "addressed": tuple(AddressedIn(ctx.record(c, ap.id), ad.role, ap.deadline)
                               for c, ap in ctx.kb.addressed_by.get(rec.id, [])
                               for ad in ap.addressees if ad.authority == rec.id),
            "other_holders": tuple(_holder(ctx, h) for h in ctx.kb.holders[d.office]
                                   if h is not rec)}


def _events(ctx: Context, rec: Record, citer: Citer) -> dict:
    d = rec.data
    return {"text": citer.claim(d.text),
            "places": tuple(ctx.ref("places", p) for p in d.places),
            "organisations": tuple(ctx.ref("organisations", o) for o in d.organisations),
            "timeline_page": ctx.href(urls.timeline_path(timeline_key(d.date.parsed)))}


@dataclass(frozen=True)
class SectionView:
    id: str
    heading: dict
    paragraphs: tuple[ClaimView, ...]


def _background(ctx: Context, rec: Record, citer: Citer) -> dict:
    d = rec.data
    return {"sections": tuple(SectionView(s.id, s.heading, citer.claims(s.paragraphs))
                              for s in d.sections),
            "explains": tuple([ctx.ref("cases", c) for c in d.cases]
                              + [ctx.ref("principles", p) for p in d.principles])}


BY_TYPE = {"sources": _sources, "organisations": _organisations, "places": _places,
           "instruments": _instruments, "principles": _principles, "offices": _offices,
           "authorities": _authorities, "events": _events, "background": _background}
