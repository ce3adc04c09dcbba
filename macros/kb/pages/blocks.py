"""HTML blocks for hand-written pages (home, exports, offline copy), rendered from overrides/kb/blocks/."""
from __future__ import annotations

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
    view = BLOCKS[name](Context(kb, page, lang, links), site, repository)
    html = render.render(templates, f"kb/blocks/{name}.html", lang, **view)
    return Markup("\n" + html.strip() + "\n")
