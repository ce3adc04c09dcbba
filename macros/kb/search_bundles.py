"""The search bundles earlier builds made, kept for the next build (Options.cache / "search"):
an edition whose indexed pages are the same, byte for byte, takes its bundle from here instead
of running Pagefind again (kb/search.py, start_index and Indexing). Apart from search.py so
that a pool's process can work out a bundle's name (`bundle_key`) while the build's own
process makes the offline copy."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
from concurrent.futures import BrokenExecutor, Future
from pathlib import Path

from .common import editions
from .common.kept import Folder, installed, link, remove

# the attribute that marks what Pagefind indexes
ATTRIBUTE = b"data-pagefind-body"


def marked(html: bytes) -> bool:
    """Whether the page marks what Pagefind indexes: the attribute inside a tag (its value
    may hold no < or >), not as a page may name it in its text, where < and > are written
    &lt; and &gt;. As the regular expression rb"<[a-z][^<>]*data-pagefind-body" (case
    ignored) finds it.

    Written by hand because that expression, tried at every tag of a page until the one with
    the attribute, took 0.12 s of the 0.31 s that taking the real site's bundles from the
    cache took (682 pages), all of it holding the interpreter's lock while the offline copy
    was made beside it. This finds the attribute's name (in the bytes lowered), then looks
    back to the nearest < or >: it is in a tag when that is a < followed by a letter and at
    least one character before the name. (tests/test_search_index.py compares it with an
    HTML parser on every page of the built site, and with Pagefind on pages that name the
    attribute in their text, in capitals, or after a value holding a >.)"""
    lowered = html.lower()
    at = lowered.find(ATTRIBUTE)
    while at != -1:
        start = max(lowered.rfind(b"<", 0, at), lowered.rfind(b">", 0, at))
        if start != -1 and lowered[start] == 0x3C and start + 1 < at \
                and lowered[start + 1:start + 2].isalpha():
            return True
        at = lowered.find(ATTRIBUTE, at + 1)
    return False


class Bundles(Folder):
    """Each edition's bundle as Pagefind made it, kept by earlier builds in `folder` (Options.cache
    / "search"), one folder each, named by a hash of everything Pagefind reads to make it: the
    path and bytes of each page of the edition it indexes (`key`), the command's options but the
    site's folder, the PAGEFIND_* variables set and the libraries installed, Pagefind's among
    them (common/kept.py). An edition any of whose indexed pages changed gets another name. On
    the real site Pagefind takes about 2.4 s of CPU, one edition after another (the Chinese
    pages' segmentation 1.9 s of it), and the build's end waits for it; a bundle taken from here
    costs reading the edition's pages once (about 0.1 s) and linking its files (common/kept.py:
    link), which the site and the cache then share: nothing writes into a bundle's files once
    Pagefind made them (search.start_index deletes the site's pagefind/ folder before an index
    is made or taken). Pagefind writes a few files (filter lists, metadata) in a varying
    order: a bundle taken from here has the order of the run that made it. Not covered: a
    Pagefind configuration file in the folder the build runs in (the project has none). What
    no build used for a day goes (common/kept.py). A cache that fails (a file missing, a disk
    full) only makes Pagefind run."""

    MANIFEST = ".kb-files"  # in a kept bundle: its files and their sizes, checked when taken

    def __init__(self, folder: Path, pagefind: tuple[tuple[str, str], ...] = ()):
        super().__init__(folder)
        self.pages: dict[str, frozenset[str]] = {}  # {key: the addresses it counts}
        self.salt = repr((installed(), pagefind)).encode("utf-8")

    def key(self, site: Path, lang: str, command: list[str], found: Future | None = None
            ) -> str:
        """The name of the bundle Pagefind makes of the `lang` pages of `site` by `command`
        (`bundle_key`), or `found`'s: the same worked out in a pool's process (start_index)."""
        made = None
        try:
            made = found.result() if found is not None else None
        except BrokenExecutor:  # the pool's process gone: read here
            pass
        key, pages = made or bundle_key(self.salt, site, lang, command)
        self.pages[key] = pages
        return key

    def take(self, key: str, bundle: Path) -> bool:
        """Copy the bundle kept as `key` to `bundle` (a folder not there yet); False if no
        build kept it, or if it did not come whole (another build deleted it meanwhile)."""
        kept = self.use(key)
        try:
            os.utime(kept)  # used: kept another day, and the newest for other builds' prune
        except OSError:  # not there
            return False
        try:
            shutil.copytree(kept, bundle, ignore=shutil.ignore_patterns(self.MANIFEST),
                            copy_function=link)
            whole = (kept / self.MANIFEST).read_text(encoding="utf-8") == _manifest(bundle)
            if not whole:  # damaged: this build keeps its own instead
                remove(kept)
        except (OSError, shutil.Error):  # deleted meanwhile by another build, or unreadable
            whole = False
        if not whole and bundle.exists():
            shutil.rmtree(bundle)
        return whole

    def keep(self, key: str, bundle: Path) -> None:
        """Keep the bundle Pagefind made as `key`, if it indexed the pages the key counts,
        no other; whole or not at all (builds running at once share the folder)."""
        temporary = self.temporary(key)
        try:
            if _indexed(bundle) != self.pages[key]:
                return
            shutil.copytree(bundle, temporary, copy_function=link)
            (temporary / self.MANIFEST).write_text(_manifest(bundle), encoding="utf-8")
        except (OSError, shutil.Error, ValueError, KeyError):  # a disk full, a fragment
            remove(temporary)  # unreadable
            return
        self.publish(key)

    # Bundles kept whatever the last build used: three editions of eight states of the real
    # site's pages (about 1 MB each), so that a build's bundles outlast what the tests and a
    # build of one edition make in between.
    LEAST = 24


def bundle_key(salt: bytes, site: Path, lang: str, command: list[str]
               ) -> tuple[str, frozenset[str]]:
    """Bundles.key: the name and the addresses of the pages it counts. Once a page has
    data-pagefind-body Pagefind leaves out every page without it, so only the pages with the
    attribute count (so the Exports pages, which hold the last zip's size and SHA-256 when
    `serve` rebuilds, do not change the name), or every page if none has it. The attribute is
    looked for in the bytes (marked); where that finds other pages than those Pagefind
    indexed, `keep` keeps nothing. (Missed: the attribute after another whose value holds a <
    or >, which the templates escape.)"""
    digest = hashlib.sha256(salt)
    where = command.index("--site")
    digest.update(repr(command[where + 2:]).encode("utf-8"))
    pages = []  # (path, SHA-256, has data-pagefind-body)
    for path in _edition_pages(site, lang):
        html = path.read_bytes()
        pages.append((path.relative_to(site).as_posix(), hashlib.sha256(html).digest(),
                      marked(html)))
    indexed = [page for page in pages if page[2]] or pages
    for path, sha256, _body in indexed:
        digest.update(b"\0%s\0%s" % (path.encode("utf-8"), sha256))
    return digest.hexdigest(), frozenset(_address(path) for path, _sha256, _body in indexed)


def _address(path: str) -> str:
    """The address Pagefind gives the page at `path` in the site (cases/x/index.html:
    /cases/x/)."""
    return "/" + (path.removesuffix("index.html") if path.endswith("/index.html")
                  or path == "index.html" else path)


def _indexed(bundle: Path) -> frozenset[str]:
    """The addresses of the pages a bundle holds (its fragments)."""
    return frozenset(json.loads(gzip.decompress(path.read_bytes())[12:])["url"]
                     for path in (bundle / "fragment").glob("*.pf_fragment"))


def _manifest(bundle: Path) -> str:
    """Every file of a bundle and its size, one a line, in path order."""
    return "".join(f"{path.relative_to(bundle).as_posix()}\t{path.stat().st_size}\n"
                   for path in sorted(bundle.rglob("*"))
                   if path.is_file() and path.name != Bundles.MANIFEST)


def _edition_pages(site: Path, lang: str) -> list[Path]:
    """The HTML pages of `lang`'s edition in the built `site`, in path order: what its glob
    (_globs) can take, and no fewer."""
    folder = editions.EDITIONS[lang].folder
    if folder:
        return sorted((site / folder).rglob("*.html"))
    return sorted(path for path in site.rglob("*.html")
                  if path.relative_to(site).parts[0] not in {*editions.FOLDERS, "pagefind"})
