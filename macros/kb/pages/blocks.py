"""HTML blocks for hand-written pages (home, exports), rendered from overrides/kb/blocks/."""
from __future__ import annotations

from markupsafe import Markup

from .. import exports
from ..resolve import KnowledgeBase
from . import i18n, render
from .views import listings
from .views.common import Context

BLOCKS = {"home": lambda ctx: listings.home(ctx),
          "exports": lambda ctx: {"exports": listings.exports_list(ctx, exports.manifest(ctx.kb))}}


def block(kb: KnowledgeBase, name: str, page: str = "index.md",
          lang: str = i18n.DEFAULT_LANG) -> Markup:
    """Block `name` for the hand-written page at `page` (links are made relative to it)."""
    html = render.render(f"kb/blocks/{name}.html", lang, **BLOCKS[name](Context(kb, page, lang)))
    return Markup("\n" + html.strip() + "\n")
