"""The offline copy (exports/kb-offline.zip): every page of every edition, links that open from
disk, its own search index, the same bytes from the same data, and the Exports pages that
give its size and SHA-256. Read from the session's builds; the browser test opens it
(tests/browser/test_offline.py)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
import zipfile

import lxml.html
import pytest

from macros.kb.offline import links

from .conftest import EPOCH, ROOT

ZIP = "exports/kb-offline.zip"
TOP = "kb-offline/"  # the folder the zip unpacks into
DAY = dt.datetime.fromtimestamp(int(EPOCH), dt.timezone.utc).date()  # the build's date


def _names(site) -> list[str]:
    with zipfile.ZipFile(site.file(ZIP)) as archive:
        return archive.namelist()


def _kept(site) -> int:
    """How many entries a build keeps of the copy (kb/offline: Pages): one per page, and one
    per distinct content of the other files, but the search index the copy writes anew."""
    with zipfile.ZipFile(site.file(ZIP)) as archive:
        names = archive.namelist()
        others = {archive.read(n) for n in names if not n.endswith(".html")
                  and not n.startswith(TOP + "assets/kb-offline/")}
    return len([n for n in names if n.endswith(".html")]) + len(others)


def _read(site, name: str) -> str:
    with zipfile.ZipFile(site.file(ZIP)) as archive:
        return archive.read(TOP + name).decode("utf-8")


def test_the_zip_holds_every_page_of_every_edition_and_no_pagefind(site):
    names = _names(site)
    assert all(name.startswith(TOP) for name in names)
    pages = sorted(p.relative_to(site.root).as_posix() for p in site.root.rglob("*.html")
                   if not p.relative_to(site.root).as_posix().startswith("pagefind/"))
    pages.remove("404.html")  # a server's page: its links start at the server's root
    assert len(pages) > 250
    assert [p for p in pages if TOP + p not in names] == []
    for name in ("index.html", "ko/index.html", "zh/index.html",
                 "cases/changchun-2012/index.html", "ko/cases/changchun-2012/index.html",
                 "zh/places/changchun/index.html", "sources/ai-ua-105-00-fi-2000/index.html",
                 "exports/kb.json", "exports/csv/cases.csv", "exports/updates.ko.xml",
                 "assets/kb-search.js", "assets/kb-offline-search.js",
                 "assets/kb-offline/en.js", "assets/kb-offline/ko.js", "assets/kb-offline/zh.js"):
        assert TOP + name in names, name
    assert not [n for n in names if n.startswith((TOP + "pagefind/", TOP + "sitemap.xml"))
                or n.endswith(".zip") or n == TOP + "404.html"]


def test_every_link_in_the_copy_opens_a_file(site):
    """No link of any page leads to a folder (a folder listing from disk, not the page)."""
    names = {n[len(TOP):] for n in _names(site)}
    broken, checked = [], 0
    with zipfile.ZipFile(site.file(ZIP)) as archive:
        for name in sorted(n for n in names if n.endswith(".html")):
            doc = lxml.html.fromstring(archive.read(TOP + name))
            for el, attr in [(e, "href") for e in doc.xpath("//a[@href]|//link[@href]")] + \
                            [(e, "src") for e in doc.xpath("//script[@src]|//img[@src]")]:
                url = el.get(attr).split("#")[0].split("?")[0]
                if not url or re.match(r"[a-z][a-z0-9+.-]*:|/", url):
                    continue
                checked += 1
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), url))
                if target not in names:
                    broken.append(f"{name}: {el.get(attr)}")
    assert broken == [] and checked > 10_000, (broken[:10], checked)
    home = _read(site, "index.html")
    assert '<a href="cases/index.html" class="md-nav__link">' in home
    assert '<a href="ko/index.html" hreflang="ko"' in home


def test_the_zips_entries_are_in_order_dated_by_the_build_and_plain_files(site):
    """What makes the zip the same bytes from every build of the same data (that it is, from
    a build elsewhere, in one process, with another hash seed: test_reproducible.py, which
    compares every file, the zip among them)."""
    with zipfile.ZipFile(site.file(ZIP)) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(2026, 11, 23, 0, 0, 0)}  # SOURCE_DATE_EPOCH's day
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}


def test_each_exports_page_gives_the_zips_size_and_sha256(site):
    data = site.file(ZIP).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    for prefix, size_words, note in (
            ("", f"({len(data):,} bytes), SHA-256:",
             "The copy of this page inside the zip leaves out this link, size and SHA-256"),
            ("ko/", f"({len(data):,}바이트), SHA-256:", "zip 파일 안에 든 이 페이지의 사본에는"),
            ("zh/", f"（{len(data):,} 字节），SHA-256：", "zip 文件中的本页副本不含此链接")):
        art = site.article(f"{prefix}exports/")
        link = art.select_one('a[href$="kb-offline.zip"]')
        assert link is not None, prefix
        target = posixpath.normpath(posixpath.join(f"{prefix}exports/", link["href"]))
        assert target == ZIP and link.get_text() == ZIP
        facts = link.find_next("span").get_text(" ", strip=True)
        assert size_words in facts and facts.endswith(digest), facts
        assert f"{len(data) / 1e6:.1f} MB" in facts
        assert note in art.get_text(" ")


def test_the_copys_exports_page_says_it_leaves_out_the_zip(site):
    for prefix, note in (("", "This is the offline copy. Its link, size and SHA-256 are on the "
                              "Exports page of the published site"),
                         ("ko/", "이것은 오프라인 사본입니다."), ("zh/", "这是离线副本。")):
        page = lxml.html.fromstring(_read(site, f"{prefix}exports/index.html"))
        text = " ".join(page.xpath("string(//article)").split())
        assert note in text and "kb-offline.zip" not in text, prefix
        assert not page.xpath('//a[contains(@href, "kb-offline.zip")]')


def _index(site, lang: str) -> dict:
    text = _read(site, f"assets/kb-offline/{lang}.js")
    assert text.startswith("window.KB_OFFLINE_INDEX = ") and text.endswith(";\n")
    return json.loads(text[len("window.KB_OFFLINE_INDEX = "):-2])


def test_each_edition_has_a_search_index_of_its_indexed_pages(site):
    en, ko = _index(site, "en"), _index(site, "ko")
    by_url = {p["u"]: p for p in en["pages"]}
    source = by_url["sources/ai-ua-105-00-fi-2000/index.html"]
    assert source["y"] == "Source" and [10, "ASA 17/21/00"] in source["w"]
    case = {p["u"]: p for p in ko["pages"]}["ko/cases/changchun-2012/index.html"]
    assert case["t"] == "창춘에 억류된 최소 21명, 2012년 2월" and case["y"] == "사례"
    assert "창춘" in case["f"]["place"]
    assert "exports/index.html" not in by_url and "cases/index.html" not in by_url  # lists
    assert all(p["u"].startswith("ko/") for p in ko["pages"])
    assert ko["filters"]["type"]["사례"] == len([p for p in ko["pages"] if p["y"] == "사례"])


def test_links_to_folders_get_index_html_and_nothing_else_changes():
    files = {"index.html", "cases/index.html", "cases/x/index.html", "exports/kb.json"}
    page = ('<a href="../" title="a > b">Home</a> <a class=x href=../x/#top>X</a>\n'
            '<p>&lt;a href="../"&gt; in text</p><code>&lt;a href="../"&gt;</code>\n'
            '<script src="../../assets/a.js"></script><script>var a = \'<a href="../">\';</script>'
            '<!-- <a href="../"> --><a href="../../exports/kb.json">json</a>'
            '<a href="https://example.org/">out</a><a href="#here">in</a>\n'
            '<dialog class="kb-search" data-kb-search data-x="1">')
    assert links.rewrite(page, "cases/y/index.html", files) == (
        '<a href="../index.html" title="a > b">Home</a> <a class=x href=../x/index.html#top>X</a>\n'
        '<p>&lt;a href="../"&gt; in text</p><code>&lt;a href="../"&gt;</code>\n'
        '<script src="../../assets/a.js"></script><script>var a = \'<a href="../">\';</script>'
        '<!-- <a href="../"> --><a href="../../exports/kb.json">json</a>'
        '<a href="https://example.org/">out</a><a href="#here">in</a>\n'
        '<dialog data-kb-offline-search class="kb-search" data-kb-search data-x="1">')


def test_the_cli_makes_the_same_zip_from_a_built_site(site, tmp_path):
    """`kb offline`, with a cache folder that cannot be made (below a file): it makes the
    copy without one, as a build would (with the build's cache, every build checks it)."""
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    (copy / ZIP).unlink()
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    done = subprocess.run([sys.executable, "scripts/kb.py", "offline", str(copy)], cwd=ROOT,
                          env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH,
                               "KB_CACHE_DIR": str(tmp_path / "a-file" / "cache")},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (copy / ZIP).read_bytes() == site.file(ZIP).read_bytes()
    assert (copy / "exports/index.html").read_bytes() == site.file("exports/").read_bytes()


@pytest.fixture(scope="module")
def made_once(site, tmp_path_factory):
    """A copy of the session's site whose offline copy was made again with an empty cache,
    its pages in two processes, as a build on two cores makes them: (that copy, the cache
    it filled). The tests below start from copies."""
    from macros import build_steps
    from macros.kb import offline

    folder = tmp_path_factory.mktemp("offline")
    copy, cache = folder / "site", folder / "cache"
    shutil.copytree(site.root, copy)
    offline.make(copy, DAY, cache, pool=lambda: build_steps.pool(2))  # nothing kept yet
    return copy, cache


def test_the_commands_use_the_build_cache_only_in_a_project(tmp_path, monkeypatch):
    """`kb offline` and `kb search-index` keep what they make in the build's cache of the
    project whose mkdocs.yml is --config (default ./mkdocs.yml), as a build does; run
    anywhere else, they leave no cache behind (macros/cli.py, _build_cache)."""
    import argparse

    from macros import cli
    from macros.kb import Options

    inside = Options.from_environment(ROOT, {})
    here = argparse.Namespace(config=str(ROOT / "mkdocs.yml"))
    assert cli._build_cache(here, inside, "offline") == ROOT / ".cache" / "kb" / "offline"
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here
    elsewhere = Options.from_environment(tmp_path, {})
    assert cli._build_cache(argparse.Namespace(config="mkdocs.yml"), elsewhere, "search") is None
    chosen = Options.from_environment(tmp_path, {"KB_CACHE_DIR": str(tmp_path / "c")})
    assert cli._build_cache(argparse.Namespace(config="mkdocs.yml"), chosen, "search") == \
        tmp_path / "c" / "search"


def test_what_the_copy_keeps_of_each_page_gives_the_same_zip_and_never_a_stale_page(site,
                                                                                 made_once,
                                                                                 tmp_path):
    """A build keeps what the copy made of each page in .cache/kb/offline/ (kb/offline:
    Pages). Made from an empty cache, then from a full one, the zip is the built site's; a
    page edited after that is read again: the copy and its search index have the edit, and
    every other page is as before."""
    from macros.kb import offline

    built = site.file(ZIP).read_bytes()
    assert (made_once[0] / ZIP).read_bytes() == built  # made with an empty cache, in a pool
    assert len(list(made_once[1].iterdir())) == _kept(site)
    copy, cache = tmp_path / "site", tmp_path / "cache"
    shutil.copytree(made_once[0], copy)
    shutil.copytree(made_once[1], cache)
    for entry in sorted(cache.iterdir())[:40]:  # damaged (a disk full, half a file): made again
        entry.write_bytes(b"not an entry")
    offline.make(copy, DAY, cache)  # every other page and file from the cache
    assert (copy / ZIP).read_bytes() == built

    page = copy / "cases/changchun-2012/index.html"
    html = page.read_text(encoding="utf-8")
    assert html.count("<h1") == 1
    page.write_text(re.sub(r"(<h1[^>]*>)", r"\1Edited in a test: ", html), encoding="utf-8")
    offline.make(copy, DAY, cache)
    with zipfile.ZipFile(copy / ZIP) as after, zipfile.ZipFile(site.file(ZIP)) as before:
        changed = [name for name in after.namelist()
                   if after.read(name) != before.read(name)]
        index = after.read(TOP + "assets/kb-offline/en.js").decode("utf-8")
        assert "Edited in a test: " in after.read(TOP + "cases/changchun-2012/index.html").decode()
    assert changed == [TOP + "assets/kb-offline/en.js", TOP + "cases/changchun-2012/index.html"]
    entry = next(p for p in json.loads(index[len("window.KB_OFFLINE_INDEX = "):-2])["pages"]
                 if p["u"] == "cases/changchun-2012/index.html")
    assert entry["t"].startswith("Edited in a test: ")


def test_the_copys_cache_holds_at_most_its_floor_or_twice_the_last_builds(site, made_once,
                                                                          tmp_path,
                                                                          monkeypatch):
    """What a large site's build left in the cache (kb/offline: Pages.prune) does not stay
    beside the next, smaller one: the oldest files this build did not use go first, beyond
    Pages.LEAST files in all (5,000: the real site's pages stay while the tests' variants are
    built; here 2,000, a file costing up to a millisecond to make on some disks); a file
    another build is still writing stays; what this build used stays, so the next build
    takes every page from the cache and makes the same zip. The cache starts with what a
    build of the site kept (made_once), beside what a larger build left."""
    from macros.kb import offline

    assert offline.Pages.LEAST == 5000
    monkeypatch.setattr(offline.Pages, "LEAST", 2000)

    copy, cache = tmp_path / "site", tmp_path / "cache"
    shutil.copytree(made_once[0], copy)
    shutil.copytree(made_once[1], cache)
    pages = _kept(site)
    assert len(list(cache.iterdir())) == pages
    assert 2 * pages < 2000
    left = [cache / f"{n:064x}" for n in range(2500)]  # a larger build's, an hour old
    hour_ago = time.time() - 3600
    for n, path in enumerate(left):
        path.write_bytes(b"left by another build")
        os.utime(path, (hour_ago + n, hour_ago + n))
    writing = cache / f"{'f' * 64}.999.tmp"
    writing.write_bytes(b"being written")
    offline.make(copy, DAY, cache)
    kept = sorted(p for p in cache.iterdir() if p.suffix != ".tmp")
    assert len(kept) == 2000 and writing.exists()
    assert [p for p in left if p.exists()] == left[-(2000 - pages):]  # the newest of them
    for path in left[-(2000 - pages):]:
        path.unlink()
    made = sorted(cache.iterdir())
    offline.make(copy, DAY, cache)
    assert sorted(cache.iterdir()) == made
    assert (copy / ZIP).read_bytes() == site.file(ZIP).read_bytes()


def test_the_zip_written_by_hand_is_the_one_zipfile_writes(site, monkeypatch):
    """kb/offline/archive.py writes the zip itself, to copy entries compressed by an earlier
    build: the bytes must be those Python's zipfile writes (which it still does beyond the
    classic format's limits), and every entry must read back whole."""
    import io
    from macros.kb.offline import archive

    day = DAY
    html = site.file("cases/changchun-2012/").read_bytes()
    files = {"index.html": site.file("index.html").read_bytes(),
             "cases/changchun-2012/index.html": archive.Deflated.of(html),
             "exports/kb.json": site.file("exports/kb.json").read_bytes,
             "assets/index.js": archive.Streamed(lambda out: [out.write(html[n:n + 1000])
                                                              for n in range(0, len(html), 1000)]),
             "장소/empty.txt": b""}

    def written(write) -> bytes:
        out = io.BytesIO()
        write(out)
        return out.getvalue()

    with_zipfile, by_zipfile_calls = archive._write_with_zipfile, []
    monkeypatch.setattr(archive, "_write_with_zipfile",
                        lambda *args: (by_zipfile_calls.append(args), with_zipfile(*args)))
    by_hand = written(lambda out: archive.write_zip(out, files, day, TOP))
    assert by_zipfile_calls == []
    by_zipfile = written(lambda out: with_zipfile(out, files, (2026, 11, 23, 0, 0, 0), TOP))
    assert by_hand == by_zipfile
    after_prefix = written(lambda out: (out.write(b"prefix"),
                                        archive.write_zip(out, files, day, TOP)))
    assert after_prefix == written(lambda out: (out.write(b"prefix"), with_zipfile(
        out, files, (2026, 11, 23, 0, 0, 0), TOP)))  # offsets from the file's start
    with zipfile.ZipFile(io.BytesIO(by_hand)) as archive_read:
        assert archive_read.testzip() is None
        assert archive_read.read(TOP + "cases/changchun-2012/index.html") == html
        assert archive_read.read(TOP + "assets/index.js") == html
        assert archive_read.getinfo(TOP + "장소/empty.txt").flag_bits & 0x800
    assert by_zipfile_calls == []
    # beyond the limits (made small here), zipfile writes it, from the start
    monkeypatch.setattr(archive, "LIMIT", len(html))
    assert written(lambda out: archive.write_zip(out, files, day, TOP)) == by_zipfile
    assert len(by_zipfile_calls) == 1
    monkeypatch.setattr(archive, "LIMIT", zipfile.ZIP64_LIMIT)
    monkeypatch.setattr(archive, "MOST_FILES", 2)
    assert written(lambda out: archive.write_zip(out, files, day, TOP)) == by_zipfile
    assert len(by_zipfile_calls) == 2
