"""HTML blocks for hand-written pages (home, about), rendered from overrides/kb/blocks/."""
from __future__ import annotations

from markupsafe import Markup

from ..build import build_kb
from . import i18n, render, views as pagecontext
from .plan import _Links


def kb_block(name: str, page: str = "index.md", lang: str = i18n.DEFAULT_LANG) -> Markup:
    """Render block `name` for the page at `page` (links are made relative to it)."""
    kb = build_kb()
    links = _Links(kb, page, lang)
    html = render.render(f"kb/blocks/{name}.html", lang, kb=kb, href=links.href,
                         page_url=links.page, title_of=links.title,
                         exports=pagecontext.export_links(kb, page, lang))
    return Markup("\n" + html.strip() + "\n")


def kb_count(rtype: str) -> int:
    """How many records of one type the data holds."""
    return build_kb().count(rtype)
