"""Pages as the build wrote them through the theme, kept in the cache (Options.cache, "themed/")
for the next build to take instead of running Material's templates again.

MkDocs renders every page through the theme's main.html in its own process, one page after
another: 3.3 s of the real site's cold build of 8.4 s (681 pages, every edition), the largest
part of it, although a build mostly writes pages whose every input is what it was the build
before. An entry is named by a hash of all the template reads of a page (`Kept.key`):

- the page: its address, source file, title, body (HTML), table of contents, metadata (the
  hooks' on_page_context has put the edition's keys there), canonical and edit addresses,
  whether it is the home page, the previous and next page and its place in the menu;
- its edition's menu, as the hooks give it to the theme: titles, addresses, nesting and
  what Material shows of each entry's page (digest_menu; which entry is active follows
  from the page's address);
- the configuration (each plugin's by its name and settings), apart from the paths of the
  docs and site folders, which no template reads, and extra.kb_sitemap, which only
  sitemap.xml reads;
- the templates (the theme's custom_dir: overrides/), the code under macros/ as this
  process runs it (incremental.STARTED), and Python's and every library's version (Material's
  and MkDocs' among them: kept.installed).

MkDocs asks the Jinja environment for main.html, then renders it with the page's context:
the environment given to MkDocs (on_env) hands out templates whose `render` looks the page
up first (`Template`). Templates rendered for no page (404.html, sitemap.xml) are rendered as
they are. What is kept is the page as the build writes it: the theme's HTML after the hooks'
on_post_page (`Kept.finish`), which only follows the HTML and the page's address (its
edition), both in the name; a page taken is written as it is (compacting the theme's HTML
again took 0.25-0.29 s of each build of the real site). MkDocs runs every plugin's
on_post_page on what the template gives: another plugin's would run a second time on a page
taken, so where the hooks are not the only one (`alone`) no page is named, taken or kept.
"""
from __future__ import annotations

import hashlib
import json
import zlib
from pathlib import Path
from typing import Callable

from macros.kb.common import kept

# what Material's menu shows of an entry's page's front matter (partials/nav-item.html)
MENU_META = ("icon", "subtitle", "status")
# configuration keys no template reads that vary between builds of one site (the menu is
# digested as the build made it: digest_menu), and the plugins' objects (named below)
UNREAD = {"plugins", "hooks", "docs_dir", "site_dir", "config_file_path", "watch", "nav"}


class Kept(kept.Folder):
    """One file per page, its HTML as the build writes it, compressed. Pruned (kept.prune) after
    a build that wrote every page (not `serve --dirty`)."""

    LEAST = 5000  # as the generated pages' (pages/kept.py): the real site's and the tests'

    def __init__(self, folder: Path, salt: bytes, alone: bool = True):
        super().__init__(folder)
        self.salt, self.alone = salt, alone  # alone: see the module
        self.taken = 0  # pages taken by this build

    def key(self, page, menu: bytes) -> str | None:
        """The name of `page` as the build writes it, in its edition's `menu` (digest_menu);
        None where the hooks are not alone (see the module)."""
        if not self.alone:
            return None
        parts = (
            page.url, page.file.src_uri, page.title, page.canonical_url, page.edit_url,
            page.is_homepage, _toc(page.toc), page.meta,
            [(p.title, p.url) if p else None for p in (page.previous_page, page.next_page)],
            [getattr(a, "title", None) for a in page.ancestors])
        digest = hashlib.sha256(self.salt + menu)
        digest.update(hashlib.sha256((page.content or "").encode("utf-8")).digest())
        digest.update(_json(parts))
        return digest.hexdigest()

    def take(self, key: str) -> str | None:
        """The page kept as `key` (kept.Folder.get: marked used), or None."""
        packed = self.get(key)
        if packed is None:
            return None
        try:
            html = zlib.decompress(packed).decode("utf-8")
        except (TypeError, zlib.error, UnicodeDecodeError):  # damaged: written again
            return None
        self.taken += 1
        return html

    def keep(self, key: str, html: str) -> None:
        self.put(key, zlib.compress(html.encode("utf-8"), 1))

    def finish(self, page, output: str, finish: Callable[[str], str]) -> str:
        """The page as the build writes it: `output` itself where Template.render took it
        from here (kept finished), else finish(output), kept under the page's name."""
        if getattr(page, "kb_themed_taken", False):
            return output
        html = finish(output)
        key = getattr(page, "kb_themed", None)
        if key is not None:
            self.keep(key, html)
        return html


def alone(config, hooks: str) -> bool:
    """Whether the hooks (the module named `hooks`) are the only plugin whose on_post_page
    changes a page once the theme has written it."""
    return all(getattr(run, "__module__", None) == hooks
               for run in config.plugins.events["post_page"])


def salt(config, code: str) -> bytes:
    """What every page's name covers besides the page and its menu (see the module): the
    templates are the theme's custom_dir (overrides/), the rest the installed theme's."""
    settings = {key: value for key, value in config.items() if key not in UNREAD}
    settings["extra"] = {key: value for key, value in (config.extra or {}).items()
                         if key != "kb_sitemap"}
    settings["theme"] = {**dict(config.theme.items()), "dirs": config.theme.dirs}
    settings["plugins"] = {name: dict(getattr(plugin, "config", None) or {})
                           for name, plugin in config.plugins.items()}
    custom = config.theme.custom_dir
    return hashlib.sha256(_json([settings, kept.content_hash([Path(custom)] if custom else []),
                                 code, kept.installed()])).digest()


def digest_menu(nav) -> bytes:
    """What the theme shows of a menu on every page (partials/nav-item.html): each entry's
    kind, title, address, nesting and what Material reads of its page (whether it is a
    folder's index, its front matter's icon, subtitle and status), and the home page. Not
    the rest of an entry's metadata: the hooks add to each page's as it is written."""
    def items(entries) -> list:
        return [(type(e).__name__, e.title, getattr(e, "url", None),
                 getattr(e, "is_index", None), getattr(e, "encrypted", None),
                 getattr(e, "typeset", None),
                 [(getattr(e, "meta", None) or {}).get(key) for key in MENU_META],
                 items(e.children) if getattr(e, "children", None) else None)
                for e in entries]
    return hashlib.sha256(_json([items(nav.items),
                                 getattr(nav.homepage, "url", None)])).digest()


def _toc(toc) -> list:
    return [(t.title, t.id, t.level, _toc(t.children)) for t in toc]


def _json(value) -> bytes:
    """A stable serialisation: dicts sorted by their keys (a key that is not text, such as a
    date YAML read in front matter, by its type and repr), anything else by its repr."""
    return json.dumps(_text_keys(value), sort_keys=True, default=repr,
                      ensure_ascii=False).encode("utf-8")


def _text_keys(value):
    if isinstance(value, dict):
        return {(key if isinstance(key, str) else f"\0{type(key).__name__}:{key!r}"):
                _text_keys(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_text_keys(item) for item in value]
    return value


class Template:
    """A theme template whose render takes the page from `kept` when the context's page has
    a name there (page.kb_themed, set by the hooks), and marks it taken
    (page.kb_themed_taken): Kept.finish then leaves it as it is."""

    def __init__(self, template, kept_pages: Kept):
        self._template, self._kept = template, kept_pages

    def __getattr__(self, name):
        return getattr(self._template, name)

    def render(self, *args, **kwargs) -> str:
        context = args[0] if args and isinstance(args[0], dict) else kwargs
        page = context.get("page")
        key = getattr(page, "kb_themed", None)
        html = self._kept.take(key) if key is not None else None
        if html is None:
            return self._template.render(*args, **kwargs)
        page.kb_themed_taken = True
        return html


def install(env, kept_pages: Kept):
    """Have env.get_template (MkDocs asks it for each page's template) hand out Templates."""
    get_template = env.get_template

    def wrapped(*args, **kwargs):
        return Template(get_template(*args, **kwargs), kept_pages)

    env.get_template = wrapped
    return env
