"""Give every heading's permalink ("¶") a name a screen reader can say.

Python-Markdown's `toc` extension (hand-written pages, and every page Zensical converts) and
render.Headings (the generated pages) end each heading with `<a class="headerlink" href="#id"
title="Permanent link">¶</a>`. Its accessible name is its text, so a screen reader reads the
heading "Summary ¶" and lists a link called "¶"; a title is only a description. This labels each
one in the page's language ("Link to this section"), the same label as its tooltip. Pure: HTML in,
HTML out; the MkDocs adapter runs it on each page as MkDocs writes it, the Zensical adapter on
each page Zensical wrote.
"""
from __future__ import annotations

import re

from ..common import i18n, markup

_LINK = re.compile(r'<a class="headerlink" href="(#[^"]*)"(?: title="[^"]*")?>')


def label(page: str, lang: str) -> str:
    """The page with each heading permalink named (a11y.permalink, in `lang`)."""
    words = markup.escape(i18n.gettext("a11y.permalink", lang))
    return _LINK.sub(lambda m: f'<a class="headerlink" href="{m.group(1)}" aria-label="{words}" '
                               f'title="{words}">', page)
