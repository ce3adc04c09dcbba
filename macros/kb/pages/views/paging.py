"""Lists in pages of a hundred, so that no page grows with the knowledge base.

A list longer than PAGE (a record type's index, a year of the timeline, the cases that engage a
principle) is cut into pages of PAGE entries: the first stays where the list always was, the
others get addresses of their own (urls.list_path, urls.timeline_path, urls.mentions_path),
each linking to the pages around it. Every page works without JavaScript. A record's page
lists the first PAGE of the records that name it (backlinks, more) and links to the rest.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...resolve import Record
from ...common import urls
from .common import Context, Link

PAGE = 100


def pages_of(count: int) -> int:
    """How many pages a list of `count` entries takes (at least one)."""
    return max(1, -(-count // PAGE))


def page_slice(items: Sequence, n: int) -> Sequence:
    """The entries of page n (from 1)."""
    return items[(n - 1) * PAGE:n * PAGE]


@dataclass(frozen=True)
class Pager:
    """Where a page sits in its list: "page n of m", and links to the pages around it."""

    current: int
    total: int
    previous: str | None  # href
    next: str | None
    pages: tuple["Link", ...]  # every page, by number (a few dozen at most at 5,000 cases)

    @classmethod
    def of(cls, ctx: "Context", n: int, total: int, path: Callable[[int], str]) -> "Pager":
        return cls(n, total, ctx.href(path(n - 1)) if n > 1 else None,
                   ctx.href(path(n + 1)) if n < total else None,
                   tuple(Link(ctx.href(path(k)), str(k)) for k in range(1, total + 1)))

    @property
    def needed(self) -> bool:
        return self.total > 1


@dataclass(frozen=True)
class More:
    """Entries a page leaves out of a long list, and where the list goes on."""

    count: int
    href: str


@dataclass(frozen=True)
class BacklinkGroup:
    type: str  # the record type of the records listed
    links: tuple[Link, ...]  # the first hundred
    more: "More | None" = None  # the rest, on pages of their own


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
