"""Step 2 of build.py: the pages Zensical builds, as Markdown files in WORK/docs/.

docs/ as it is, and every generated page rendered from the data (kb/pages/plan.py), their
links relative to their source files (urls.relative: Zensical resolves HTML links from there).
What the MkDocs hooks hand a page's templates at build time (on_page_context) goes into its
front matter instead, where overrides/zensical/ reads it: the page in the other editions
(kb_alternates, for the language switcher) and, on a Korean or Chinese page, its language,
its footer and search strings and its edition notice (kb_lang, kb_chrome, kb_notice).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from macros.kb.build import build_date
from macros.kb.pages import editions, urls
from macros.kb.pages import plan as pages
from macros.kb.pages.urls import SiteInfo
from macros.kb.pages.views.chrome import chrome, edition_notice

ROOT = Path(__file__).resolve().parents[2]


def page_meta(kb, path: str, site: SiteInfo, built: set[str], page=None) -> dict:
    """What the hooks would give the templates of page file `path`, for its front matter."""
    lang, _here = editions.split(path)
    meta: dict = {}
    found = urls.alternates(path, built.__contains__, site.url)
    if len(found) > 1:
        meta["kb_alternates"] = found
    if lang != editions.DEFAULT:
        meta.update(kb_lang=lang, kb_chrome=chrome(build_date(), site.repository, lang),
                    kb_notice=edition_notice(kb, lang, page))
    return meta


def with_front_matter(text: str, meta: dict) -> str:
    """A hand-written page's text with `meta` added to its front matter."""
    if not meta:
        return text
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    if text.startswith("---\n"):
        return "---\n" + head + text[4:]
    return "---\n" + head + "---\n\n" + text


def write_docs(work: Path, kb, site: SiteInfo, langs: tuple[str, ...]) -> int:
    """Write WORK/docs/ (the editions KB_EDITIONS leaves out left out, as the hooks do);
    return how many pages were generated."""
    docs = work / "docs"
    left_out = {editions.EDITIONS[lang].prefix.rstrip("/") for lang in editions.EDITIONS
                if lang not in langs}
    shutil.copytree(ROOT / "docs", docs, ignore=lambda d, names: [
        n for n in names if Path(d) == ROOT / "docs" and n in left_out])
    written = {p.relative_to(docs).as_posix(): p for p in docs.rglob("*.md")}
    planned = pages.plan(kb, langs)
    built = set(written) | {item.path for item in planned}
    for path, file in written.items():
        file.write_text(with_front_matter(file.read_text(encoding="utf-8"),
                                          page_meta(kb, path, site, built)), encoding="utf-8")
    for item in planned:
        target = docs / item.path
        if item.path in written:
            raise SystemExit(f"docs/{item.path} clashes with a page generated from the data")
        target.parent.mkdir(parents=True, exist_ok=True)
        rendered = pages.render(kb, item, site, as_markdown=True, links="file")
        rendered.meta.update(page_meta(kb, item.path, site, built, rendered))
        target.write_text(rendered.markdown(), encoding="utf-8")
    return len(planned)
