"""Which pages an edit of the data can change: for `mkdocs serve --dirty`
(mkdocs_adapter/incremental.py), which then makes again only the views of those pages.

A generated page follows from its view (plan.View), and its view from the KnowledgeBase. The
KnowledgeBase is the records, and what resolve.build derives from them (each type's order,
backlinks, timelines, appeal states, holders...). So, between two builds with the same code,
templates and settings:

- if what is derived is the same (`structure`: digested with each record named by its type
  and id), a view can differ only if it read a record whose content changed;
- what a view read is noted as it is made (`read_view`): the records whose model, file or
  references it read (resolve.reading), and those the view holds (a record pickled into its
  key is named by its type, id and `records` digest, not pickled whole);
- a record's content is its model (translations applied), its references and its file's date
  and size (`records`).

A page whose view read no changed record keeps its last key and is not made again. Anything
else (a record added or removed, a changed order, backlink, timeline entry or appeal state)
changes the structure, and every view is made again and compared, as before.
"""
from __future__ import annotations

import os

from ..common.urls import SiteInfo
from ..resolve import KnowledgeBase, reading
from . import plan as pages

Digests = dict[tuple[str, str], bytes]


class _NamesOnly(dict):
    """For plan.digest: every record named by its type and id alone."""

    def __missing__(self, name):
        return b""


def records(kb: KnowledgeBase) -> Digests:
    """Each record's content: its model, its references, its file's path, date and size."""
    out = {}
    for by_id in kb.records.values():
        for rec in by_id.values():
            data, source, refs = rec.content()
            path = getattr(source, "path", None)
            stat = os.stat(path) if path is not None and os.path.exists(path) else None
            out[(rec.type, rec.id)] = pages.digest(
                (data, refs, str(path), stat and (stat.st_mtime_ns, stat.st_size)))
    return out


def structure(kb: KnowledgeBase) -> bytes:
    """What resolve.build derived from the records, with each record named by type and id,
    and the records' names."""
    derived = {name: value for name, value in vars(kb).items() if name != "records"}
    return pages.digest((sorted(derived.items()),
                         {t: sorted(ids) for t, ids in kb.records.items()}), _NamesOnly())


def changed(before: Digests, now: Digests) -> set[tuple[str, str]]:
    """The records whose content differs (with the same names on both sides)."""
    return {name for name, digest in now.items() if before.get(name) != digest}


def read_view(kb: KnowledgeBase, page: pages.Planned, site: SiteInfo,
              digests: Digests) -> tuple[pages.View, bytes, frozenset]:
    """A planned page's view, its key, and the records it read or holds."""
    with reading() as read:
        view = pages.view(kb, page, site)
    key = view.key(digests, read)
    return view, key, frozenset(read)
