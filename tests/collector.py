"""The garbage collector in the test processes: what outlives a test file is frozen.

A test process keeps a great deal alive to the end of the run: the validated and resolved
data (`records`, `kb`), the pages it parsed (Site.soup keeps each), the modules of every
product and test file. Python's collector traverses all of that again at each full
collection, and makes one whenever the objects that survived the younger ones come to a
quarter of what it holds: tests that make many objects at once (a Pagefind bundle decoded,
a site's pages parsed) set one off every few calls. Over the quick tier, in one process,
the collector took 30.8 s of 275 s, 28.2 s of it in full collections (docs/benchmark.md).

So when the next test is in another file (or there is none), once this test's run is over
(its fixtures, and its file's, torn down, and its arguments let go: pytest drops them after
the teardown hooks, so this waits for the whole protocol), the garbage is collected and
whatever is left is frozen (gc.freeze): what lives on is the session's, and later
collections leave it out. Cyclic garbage is still found among what is made after; what was
frozen and dies later is freed by its reference count, or, for a cycle, kept to the end of
the process (a session-scoped object let go early, or a cache's evicted entry). The builds
the tests run are processes of their own and follow the product's policy
(macros/build_steps.py, with_pool), which unfreezes and freezes again around a build run in
this process: the same end."""
from __future__ import annotations

import gc

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    yield
    if nextitem is None or nextitem.path != item.path:
        gc.collect()
        gc.freeze()
