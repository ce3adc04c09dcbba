"""MkDocs adapter: validate the data before anything is written, then add the generated pages
and export files, rendered by workers.py.

Loaded by MkDocs from `hooks:` in mkdocs.yml. It imports the `kb` package as `macros.kb`, the
same name mkdocs-macros uses, so both adapters share one KnowledgeBase per build. Generated
pages are Page objects whose body is HTML made from the data: MkDocs does not run them through
Markdown, and their table of contents comes with them.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import threading
from pathlib import Path

import jinja2
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from macros import build_steps, site_config
from macros.kb import Options, build_kb, exports, offline
from macros.kb.data.problems import DataError
from macros.kb.common import memo
from macros.kb.common.editions import DEFAULT as EDITIONS_DEFAULT, EDITIONS, split as split_edition
from macros.kb.pages.writer import page_meta
from macros.kb.common.urls import SiteInfo
from macros.kb.pages.views.chrome import chrome
from macros.mkdocs_adapter import (editions, incremental, serving, sitefolder, theme, themed,
                                   workers)
from macros.kb.pages.compact import compact
from macros.kb.pages import blocks, headerlinks, kept, plan as pages, render

log = logging.getLogger("mkdocs.hooks.kb")


class _State:
    serving = False  # `mkdocs serve`: one process (on_startup)
    dirty = False  # `mkdocs serve --dirty`: pages made again only when they change
    emptied = True  # MkDocs empties the site folder first (not under --dirty)
    background: threading.Thread | None = None  # serving: the last build's search and zip
    options: Options | None = None  # the build's, from the environment (on_config)
    renderer: workers.Renderer | None = None
    chrome: dict = {}  # per edition, what every page shows around its content (on_config)
    site_url = ""
    navs: dict = {}  # per edition, its menu (on_nav)
    nav_urls: dict = {}  # per edition, its menu's pages and their addresses (_nav_key)
    nav_html: dict = {}  # the menus rendered for pages out of the menu (partials/nav.html)
    menus: dict = {}  # per edition, its menu's digest (themed.py), once every page is read
    themed: themed.Kept | None = None  # pages as earlier builds wrote them (on_env)
    editions: tuple = ("en",)  # the editions this build makes (on_config)
    writes = sitefolder.Writes()  # the site folder written where it changes (on_pre_build)
    files = None
    kb = None


state = _State()


def on_startup(command, dirty, **kwargs):
    """`mkdocs serve --dirty` makes again only the pages an edit changes (incremental.py);
    MkDocs' warning that a dirty build may leave pages stale would fail it under `strict`."""
    state.serving = command == "serve"
    state.dirty = state.serving and dirty
    state.emptied = not dirty
    if state.dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(incremental.DropDirtyWarning())
    elif state.serving:
        log.info("kb: `mkdocs serve --dirty` makes again only the pages an edit changes")


def on_config(config, **kwargs):
    """Fail the build on any data problem, before the site folder is touched.

    The publishing guard, the garbage collector's policy and the pool the data is checked in
    are those of every builder (macros/build_steps.py).

    The build's options (the data folder, editions, build date...: macros/kb/options.py) are
    read from the environment here, once per build, for the project of this mkdocs.yml."""
    _wait_background()
    if state.serving and incremental.code_changed():
        raise Abort("the code in macros/ changed since `mkdocs serve` started, which goes on "
                    "running the code it started with: stop it and start it again")
    try:
        options = state.options = Options.from_environment(
            site_config.project(config.config_file_path), os.environ)
        render.cache_compiled(build_steps.cache_folder(options) / "templates")  # before forks
    except ValueError as exc:
        raise Abort(str(exc)) from None
    refused = None if state.serving else build_steps.refused(SiteInfo.from_config(config),
                                                            options)
    if refused:
        sys.stderr.write(refused + "\n")
        raise Abort("Build for publishing stopped: its address is not public.")
    try:
        state.kb = build_steps.load(options, workers.jobs(state.serving, options))
    except DataError as exc:
        sys.stderr.write(exc.report() + "\n")
        sys.stderr.flush()
        raise Abort("Build stopped by the data problems above.") from None
    state.editions = options.editions
    site = SiteInfo.from_config(config)
    reviewed = state.kb.last_reviewed
    state.chrome = {lang: chrome(options.build_date, site, lang, reviewed) for lang in EDITIONS}
    state.site_url = site.url
    config.extra["kb_chrome"] = state.chrome[EDITIONS_DEFAULT]
    theme.without_hidden_files(config.theme)
    return config


def on_pre_build(config, **kwargs):
    """The site folder is not emptied: each file is written where it changes, and what the
    build did not write is removed after it (sitefolder.py). Under `--dirty` MkDocs keeps
    the folder and skips the pages it finds unchanged itself."""
    if state.emptied:
        state.writes.install(config.site_dir)


def on_serve(server, config, builder, **kwargs):
    """Watch the data folder the build reads: mkdocs.yml's `watch` names the project's data/,
    not another that KB_DATA_DIR points at. A saved file is heard of at once
    (serving.hear_edits_at_once), not at MkDocs' next look twice a second, unless
    KB_SERVE_POLLING asks for that look (Options)."""
    if not state.options.polling:
        serving.hear_edits_at_once(server)
    server.watch(str(state.options.data))
    return server


def on_nav(nav, config, files, **kwargs):
    """Each edition's menu (editions.py)."""
    state.navs = editions.navigations(nav, files, config, state.editions)
    state.nav_urls, state.nav_html = {}, {}
    state.menus = {}
    state.files = files
    return nav


def on_page_context(context, page, config, nav, **kwargs):
    """The page's edition: its menu, and in page.meta the keys the theme reads of it, the
    same a Markdown file's front matter has under Zensical (kb/pages/writer.py
    page_meta): its language, alternates, footer and search strings and edition notice.
    Then the name under which the page, as the build writes it, is kept (themed.py)."""
    if isinstance(page, GeneratedPage):  # its body, unpacked only to be written
        page.content = workers.unpack(page.kb_body)
    lang, _here = editions.page_edition(page)
    context["nav"] = menu = state.navs.get(lang, nav)
    page.meta.update(page_meta(state.kb, page.file.src_uri,
                               lambda path: state.files.get_file_from_path(path) is not None,
                               state.site_url, state.chrome, page))
    context["kb_nav_key"], context["kb_navs"] = _nav_key(lang, page), state.nav_html
    if lang not in state.menus:  # the pages' titles are read by now: the menu shows them
        state.menus[lang] = themed.digest_menu(menu)
    page.kb_themed, page.kb_themed_taken = state.themed.key(page, state.menus[lang]), False
    return context


def _nav_key(lang: str, page) -> tuple | None:
    """The key under which partials/nav.html keeps the menu it rendered for this page, for
    the next pages with the same key: pages out of the edition's menu (no entry of it is
    active) in the same folder, when no page of the menu is inside their own folder. The
    menu's links are relative to the page's address, and for two such pages they are the
    same (cases/a/ and cases/b/ both link to ../ and ../../places/): the HTML is identical.
    None: rendered for this page alone (the menu's own pages, and the home page)."""
    menu = state.nav_urls.get(lang)
    if menu is None:
        navigation = state.navs[lang]
        menu = state.nav_urls[lang] = (
            {id(p) for p in navigation.pages},
            [p.url for p in navigation.pages] + [getattr(navigation.homepage, "url", "")])
    in_menu, urls = menu
    url = page.url
    if id(page) in in_menu or not url.endswith("/") or url.count("/") < 2 \
            or any(u.startswith(url) for u in urls):
        return None
    return (lang, url.rstrip("/").rsplit("/", 1)[0])


def on_template_context(context, template_name, config, **kwargs):
    """For sitemap.xml, each page's editions and the pages it leaves out. (Pages built from
    theme templates alone, 404.html, read the English strings from config.extra.kb_chrome.)"""
    if template_name == "sitemap.xml" and state.files is not None:
        config.extra["kb_sitemap"] = editions.sitemap(state.files, state.site_url)
    return context


class GeneratedFile(File):
    """A page or export made from the data. Always counted as changed: its content follows
    the data, not a file's date (`mkdocs build --dirty`)."""

    kb_modified = True  # set False by on_files when `mkdocs serve --dirty` finds it the same

    def is_modified(self) -> bool:
        return self.kb_modified


class GeneratedPage(Page):
    """A page made from the data: its metadata and HTML body come from kb.pages, not from a
    Markdown file (as Material's blog plugin makes its views)."""

    def __init__(self, file: File, config, index: int):
        super().__init__(None, file, config)
        self.kb_index = index
        self.kb_page: pages.Rendered | None = None  # without its body
        self.kb_body: bytes | None = None  # the body, compressed until the page is written

    def read_source(self, config) -> None:
        """The page's title, metadata and table of contents; its body stays compressed (MkDocs
        reads every page before it writes any): on_page_context unpacks it, on_post_page lets
        go of it. No Markdown: the body is HTML already."""
        try:
            self.kb_page, self.kb_body = state.renderer.page(self.kb_index)
        except Exception as exc:  # noqa: BLE001 - reported with the page's path
            raise PluginError(f"kb: rendering {self.file.src_uri} failed: "
                              f"{type(exc).__name__}: {exc}") from exc
        self.meta = dict(self.kb_page.meta)
        self.markdown = ""

    def render(self, config, files) -> None:
        self.content = ""
        self.toc = get_toc(self.kb_page.toc)


def on_files(files, config, **kwargs):
    """Add one generated page per record and per record type (record pages outside the
    sidebar) and the export files, and start rendering them (workers.py)."""
    _stop()
    options = state.options
    kb = state.kb = build_kb(options.data, options.build_date)  # on_config's, from the cache
    site = SiteInfo.from_config(config)
    for file in list(files):  # the hand-written pages of editions this build leaves out
        lang, _here = split_edition(file.src_uri)
        if lang not in state.editions:
            files.remove(file)
    planned = pages.plan(kb, state.editions)
    warm = (incremental.start(config, files, kb, options, state.chrome) if state.dirty
            else False)
    views: dict[int, pages.View] = {}
    processes = workers.jobs(state.serving, options)
    made = []
    for index, item in enumerate(planned):
        if files.get_file_from_path(item.path) is not None:
            raise Abort(f"docs/{item.path} clashes with a page generated from the data")
        # the English menu is mkdocs.yml's; the other editions' are made in on_nav
        inclusion = (InclusionLevel.INCLUDED if item.in_nav and item.lang == "en"
                     else InclusionLevel.NOT_IN_NAV)
        file = GeneratedFile.generated(config, item.path, content="", inclusion=inclusion)
        GeneratedPage(file, config, index)
        files.append(file)
        if state.dirty:
            made.append((index, item, file))
    if state.dirty:  # the views that can have changed, compared with the last build's
        views = incremental.views(config, kb, site, made, warm)
    bodies = kept.Bodies(options.cache / "pages", options.templates, workers.FORM)
    state.renderer = workers.Renderer(
        kb, site, options.templates, planned, config.site_dir, workers.pool(processes), views,
        bodies, None if state.dirty else workers.plan_name(bodies, options, site, planned))
    if state.renderer.listed is not None:  # workers.plan_name
        log.info("kb: the data is as a build with this code read it: its %d pages are taken "
                 "by the names it kept%s", len(planned),
                 f", the export files written in {processes} processes" if processes > 1 else "")
    elif processes > 1:
        log.info("kb: rendering %d pages and the export files in %d processes",
                 len(planned), processes)
    manifest = exports.manifest(kb)
    for item in manifest:
        if files.get_file_from_path(item.path) is not None:
            raise Abort(f"docs/{item.path} clashes with an export generated from the data")
        # written straight into the site folder by the renderer: MkDocs copies nothing
        files.append(GeneratedFile.generated(
            config, item.path, abs_src_path=str(Path(config.site_dir) / item.path)))
    if state.dirty:
        paths = {item.path for item in manifest}
        if warm:  # the export files of records removed
            incremental.remove(config.site_dir, incremental.memory.exports - paths)
        incremental.upcoming.exports = paths
    return files


def on_env(env, config, files, **kwargs):
    """MkDocs copies the export files next: every task must have succeeded. The theme's
    templates, compiled once, are kept for the next build (kb/options.py: Options.cache),
    apart from the kb templates': Material's environment compiles with other settings."""
    folder = state.options.cache / "theme"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    state.themed = themed.Kept(state.options.cache / "themed", themed.salt(
        config, incremental.STARTED), themed.alone(config, __name__))
    themed.install(env, state.themed)
    if state.renderer:
        state.renderer.finish()
        if state.renderer.taken:
            log.info("kb: %d of %d generated pages as an earlier build rendered them",
                     state.renderer.taken, len(state.renderer.planned))
    return env


def on_post_build(config, **kwargs):
    """Remove what an earlier build left in the site folder and this one did not write
    (sitefolder.py); index the built HTML for the site search (kb/search.py: Pagefind) and,
    side by side, make the offline copy from the built site (kb/offline:
    exports/kb-offline.zip). While serving, both run in the background after the pages are
    written, so the browser reloads without waiting for them (about a third of a rebuild);
    the next rebuild waits for them first. Else the pool's processes that rendered the pages
    read them for the search step (search.start_index), and are then let go."""
    if state.emptied:  # before the search index and the offline copy read the folder
        state.writes.prune({f.abs_dest_path for f in state.files
                            if not f.is_documentation_page() and f.inclusion.is_included()})
    if state.dirty:  # this build's pages, for the next one to compare with
        incremental.keep()
    blocks.Cache.prune(state.options.cache / "blocks")
    memo.prune()
    if state.themed.taken:
        log.info("kb: %d pages as an earlier build wrote them through the theme",
                 state.themed.taken)
    if not state.dirty:  # every page was written
        state.themed.prune()
    try:
        if state.serving:  # one process: no pool
            state.background = threading.Thread(target=_search_and_offline,
                                                args=(config.site_dir, state.options),
                                                name="kb-search-offline", daemon=True)
            state.background.start()
        else:
            jobs = workers.jobs(False, state.options)  # the copy's pool (no threads here)
            _search_and_offline(config.site_dir, state.options, state.renderer
                                and state.renderer.executor, lambda: workers.pool(jobs))
    finally:
        _stop()


def _search_and_offline(site_dir: str, options: Options, executor=None, pool=None) -> None:
    try:  # side by side; what each made is kept for the next build
        stats, made = offline.make_beside_index(site_dir, options.build_date, options.cache,
                                                options.pagefind, executor, pool)
        log.info("kb: search index of %d pages in %.1f s%s", stats.pages, stats.seconds,
                 f" ({', '.join(stats.cached)} as an earlier build made it)"
                 if stats.cached else "")
        log.info("kb: offline copy of %d pages, %.1f MB, in %.1f s", made.pages,
                 made.size / 1e6, made.seconds)
    except Exception:  # noqa: BLE001 - serving: say so and keep serving
        if not state.serving:
            raise
        log.exception("kb: the search index or the offline copy failed")


def _wait_background() -> None:
    """The previous build's search index and offline copy, finished before the next build
    writes into the site folder."""
    if state.background is not None:
        state.background.join()
        state.background = None


def on_build_error(error, **kwargs):
    """The site folder may be half written: it is emptied (sitefolder.py), and the next build
    makes everything."""
    _stop()
    state.writes.abandon()
    incremental.memory.forget()


def on_pre_page(page, config, files, **kwargs):
    """A page read again records the blocks it shows again (incremental.py)."""
    incremental.memory.blocks.pop(page.file.src_uri, None)
    return page


def _stop() -> None:
    if state.renderer:
        state.renderer.close()
        state.renderer = None


def on_post_page(output, page, config, **kwargs):
    """Drop the templates' indentation (compact.py: 13% of a case page, invisible on screen);
    name the headings' permalinks in the page's language (headerlinks.py). The page is then
    written, and nothing reads its body or table of contents again (the search index and the
    offline copy read the files): let go of them, so that the build holds no page's HTML.
    What is written is kept for the next build (themed.py), which takes it as it is."""
    page.content = page.markdown = ""  # not None: MkDocs would then say the page has no title
    page.toc = get_toc([])
    if isinstance(page, GeneratedPage):
        page.kb_body = page.kb_page = None
    lang, _here = editions.page_edition(page)
    return state.themed.finish(page, output, lambda html: headerlinks.label(compact(html), lang))


def on_post_template(output, template_name, config, **kwargs):
    """The same for pages built from theme templates alone (404.html)."""
    return compact(output) if template_name.endswith(".html") else output


def on_shutdown(**kwargs):
    """`mkdocs serve` stopped: let the last search index and offline copy finish."""
    state.writes.restore()
    _wait_background()
