"""What every page view is made of: links already resolved, citations already numbered.

A view model is what one template prints, computed here in Python: a template receives
`Link`s (an address relative to the page and the record's title), `ClaimView`s (a statement
and its numbered citations), and the page's source list and backlinks, and never looks a
record up itself.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...data import model
from ...resolve import KnowledgeBase, Record
from .. import editions, i18n, urls
from .paging import PAGE, More


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    lang: str | None = None  # "en" where the text is not yet translated into the page's


@dataclass(frozen=True)
class Cites:
    """The citations after a statement: numbered sources on this page, and instruments."""

    sources: tuple[tuple[int, str], ...]  # (number in the page's source list, source id)
    instruments: tuple[Link, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.sources or self.instruments)


@dataclass(frozen=True)
class QuoteView:
    words: str  # exactly as the source prints them
    speaker: dict | None  # Text
    source: str  # the source's id, for its number on the page
    number: int
    source_href: str  # the source's page, for <q cite>


@dataclass(frozen=True)
class ClaimView:
    text: dict  # the statement (Text)
    cites: Cites
    quote: QuoteView | None = None
    deduced: dict | None = None  # Text: what the sources imply but do not print, and why


@dataclass(frozen=True)
class SourceEntry:
    """One line of a page's numbered source list."""

    id: str
    link: Link
    publisher: str
    date: model.DateValue
    identifiers: tuple[model.Identifier, ...]
    document: str


@dataclass(frozen=True)
class BacklinkGroup:
    type: str  # the record type of the records listed
    links: tuple[Link, ...]  # the first hundred
    more: "More | None" = None  # the rest, on pages of their own


class Context:
    """One page being built: where it is in its edition (`here`, the same path in every
    edition), in which language, and the knowledge base."""

    def __init__(self, kb: KnowledgeBase, here: str, lang: str, links: str = "page"):
        self.kb, self.here, self.lang, self.links = kb, here, lang, links

    def href(self, path: str, anchor: str | None = None) -> str:
        """Relative address of a page of this edition, or of a site file (an export); relative
        to this page's address or to its source file (`links`, urls.relative)."""
        if path.endswith(".md"):  # a page of this edition: the same address in every edition
            return urls.relative(self.here, path, anchor, self.links)
        return urls.relative(editions.in_edition(self.lang, self.here), path, anchor,
                             self.links)

    def record(self, rec: Record, anchor: str | None = None) -> Link:
        text, english = i18n.localized(urls.title_value(rec), self.lang)
        return Link(self.href(urls.page_path(rec.type, rec.id), anchor), text,
                    i18n.DEFAULT_LANG if english else None)

    def ref(self, rtype: str, rid: str, anchor: str | None = None) -> Link:
        return self.record(self.kb.get(rtype, rid), anchor)

    def title(self, rtype: str, rid: str) -> str:
        return urls.title(self.kb.get(rtype, rid), self.lang)


class Citer:
    """Numbers a record's sources in order of first mention and cites statements by them."""

    def __init__(self, ctx: Context, rec: Record):
        self.ctx = ctx
        self.sources = ctx.kb.sources_of[(rec.type, rec.id)]
        self.numbers = {s.id: i for i, s in enumerate(self.sources, start=1)}

    def cites(self, sources=(), instruments=()) -> Cites:
        """Sources by their number on this page; instruments by their short name."""
        ctx = self.ctx
        return Cites(tuple((self.numbers[s], s) for s in sources),
                     tuple(Link(ctx.href(urls.page_path("instruments", i)),
                                i18n.text_of(ctx.kb.get("instruments", i).data.short_name,
                                             ctx.lang)) for i in instruments))

    def claim(self, claim: model.Claim) -> ClaimView:
        quote = None
        if claim.quote is not None:
            q = claim.quote
            quote = QuoteView(q.words, q.speaker, q.source, self.numbers[q.source],
                              self.ctx.href(urls.page_path("sources", q.source)))
        return ClaimView(claim.text, self.cites(claim.sources, claim.instruments), quote,
                         claim.deduced)

    def role(self, text: dict, sources, deduced=None) -> ClaimView:
        """A record's role in a case, read as a statement with its sources."""
        return ClaimView(text, self.cites(sources), None, deduced)

    def claims(self, claims) -> tuple[ClaimView, ...]:
        return tuple(self.claim(c) for c in claims)

    def source_list(self) -> tuple[SourceEntry, ...]:
        ctx = self.ctx
        return tuple(SourceEntry(s.id, ctx.record(s), ctx.title("organisations", s.data.publisher),
                                 s.data.date, tuple(s.data.identifiers), s.data.document)
                     for s in self.sources)


def backlinks(ctx: Context, rec: Record) -> tuple[BacklinkGroup, ...]:
    """Every record that names this one, grouped by type (the first hundred of each group;
    the rest on pages of their own)."""
    groups = ctx.kb.backlinks.get((rec.type, rec.id), {})
    return tuple(BacklinkGroup(rtype, tuple(ctx.record(r) for r in recs[:PAGE]),
                               more(ctx, rec, rtype, len(recs)))
                 for rtype, recs in groups.items())


def more(ctx: Context, rec: Record, from_type: str, count: int) -> "More | None":
    """Where the records of `from_type` naming `rec` go on, past the first hundred."""
    if count <= PAGE:
        return None
    return More(count - PAGE, ctx.href(urls.mentions_path(rec.type, rec.id, from_type, 2)))
