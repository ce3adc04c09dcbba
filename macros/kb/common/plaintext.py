"""Data text (Markdown) -> plain text, for letters, feeds, calendars, citations and CSV.

Plain text is for places that are not HTML (an e-mail body, a calendar entry, a BibTeX field,
a meta tag's content): the Markdown is rendered and sanitised as on the pages (text.block),
then every tag is dropped and entities are decoded. Whoever prints the result into HTML must
escape it again (templates do, through autoescape).
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3

from . import i18n, markup


def plain(value, lang: str = i18n.DEFAULT_LANG) -> str:
    """A Text value (or Markdown string) as one paragraph of plain text."""
    source = i18n.text_of(value, lang)
    return _plain(source) if source else ""


@lru_cache(maxsize=65536)
def _plain(source: str) -> str:
    cleaned = nh3.clean(str(markup.block(source)), tags=set())
    return " ".join(html.unescape(cleaned).split())


def shorten(value: str, limit: int = 200) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis."""
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    cut = re.sub(r"\s+\S*$", "", cut) or cut
    return cut.rstrip(" ,;:.") + "…"
