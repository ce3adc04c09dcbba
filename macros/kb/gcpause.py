"""Keep Python's cyclic garbage collector from re-scanning the knowledge base over and over.

Loading N records allocates millions of objects that all stay alive (nodes, positions, models,
the resolved views). Each time the collector runs it traverses everything allocated since, so
at N=1,000 cases it took half of validation's time. The objects are freed by reference
counting as before; only the cycle search is paused while loading, and once the
KnowledgeBase is built it is moved out of the collector's reach (gc.freeze), so the rest of
the build does not traverse it either.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused(keep_result: bool = False):
    """Pause the cyclic collector for the block; restore it as it was.

    keep_result: what the block built stays alive anyway (the records, the KnowledgeBase), so
    freeze it before the collector comes back. Otherwise its first run would traverse every
    object made in the block: about a second at 10,000 records, to free nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep_result:
            keep()
        if enabled:
            gc.enable()


def keep() -> None:
    """Exclude everything alive now (the freshly built KnowledgeBase) from later collections.
    A later rebuild (mkdocs serve) unfreezes first, so an old KnowledgeBase can be collected."""
    gc.freeze()


def release() -> None:
    """Let the collector see what keep() excluded again."""
    gc.unfreeze()
