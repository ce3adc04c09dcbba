"""What a page says of its edition, written once for both engines: the keys of its front
matter (`page_meta`) that the theme's templates read (overrides/main.html), and a page's text
with them (`with_front_matter`). The Zensical build writes them into each Markdown file
(macros/zensical_adapter/docs.py); the MkDocs hooks put the same keys in page.meta
(on_page_context), so one set of templates serves both engines.
"""
from __future__ import annotations

import yaml

from ..common import editions, urls
from .views.chrome import edition_notice


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
