"""Step 2 of build.py: the pages Zensical builds, as Markdown files in WORK/docs/.

docs/ as it is, and every generated page rendered from the data (kb/pages/plan.py), their
links relative to their source files (urls.relative: Zensical resolves HTML links from there).
What a page's templates read of its edition goes into its front matter (kb/pages/writer.py
page_meta, which the MkDocs hooks put in page.meta): the page in the other editions
(kb_alternates, for the language switcher) and, on a Korean or Chinese page, its language,
its footer and search strings and its edition notice (kb_lang, kb_chrome, kb_notice). It
also returns what sitemap.xml says of each page (writer.sitemap), for the configuration.
"""
from __future__ import annotations

import json
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import yaml


from macros.kb import Options
from macros.kb.common import editions, urls
from macros.kb.common.urls import SiteInfo
from macros.kb.pages import blocks
from macros.kb.pages import plan as pages
from macros.kb.pages.views.chrome import chrome
from macros.kb.pages import writer
from macros.kb.pages.writer import page_meta, with_front_matter

PAGES_PER_TASK = 40
BLOCK_CALL = re.compile(r'kb_block\("(\w+)"\)')
BLOCKS_FILE = "kb_blocks.json"  # in WORK, read by kb_macros.py
_job: tuple | None = None  # (kb, site, options, planned, built, chromes), for forked workers


def _chromes(kb, site: SiteInfo, options: Options) -> dict:
    """Each edition's footer and search strings (views/chrome.py)."""
    return {lang: chrome(options.build_date, site, lang, kb.last_reviewed)
            for lang in editions.EDITIONS}


def _render(start: int, stop: int) -> list[str]:
    kb, site, options, planned, built, chromes = _job
    out = []
    for item in planned[start:stop]:
        rendered = pages.render(kb, item, site, options.templates, as_markdown=True,
                                links="file")
        rendered.meta.update(page_meta(kb, item.path, built.__contains__, site.url,
                                         chromes, rendered))
        out.append(rendered.markdown())
    return out


def rendered_pages(kb, site: SiteInfo, options: Options, planned: list, built: set[str]):
    """Each planned page as a Markdown file's text, in order: rendered in a pool of forked
    processes (they share the KnowledgeBase; only the texts travel back) where the options
    ask for more than one (Options.jobs, as the MkDocs adapter renders)."""
    global _job
    _job = (kb, site, options, planned, built, _chromes(kb, site, options))
    try:
        if options.jobs < 2:
            yield from _render(0, len(planned))
            return
        with ProcessPoolExecutor(options.jobs, mp_context=get_context("fork")) as pool:
            tasks = [pool.submit(_render, i, i + PAGES_PER_TASK)
                     for i in range(0, len(planned), PAGES_PER_TASK)]
            for task in tasks:
                yield from task.result()
    finally:
        _job = None


def write_docs(work: Path, kb, site: SiteInfo, options: Options) -> tuple[int, dict]:
    """Write WORK/docs/ from the project's docs/ (the editions the options leave out left out,
    as the hooks do: Options.editions, KB_EDITIONS); return how many pages were generated, and
    what sitemap.xml says of every page (writer.sitemap)."""
    docs = work / "docs"
    langs = options.editions
    left_out = {editions.EDITIONS[lang].prefix.rstrip("/") for lang in editions.EDITIONS
                if lang not in langs}
    source = options.project / "docs"
    shutil.copytree(source, docs, ignore=lambda d, names: [
        n for n in names if Path(d) == source and n in left_out])
    written = {p.relative_to(docs).as_posix(): p for p in docs.rglob("*.md")}
    planned = pages.plan(kb, langs)
    built = set(written) | {item.path for item in planned}
    chromes = _chromes(kb, site, options)
    for path, file in written.items():
        file.write_text(with_front_matter(file.read_text(encoding="utf-8"),
                                          page_meta(kb, path, built.__contains__, site.url,
                                                    chromes)),
                        encoding="utf-8")
    prerender_blocks(work, kb, site, options, written)
    clash = next((item.path for item in planned if item.path in written), None)
    if clash:
        raise SystemExit(f"docs/{clash} clashes with a page generated from the data")
    for item, text in zip(planned, rendered_pages(kb, site, options, planned, built)):
        target = docs / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    unlisted = [path for path, file in written.items()
                if get_front_matter(file.read_text(encoding="utf-8")).get("kb_maintainers")]
    sitemap = writer.sitemap(sorted(built), built.__contains__, site.url, unlisted)
    return len(planned), sitemap


def get_front_matter(text: str) -> dict:
    """A Markdown page's front matter (a YAML mapping between two --- lines), or {}."""
    if not text.startswith("---\n") or "\n---\n" not in text[3:]:
        return {}
    return yaml.safe_load(text[4:text.index("\n---\n", 3)]) or {}


def prerender_blocks(work: Path, kb, site: SiteInfo, options: Options,
                     written: dict[str, Path]) -> None:
    """Every kb_block() of the hand-written pages, rendered here into WORK/kb_blocks.json, so
    that Zensical's macros extension only puts each in its place (kb_macros.py). Zensical
    0.0.73 runs the extension in threads of its own, where pyproj (the home page's map)
    crashed the whole process, and this also spares it loading the data a second time."""
    out = {}
    for path, file in sorted(written.items()):
        lang, page = editions.split(path)
        for name in BLOCK_CALL.findall(file.read_text(encoding="utf-8")):
            out[f"{path}::{name}"] = str(blocks.block(kb, name, page, site, options.templates,
                                                      lang, repository=site.repository,
                                                      links="file"))
    (work / BLOCKS_FILE).write_text(json.dumps(out, ensure_ascii=False, sort_keys=True),
                                    encoding="utf-8")
