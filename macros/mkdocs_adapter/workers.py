"""Render the generated pages and write the export files, in a process pool or in line.

As Material's social plugin does: one standard executor per build, a future per piece of
work (a run of pages, the exports), every result checked before the build ends. The pool's
processes are forked once the KnowledgeBase is built, so they share it without pickling; only
their results (page bodies) travel back. Where forking is unsafe or pointless (`mkdocs serve`
runs threads; one core; KB_JOBS=1) pages are rendered in line when MkDocs reads them, with the
same code, so the output is the same byte for byte.
"""
from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from macros.kb import exports
from macros.kb.pages import plan as pages

PAGES_PER_TASK = 40
_job: tuple | None = None  # this build's (kb, site, planned, exports dir), for forked workers


def jobs(serving: bool) -> int:
    """How many processes to render with: 2 where fork is available, the command is not
    `mkdocs serve` (its threads make fork unsafe), there are two cores and KB_JOBS is not 1."""
    if serving or os.environ.get("KB_JOBS", "").strip() == "1" or not hasattr(os, "fork"):
        return 1
    return 2 if (os.cpu_count() or 1) >= 2 else 1


def pool(processes: int) -> ProcessPoolExecutor | None:
    """A pool of forked processes, or None for one process."""
    return ProcessPoolExecutor(processes, mp_context=get_context("fork")) if processes > 1 \
        else None


def _render_range(start: int, stop: int) -> list[pages.Rendered]:
    kb, site, planned, _out = _job
    return [pages.render(kb, p, site) for p in planned[start:stop]]


def _write_exports() -> int:
    kb, site, _planned, out = _job
    written = exports.files(kb, site)
    for path, content in written.items():
        target = Path(out) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return len(written)


class Renderer:
    """This build's pages and exports: submitted to `executor` now, or made when asked."""

    def __init__(self, kb, site, planned: list[pages.Planned], site_dir: str,
                 executor: ProcessPoolExecutor | None):
        global _job
        _job = (kb, site, planned, site_dir)
        self.planned, self.executor = planned, executor
        self.tasks: list[Future] = []
        self.exports: Future | None = None
        if executor is not None:
            self.tasks = [executor.submit(_render_range, i, i + PAGES_PER_TASK)
                          for i in range(0, len(planned), PAGES_PER_TASK)]
            self.exports = executor.submit(_write_exports)
        else:
            _write_exports()

    def page(self, index: int) -> pages.Rendered:
        """Planned page `index`, rendered (waiting for its task if a pool renders it)."""
        if self.executor is None:
            kb, site, planned, _out = _job
            return pages.render(kb, planned[index], site)
        return self.tasks[index // PAGES_PER_TASK].result()[index % PAGES_PER_TASK]

    def finish(self) -> None:
        """Wait for every task and raise the first failure (pages MkDocs did not read too)."""
        for task in [*self.tasks, *([self.exports] if self.exports else [])]:
            task.result()

    def close(self) -> None:
        global _job
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
        _job = None
