"""Render the generated pages and write the export files, in a process pool or in line.

As Material's social plugin does: one standard executor per build, a future per piece of
work (a run of pages, the exports), every result checked before the build ends. The pool's
processes are forked once the KnowledgeBase is built, so they share it without pickling; only
their results (page bodies) travel back. Where forking is unsafe or pointless (`mkdocs serve`
runs threads; one core; KB_JOBS=1: Options.jobs) pages are rendered in line when MkDocs reads
them, with the same code, so the output is the same byte for byte. Either way, a page whose
view an earlier build rendered is taken from the cache instead (kb/pages/kept.py).
"""
from __future__ import annotations

import hashlib
import zlib
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from macros import build_steps
from macros.kb import Options
from macros.kb.common import kept as common_kept
from macros.kb.pages import kept, plan as pages

# this build's (kb, site, templates, planned, exports dir, bodies), for forked workers
_job: tuple | None = None
# what names this module's way of packing a page (_packed) in the cache (kept.Bodies form)
FORM = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def jobs(serving: bool, options: Options) -> int:
    """How many processes to render with (build_steps.jobs): 1 under `mkdocs serve`."""
    return build_steps.jobs(options, serving)


pool = build_steps.pool


def _packed(page: pages.Rendered) -> tuple[pages.Rendered, bytes]:
    """A rendered page without its body, and the body compressed (zlib, fastest level: HTML
    shrinks about eightfold). MkDocs reads every page before it writes any, so a build holds
    every page at once: this way it holds them small, and unpacks each one only to write it
    (hooks.py, on_page_context). Less to pickle back from the workers too."""
    return replace(page, body=""), zlib.compress(page.body.encode(), 1)


def unpack(body: bytes) -> str:
    """A body `_packed` compressed."""
    return zlib.decompress(body).decode()


def _made(index: int, view: pages.View | None = None) -> tuple[tuple, str | None, bool]:
    """Planned page `index` packed (`_packed`), from `view` if made already, kept from an
    earlier build if it was (pages/kept.py); the name it is kept under (None: no cache) and
    whether it was found there."""
    kb, site, templates, planned, _out, bodies = _job
    if view is None:
        view = pages.view(kb, planned[index], site)

    def make(made: pages.View) -> tuple:
        return _packed(pages.render_view(made, templates))

    if bodies is None:
        return make(view), None, False
    return bodies.made(view, make)


def _render_range(start: int, stop: int) -> list[tuple[tuple, str | None, bool]]:
    return [_made(index) for index in range(start, min(stop, len(_job[3])))]


def _write_exports() -> int:
    kb, site, _templates, _planned, out, _bodies = _job
    return build_steps.write_exports(kb, site, out)


def plan_name(bodies: kept.Bodies, options: Options, site, planned: list) -> str:
    """The name under which the cache keeps the names of every planned page's entry
    (Renderer: `known`), for builds of the same data files, build date, site, editions and
    code: such a build takes every page without making the views that name them (0.67 s of
    CPU for the real site, in the pool, which MkDocs waited for)."""
    return "plan-" + hashlib.sha256(bodies.salt + repr((
        common_kept.content_hash([options.data]), options.build_date.isoformat(), site,
        [item.path for item in planned])).encode("utf-8")).hexdigest()


class Renderer:
    """This build's pages and exports: submitted to `executor` now, or made when asked."""

    def __init__(self, kb, site, templates: Path, planned: list[pages.Planned], site_dir: str,
                 executor: ProcessPoolExecutor | None,
                 views: dict[int, pages.View] | None = None, bodies: kept.Bodies | None = None,
                 known: str | None = None):
        """templates: the theme's folder (Options.templates); views: planned pages' view
        models already made (incremental.py), by index, rendered from them; bodies: pages
        rendered by earlier builds (Options.cache), taken from there and kept there; known:
        plan_name, under which a build that looked every page up keeps their entries'
        names, and a later one finds them."""
        global _job
        _job = (kb, site, templates, planned, site_dir, bodies)
        self.planned, self.executor, self.bodies, self.known = planned, executor, bodies, known
        self.taken = 0  # pages the cache had
        self.views = views or {}
        self.keys: list[str | None] = [None] * len(planned)  # each page's entry, looked up
        listed = bodies.get(known) if bodies is not None and known and not views else None
        self.listed = listed if isinstance(listed, list) and len(listed) == len(planned) \
            else None  # the names an earlier build of this data kept (plan_name)
        self.tasks: list[Future] = []
        self.exports: Future | None = None
        if executor is not None:
            if self.listed is None:
                self.tasks = pages.in_runs(executor, _render_range, len(planned))
            self.exports = executor.submit(_write_exports)
        else:
            _write_exports()

    def page(self, index: int) -> tuple[pages.Rendered, bytes]:
        """Planned page `index`, rendered (waiting for its task if a pool renders it), its
        body apart and compressed (`unpack`). Asked once per page: the task's result lets go
        of it."""
        if self.listed is not None:
            key = self.listed[index]
            found = self.bodies.get(key)
            # pruned or damaged since: rendered here
            made = (found, key, True) if found is not None else _made(index)
        elif self.executor is None:
            made = _made(index, self.views.pop(index, None))
        else:
            run, at = divmod(index, pages.PAGES_PER_TASK)
            results = self.tasks[run].result()
            made, results[at] = results[at], None
        self._used(index, made)
        return made[0]

    def _used(self, index: int, made: tuple) -> None:
        _page, key, found = made
        if key is not None:
            self.bodies.used.add(key)
            self.keys[index] = key
            self.taken += found

    def finish(self) -> None:
        """Wait for every task and raise the first failure (pages MkDocs did not read too);
        then the cache keeps what this build used (kept.Folder.prune)."""
        for run, task in enumerate(self.tasks):
            for at, made in enumerate(task.result()):
                if made is not None:  # not read by MkDocs
                    self._used(run * pages.PAGES_PER_TASK + at, made)
        if self.exports is not None:
            self.exports.result()
        if self.bodies is not None and None not in self.keys:
            # not after `serve --dirty`, which reads changed pages alone
            if self.known and self.keys != self.listed:
                self.bodies.put(self.known, self.keys)
            if self.known:
                self.bodies.used.add(self.known)
            self.bodies.prune()

    def close(self) -> None:
        global _job
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
        _job = None
