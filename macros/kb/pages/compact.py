"""Drop the indentation the theme's templates leave in every page.

Material's templates are indented for reading, and that indentation is sent with every page:
about 6 KB of a 43 KB case page. Browsers collapse a run of spaces and newlines between words
and tags into one space, so replacing each newline-plus-indentation with a single newline
changes nothing on screen. The exceptions are kept byte for byte: <pre> and <textarea>, where
white space is shown as written, and <script>, <style> and comments, whose text is not HTML.
An attribute value written over several lines would lose its indentation too; Material and
the project's templates write every tag on one line, and tests/test_compact.py checks that
no built page has a tag over several lines.
Pure: HTML in, HTML out; the MkDocs adapter runs it on each page as MkDocs writes it, the
Zensical adapter on each page Zensical wrote.
"""
from __future__ import annotations

import re

_KEEP = re.compile(r"<!--.*?(?:-->|\Z)|<(pre|textarea|script|style)(?=[\s/>]).*?(?:</\1\s*>|\Z)",
                   re.IGNORECASE | re.DOTALL)
_INDENT = re.compile(r"\n[ \t\r\n]+")


def compact(html: str) -> str:
    """The page with every newline-plus-indentation outside kept elements cut to a newline."""
    out: list[str] = []
    pos = 0
    for m in _KEEP.finditer(html):
        out.append(_INDENT.sub("\n", html[pos:m.start()]))
        out.append(m.group())
        pos = m.end()
    out.append(_INDENT.sub("\n", html[pos:]))
    return "".join(out)
