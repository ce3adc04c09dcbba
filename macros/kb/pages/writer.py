"""The site's pages as finished Markdown, written once for every builder that runs no MkDocs
hooks (the Zensical build, `kb write-pages`): `write_docs`.

Each page file gets the keys of its front matter that the theme's templates read of its
edition (`page_meta`, overrides/main.html), and each hand-written page its blocks in place of
its `kb_block()` calls (`with_blocks`), as mkdocs-macros puts them in before Markdown reads
the page: the files need no macros engine. The MkDocs hooks put the same keys in page.meta
(on_page_context) and mkdocs-macros the same blocks, so one set of templates and one set of
blocks serve both engines.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from ..common import editions, memo, urls
from . import blocks, kept
from . import plan as pages
from .views.chrome import chrome, edition_notice

# what the hand-written pages call (docs/*.md, render_macros: true); nothing else is rendered
BLOCK_CALL = re.compile(r'\{\{\s*kb_block\(\s*"(\w+)"\s*\)\s*\}\}')
TEMPLATE_CODE = re.compile(r"\{\{|\{%|\{#")
# the pages kept (kept.Bodies) as plan.Rendered, with Markdown headings (the MkDocs adapter
# keeps them otherwise: its entries are never taken here, nor these there)
MARKDOWN = "plan.Rendered, as_markdown"
# (kb, site, templates, planned, built, chromes, links, bodies): the workers'
_job: tuple | None = None


def page_meta(kb, path: str, exists, site_url: str, chromes: dict, page=None) -> dict:
    """The front matter keys of page file `path` (exists(path): the build has that page;
    chromes: each edition's views.chrome.chrome(); page: the page, for the count of its
    untranslated parts in its meta): kb_alternates, the page in every edition that has it
    (for the language switcher), where there is more than one; and on a Korean or Chinese
    page kb_lang, kb_chrome (footer and search strings) and kb_notice (its edition notice).
    An English page reads its strings from the configuration (extra.kb_chrome)."""
    lang, _here = editions.split(path)
    meta: dict = {}
    found = urls.alternates(path, exists, site_url)
    if len(found) > 1:
        meta["kb_alternates"] = found
    if lang != editions.DEFAULT:
        meta.update(kb_lang=lang, kb_chrome=chromes[lang],
                    kb_notice=edition_notice(kb, lang, page))
    return meta


def with_front_matter(text: str, meta: dict) -> str:
    """A Markdown page's text with `meta` added to its front matter."""
    if not meta:
        return text
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    if text.startswith("---\n"):
        return "---\n" + head + text[4:]
    return "---\n" + head + "---\n\n" + text


def sitemap(paths, exists, site_url: str, unlisted) -> dict:
    """What sitemap.xml (overrides/sitemap.xml) needs, by page address: each page that exists
    in more than one edition, with its editions (xhtml:link hreflang, as search engines read
    them), and the pages it leaves out (`unlisted`: page files, those for maintainers)."""
    alternates = {}
    for path in paths:
        found = urls.alternates(path, exists, site_url)
        if len(found) > 1:
            alternates[site_url + urls.url_of(path)] = found
    return {"alternates": alternates,
            "unlisted": sorted(site_url + urls.url_of(path) for path in unlisted)}


def front_matter(text: str) -> dict:
    """A Markdown page's front matter (a YAML mapping between two --- lines), or {}."""
    if not text.startswith("---\n") or "\n---\n" not in text[3:]:
        return {}
    return yaml.safe_load(text[4:text.index("\n---\n", 3)]) or {}


def with_blocks(text: str, path: str, block) -> str:
    """Hand-written page `path`'s text with each `{{ kb_block("name") }}` replaced by
    block(name), the block's HTML, where its front matter asks for macros (render_macros:
    true, as mkdocs-macros reads it); raises ValueError, naming the file, for any other
    template code there: no builder of these files runs it."""
    if not front_matter(text).get("render_macros"):
        return text
    out = BLOCK_CALL.sub(lambda m: str(block(m.group(1))), text)
    left = TEMPLATE_CODE.search(BLOCK_CALL.sub("", text))
    if left:
        line = BLOCK_CALL.sub("", text)[:left.start()].count("\n") + 1
        raise ValueError(f"docs/{path}, line {line}: only {{{{ kb_block(\"name\") }}}} calls "
                         "are rendered in a hand-written page")
    return out


def _render(start: int, stop: int) -> list[tuple[str, str]]:
    """Planned pages start to stop: each one's Markdown text and the name it is kept under
    (kept.Bodies, when given: taken from there if an earlier build rendered it)."""
    kb, site, templates, planned, built, chromes, links, bodies = _job
    out = []
    for item in planned[start:stop]:
        rendered, key, _taken = bodies.made(
            pages.view(kb, item, site, links),
            lambda view: pages.render_view(view, templates, as_markdown=True))
        rendered.meta.update(page_meta(kb, item.path, built.__contains__, site.url, chromes,
                                       rendered))
        out.append((rendered.markdown(), key))
    return out


def _rendered_pages(job: tuple, executor):
    """Each planned page's Markdown text and the name it is kept under, in order: rendered in
    `executor`'s forked processes, which share the KnowledgeBase (only the texts travel
    back), or here."""
    global _job
    _job = job
    planned = job[3]
    try:
        if executor is None:
            yield from _render(0, len(planned))
            return
        for task in pages.in_runs(executor, _render, len(planned)):
            yield from task.result()
    finally:
        _job = None


def write_docs(source: Path, out: Path, kb, site, options, executor=None,
               links: str = "file") -> tuple[int, dict]:
    """Write OUT from the hand-written pages in SOURCE (docs/) and the pages generated from
    the data, as finished Markdown: front matter with what each page's templates read of its
    edition, blocks in place; the editions the options leave out left out (Options.editions,
    KB_EDITIONS), as the MkDocs hooks leave them out. site: the English edition's SiteInfo;
    executor: a pool of forked processes to render in, or None; links: relative to each file
    ("file": Zensical resolves a page's HTML links from its source file) or to each page's
    address ("page", as MkDocs leaves HTML links). Returns how many pages were generated and
    what sitemap.xml says of every page (`sitemap`). Raises ValueError for a generated page
    that clashes with a hand-written one, or template code that no builder would run."""
    langs = options.editions
    left_out = {editions.EDITIONS[lang].folder for lang in editions.EDITIONS
                if lang not in langs}
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source, out, ignore=lambda d, names: [
        n for n in names if Path(d) == source and n in left_out])
    written = {p.relative_to(out).as_posix(): p for p in sorted(out.rglob("*.md"))}
    planned = pages.plan(kb, langs)
    clash = next((item.path for item in planned if item.path in written), None)
    if clash:
        raise ValueError(f"docs/{clash} clashes with a page generated from the data")
    built = set(written) | {item.path for item in planned}
    chromes = {lang: chrome(options.build_date, site, lang, kb.last_reviewed)
               for lang in editions.EDITIONS}
    cache = blocks.Cache(options.cache / "blocks", options.data, options.templates)
    unlisted = []
    for path, file in written.items():
        lang, here = editions.split(path)
        text = file.read_text(encoding="utf-8")
        if front_matter(text).get("kb_maintainers"):
            unlisted.append(path)
        text = with_blocks(text, path, lambda name: blocks.block(
            kb, name, here, site, options.templates, lang, repository=site.repository,
            links=links, cache=cache))
        file.write_text(with_front_matter(text, page_meta(kb, path, built.__contains__,
                                                          site.url, chromes)),
                        encoding="utf-8")
    blocks.Cache.prune(cache.folder)
    memo.prune()
    bodies = kept.Bodies(options.cache / "markdown", options.templates, MARKDOWN)
    job = (kb, site, options.templates, planned, built, chromes, links, bodies)
    for item, (text, key) in zip(planned, _rendered_pages(job, executor)):
        bodies.use(key)  # looked up in a worker: marked here, for prune
        target = out / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    bodies.prune()
    return len(planned), sitemap(sorted(built), built.__contains__, site.url, unlisted)
