"""Text from the data -> safe HTML (plaintext.py gives raw text instead).

Data text is Markdown written by contributors, without raw HTML: any HTML typed into a text
field is shown as typed (escaped before conversion), never interpreted. The HTML that Markdown
produces is then cleaned with nh3 (a maintained sanitiser) as a second line of defence: no
scripts, no event attributes, no `javascript:` links, no iframes; links to other hosts get
rel="noopener noreferrer". Curly braces become character references, so no later template pass
can ever run text as Jinja.
"""
from __future__ import annotations

from functools import lru_cache
from html import escape as html_escape

import markdown
import nh3
from markupsafe import Markup
from markupsafe import escape as _escape

ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "code", "br", "blockquote", "q"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "q": {"cite"}}
URL_SCHEMES = {"http", "https", "mailto"}

_md = markdown.Markdown(extensions=[], output_format="html")


def _no_braces(html: str) -> str:
    return html.replace("{", "&#123;").replace("}", "&#125;")


def escape(value: str) -> Markup:
    """Escape plain text for HTML (and make it inert for any template engine)."""
    escaped = _escape(value)  # printed ~700,000 times a build at N=1,000: skip needless copies
    if "{" in escaped or "}" in escaped:
        return Markup(_no_braces(str(escaped)))
    return escaped if type(escaped) is Markup else Markup(escaped)


def block(source: str) -> Markup:
    """Markdown paragraphs -> sanitised HTML with no blank lines (safe in a raw HTML block)."""
    return _cached_block(source) if type(source) is str else _block(source)


@lru_cache(maxsize=None)
def _cached_block(source: str) -> Markup:
    # The same text is printed on several pages (a case's events on the case page and the
    # timeline, its principles and places on their pages too): convert it once per process.
    return _block(source)


def _block(source: str) -> Markup:
    _md.reset()
    html = _md.convert(html_escape(source, quote=False))
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=URL_SCHEMES, link_rel="noopener noreferrer")
    lines = [line for line in clean.splitlines() if line.strip()]
    return Markup(_no_braces("\n".join(lines)))


def inline(source: str) -> Markup:
    """Markdown for one sentence or line: like block() without the outer paragraph."""
    html = str(block(source))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


MD_SPECIAL = set("\\`*_{}[]()#+-.!")  # what Python-Markdown lets a backslash escape
HTML_SPECIAL = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def heading(value: str) -> Markup:
    """Plain text made safe inside a Markdown heading: Markdown syntax and HTML escaped."""
    out = []
    for ch in " ".join(value.split()):
        out.append("\\" + ch if ch in MD_SPECIAL else HTML_SPECIAL.get(ch, ch))
    return Markup("".join(out))
