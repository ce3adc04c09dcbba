"""What every builder does around the core, written once: the MkDocs hooks
(macros/mkdocs_adapter/), the Zensical build (macros/zensical_adapter/build.py) and the
maintainers' command (macros/cli.py) call these, so that each step runs and words its errors
the same way whichever tool builds.

  - how many processes to work in (`jobs`) and the pool of them (`pool`): the core makes no
    process pool, it is handed one (macros/kb/__init__.py);
  - loading the data with the garbage collector's policy for a build (`load`);
  - the publishing guard: a build for publishing refuses an address only this machine or
    its network reaches (`refused`);
  - writing the export files into a folder (`write_exports`).
"""
from __future__ import annotations

import gc
import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from macros.kb import Options, build_kb, exports
from macros.kb.common import files, memo
from macros.kb.common.urls import SiteInfo


def jobs(options: Options, serving: bool = False) -> int:
    """How many processes to work in: the options' (2 where fork is available, there are two
    cores and KB_JOBS is not 1), but 1 under `mkdocs serve` (its threads make fork unsafe)."""
    return 1 if serving else options.jobs


def pool(processes: int) -> ProcessPoolExecutor | None:
    """A pool of forked processes, or None for one process. Forked, so that the workers share
    what the parent built (the KnowledgeBase) without pickling it."""
    return ProcessPoolExecutor(processes, mp_context=get_context("fork")) if processes > 1 \
        else None


def with_pool(run, processes: int, keep: bool = False):
    """run(executor) with a pool of `processes` (None for one) and the garbage collector
    paused: everything loaded stays alive, and each collection would traverse it again.
    keep: what was loaded stays to the end of the build, so it is then frozen out of the
    collector's reach (gc.freeze): the rest of the build does not traverse it either, and
    forked workers share its memory pages untouched. A rebuild (mkdocs serve) unfreezes
    first, so that an old KnowledgeBase can be collected."""
    if keep:
        gc.unfreeze()
    gc.disable()
    executor = pool(processes)
    try:
        return run(executor)
    finally:
        if executor is not None:
            executor.shutdown()
        if keep:
            gc.freeze()
        gc.enable()


def cache_folder(options: Options) -> Path:
    """The build's cache folder (Options.cache), made if missing. Every step keeps something
    there: where it cannot be made or written (KB_CACHE_DIR below a file, a folder of another
    user), a ValueError says so and what to do, before anything is built."""
    folder = options.cache
    try:
        folder.mkdir(parents=True, exist_ok=True)
        problem = None if os.access(folder, os.W_OK | os.X_OK) else "not writable"
    except OSError as exc:
        problem = exc.strerror
    if problem:
        told = "KB_CACHE_DIR" if options.cache_dir else "the project's .cache/kb/"
        raise ValueError(f"the build's cache folder {folder} ({told}) cannot be used: "
                         f"{problem}. Point KB_CACHE_DIR at a folder this user can write.")
    return folder


def load(options: Options, processes: int):
    """The build's KnowledgeBase (the files' checks shared by `processes`), kept to the end of
    the build; raises kb.data.problems.DataError with every data problem. From here on, what
    the process works out of the code and the catalogues is kept in the cache for the next
    (kb/common/memo.py)."""
    memo.keep_in(options.cache / "memo")
    return with_pool(lambda executor: build_kb(options.data, options.build_date, executor),
                     processes, keep=True)


def refused(site: SiteInfo, options: Options) -> str | None:
    """Why a build for publishing (KB_PUBLISH=1) must stop, or None: its address is one only
    this machine or its network reaches."""
    if not options.publishing or site.is_public:
        return None
    return (f"site_url is {site.url}, which only this machine or its network reaches: every "
            "permalink, citation, feed and CSV of a published site is built from it. Set "
            "KB_SITE_URL to the address the site is published at (the GitHub workflow passes "
            "the Pages URL).")


def write_exports(kb, site: SiteInfo, folder: str | Path, under: str = "") -> int:
    """Write every export file (kb/exports) into `folder` at its site path, or at its path
    below `under` (the CLI writes exports/x as x); return how many. A file already there with
    the same bytes is left alone: `mkdocs serve --dirty` keeps the last build's files, and
    the browser and the offline copy then see the same file (mkdocs_adapter/incremental.py).
    Another is written as a new file, whatever was in its way (kb/common/files.py)."""
    written = exports.files(kb, site)
    for path, content in written.items():
        files.replace(Path(folder) / (Path(path).relative_to(under) if under else path), content)
    return len(written)
