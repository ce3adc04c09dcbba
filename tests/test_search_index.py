"""The search index a build makes (kb/search.py): each edition's bundle is kept for the next
build, which takes it only while every page of that edition Pagefind reads is what it was."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html

from macros.kb import search, search_bundles

from .conftest import EPOCH, ROOT
from .sitedigest import digest

PAGE = "cases/changchun-2012/index.html"
WORD = "quokkazanzibar"  # a word no page of the site has


def _bundle(site: Path, lang: str) -> dict[str, str]:
    """An edition's bundle: its files, those whose bytes follow the order Pagefind found the
    pages in as what they say (sitedigest.py)."""
    return digest(site, f"pagefind/{lang}")


def _files(folder: Path) -> dict[str, str]:
    """The bytes of every file in `folder` but the list a kept bundle is checked by."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".kb-files"}


def _found(site: Path, word: str) -> list[str]:
    return [page["url"] for page in search.fragments(site) if word in page["content"]]


def _case_pages(site: Path):
    """shutil.copytree's `ignore`: of the site's folders, the case pages of every edition and
    the Exports page, a page Pagefind leaves out (a tenth of the pages: Pagefind's time)."""
    editions = {site, site / "ko", site / "zh"}

    def ignored(folder: str, names: list[str]) -> list[str]:
        if Path(folder) not in editions:
            return []
        return [name for name in names if name not in ("cases", "exports", "ko", "zh")
                and (Path(folder) / name).is_dir()]
    return ignored


def test_an_editions_bundle_is_taken_from_the_cache_only_while_its_pages_are_the_same(
        site, tmp_path):
    copy, cache = tmp_path / "site", tmp_path / "cache"
    shutil.copytree(site.root, copy, ignore=_case_pages(site.root))
    assert not (copy / "pagefind").exists() and (copy / "zh" / PAGE).exists()
    assert WORD not in site.html("cases/changchun-2012/")

    first = search.index_site(copy, cache)
    assert first.cached == () and first.pages > 0
    made = {lang: _bundle(copy, lang) for lang in ("en", "ko", "zh")}
    made_en = _files(copy / "pagefind" / "en")
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
    edited, edited_en = _bundle(copy, "en"), _files(copy / "pagefind" / "en")

    third = search.index_site(copy, cache)  # nothing changed: every bundle as it was
    assert third.cached == ("en", "ko", "zh")
    assert _bundle(copy, "en") == edited
    # the site's bundles are the kept ones' files by a second name (hard links, on one disk):
    # yet the English bundle Pagefind wrote anew into the site (second) left the one kept
    # before the edit as it was, and the site's bundle taken now is the edited one
    kept_files = {p.stat().st_ino for p in cache.rglob("*") if p.is_file()}
    assert all(p.stat().st_ino in kept_files
               for p in (copy / "pagefind").glob("*/**/*") if p.is_file())
    kept_bundles = [_files(entry) for entry in cache.iterdir()]
    assert made_en in kept_bundles and edited_en in kept_bundles
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

    # a kept bundle another build has begun to delete is not taken
    korean = next(entry for entry in cache.iterdir()
                  if '"ko"' in (entry / "pagefind-entry.json").read_text(encoding="utf-8"))
    next((korean / "fragment").iterdir()).unlink()
    again = search.index_site(copy, cache)
    assert again.cached == ("en", "zh") and again.pages == first.pages
    assert _bundle(copy, "ko") == made["ko"]
    assert search.index_site(copy, cache).cached == ("en", "ko", "zh")  # kept again, whole
    assert list(copy.rglob(".kb-files")) == []  # the list a kept bundle is checked by


def test_a_cache_keeps_what_this_build_used_and_the_newest_of_the_rest(tmp_path):
    """kb/common/kept.py, for the search index's bundles and the offline copy's pages: what
    this build did not use goes, oldest first, beyond as many as it used or `least` in all;
    what no build used for a day goes anyway; what another build is writing stays."""
    import os
    import time
    from macros.kb.common.kept import prune

    now = time.time()
    names = [f"entry-{n:02d}" for n in range(12)]
    for n, name in enumerate(names):  # entry-00 oldest, entry-11 newest, all within the day
        (tmp_path / name).mkdir() if n % 2 else (tmp_path / name).write_text(name)
        os.utime(tmp_path / name, (now - 3600 + n, now - 3600 + n))
    stale = tmp_path / "from-last-week"
    stale.write_text("old")
    os.utime(stale, (now - 7 * 86400, now - 7 * 86400))
    writing = tmp_path / "entry-99.1234.tmp"
    writing.write_text("being written")
    used = {"entry-00", "entry-01", "entry-02"}

    prune(tmp_path, used, least=8)  # 8 in all: the 3 used and the 5 newest others
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "entry-00", "entry-01", "entry-02", "entry-07", "entry-08", "entry-09", "entry-10",
        "entry-11", "entry-99.1234.tmp"]
    prune(tmp_path, used, least=0)  # twice what it used: the 3 used and the 3 newest others
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "entry-00", "entry-01", "entry-02", "entry-09", "entry-10", "entry-11",
        "entry-99.1234.tmp"]


def test_a_bundles_name_follows_the_pages_pagefind_reads_and_its_settings(tmp_path):
    """What names a kept bundle (kb/search_bundles.py, Bundles.key): the indexed pages' paths and
    bytes, the command's options and PAGEFIND_* settings; not the pages Pagefind leaves out
    once a page has data-pagefind-body, nor the site's folder."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    pages = {"index.html": "<main data-pagefind-body>Home</main>",
             "cases/index.html": "<main data-pagefind-body>Cases</main>",
             "exports/index.html": "<main>Exports, 5.8 MB</main>"}
    for rel, body in pages.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(f"<html lang=en><body>{body}</body></html>")

    def key(folder=site, pagefind=(), glob="*.html"):
        command = ["python", "-m", "pagefind", "--site", str(folder), "--glob", glob]
        return search_bundles.Bundles(cache, pagefind).key(folder, "en", command)

    first = key()
    assert key() == first
    assert key(pagefind=(("PAGEFIND_FORCE_LANGUAGE", "fr"),)) != first
    assert key(glob="**/*.html") != first
    shutil.copytree(site, tmp_path / "elsewhere")
    assert key(tmp_path / "elsewhere") == first
    (site / "exports/index.html").write_text("<html lang=en><body><main>Exports, 5.9 MB")
    assert key() == first  # left out by Pagefind
    (site / "cases/index.html").write_text("<html lang=en><body><main data-pagefind-body>C")
    assert key() != first
    for rel in pages:  # no page has the attribute: Pagefind reads every page
        (site / rel).write_text("<html lang=en><body><main>Page</main>")
    unmarked = key()
    (site / "exports/index.html").write_text("<html lang=en><body><main>Exports")
    assert key() != unmarked


def test_a_bundle_is_kept_only_if_pagefind_indexed_the_pages_its_name_counts(tmp_path):
    """Where looking for data-pagefind-body in the bytes finds other pages than Pagefind
    indexed (here an attribute after one whose value holds a >, which the search for it
    misses and Pagefind reads), the bundle is not kept: its name would leave out a page.
    Pages that only name the attribute in their text, or write it in capitals or without a
    space before it, are counted as Pagefind counts them."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    pages = {"index.html": '<main DATA-PAGEFIND-BODY><p>Home page</p></main>',
             "cases/index.html": '<main title="a>b" data-pagefind-body><p>Cases page</p></main>',
             "places/index.html": '<main class="x"data-pagefind-body><p>Places page</p></main>',
             "about/index.html": "<main><p>About, named <code>data-pagefind-body</code> and "
                                 "<code>&lt;main data-pagefind-body&gt;</code></p>"}
    for rel, body in pages.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(f"<html lang=en><head><title>{rel}</title></head>"
                                f"<body>{body}</body></html>")
    made = search.index_site(site, cache)
    assert sorted(page["url"] for page in search.fragments(site)) == ["/", "/cases/",
                                                                      "/places/"]
    assert made.pages == 3 and list(cache.iterdir()) == []
    (site / "cases/index.html").write_text(  # written as the templates write it
        '<html lang=en><body><main class="x" data-pagefind-body><p>Cases page</p></main>')
    search.index_site(site, cache)
    assert len(list(cache.iterdir())) == 1
    assert search.index_site(site, cache).cached == ("en",)


def test_the_pages_said_to_mark_what_pagefind_indexes_are_those_whose_html_marks_it(site):
    """Which pages carry data-pagefind-body is looked for in the bytes, without parsing them
    (search_bundles.marked): on every page of the built site it agrees with an HTML parser."""
    pages = [p for p in site.root.rglob("*.html") if p.relative_to(site.root).parts[0]
             != "pagefind"]
    assert len(pages) > 600
    found = {True: 0, False: 0}
    for path in pages:
        html = path.read_bytes()
        parsed = bool(lxml.html.fromstring(html).xpath("//*[@data-pagefind-body]"))
        assert search_bundles.marked(html) is parsed, path
        found[parsed] += 1
    assert found[True] > 500 and found[False] > 50  # not: the timeline years, the indexes...


def test_the_cli_indexes_a_built_site_as_the_build_did(site, tmp_path):
    """`kb search-index SITE_DIR` (macros/cli.py), for builders that run no MkDocs hooks:
    every edition's index is the one the build wrote (taken from the build's cache, as a
    build takes it)."""
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy, ignore=shutil.ignore_patterns("pagefind"))
    done = subprocess.run([sys.executable, "scripts/kb.py", "search-index", str(copy)],
                          cwd=ROOT, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    # the editions whose bundle it took from the build's cache, if any are still there
    assert re.fullmatch(r"indexed \d+ pages in [\d.]+ s into \S+/pagefind"
                        r"( \((en|ko|zh)(, (ko|zh))* as an earlier build made it\))?\n",
                        done.stdout), done.stdout
    for lang in ("en", "ko", "zh"):
        assert _bundle(copy, lang) == _bundle(site.root, lang), lang
