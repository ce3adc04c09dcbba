"""`mkdocs serve --dirty`: after an edit of the data, write again only the pages that change.

MkDocs has the mechanism: a dirty build (`mkdocs serve --dirty`, MkDocs 1.6) does not empty
the site folder, and reads and writes only the pages whose `File.is_modified()` says so (for a
hand-written page: its Markdown file is newer than its HTML). Every hook still runs, the
configuration is read again, and the static templates (404.html, sitemap.xml) are made again.
What this module adds, for the pages that follow from the data:

- a generated page is modified when its view model changed (pages.plan.View.key(): the view
  is made from the resolved KnowledgeBase, which knows every reference between records, so a
  source's new title reaches every page that shows it, and only those). Only the views that
  can have changed are made again: those that read a record whose content changed, or every
  one when what is derived from the records changed (pages/changes.py);
- a hand-written page that shows blocks (kb_block) is modified when one of its blocks' view
  HTML changed: its HTML is deleted, so that MkDocs' own test finds it modified;
- the pages and export files of records removed are deleted; an export file is written only
  when its bytes changed (workers.py);
- anything else every page follows from (the templates, mkdocs.yml, the list of
  hand-written files, the editions, the build date, each edition's footer, the translations'
  review status) changed: the site folder is emptied, and everything is made again, as a clean
  build does. So is the first build, and any build after one that failed;
- the code under macros/ changed: the build stops, asking for `mkdocs serve` to be started
  again (`code_changed`), since the process goes on running the modules it imported.

What the last build made is kept in `memory`, in the `mkdocs serve` process (MkDocs loads the
hooks once and reads the configuration again for each build). A page's edition alternates
cannot change without the list of hand-written files changing, or the page being new, so they
are not compared.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
from pathlib import Path
from typing import NamedTuple

from macros.kb.common import kept
from macros.kb.common.editions import split as split_edition
from macros.kb.common.urls import SiteInfo
from macros.kb.pages import blocks, changes

log = logging.getLogger("mkdocs.hooks.kb")

# MkDocs logs this warning on every dirty build; under `strict: true` (mkdocs.yml) it fails
# the build. The staleness it warns about is what this module takes care of.
DIRTY_WARNING = "A 'dirty' build is being performed"


class Made(NamedTuple):
    """A generated page, as the last build made it."""

    key: bytes  # its view's (pages.plan.View.key)
    read: frozenset  # (type, id) of the records its view read or holds
    title: str  # escaped, for the menus when it is not read again


class Memory:
    """What the last successful build of this process made."""

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        """Nothing known: the next build makes everything (after emptying the site folder)."""
        self.fingerprint: bytes | None = None
        # generated page's output path -> its view's key, the records it read, its title
        self.pages: dict[str, Made] = {}
        self.records: dict[tuple[str, str], bytes] = {}  # each record's digest (changes.py)
        self.structure: bytes | None = None  # what resolve derived from them (changes.py)
        self.exports: set[str] = set()  # export files' site paths
        self.blocks: dict[str, dict[str, bytes]] = {}  # hand-written page's src_uri ->
        # {block name: block_key}, recorded by kb_block (macros/__init__.py) as it renders

    def used_block(self, src_uri: str, name: str, key: bytes) -> None:
        self.blocks.setdefault(src_uri, {})[name] = key


def block_key(html: str) -> bytes:
    """A digest of a block's HTML, as kb_block rendered it: the page that shows the block is
    made again when it changes."""
    return hashlib.blake2b(html.encode("utf-8"), digest_size=16).digest()


# macros/: the code of this package, the kb package and the hooks. MkDocs loads the hooks file
# again for each build of `mkdocs serve`, but not the modules it imports, which stay as this
# process first imported them: what they were then is noted here, once (`code_changed`).
MACROS = Path(__file__).resolve().parent.parent
STARTED = kept.content_hash([MACROS])


def code_changed() -> bool:
    """Whether a file under macros/ changed since this process imported its modules: it
    would go on running the code it started with."""
    return kept.content_hash([MACROS]) != STARTED


memory = Memory()
upcoming = Memory()  # what this build makes, kept (keep) once it succeeds; its blocks unused


def keep() -> None:
    """This build succeeded: what it made is what the next one compares with."""
    memory.fingerprint, memory.pages = upcoming.fingerprint, upcoming.pages
    memory.records, memory.structure = upcoming.records, upcoming.structure
    memory.exports = upcoming.exports


class DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def fingerprint(project: Path, templates: Path, config_file: str, hand_written: list[str],
                everywhere: object) -> bytes:
    """A digest of what every page follows from besides its own view: the code (the project's
    macros/ folder) and the templates (the dates and sizes of their files), mkdocs.yml, the
    list of hand-written files, and `everywhere` (picklable: the editions, the build date,
    each edition's footer...)."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in (project / "macros", templates):
        for path in sorted(folder.rglob("*")):
            if path.suffix != ".pyc" and path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    digest.update(Path(config_file).read_bytes())
    digest.update(pickle.dumps((sorted(hand_written), everywhere), pickle.HIGHEST_PROTOCOL))
    return digest.digest()


def remove(site_dir: str, paths) -> int:
    """Delete these files of the site folder (site-relative paths) and the folders they leave
    empty, as a clean build would not have them. Returns how many there were."""
    root = Path(site_dir).resolve()
    gone = 0
    for rel in paths:
        path = root / rel
        if path.is_file():
            path.unlink()
            gone += 1
        folder = path.parent
        while folder != root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return gone


def clean(site_dir: str) -> None:
    """Empty the site folder, as MkDocs does before a clean build."""
    from mkdocs.utils import clean_directory
    if os.path.isdir(site_dir):
        clean_directory(site_dir)


def start(config, files, kb, options, chrome: dict) -> bool:
    """`mkdocs serve --dirty`: whether this build can keep the last one's pages (nothing but
    the data changed since); if not, empty the site folder, and the hand-written
    pages will be made again too. A hand-written page whose blocks changed is made again: its
    HTML is deleted, so that MkDocs finds it modified."""
    hand_written = [f.src_uri for f in files]
    everywhere = (options.editions, options.build_date, config.site_url, chrome,
                  kb.translation_status)
    found = fingerprint(options.project, options.templates, config.config_file_path,
                        hand_written, everywhere)
    warm = memory.fingerprint == found
    if not warm:
        if memory.fingerprint is not None:
            log.info("kb: the code, the templates or the settings changed: making everything")
        clean(config.site_dir)
        memory.forget()
    upcoming.fingerprint = found
    if warm:
        site = SiteInfo.from_config(config)
        repository = (config.extra or {}).get("repository")
        # the blocks made here are kept for kb_block to read (macros/__init__.py: the same cache)
        cache = blocks.Cache(options.cache / "blocks", options.data, options.templates)
        for src_uri, used in list(memory.blocks.items()):
            file = files.get_file_from_path(src_uri)
            lang, here = split_edition(src_uri)
            if file is None or any(
                    block_key(blocks.block(kb, name, here, site, options.templates, lang,
                                           repository, cache=cache)) != key
                    for name, key in used.items()):
                memory.blocks.pop(src_uri)
                if file is not None:
                    Path(file.abs_dest_path).unlink(missing_ok=True)
    return warm


def views(config, kb, site: SiteInfo, made: list, warm: bool) -> dict:
    """Make again the views of the generated pages that can have changed since the last build
    (pages/changes.py: all of them on a cold build, or when what resolve derives changed; else
    those that read a record whose content changed) and compare their keys with the last
    build's. A page whose view is the same is marked unmodified (MkDocs then neither reads nor
    writes it); the others' views are returned, to render them from. The pages of records
    removed are deleted."""
    digests, structure = changes.records(kb), changes.structure(kb)
    edited = (changes.changed(memory.records, digests)
              if warm and structure == memory.structure else None)
    last, now, views, remade = memory.pages, {}, {}, 0
    for index, item, file in made:
        before = last.get(file.dest_uri) if warm else None
        if before is not None and edited is not None and before.read.isdisjoint(edited):
            now[file.dest_uri] = before  # it read nothing that changed: the same view
            file.kb_modified = False
            file.page.title = before.title  # MkDocs will not read it: its title, for the menus
            continue
        view, key, read = changes.read_view(kb, item, site, digests)
        remade += 1
        now[file.dest_uri] = Made(key, read, view.escaped_title)
        file.kb_modified = before is None or before.key != key
        if file.kb_modified:
            views[index] = view
        else:
            file.page.title = view.escaped_title
    removed = remove(config.site_dir, set(last) - set(now)) if warm else 0
    upcoming.pages, upcoming.records, upcoming.structure = now, digests, structure
    log.info("kb: %d of %d generated pages changed, %d removed (%d views made again)",
             len(views), len(made), removed, remade)
    return views
