"""The Korean and Chinese editions in one MkDocs build: each edition's menu, and each page's
language, alternates and switcher.

One build holds every edition (kb/common/editions.py: English at the root, ko/ and zh/): the
generated pages are planned once per edition, and the hand-written ones are docs/ko/*.md and
docs/zh/*.md, out of the English menu (`not_in_nav` in mkdocs.yml). Each edition gets a menu
of its own, the English one (mkdocs.yml's `nav`) with the same pages in that edition and its
titles from the edition's catalogue; a page gets its edition's menu and language through
`on_page_context`, and Material's own strings follow the page's language
(overrides/partials/language.html).

Why not mkdocs-static-i18n: it builds the site once per language, running every plugin and
hook again (the data would be rendered three times over, and the search indexed three times),
and the generated pages would have to be told apart per pass; here the editions are only more
pages of one build.
"""
from __future__ import annotations

import functools

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from macros.kb.common import catalogues, editions, urls
from macros.kb.pages import writer


def navigations(nav: Navigation, files, config,
                built: tuple[str, ...]) -> dict[str, Navigation]:
    """Each edition's menu (`built`: the editions this build makes): mkdocs.yml's `nav`, its
    pages in that edition and its titles from the edition's catalogue. A page missing from an
    edition is left out of its menu."""
    out = {editions.DEFAULT: nav}
    english = catalogues.site_english(config)
    for lang in built:
        if lang == editions.DEFAULT:
            continue
        labels = editions.EDITIONS[lang].labels(english)
        pages: list[Page] = []
        items = _items(config["nav"] or [], lang, labels, files, config, pages, None)
        edition = Navigation(items, pages)
        home = files.get_file_from_path(editions.in_edition(lang, "index.md"))
        edition.homepage = home.page if home is not None else None
        out[lang] = edition
    return out


def _items(entries, lang, labels, files, config, pages, parent):
    """The menu entries of mkdocs.yml's `nav` (a list of {title: path or list}) in `lang`
    (`labels`: the edition's, Edition.labels)."""
    out = []
    for entry in entries:
        (english, value), = entry.items()
        title = labels[f"nav.{english}"]
        if isinstance(value, list):
            section = Section(title, [])
            section.parent = parent
            section.children = _items(value, lang, labels, files, config, pages, section)
            out.append(section)
            continue
        file = files.get_file_from_path(editions.in_edition(lang, value))
        if file is None:
            continue
        page = file.page or Page(title, file, config)
        page.title = title
        page.parent = parent
        pages.append(page)
        out.append(page)
    return out


def page_edition(page) -> tuple[str, str]:
    """A page's edition language and its path within the edition."""
    return editions.split(page.file.src_uri)


def alternates(src_uri: str, files, site_url: str) -> list[dict]:
    """The page in every edition that has it (kb/common/urls.py), among this build's files."""
    return urls.alternates(src_uri, lambda path: files.get_file_from_path(path) is not None,
                           site_url)


def sitemap(files, site_url: str) -> dict:
    """For sitemap.xml (kb/pages/writer.py sitemap): each page's editions, and the pages for
    maintainers, which it leaves out."""
    pages = tuple(file.src_uri for file in files.documentation_pages())
    return _sitemap(pages, frozenset(file.src_uri for file in files), site_url,
                    frozenset(sitemap_unlisted(files)))


@functools.lru_cache(maxsize=1)
def _sitemap(pages: tuple, present: frozenset, site_url: str, unlisted: frozenset) -> dict:
    """Kept for the next build of the process (`mkdocs serve`), which an edit of the data
    rarely changes this for: the editions of 690 pages took 0.05 s of each warm rebuild."""
    return writer.sitemap(pages, present.__contains__, site_url, unlisted)


def sitemap_unlisted(files) -> set[str]:
    """For sitemap.xml: the pages for maintainers (front matter `kb_maintainers: true`), which
    it leaves out. Read from the files, not from page.meta: `mkdocs build --dirty` reads no
    page whose file is unchanged, and its meta would be empty."""
    out = set()
    for file in files.documentation_pages():
        if file.abs_src_path and file.src_uri.endswith(".md"):
            if get_data(file.content_string)[1].get("kb_maintainers"):
                out.add(file.src_uri)
    return out
