"""The offline copy: the whole built site, every edition, as one zip that works opened from
disk (`file://`), published as exports/kb-offline.zip and linked from the Exports pages.

make(SITE, DAY) runs after the build and the search step (hooks.py on_post_build; `scripts/kb.py
offline SITE` for a builder without hooks). It reads the built site and, in memory:
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
import re
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from babel.numbers import format_decimal
from markupsafe import escape

from ..common import editions, i18n
from ..common.urls import OFFLINE_ZIP, export_path
from . import archive, index, links

FOLDER = "kb-offline/"  # every file of the zip is under it: unzipping makes one folder
LEFT_OUT = ("pagefind/", "404.html", "sitemap.xml")  # path prefixes
SECTION = re.compile(r'<div class="kb-offline" data-kb-offline>.*?</div>', re.DOTALL)
FACTS = re.compile(r"<span data-kb-offline-facts>(?:(?!</span>).)*</span>", re.DOTALL)


@dataclass(frozen=True)
class Stats:
    path: Path
    size: int
    sha256: str
    files: int
    pages: int
    seconds: float


def copy_files(site: Path) -> dict[str, Callable[[], bytes]]:
    """{path in the copy: a function that returns its content}: the built site as it opens
    from disk. Files copied as they are are read when the zip is written; the pages, whose
    links change, are held compressed (zlib, fastest level), and the search index is made as
    they are read: a site of 46,000 pages is never held whole (issue 26)."""
    zip_path = export_path(OFFLINE_ZIP)
    files = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}
    files = {rel: p for rel, p in files.items()
             if rel != zip_path and not rel.startswith(LEFT_OUT)}
    names = frozenset(files)
    out: dict[str, Callable[[], bytes]] = {}
    entries = []
    for rel, path in files.items():
        if not rel.endswith(".html"):
            out[rel] = path.read_bytes
            continue
        html = links.rewrite(path.read_text(encoding="utf-8"), rel, names)
        lang, _rest = editions.split(rel)
        html = SECTION.sub(lambda m: in_copy_note(lang), html)
        entries.append((rel, index.page_entry(html, rel)))
        out[rel] = partial(zlib.decompress, zlib.compress(html.encode("utf-8"), 1))
    entries.sort(key=lambda item: item[0])  # in the order of the paths' text, as before
    for lang, found in index.gather(entries).items():
        out[index.index_path(lang)] = partial(bytes, index.script(found))
    return out


def in_copy_note(lang: str) -> str:
    return (f'<div class="kb-offline" data-kb-offline-copy><p>'
            f'{escape(i18n.gettext("exports.offline.in_copy", lang))}</p></div>')


def facts(size: int, sha256: str, lang: str) -> str:
    """The zip's size and SHA-256 as the Exports page shows them, in the page's language."""
    text = i18n.gettext("exports.offline.facts", lang,
                        size=format_decimal(round(size / 1_000_000, 1), locale=lang),
                        bytes=format_decimal(size, locale=lang))
    return f'{escape(text)} <code class="kb-offline__sha256">{sha256}</code>'


def make(site_dir: str | Path, build_date: dt.date) -> Stats:
    """Write SITE/exports/kb-offline.zip from the built site and show its size and SHA-256 on
    the site's Exports pages; its entries are dated `build_date` (the build's, kb/options.py)."""
    start = time.perf_counter()
    site = Path(site_dir).resolve()
    files = copy_files(site)
    target = site / export_path(OFFLINE_ZIP)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        archive.write_zip(out, files, build_date, FOLDER)
    with target.open("rb") as written:
        sha256 = hashlib.file_digest(written, "sha256").hexdigest()
    size = target.stat().st_size
    filled = 0
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith(LEFT_OUT):
            continue
        html = page.read_text(encoding="utf-8")
        if FACTS.search(html):  # empty after the build; filled when made again from a site
            lang, _rest = editions.split(rel)
            shown = f"<span data-kb-offline-facts>{facts(size, sha256, lang)}</span>"
            page.write_text(FACTS.sub(lambda m: shown, html), encoding="utf-8")
            filled += 1
    if not filled:
        raise RuntimeError("no Exports page has the place for the offline copy's size and "
                           "SHA-256 (overrides/kb/blocks/offline.html)")
    pages = sum(1 for name in files if name.endswith(".html"))
    return Stats(target, size, sha256, len(files), pages, time.perf_counter() - start)
