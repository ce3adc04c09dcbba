"""Links that open from disk: a page's relative links to a folder get the folder's index.html.

The site uses directory URLs (`cases/x/`), which a web server answers with cases/x/index.html;
a browser reading files (`file://`) shows a folder listing instead. The addresses come from
the kb package (common/urls.py) and from MkDocs, so a second build without directory URLs would not
change them all; instead the built pages are changed in place, tag by tag: only the href or
src value of a start tag whose target is a folder of the site holding an index.html. Every
other byte stays as built. Start tags are found as an HTML tokenizer finds them (quoted
values may hold ">"), outside comments and the elements whose text is not markup (script,
style, textarea, title), so text, code examples and scripts are never touched.
Pure: HTML in, HTML out.
"""
from __future__ import annotations

import posixpath
import re
from html import unescape

URL_ATTRS = {"a": "href", "area": "href", "link": "href", "script": "src", "img": "src",
             "iframe": "src", "source": "src"}
SEARCH_DIALOG = "data-kb-search"  # the search dialog (partials/kb-search-dialog.html)
OFFLINE_MARK = "data-kb-offline-search"  # tells assets/kb-search.js to use the copy's index

_ATTR = r"""\s+([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
_SKIP_ATTR = r"""\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""  # the same
_TOKENS = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(?P<raw>script|style|textarea|title)\b(?:%s)*\s*/?>.*?(?:</(?P=raw)\s*>|\Z)" % _SKIP_ATTR
    + r"|<(?P<tag>a|area|link|img|iframe|source|dialog)(?:%s)*\s*/?>" % _SKIP_ATTR,
    re.IGNORECASE | re.DOTALL)
_ONE_ATTR = re.compile(_ATTR, re.DOTALL)
_SCRIPT_TAG = re.compile(r"<script\b((?:%s)*)\s*/?>" % _ATTR, re.IGNORECASE | re.DOTALL)


def target_folder(page: str, url: str, files) -> bool:
    """Whether a link `url` on the page at `page` (site-relative file path) leads to a folder
    of the site (files: site-relative file paths) that holds an index.html."""
    if not url or url.startswith(("#", "/", "?")) or re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", url):
        return False
    path = re.split(r"[?#]", url, maxsplit=1)[0]
    if not path:
        return False
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if joined.startswith(".."):
        return False
    return ("" if joined == "." else joined + "/") + "index.html" in files


def with_index(raw_value: str) -> str:
    """The attribute value (as written, entities and all) with index.html after its path."""
    cut = re.search(r"[?#]", raw_value)
    path, rest = (raw_value[:cut.start()], raw_value[cut.start():]) if cut else (raw_value, "")
    return path + ("" if path.endswith("/") else "/") + "index.html" + rest


def _tag(tag: str, text: str, page: str, files) -> str:
    """One start tag (its whole text) with its link pointed at index.html where needed, and the
    search dialog marked."""
    name = URL_ATTRS.get(tag.lower())
    start = len(tag) + 1
    for m in _ONE_ATTR.finditer(text, start):
        if name and m.group(1).lower() == name and m.group(2):
            raw = m.group(2)
            quoted = raw[0] in "\"'"
            value = raw[1:-1] if quoted else raw
            if target_folder(page, unescape(value), files):
                new = with_index(value)
                if quoted:
                    new = raw[0] + new + raw[0]
                return text[:m.start(2)] + new + text[m.end(2):]
    if tag.lower() == "dialog" and re.search(r"\s%s(?=[\s=/>])" % SEARCH_DIALOG, text):
        return text[:start] + f" {OFFLINE_MARK}" + text[start:]
    return text


def rewrite(html: str, page: str, files) -> str:
    """The page at `page` (site-relative path of its file) with every relative link to a
    folder of the site (one of `files`, site-relative paths) pointing at its index.html, and
    its search dialog marked to search the offline copy's index."""
    out, pos = [], 0
    for m in _TOKENS.finditer(html):
        if (m.group("raw") or "").lower() == "script":  # a script's own src, not its text
            opening = _SCRIPT_TAG.match(html, m.start())
            new = _tag("script", opening.group(0), page, files)
            if new != opening.group(0):
                out += [html[pos:m.start()], new]
                pos = opening.end()
            continue
        if not m.group("tag"):
            continue
        new = _tag(m.group("tag"), m.group(0), page, files)
        if new != m.group(0):
            out += [html[pos:m.start()], new]
            pos = m.end()
    out.append(html[pos:])
    return "".join(out)
