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
HTML in, the scripts out; the pages gathered wait in temporary files (Gathered).
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from typing import BinaryIO

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


class Gathered:
    """Each edition's index, gathered a page at a time (`add`, in path order) and written
    out as its script (`write`). What it holds of the pages gathered so far is their JSON,
    written as they come into a temporary file per edition, not objects: at 5,000 cases
    in every edition the pages' texts, held as objects and then as one JSON string, were the
    largest thing the build held (issue 26). The script is the same bytes as json.dumps of
    {"filters": ..., "lang": ..., "pages": [...]} with sorted keys: filters and lang, which
    sort first, are known only once every page is in, and pages follow them."""

    def __init__(self):
        self._filters: dict[str, dict[str, dict[str, int]]] = {}  # lang -> name -> counts
        self._pages: dict[str, BinaryIO] = {}  # lang -> its pages' JSON, comma-separated

    def add(self, path: str, entry: dict | None) -> None:
        """A page's `page_entry` (None: not indexed); pages come in path order."""
        if entry is None:
            return
        lang, _rest = editions.split(path)
        pages = self._pages.get(lang)
        if pages is None:
            pages = self._pages[lang] = tempfile.TemporaryFile()
            self._filters[lang] = {}
        else:
            pages.write(b",")
        pages.write(_json(entry))
        filters = self._filters[lang]
        for name, values in entry["f"].items():
            counts = filters.setdefault(name, {})
            for value in values:
                counts[value] = counts.get(value, 0) + 1

    def langs(self) -> list[str]:
        return sorted(self._pages)

    def write(self, lang: str, out: BinaryIO) -> None:
        """The edition's index as a script for a plain <script> tag (UTF-8, one line)."""
        pages = self._pages[lang]
        out.write(f"window.{GLOBAL} = ".encode("utf-8"))
        out.write(b'{"filters":' + _json(self._filters[lang]) + b',"lang":' + _json(lang)
                  + b',"pages":[')
        pages.seek(0)
        shutil.copyfileobj(pages, out)
        out.write(b"]};\n")

    def close(self) -> None:
        for pages in self._pages.values():
            pages.close()


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"),
                      sort_keys=True).encode("utf-8")
