"""Render the generated pages and write the export files, in a process pool or in line.

As Material's social plugin does: one standard executor per build, a future per piece of
work (a run of pages, the exports), every result checked before the build ends. The pool's
processes are forked once the KnowledgeBase is built, so they share it without pickling; only
their results (page bodies) travel back. Where forking is unsafe or pointless (`mkdocs serve`
runs threads; one core; KB_JOBS=1: Options.jobs) pages are rendered in line when MkDocs reads
them, with the same code, so the output is the same byte for byte.
"""
from __future__ import annotations

import zlib
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from macros import build_steps
from macros.kb import Options
from macros.kb.pages import plan as pages

# this build's (kb, site, templates, planned, exports dir), for forked workers
_job: tuple | None = None


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


def _render_range(start: int, stop: int) -> list[tuple[pages.Rendered, bytes]]:
    kb, site, templates, planned, _out = _job
    return [_packed(pages.render(kb, p, site, templates)) for p in planned[start:stop]]


def _write_exports() -> int:
    kb, site, _templates, _planned, out = _job
    return build_steps.write_exports(kb, site, out)


class Renderer:
    """This build's pages and exports: submitted to `executor` now, or made when asked."""

    def __init__(self, kb, site, templates: Path, planned: list[pages.Planned], site_dir: str,
                 executor: ProcessPoolExecutor | None,
                 views: dict[int, pages.View] | None = None):
        """templates: the theme's folder (Options.templates); views: planned pages' view
        models already made (incremental.py), by index, rendered from them."""
        global _job
        _job = (kb, site, templates, planned, site_dir)
        self.planned, self.executor = planned, executor
        self.views = views or {}
        self.tasks: list[Future] = []
        self.exports: Future | None = None
        if executor is not None:
            self.tasks = pages.in_runs(executor, _render_range, len(planned))
            self.exports = executor.submit(_write_exports)
        else:
            _write_exports()

    def page(self, index: int) -> tuple[pages.Rendered, bytes]:
        """Planned page `index`, rendered (waiting for its task if a pool renders it), its
        body apart and compressed (`unpack`). Asked once per page: the task's result lets go
        of it."""
        if self.executor is None:
            kb, site, templates, planned, _out = _job
            if index in self.views:
                return _packed(pages.render_view(self.views.pop(index), templates))
            return _packed(pages.render(kb, planned[index], site, templates))
        run, at = divmod(index, pages.PAGES_PER_TASK)
        results = self.tasks[run].result()
        page, results[at] = results[at], None
        return page

    def finish(self) -> None:
        """Wait for every task and raise the first failure (pages MkDocs did not read too)."""
        for task in [*self.tasks, *([self.exports] if self.exports else [])]:
            task.result()

    def close(self) -> None:
        global _job
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
        _job = None
