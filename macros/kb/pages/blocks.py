"""HTML blocks for hand-written pages (home, exports, offline copy), rendered from overrides/kb/blocks/."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from markupsafe import Markup

from .. import exports
from ..resolve import KnowledgeBase
from ..common import i18n, kept
from ..common.urls import OFFLINE_ZIP, SiteInfo, export_path
from . import render
from .views import about, chrome, figures
from .views.common import Context

BLOCKS = {"home": lambda ctx, site, repo: about.home(ctx),
          "cases": lambda ctx, site, repo: about.home(ctx),
          "coverage": lambda ctx, site, repo: about.coverage(ctx),
          "scope": lambda ctx, site, repo: {"scope": about.scope(ctx)},
          "map": lambda ctx, site, repo: figures.home_map(ctx),
          "maintainers": lambda ctx, site, repo: chrome.repository_links(repo),
          "exports": lambda ctx, site, repo: {"exports": about.exports_list(
              ctx, exports.manifest(ctx.kb), exports.examples(ctx.kb, site, ctx.lang))},
          "offline": lambda ctx, site, repo: {"href": ctx.href(export_path(OFFLINE_ZIP)),
                                              "path": export_path(OFFLINE_ZIP)}}


class Cache:
    """Blocks rendered by earlier builds, in `folder` (Options.cache), one file each, named by
    a content hash of everything the block follows: the data files, the kb package's code,
    the templates (the theme's folder), the build date and the block's own arguments. Any
    change to one of them, or to the libraries installed (kept.installed), gives another
    name, so a stale block is never read; the home page's map (pyproj and shapely) and the
    exports list are not made again when nothing changed.

    A block read is marked used (its file's time); `prune` deletes what no build used for a
    day and the oldest beyond LEAST files (a build of every edition uses 27), so the folder
    does not grow with every edit of the data."""

    LEAST = 300

    def __init__(self, folder: Path, data: Path, templates: Path):
        self.folder = folder
        self.digest = kept.content_hash([data, templates]) + kept.code()
        self.installed = kept.installed()

    def path(self, *args) -> Path:
        key = hashlib.sha256(repr((self.digest, self.installed, *args)).encode()).hexdigest()
        return self.folder / f"{key}.html"

    @classmethod
    def prune(cls, folder: Path) -> None:
        """After a build: see above. A block another build is writing stays."""
        try:
            kept.prune(folder, set(), cls.LEAST)
        except OSError:  # the folder unreadable or not there: left as it is
            pass


def block(kb: KnowledgeBase, name: str, page: str, site: SiteInfo, templates: Path,
          lang: str = i18n.DEFAULT_LANG, repository: str | None = None,
          links: str = "page", cache: Cache | None = None) -> Markup:
    """Block `name` for the hand-written page at `page` (links are made relative to its
    address, or to its source file: urls.relative); site: the site's name and published
    address; templates: the theme's folder (Options.templates); repository: the project's
    repository address, when the build knows it; cache: blocks rendered before (Cache), read
    and written when given."""
    stored = cache.path(name, page, repr(site), lang, repository, links,
                        kb.as_of.isoformat()) if cache else None
    if stored is not None and stored.is_file():
        try:
            html = stored.read_text(encoding="utf-8")
        except OSError:  # pruned by another build meanwhile: made again
            html = None
        if html is not None:
            try:
                os.utime(stored)  # used: kept another day
            except OSError:  # pruned since: what was read is still good
                pass
            return Markup(html)
    view = BLOCKS[name](Context(kb, page, lang, links), site, repository)
    html = "\n" + render.render(templates, f"kb/blocks/{name}.html", lang, **view).strip() + "\n"
    if stored is not None:  # written whole, then renamed: a reader sees all of it or none
        stored.parent.mkdir(parents=True, exist_ok=True)
        partial = stored.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(html, encoding="utf-8")
        os.replace(partial, stored)
    return Markup(html)
