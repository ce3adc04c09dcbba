"""The offline copy: the whole built site, every edition, as one zip that works opened from
disk (`file://`), published as exports/kb-offline.zip and linked from the Exports pages.

make(SITE, DAY) runs after the build, beside the search step (make_beside_index, from hooks.py
on_post_build; `scripts/kb.py offline SITE` for a builder without hooks). It reads the built
site and, in memory:
  - leaves out Pagefind's bundle (pagefind/: its module and fetches do not run from disk), any
    earlier zip, and what only a web server uses: 404.html (its links start at the server's
    root, which on disk is the disk's) and the sitemaps;
  - points every link to a folder at the folder's index.html (links.py);
  - marks each page's search dialog to search the copy's own index, which it writes per
    edition as assets/kb-offline/<lang>.js (index.py; searched by assets/kb-offline-search.js);
  - replaces, in the copy's Exports pages, the paragraph with the zip's link, size and SHA-256
    by a note: a file cannot hold its own hash (the published pages say so too);
then writes the zip (archive.py: same input, same bytes), and fills the size and SHA-256 into
the built site's Exports pages, where the build left the place for them (blocks/offline.html).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import time
import zlib
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import partial
from typing import Callable
from pathlib import Path

from babel.numbers import format_decimal
from ..common import editions, i18n
from ..common import kept as kept_
from ..common.markup import escape
from ..common.urls import OFFLINE_ZIP, export_path
from .. import search
from ..search import IndexStats
from . import archive, index, links

FOLDER = "kb-offline/"  # every file of the zip is under it: unzipping makes one folder
LEFT_OUT = ("pagefind/", "404.html", "sitemap.xml")  # path prefixes
SECTION = re.compile(r'<div class="kb-offline" data-kb-offline>.*?</div>', re.DOTALL)
FACTS = re.compile(r"<span data-kb-offline-facts>(?:(?!</span>).)*</span>", re.DOTALL)
MARK = b"data-kb-offline"  # in both, and in no other page


@dataclass(frozen=True)
class Stats:
    path: Path
    size: int
    sha256: str
    files: int
    pages: int
    seconds: float


def _site_files(site: Path) -> dict[str, Path]:
    """{site-relative path: file} of what the copy holds. The folders left out are not
    walked: Pagefind may be writing pagefind/ meanwhile (make_beside_index). Hidden entries
    are not the build's (MkDocs publishes none, and leaves those it finds in the folder)."""
    zip_path = export_path(OFFLINE_ZIP)
    found = {}
    for folder, dirs, names in os.walk(site):
        rel_folder = Path(folder).relative_to(site).as_posix()
        prefix = "" if rel_folder == "." else rel_folder + "/"
        dirs[:] = [d for d in dirs
                   if not d.startswith(".") and not (prefix + d + "/").startswith(LEFT_OUT)]
        for name in names:
            rel = prefix + name
            if rel != zip_path and not rel.startswith(LEFT_OUT) and not name.startswith("."):
                found[rel] = Path(folder) / name
    return found


# what makes a pool of forked processes (build_steps.pool with their number), or None: one
Pool = Callable[[], Executor | None] | None


def _copy(site: Path, files: dict[str, Path], kept: Pages | None = None, pool: Pool = None
          ) -> tuple[dict[str, archive.Content], list[str], index.Gathered]:
    """{path in the copy: its content}: the built site (`files`: _site_files) as it opens
    from disk; the pages with the place for the zip's size and SHA-256; the copy's search
    index, gathered (close it once the zip is written). Files copied as they are are read
    when the zip is written; the pages, whose links change, are held compressed, and the
    search index is gathered as they are read: a site of 46,000 pages is never held whole
    (issue 26). What is made of a page or a file is kept in `kept`, if given, for the next
    build. The pages not kept are made in the pool `pool` makes, if any (_Making)."""
    names = frozenset(files)
    out: dict[str, archive.Content] = {}
    with_facts, pages, to_make = [], [], []
    for rel in sorted(files):  # the index lists each edition's pages in path order
        path = files[rel]
        if not rel.endswith(".html"):
            out[rel] = partial(_deflated, path, kept) if kept is not None else path.read_bytes
            continue
        # the page's bytes name what was made of it; its text is read (as read_text reads
        # it, newlines made \n) only where it is changed or made
        content, html = path.read_bytes(), None
        if MARK in content or b"\r" in content:  # the Exports pages, or a \r to make \n
            html = _text(content)
            if FACTS.search(html):
                with_facts.append(rel)
            # the paragraph with the zip's link first: it holds no link that stays
            html = SECTION.sub(lambda m: in_copy_note(editions.split(rel)[0]), html)
            content = html.encode("utf-8")
        job = (rel, str(path), html, kept.key(rel, content) if kept is not None else None)
        pages.append(job)
        if job[3] is None or not kept.use(job[3]).exists():  # read below if it is there
            to_make.append(job)
    found = index.Gathered()
    with _Making(names, kept, pool if len(to_make) > _IN_LINE else None) as making:
        fresh, made_here = making.map(to_make), {job[0] for job in to_make}
        for job in pages:  # in order, nothing held: a site of 46,000 pages (issue 26)
            made = next(fresh) if job[0] in made_here else kept.get(job[3])
            if not (isinstance(made, tuple) and len(made) == 2
                    and isinstance(made[0], archive.Deflated)):  # gone, or damaged
                made = _make(job)
            out[job[0]], entry = made  # compressed as the zip holds it
            found.add(job[0], entry)
    for lang in found.langs():
        out[index.index_path(lang)] = archive.Streamed(partial(found.write, lang))
    return out, with_facts, found


_IN_LINE = 200  # pages to make: fewer are made in this process (a pool takes ~0.1 s to start)


class _Making:
    """What the copy makes of the pages not kept: their links rewritten (links.py), the page
    compressed (archive.Deflated) and its search index entry (index.py), kept in `kept`. With
    a pool (`pool()`: forked processes, build_steps.pool; the core makes none of its own),
    made for it (the build's own has been handed to the search step): at 1,000 synthetic
    cases, every edition, making them took 28 of the 66 s of a build from an empty cache,
    in the main process alone while Pagefind ran beside it.
    Results come back in the order asked (the index lists pages in path order); the pages'
    names and the cache reach the pool's processes by the fork, not pickled for each page.
    The fork happens while the search step's thread waits on Pagefind (and the build's own
    pool winds down): the forked processes only read pages, compress, parse and write cache
    entries, and take none of the locks those threads hold. (A fork in the instant the search
    step starts a Pagefind run, its pipe made and not yet closed, would have the pool hold
    that pipe until it ends: the search step would wait for it, a delay and not a fault.)
    Python 3.12 and later warn of a fork with threads alive (DeprecationWarning, not shown
    by default)."""

    names: frozenset[str] = frozenset()
    kept: Pages | None = None

    def __init__(self, names: frozenset[str], kept: Pages | None, pool: Pool):
        self.start, self.make_pool, self.pool = (names, kept), pool, None

    def __enter__(self) -> _Making:
        _Making.names, _Making.kept = self.start  # before the pool forks its processes
        if self.make_pool is not None:
            self.pool = self.make_pool()
        return self

    def __exit__(self, *exc) -> None:
        _Making.names, _Making.kept = frozenset(), None
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def map(self, jobs: list[tuple]):
        if self.pool is None:
            return map(_make, jobs)
        return self.pool.map(_make, jobs, chunksize=max(1, min(64, len(jobs) // 32)))


def _make(job: tuple[str, str, str | None, str | None]) -> tuple[archive.Deflated, dict | None]:
    """What the copy makes of the page at `rel` (its HTML: `html`, else read from `path`),
    kept as `key` in the cache (_Making)."""
    rel, path, html, key = job
    kept = _Making.kept
    if html is None:
        content = Path(path).read_bytes()
        html = _text(content)
        if kept is not None and kept.key(rel, content) != key:  # changed since it was named
            kept = None
    html = links.rewrite(html, rel, _Making.names)
    made = archive.Deflated.of(html.encode("utf-8")), index.page_entry(html, rel)
    if key is not None and kept is not None:
        kept.put(key, made)
    return made


def _text(content: bytes) -> str:
    """A page's bytes as Path.read_text(encoding="utf-8") gives them."""
    return content.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _deflated(path: Path, kept: Pages) -> archive.Deflated:
    """A file the copy holds as it is, compressed as the zip holds it: kept in `kept` by
    its content, so that the same file is not compressed again by the next build."""
    content = path.read_bytes()
    key = kept.file_key(content)
    made = kept.get(key)
    if not isinstance(made, archive.Deflated):
        made = archive.Deflated.of(content)
        kept.put(key, made)
    return made


class Pages(kept_.Folder):
    """What the copy made of each page (its links rewritten, compressed: archive.Deflated; its
    search index entry) and of each other file (compressed), kept by earlier builds in `folder`
    (Options.cache), one file each, named by a hash of everything it follows: the page's path
    and HTML, the paths of the site's files (a link is rewritten when its folder holds an
    index.html), the kb package's code and the libraries installed (common/kept.py). A page any
    of them changed gets another name, so a stale one is never read. In a profile of the real
    site's copy (681 pages), rewriting the links took 1.9 s and reading the pages for the index
    1.1 s of 4.5 s; a page found here costs a file read. Files no build has used for a day are
    deleted, and the folder holds at most twice the files of the last build or LEAST, whichever
    is more (prune)."""

    # Entries kept whatever the last build used: the real site's 681 pages in every edition
    # and its other files' (about 60 distinct), its English edition alone and the variants
    # the tests build come to about 8,000 (8 KB each); the real site's are among the newest
    # 5,000 after a test run.
    LEAST = 5000

    def __init__(self, folder: Path, names: frozenset[str]):
        super().__init__(folder)
        # the compressed bytes follow zlib's version (the system's library: not a package)
        self.code = hashlib.sha256(repr((kept_.code(), kept_.installed(),
                                         zlib.ZLIB_RUNTIME_VERSION, archive.LEVEL)
                                        ).encode("utf-8")).digest()
        self.salt = hashlib.sha256(self.code + repr(sorted(names)).encode("utf-8")).digest()

    def key(self, rel: str, html: bytes) -> str:
        """The name of what is made of the page at `rel` whose HTML is `html` (UTF-8)."""
        return hashlib.sha256(self.salt + rel.encode("utf-8") + b"\0" + html).hexdigest()

    def file_key(self, content: bytes) -> str:
        """The name of a file the copy holds as it is (compressed) whose bytes are
        `content`: its place and the site's other files do not matter."""
        return hashlib.sha256(self.code + b"file\0" + content).hexdigest()


def in_copy_note(lang: str) -> str:
    return (f'<div class="kb-offline" data-kb-offline-copy><p>'
            f'{escape(i18n.gettext("exports.offline.in_copy", lang))}</p></div>')


def facts(size: int, sha256: str, lang: str) -> str:
    """The zip's size and SHA-256 as the Exports page shows them, in the page's language."""
    text = i18n.gettext("exports.offline.facts", lang,
                        size=format_decimal(round(size / 1_000_000, 1), locale=lang),
                        bytes=format_decimal(size, locale=lang))
    return f'{escape(text)} <code class="kb-offline__sha256">{sha256}</code>'


def make(site_dir: str | Path, build_date: dt.date, cache: Path | None = None,
         pool: Pool = None) -> Stats:
    """Write SITE/exports/kb-offline.zip from the built site and show its size and SHA-256 on
    the site's Exports pages; its entries are dated `build_date` (the build's, kb/options.py).
    `cache`: a folder where what is made of each page is kept for the next build (Pages);
    `pool`: what makes a pool to make the pages in, or None (_Making). The zip is the same
    bytes with a cache or without, in one process or more."""
    return _show(_write(site_dir, build_date, cache, pool))


def make_beside_index(site_dir: str | Path, build_date: dt.date, cache: Path | None = None,
                      pagefind: tuple[tuple[str, str], ...] = (), executor=None,
                      pool: Pool = None) -> tuple[IndexStats, Stats]:
    """The search index (search.start_index) and the offline copy (make) of the built site,
    made side by side: Pagefind runs in its own process while the copy is read and zipped
    (neither needs the other: the copy leaves pagefind/ out). The zip's size and SHA-256 are
    written into the Exports pages only once Pagefind has read them. With `cache` (the
    build's cache folder, Options.cache), what each made is kept in its "search" and
    "offline" folders for the next build; `pagefind`: Options.pagefind; `executor`: a pool
    the search step may read the pages in (search.start_index); `pool`: what makes the pool
    the copy makes its pages in, forked while the search step's thread runs (_Making): only
    where no other thread of the process may hold a lock the copy takes (not under
    `mkdocs serve`)."""
    indexing = search.start_index(site_dir, cache and cache / "search", pagefind, executor)
    try:
        written = _write(site_dir, build_date, cache and cache / "offline", pool)
    finally:
        indexed = indexing.wait()
    return indexed, _show(written)


@dataclass(frozen=True)
class _Written:
    site: Path
    target: Path
    size: int
    sha256: str
    files: int
    pages: int
    with_facts: list[str]
    start: float


def _write(site_dir: str | Path, build_date: dt.date, cache: Path | None,
           pool: Pool = None) -> _Written:
    """The zip, written; the built pages not changed yet."""
    start = time.perf_counter()
    site = Path(site_dir).resolve()
    on_disk = _site_files(site)
    kept = None
    if cache is not None:
        try:
            kept = Pages(cache, frozenset(on_disk))
        except OSError:  # a cache folder that cannot be made: the copy is made without one
            kept = None
    files, with_facts, found = _copy(site, on_disk, kept, pool)
    target = site / export_path(OFFLINE_ZIP)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("wb") as out:
            archive.write_zip(out, files, build_date, FOLDER)
    finally:
        found.close()
    if kept is not None:  # once every page and file was looked up
        kept.prune()
    with target.open("rb") as written:
        sha256 = hashlib.file_digest(written, "sha256").hexdigest()
    pages = sum(1 for name in files if name.endswith(".html"))
    return _Written(site, target, target.stat().st_size, sha256, len(files), pages,
                    with_facts, start)


def _show(written: _Written) -> Stats:
    """The zip's size and SHA-256 filled into the built Exports pages (empty after the build;
    filled again when made again from a site)."""
    for rel in written.with_facts:
        page = written.site / rel
        lang, _rest = editions.split(rel)
        shown = (f"<span data-kb-offline-facts>{facts(written.size, written.sha256, lang)}"
                 "</span>")
        page.write_text(FACTS.sub(lambda m: shown, page.read_text(encoding="utf-8")),
                        encoding="utf-8")
    if not written.with_facts:
        raise RuntimeError("no Exports page has the place for the offline copy's size and "
                           "SHA-256 (overrides/kb/blocks/offline.html)")
    return Stats(written.target, written.size, written.sha256, written.files, written.pages,
                 time.perf_counter() - written.start)
