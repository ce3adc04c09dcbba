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
- anything else every page follows from (the code, the templates, mkdocs.yml, the list of
  hand-written files, the editions, the build date, each edition's footer, the translations'
  review status) changed: the site folder is emptied, and everything is made again, as a clean
  build does. So is the first build, and any build after one that failed.

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


memory = Memory()


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
