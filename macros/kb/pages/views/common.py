"""What every page view is made of: links already resolved, citations already numbered.

A view model is what one template prints, computed here in Python: a template receives
`Link`s (an address relative to the page and the record's title), `ClaimView`s (a statement
and its numbered citations), and the page's source list and backlinks, and never looks a
record up itself.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...data import model
from ...resolve import KnowledgeBase, Record, title_value
from ...common import editions, i18n, urls


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    lang: str | None = None  # "en" where the text is not yet translated into the page's


@dataclass(frozen=True)
class Mark:
    """One cited source after a statement: its number in the page's source list and where in
    the document the statement rests (a paragraph or section), already in words."""

    number: int
    source: str  # the source's id: the anchor of its entry in the page's list
    pin: str | None  # "para. 3", or a section's heading, in the page's language
    title: str = ""  # the source's title, for the link's name ("Source 1, paragraph 3: …")
    spoken: str | None = None  # the pin as a screen reader says it: "paragraph 3"


@dataclass(frozen=True)
class Cites:
    """The citations after a statement: numbered sources on this page, and instruments."""

    sources: tuple[Mark, ...]
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
    pin: str | None = None  # where in the source the words are
    title: str = ""  # the source's title and the pin in words, as Mark's
    spoken: str | None = None


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
    url: str | None  # a public document's address at its publisher


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
        text, english = i18n.localized(title_value(rec), self.lang)
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
        return Cites(tuple(Mark(self.numbers[s], str(s), pin(s, ctx.lang),
                                ctx.title("sources", str(s)), pin(s, ctx.lang, "a11y.pin"))
                           for s in sources),
                     tuple(Link(ctx.href(urls.page_path("instruments", i)),
                                i18n.text_of(ctx.kb.get("instruments", i).data.short_name,
                                             ctx.lang)) for i in instruments))

    def claim(self, claim: model.Claim) -> ClaimView:
        quote = None
        if claim.quote is not None:
            q, lang = claim.quote, self.ctx.lang
            where = model.Cited(q.source, q.para)
            quote = QuoteView(q.words, q.speaker, q.source, self.numbers[q.source],
                              self.ctx.href(urls.page_path("sources", q.source)),
                              pin(where, lang), self.ctx.title("sources", q.source),
                              pin(where, lang, "a11y.pin"))
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
                                 s.data.date, tuple(s.data.identifiers), s.data.url)
                     for s in self.sources)


def pin(cited, lang: str, keys: str = "cite_pin") -> str | None:
    """Where in a document a statement rests, in words: "para. 3", "paras. 3–4", or the
    section's heading as printed; keys="a11y.pin": as a screen reader says it ("paragraph
    3")."""
    para = getattr(cited, "para", None)
    if para:
        span = para.replace("-", "–")
        return i18n.gettext(f"{keys}.paras" if "–" in span else f"{keys}.para", lang, para=span)
    section = getattr(cited, "section", None)
    return i18n.gettext(f"{keys}.section", lang, section=section) if section else None
