"""Site search with Pagefind: what each page tells the index, and the indexing step.

Pagefind (PyPI `pagefind[extended]`, locked in uv.lock) reads the *built* HTML and writes a
chunked static index per edition into SITE/pagefind/<lang>/: one search downloads the engine
(WebAssembly), the few index chunks its words fall in and a fragment per result shown, not the
whole index.
Because it only reads HTML, the same step serves MkDocs (hooks.py, on_post_build) and any
later builder (`scripts/kb.py search-index SITE`).

What the index sees is decided in the templates, by attributes Pagefind reads:
  data-pagefind-body      on the article of pages that are indexed (main.html); pages without
                          it (record-type lists, the timeline, exports, data format, build
                          performance, 404) are left out once any page has it;
  data-pagefind-ignore    on lists of other records (sources, "linked from", letters,
                          citations, exports, the cases a place or principle lists...);
  data-pagefind-weight    on titles, document indexes and names;
  data-pagefind-meta      title and record type, shown in results;
  data-pagefind-filter    type, and for cases status, year, place and principle.
The per-page values come from pages/views/search.py (with each page's metadata, read by
main.html); this module runs the indexer on the built HTML: the one process the kb package
starts.

What the index does not do, the search script (assets/kb-search.js) does at query time, so the
index holds only what pages show: the words readers use where the records say otherwise (탈북민
for 북한 주민, defector for North Koreans) expand to the site's words from one table per edition
(locales/search-words.yml, pages/views/search.py says why a table); a query word found nowhere
empties the answer (Pagefind 1.5.2 drops it and answers for the others); Korean is matched as
written (Pagefind's diacritic folding splits Hangul syllables into letters).
"""
from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import BrokenExecutor, Executor, Future
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .common import editions
from .search_bundles import Bundles, bundle_key

# Inline markers that only point elsewhere: citation numbers "[1, 2]" and heading permalinks.
# Left out by the indexer instead of by an attribute on each of the thousands of them.
EXCLUDE_SELECTORS = [".kb-cite", ".headerlink"]


@dataclass(frozen=True)
class IndexStats:
    pages: int
    seconds: float
    output: Path
    cached: tuple[str, ...] = ()  # the editions whose bundle an earlier build made


def index_site(site_dir: str | Path, cache: Path | None = None,
               pagefind: tuple[tuple[str, str], ...] = ()) -> IndexStats:
    """Index the built site at site_dir into site_dir/pagefind/ (replacing any earlier one):
    start_index(site_dir, cache, pagefind).wait()."""
    return start_index(site_dir, cache, pagefind).wait()


class Indexing:
    """Pagefind indexing a built site, started by start_index: one process per edition, one
    after the other, which run beside whatever the caller does next (the offline copy:
    kb/offline.make_beside_index) until wait(). The caller must not change the site's HTML
    before wait() returns. An edition whose pages an earlier build indexed, byte for byte,
    takes that build's bundle from `bundles` (Bundles) instead."""

    def __init__(self, site: Path, commands: dict[str, list[str]], bundles: Bundles | None,
                 keys: dict[str, Future]):
        self.site, self.output, self.keys = site, site / "pagefind", keys
        self.start = time.perf_counter()
        self.langs = list(commands)
        self.bundles = bundles
        self.made: dict[str, str] = {}  # {lang: its key} for the bundles Pagefind made
        self.cached: list[str] = []  # the editions whose bundle was kept by a build before
        self.failed: str | None = None
        self._thread = threading.Thread(target=self._run, args=(commands,),
                                        name="kb-pagefind", daemon=True)
        self._thread.start()

    def _run(self, commands: dict[str, list[str]]) -> None:
        try:
            for lang, command in commands.items():
                key = None
                if self.bundles is not None:
                    key = self.bundles.key(self.site, lang, command, self.keys.get(lang))
                    if self.bundles.take(key, self.output / lang):
                        self.cached.append(lang)
                        continue
                done = subprocess.run(command, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE, text=True, errors="replace")
                if done.returncode != 0:
                    self.failed = (f"Pagefind failed ({done.returncode}) on the {lang} "
                                   f"edition:\n{done.stderr[-3000:]}")
                    return
                if key is not None:
                    self.made[lang] = key
        except Exception as error:  # noqa: BLE001 - a page or the cache unreadable, the
            # pool's process gone...: said by wait()
            self.failed = f"The search index could not be made: {type(error).__name__}: {error}"

    def wait(self) -> IndexStats:
        """Wait for Pagefind, check its bundles, write the filter options and leave out the
        files the site does not use; keep the bundles Pagefind made for the next build."""
        self._thread.join()
        seconds = time.perf_counter() - self.start
        if self.failed:
            raise RuntimeError(self.failed)
        pages = sum(_check(self.output / lang) for lang in self.langs)
        write_filter_options(self.site)
        for lang in self.langs:  # Pagefind's own UIs: the site has its own search box
            for name in UNUSED_BUNDLE_FILES:
                (self.output / lang / name).unlink(missing_ok=True)
        if self.bundles is not None:
            for lang, key in self.made.items():
                self.bundles.keep(key, self.output / lang)
            self.bundles.prune()
        return IndexStats(pages, seconds, self.output, tuple(self.cached))


def start_index(site_dir: str | Path, cache: Path | None = None,
                pagefind: tuple[tuple[str, str], ...] = (), executor: Executor | None = None
                ) -> Indexing:
    """Start indexing the built site at site_dir into site_dir/pagefind/ (replacing any
    earlier one); Indexing.wait() finishes it. With `cache` (a folder), an edition's bundle
    is kept there for the next build, which takes it if that edition's pages are the same
    (Bundles); `pagefind`: the PAGEFIND_* variables set (Options.pagefind), which Pagefind
    reads itself; `executor`: a pool (the build's) whose processes read the pages for the
    bundles' names, so that the caller's next step (the offline copy) does not take turns
    with that reading on one interpreter (0.5 s beside it, 0.15 s alone, on the real site).
    It is handed over: shut down once they are asked of it, its processes end when they are
    done, before Pagefind's largest runs (at 5,000 cases, 1.9 GB an edition) are under way.

    One bundle per edition, SITE/pagefind/<lang>/, each made by its own run of the binary
    that the pagefind package ships, as its CLI:
        python -m pagefind --site SITE --glob GLOB --output-subdir pagefind/<lang>
            --exclude-selectors ... --quiet
    where GLOB is the edition's pages (`_globs`). A search in an edition loads that edition's
    bundle (assets/kb-search.js, by the page's <html lang>). One run over the whole site
    makes the same fragments and index chunks, byte for byte, in one bundle with an index per
    language; but a run holds what it indexes in memory: at 5,000 cases in every edition
    it peaked at 3.6 GB, more than the build's own process, and one edition at a time under
    1.9 GB (at 1,000 cases: 898 MB for the whole site, 395 MB for the Korean pages). The
    real site takes as long either way (about 2 s, most of it the Chinese pages'
    segmentation).

    Not the package's Python API (pagefind.index.PagefindIndex): in 1.5.2 its service answers
    WriteFiles before the files are flushed and the wrapper then ends the process, so under
    CPU load a file can be left truncated; seen here on the 1,000-case site, whose
    pagefind-entry.json came out empty (fixed upstream after 1.5.2: Pagefind PR 1272). The CLI
    exits only when everything is written. The check in wait() catches a broken bundle
    anyway."""
    site = Path(site_dir).resolve()
    output = site / "pagefind"
    if output.exists():
        shutil.rmtree(output)
    commands = {}
    for lang, glob in _globs(site).items():
        command = [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", glob,
                   "--output-subdir", f"pagefind/{lang}", "--quiet"]
        for selector in EXCLUDE_SELECTORS:
            command += ["--exclude-selectors", selector]
        commands[lang] = command
    bundles = None
    if cache is not None:
        try:
            bundles = Bundles(cache, pagefind)
        except OSError:  # a cache folder this build cannot write: Pagefind runs as without
            pass
    keys = {}
    if bundles is not None and executor is not None:
        try:
            keys = {lang: executor.submit(bundle_key, bundles.salt, site, lang, command)
                    for lang, command in commands.items()}
        except BrokenExecutor:  # read in Indexing's thread instead
            keys = {}
    if executor is not None:
        executor.shutdown(wait=False)
    return Indexing(site, commands, bundles, keys)


def _globs(site: Path) -> dict[str, str]:
    """{lang: the glob of its pages} for each edition the built site has. An edition with a
    folder of its own (ko/, zh/) is that folder; the default edition is the rest: the pages
    at the site's root and in each other folder (Pagefind's glob has no "all but")."""
    found = {}
    for lang, edition in editions.EDITIONS.items():
        if not edition.prefix:
            folders = sorted(p.name for p in site.iterdir() if p.is_dir()
                             and p.name not in editions.FOLDERS and p.name != "pagefind")
            found[lang] = "{" + ",".join(["*.html", *(f"{name}/**/*.html"
                                                       for name in folders)]) + "}"
        elif (site / edition.prefix).is_dir():
            found[lang] = f"{edition.prefix}**/*.html"
    return found


def _check(output: Path) -> int:
    """The bundle is whole: the entry names, for each language, a metadata file that
    decompresses. Returns the number of pages indexed."""
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = 0
    for lang in entry["languages"].values():
        meta = gzip.decompress((output / f"pagefind.{lang['hash']}.pf_meta").read_bytes())
        if not meta.startswith(b"pagefind_dcd") or not lang["page_count"]:
            raise RuntimeError(f"Pagefind wrote an unusable index in {output}")
        pages += int(lang["page_count"])
    if not pages:
        raise RuntimeError(f"Pagefind indexed no page in {output}")
    return pages


# Written by Pagefind for its Default, Modular and Component UIs and its highlight script;
# the site's dialog (assets/kb-search.js) uses only pagefind.js, its worker and WebAssembly.
UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                       "pagefind-modular-ui.css", "pagefind-component-ui.js",
                       "pagefind-component-ui.css", "pagefind-highlight.js")


FILTER_OPTIONS = "kb-filters.json"  # in SITE/pagefind/, read by assets/kb-search.js


def write_filter_options(site_dir: str | Path) -> dict:
    """Write SITE/pagefind/kb-filters.json: per edition language, every filter's values and how
    many pages have each.

    The search dialog fills its filter lists from this file (3 KB gzip at 5,000 cases) rather
    than from pagefind.filters(), which downloads every filter's page lists (143 KB gzip at
    5,000 cases); a filtered search then loads only the lists of the filters it uses. Read
    from what Pagefind indexed, so it always matches the index; a page's edition is the first
    folder of its address (ko/, zh/), as Pagefind's index per language follows <html lang>."""
    options: dict[str, dict[str, dict[str, int]]] = {}
    for page in fragments(site_dir):
        lang, _path = editions.split(urlsplit(page["url"]).path.lstrip("/"))
        for name, values in page.get("filters", {}).items():
            counts = options.setdefault(lang, {}).setdefault(name, {})
            for value in values:
                counts[value] = counts.get(value, 0) + 1
    ordered = {lang: {name: dict(sorted(counts.items()))
                      for name, counts in sorted(by_name.items())}
               for lang, by_name in sorted(options.items())}
    path = Path(site_dir) / "pagefind" / FILTER_OPTIONS
    path.write_text(json.dumps(ordered, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
    return ordered


def fragments(site_dir: str | Path) -> list[dict]:
    """Every indexed page as Pagefind stored it: url, meta (title, type), filters, content
    (the indexed text, without what data-pagefind-ignore left out). For tests and checks."""
    out = []
    for path in sorted((Path(site_dir) / "pagefind").glob("*/fragment/*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        if data[:12] != b"pagefind_dcd":
            raise ValueError(f"{path}: not a Pagefind fragment")
        out.append(json.loads(data[12:]))
    return out
