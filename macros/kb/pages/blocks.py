"""HTML blocks for hand-written pages (home, exports, offline copy), rendered from overrides/kb/blocks/."""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from markupsafe import Markup

from .. import exports
from ..resolve import KnowledgeBase
from ..common import i18n
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


def block(kb: KnowledgeBase, name: str, page: str, site: SiteInfo, templates: Path,
          lang: str = i18n.DEFAULT_LANG, repository: str | None = None,
          links: str = "page") -> Markup:
    """Block `name` for the hand-written page at `page` (links are made relative to its
    address, or to its source file: urls.relative); site: the site's name and published
    address; templates: the theme's folder (Options.templates); repository: the project's
    repository address, when the build knows it."""
    return render_block(block_view(kb, name, page, site, lang, repository, links), name,
                        templates, lang)


def render_block(view: dict, name: str, templates: Path,
                 lang: str = i18n.DEFAULT_LANG) -> Markup:
    """Block `name` from its view model (block_view)."""
    html = render.render(templates, f"kb/blocks/{name}.html", lang, **view)
    return Markup("\n" + html.strip() + "\n")


def block_view(kb: KnowledgeBase, name: str, page: str, site: SiteInfo,
               lang: str = i18n.DEFAULT_LANG, repository: str | None = None,
               links: str = "page") -> dict:
    """The view model of block `name` (block()'s arguments): what its template is given."""
    return BLOCKS[name](Context(kb, page, lang, links), site, repository)


def view_key(view: dict) -> bytes:
    """A digest of a block's view model: the same key, the same block with the same templates
    (as plan.View.key)."""
    return hashlib.blake2b(pickle.dumps(view, pickle.HIGHEST_PROTOCOL), digest_size=16).digest()
