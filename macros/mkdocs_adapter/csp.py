"""A Content-Security-Policy for every built page, as a <meta> tag listing the page's own scripts.

Pure: HTML in, HTML out. The page's inline executable scripts (Material's few bootstrap lines,
which differ by page depth) are allowed by their sha256 hashes; nothing else inline runs, so a
script that slipped into a page through data text would be refused by the browser. Inline
styles stay allowed because Material sets `style` attributes from its scripts.

A <meta> policy cannot carry frame-ancestors, report-uri or sandbox; everything below is
honoured by browsers in a <meta>. The tag goes at the very start of <head> (after a leading
<meta charset>, which must stay in the first bytes of the file), before any script or style.
"""
from __future__ import annotations

import base64
import hashlib
import html as html_lib
import re

# Types under which a <script> element runs (HTML Living Standard, "JavaScript MIME type").
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript",
             "application/ecmascript", "application/x-javascript", "text/jscript",
             "text/livescript", "text/x-ecmascript", "text/x-javascript",
             "application/x-ecmascript", "text/javascript1.0", "text/javascript1.1",
             "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
             "text/javascript1.5"}

_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"\s*<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
_EXISTING = re.compile(r"<meta\s+http-equiv\s*=\s*[\"']?content-security-policy", re.IGNORECASE)

# Where a page's own text is printed (titles in the header and navigation, the article, the
# footer's previous/next links). A script found there did not come from the theme: it gets no
# hash, so the browser refuses it even if it ever got past escaping and sanitising.
CONTENT_ELEMENTS = {"header", "nav", "article", "footer"}

_ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""  # attribute text; quoted values may hold '>'
# What the scan stops at: comments (skipped whole), <script> and <style> start tags (raw text
# up to their end tag), and start or end tags of the content elements. Tags are matched the
# way the HTML tokenizer reads them: name, then whitespace, '/' or '>'.
_TOKEN = re.compile(r"<!--.*?(?:-->|\Z)|<(/?)(script|style|header|nav|article|footer)"
                    rf"(?=[\s/>])({_ATTRS})>", re.IGNORECASE | re.DOTALL)
# The scan above skips other tags without reading them, which is exact as long as no attribute
# value holds a '<' (a title="</article>" would end the article for it). Pages where one might
# are scanned tag by tag instead (_EVERY_TAG): slower, and found on none of the site's pages.
_LT_IN_ATTRIBUTE = re.compile(r"""=\s*(?:"[^"]*<|'[^']*<|[^\s"'=>`]*<)""")
_EVERY_TAG = re.compile(rf"<!--.*?(?:-->|\Z)|<(/?)([A-Za-z][^\s/>]*)({_ATTRS})>", re.DOTALL)
_RAW_END = {"script": re.compile(r"</script(?=[\s/>])", re.IGNORECASE),
            "style": re.compile(r"</style(?=[\s/>])", re.IGNORECASE)}
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def _attributes(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _ATTR.finditer(text):
        value = m.group(2) if m.group(2) is not None else m.group(3) or m.group(4) or ""
        out.setdefault(m.group(1).lower(), html_lib.unescape(value))
    return out


def _scripts(html: str):
    """(attributes, text, inside content) for every <script> element, in page order.

    One regular-expression scan instead of a full HTML parse (about 20 times faster over a
    site's pages); tests/test_hardening.py checks it finds what an HTML parser finds on every
    built page."""
    token = _EVERY_TAG if _LT_IN_ATTRIBUTE.search(html) else _TOKEN
    depth, pos = 0, 0
    while True:
        m = token.search(html, pos)
        if m is None:
            return
        pos = m.end()
        closing, name = m.group(1), (m.group(2) or "").lower()
        if not name:  # a comment
            continue
        if name in _RAW_END:
            if closing:
                continue
            end = _RAW_END[name].search(html, pos)
            stop = end.start() if end else len(html)
            if name == "script":
                yield _attributes(m.group(3)), html[pos:stop], depth > 0
            pos = stop
        elif name not in CONTENT_ELEMENTS:
            continue  # another tag, read whole only so that its attributes are skipped
        elif closing:
            depth = max(0, depth - 1)
        else:  # '<nav/>' opens a nav too: a trailing '/' means nothing on these elements
            depth += 1


def _runs(attrs: dict[str, str]) -> bool:
    """True for an inline script the browser would execute (no src, a JavaScript type)."""
    if "src" in attrs:
        return False
    kind = attrs.get("type", "").strip().lower().split(";")[0].strip()
    return kind in _JS_TYPES


def _source(body: str) -> str:
    # Browsers hash the script text after the HTML parser has turned CRLF and CR into LF.
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def inline_scripts(html: str) -> list[tuple[str, bool]]:
    """(text, inside content) of every inline executable script, in page order."""
    return [(body, inside) for attrs, body, inside in _scripts(html) if _runs(attrs)]


def script_hashes(html: str) -> list[str]:
    """CSP sources ('sha256-...') for the theme's inline scripts, in page order, no repeats."""
    out: list[str] = []
    for body, inside in inline_scripts(html):
        source = _source(body)
        if not inside and source not in out:
            out.append(source)
    return out


def policy(hashes: list[str]) -> str:
    """The policy text for a page whose inline scripts have these hashes."""
    directives = [
        ("default-src", ["'self'"]),
        ("script-src", ["'self'", *hashes]),
        ("style-src", ["'self'", "'unsafe-inline'"]),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'none'"]),
    ]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives)


def add_policy(html: str) -> str:
    """Insert the policy <meta> first in <head>; pages without <head> come back unchanged.

    A page that already carries a policy is an error: two policies would both apply, and a
    hand-written one would silently go unreviewed.
    """
    head = _HEAD.search(html)
    if head is None:
        return html
    if _EXISTING.search(html):
        raise ValueError("page already has a Content-Security-Policy <meta>; remove it")
    tag = ('<meta http-equiv="Content-Security-Policy" content="'
           + policy(script_hashes(html)) + '">')
    at = head.end()
    charset = _CHARSET.match(html, at)
    if charset:
        at = charset.end()
    return html[:at] + "\n" + tag + html[at:]
