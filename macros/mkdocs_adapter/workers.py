"""Render the generated pages and write the export files, in a process pool or in line.

As Material's social plugin does: one standard executor per build, a future per piece of
work (a run of pages, the exports), every result checked before the build ends. The pool's
processes are forked once the KnowledgeBase is built, so they share it without pickling; only
their results (page bodies) travel back. Where forking is unsafe or pointless (`mkdocs serve`
runs threads; one core; KB_JOBS=1: Options.jobs) pages are rendered in line when MkDocs reads
them, with the same code, so the output is the same byte for byte.
"""
from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from macros.kb import Options, exports
from macros.kb.pages import plan as pages

PAGES_PER_TASK = 40
# this build's (kb, site, templates, planned, exports dir), for forked workers
_job: tuple | None = None


def jobs(serving: bool, options: Options) -> int:
    """How many processes to render with: the options' (2 where fork is available, there are
    two cores and KB_JOBS is not 1), but 1 under `mkdocs serve` (its threads make fork
    unsafe)."""
    return 1 if serving else options.jobs


def pool(processes: int) -> ProcessPoolExecutor | None:
    """A pool of forked processes, or None for one process."""
    return ProcessPoolExecutor(processes, mp_context=get_context("fork")) if processes > 1 \
        else None


def _render_range(start: int, stop: int) -> list[pages.Rendered]:
    kb, site, templates, planned, _out = _job
    return [pages.render(kb, p, site, templates) for p in planned[start:stop]]


def _write_exports() -> int:
    kb, site, _templates, _planned, out = _job
    written = exports.files(kb, site)
    changed = 0
    for path, content in written.items():
        target = Path(out) / path
        # `mkdocs serve --dirty` keeps the last build's files: one that did not change is left
        # alone (the browser and the offline copy see the same file)
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        changed += 1
    return changed


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
            self.tasks = [executor.submit(_render_range, i, i + PAGES_PER_TASK)
                          for i in range(0, len(planned), PAGES_PER_TASK)]
            self.exports = executor.submit(_write_exports)
        else:
            _write_exports()

    def page(self, index: int) -> pages.Rendered:
        """Planned page `index`, rendered (waiting for its task if a pool renders it)."""
        if self.executor is None:
            kb, site, templates, planned, _out = _job
            if index in self.views:
                return pages.render_view(self.views.pop(index), templates)
            return pages.render(kb, planned[index], site, templates)
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
