"""The search index a build makes (kb/search.py): each edition's bundle is kept for the next
build, which takes it only while every page of that edition Pagefind reads is what it was."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from macros.kb import search

PAGE = "cases/changchun-2012/index.html"
WORD = "quokkazanzibar"  # a word no page of the site has


def _bundle(site: Path, lang: str) -> dict[str, str]:
    folder = site / "pagefind" / lang
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _found(site: Path, word: str) -> list[str]:
    return [page["url"] for page in search.fragments(site) if word in page["content"]]


def test_an_editions_bundle_is_taken_from_the_cache_only_while_its_pages_are_the_same(
        site, tmp_path):
    copy, cache = tmp_path / "site", tmp_path / "cache"
    shutil.copytree(site.root, copy, ignore=shutil.ignore_patterns("pagefind"))
    assert WORD not in site.html("cases/changchun-2012/")

    first = search.index_site(copy, cache)
    assert first.cached == () and first.pages > 0
    made = {lang: _bundle(copy, lang) for lang in ("en", "ko", "zh")}
    assert len(list(cache.iterdir())) == 3

    page = copy / PAGE  # an English page's text changes; the Korean and Chinese do not
    html = page.read_text(encoding="utf-8")
    assert html.count("<p>") > 1
    page.write_text(html.replace("<p>", f"<p>{WORD} ", 1), encoding="utf-8")
    second = search.index_site(copy, cache)
    assert second.cached == ("ko", "zh") and second.pages == first.pages
    assert _found(copy, WORD) == ["/" + PAGE.removesuffix("index.html")]
    assert {lang: _bundle(copy, lang) for lang in ("ko", "zh")} == {
        lang: made[lang] for lang in ("ko", "zh")}
    edited = _bundle(copy, "en")
    assert edited != made["en"]

    third = search.index_site(copy, cache)  # nothing changed: every bundle as it was
    assert third.cached == ("en", "ko", "zh")
    assert _bundle(copy, "en") == edited
    assert _found(copy, WORD) == ["/" + PAGE.removesuffix("index.html")]
    assert sorted(p.name for p in (copy / "pagefind").iterdir()) == [
        "en", "kb-filters.json", "ko", "zh"]

    # a page Pagefind leaves out (no data-pagefind-body): as when `serve` rebuilds and the
    # Exports page still shows the last zip's SHA-256
    exports = copy / "exports" / "index.html"
    assert "data-pagefind-body" not in exports.read_text(encoding="utf-8")
    exports.write_text(exports.read_text(encoding="utf-8").replace("</p>", "0</p>", 1),
                       encoding="utf-8")
    assert search.index_site(copy, cache).cached == ("en", "ko", "zh")
