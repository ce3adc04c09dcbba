"""The offline copy's search index: per edition, every indexed page's title, type, filters,
weighted texts and text, as one JavaScript file a plain <script> can load from disk.

Pagefind's index (kb/search.py) is fetched by a WebAssembly engine and an ES module, which
browsers refuse to load from `file://`. The copy gets instead one file per edition,
assets/kb-offline/<lang>.js, which sets `window.KB_OFFLINE_INDEX`; assets/kb-offline-search.js
searches it with the same ranking ideas (titles, document indexes and names first).

It indexes what Pagefind indexes, read from the same attributes of the built pages: the
element with data-pagefind-body, without what data-pagefind-ignore marks or the
EXCLUDE_SELECTORS Pagefind is told to leave out (citation numbers, heading permalinks); the
title (data-pagefind-meta="title"), the type and filters (data-pagefind-meta/-filter tags)
and each data-pagefind-weight element's text with its weight.
Pure: HTML in, dict and bytes out.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable

import lxml.html

from ..common import editions
from ..search import EXCLUDE_SELECTORS

INDEX_DIR = "assets/kb-offline"
GLOBAL = "KB_OFFLINE_INDEX"
# Elements within a line of text: no word break at their edges.
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "em", "i", "kbd", "mark", "q",
          "s", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"}
_SKIPPED = {"script", "style", "template", "noscript"}
_CLASSES = {s.lstrip(".") for s in EXCLUDE_SELECTORS if s.startswith(".")}


def index_path(lang: str) -> str:
    return f"{INDEX_DIR}/{lang}.js"


def _ignored(el) -> bool:
    if not isinstance(el.tag, str) or el.tag in _SKIPPED:
        return True
    if el.get("data-pagefind-ignore") is not None:
        return True
    return bool(_CLASSES & set((el.get("class") or "").split()))


def _inside_ignored(el, body) -> bool:
    for ancestor in el.iterancestors():
        if ancestor is body:
            return False
        if _ignored(ancestor):
            return True
    return False


def _text(el, out: list[str]) -> None:
    """The element's text into out, without ignored elements (their tail text kept)."""
    block = el.tag not in INLINE
    if block:
        out.append(" ")
    if el.text:
        out.append(el.text)
    for child in el:
        if not _ignored(child):
            _text(child, out)
        if child.tail:
            out.append(child.tail)
    if block:
        out.append(" ")


def text_of(el) -> str:
    parts: list[str] = []
    _text(el, parts)
    return " ".join("".join(parts).split())


def page_entry(html: str, url: str) -> dict | None:
    """What the index holds of one page (url: its address in the copy), or None when the page
    is not indexed (no data-pagefind-body)."""
    doc = lxml.html.document_fromstring(html)
    bodies = doc.xpath("//*[@data-pagefind-body]")
    if not bodies:
        return None
    body = bodies[0]
    heading = body.xpath(".//*[@data-pagefind-meta='title']")
    title = text_of(heading[0]) if heading else (doc.findtext(".//title") or url)
    meta = {m.get("data-pagefind-meta"): m.get("content")
            for m in doc.xpath("//meta[@data-pagefind-meta]")}
    filters: dict[str, list[str]] = {}
    for m in doc.xpath("//meta[@data-pagefind-filter]"):
        name = re.sub(r"\[content\]$", "", m.get("data-pagefind-filter"))
        filters.setdefault(name, []).append(m.get("content") or "")
    weighted = []
    for el in body.xpath(".//*[@data-pagefind-weight]"):
        if not _ignored(el) and not _inside_ignored(el, body):
            text = text_of(el)
            if text:
                weighted.append([float(el.get("data-pagefind-weight")), text])
    content = text_of(body)
    if content.startswith(title):  # the heading: the result shows the title already
        content = content[len(title):].lstrip()
    return {"u": url, "t": title, "y": meta.get("type[content]", ""), "f": filters,
            "w": weighted, "c": content}


def build(pages: dict[str, str]) -> dict[str, dict]:
    """{lang: index} from {site-relative path of an HTML file: its HTML (links as in the copy)}:
    each edition's pages, in path order, and its filters' values with their counts."""
    return gather((path, page_entry(pages[path], path)) for path in sorted(pages))


def gather(entries: Iterable[tuple[str, dict | None]]) -> dict[str, dict]:
    """`build` from each page's `page_entry` (None: not indexed), in path order: a large site
    need not hold every page's HTML at once."""
    out: dict[str, dict] = {}
    for path, entry in entries:
        if entry is None:
            continue
        lang, _rest = editions.split(path)
        index = out.setdefault(lang, {"lang": lang, "filters": {}, "pages": []})
        index["pages"].append(entry)
        for name, values in entry["f"].items():
            counts = index["filters"].setdefault(name, {})
            for value in values:
                counts[value] = counts.get(value, 0) + 1
    for index in out.values():
        index["filters"] = {name: dict(sorted(counts.items()))
                            for name, counts in sorted(index["filters"].items())}
    return out


def script(index: dict) -> bytes:
    """The index as a script for a plain <script> tag (UTF-8, one line)."""
    body = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"window.{GLOBAL} = {body};\n".encode("utf-8")
