"""Build the site with Zensical into site-zensical/: the MkDocs hooks' work, done around it.

    python -m macros.zensical_adapter.build [--config mkdocs.yml] [--zensical PATH] [--out DIR]
                                            [--work DIR]

Run from the project's environment (.venv: the kb package, Pagefind); Zensical itself runs as
a command from .venv-zensical (scripts/setup.sh zensical installs both). Steps, as the hooks do
them for MkDocs (macros/mkdocs_adapter/hooks.py):
  1. load and check the data (a data problem stops the build, before anything is written);
  2. write docs/ and every generated page as finished Markdown to WORK/docs/
     (kb/pages/writer.py write_docs, as `kb write-pages` does: front matter with what the
     templates read of each page's edition, the hand-written pages' blocks in place; the
     editions KB_EDITIONS leaves out left out, as the hooks do), their links relative to
     their source files: Zensical rewrites every relative link in a page, those in its HTML
     too, as if written from the source file (MkDocs leaves HTML alone);
  3. write the Zensical configuration, WORK/mkdocs.yml: mkdocs.yml without its hooks and its
     macros plugin (the blocks are in place already), with the theme at overrides/ (the MkDocs
     build's: one set of templates for both), Zensical's own search off and the footer and
     search strings in extra.kb_chrome;
  4. run `zensical build --clean` in WORK (its cache would keep hand-written pages made
     from old data: it does not know that their blocks follow data/);
  5. drop the templates' indentation from every page (kb/pages/compact.py) and name its
     headings' permalinks (kb/pages/headerlinks.py), as the hooks' on_post_page does, write
     the exports into the built site, index it for the search (Pagefind) and, side by side,
     zip it for reading from disk (kb/offline: exports/kb-offline.zip, its size
     and SHA-256 on the Exports pages), as on_post_build does; then move it to OUT (default
     site-zensical/).
Zensical reads only folders inside the configuration's folder: WORK (default build/zensical/)
holds the configuration, the pages and the theme. The project is the folder of the mkdocs.yml
given (--config, default ./mkdocs.yml); the other folders' defaults are inside it.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from macros import build_steps, site_config
from macros.kb import Options, offline
from macros.kb.data.problems import DataError
from macros.kb.common import catalogues, editions
from macros.kb.pages.compact import compact
from macros.kb.pages import headerlinks
from macros.kb.common.urls import SiteInfo
from macros.kb.pages.views.chrome import chrome
from macros.kb.pages import writer

WORK = Path("build", "zensical")  # these three inside the project
ZENSICAL = Path(".venv-zensical", "bin", "zensical")
OUT = Path("site-zensical")
THEME = "overrides"  # the theme's overrides, the MkDocs build's (one set for both)


def edition_menu(entries: list, lang: str, names: dict) -> list:
    """mkdocs.yml's nav in edition `lang`: its pages in that edition, its titles from the
    edition's catalogue (as the MkDocs adapter's editions.navigations makes its menus)."""
    out = []
    for entry in entries:
        (english, value), = entry.items()
        title = names.get(f"nav.{english}", english)
        out.append({title: edition_menu(value, lang, names) if isinstance(value, list)
                    else editions.in_edition(lang, value)})
    return out


def menus(config: dict, langs: tuple[str, ...]) -> tuple[list, dict]:
    """Zensical has one nav: each edition's menu becomes a section of it, and
    extra.kb_menus says which section is whose (overrides/main.html shows a page its
    edition's alone)."""
    english = catalogues.site_english(config)
    nav, places = [], {}
    for lang in langs:
        names = {} if lang == editions.DEFAULT else catalogues.site_strings(lang, english)
        places[lang] = len(nav)
        nav.append({editions.EDITIONS[lang].name: edition_menu(config["nav"], lang, names)})
    return nav, places


def zensical_config(config: dict, kb_chrome: dict, langs: tuple[str, ...],
                    sitemap: dict) -> dict:
    """mkdocs.yml as Zensical gets it (step 3); its folders are relative to WORK."""
    out = {k: v for k, v in config.items() if k not in ("hooks", "watch")}
    out.update(docs_dir="docs", site_dir="site")
    out["nav"], kb_menus = menus(config, langs)
    # the editions' folders are in the menu now (mkdocs.yml leaves them out of its own)
    out["not_in_nav"] = "\n".join(
        line for line in (config.get("not_in_nav") or "").splitlines()
        if line.strip() not in {f"/{editions.EDITIONS[lang].prefix}" for lang in langs})
    # "classic": Material for MkDocs' look, as the MkDocs build has it (Zensical's default,
    # "modern", is a look of its own)
    out["theme"] = {**config["theme"], "custom_dir": "theme", "variant": "classic"}
    out["extra"] = {**(config.get("extra") or {}), "kb_chrome": kb_chrome,
                    "kb_menus": kb_menus, "kb_sitemap": sitemap}
    # the blocks mkdocs-macros renders are in the pages already (writer.write_docs)
    plugins = [plugin for plugin in config.get("plugins") or []
               if plugin != "macros" and not (isinstance(plugin, dict) and "macros" in plugin)]
    # Zensical turns its own search on unless told not to: the site's is Pagefind (step 5)
    out["plugins"] = [*plugins, {"search": {"enabled": False}}]
    return out


def write_theme(project: Path, work: Path) -> None:
    shutil.copytree(project / THEME, work / "theme")


def build(config_file: Path, zensical: Path | None = None, out: Path | None = None,
          work: Path | None = None) -> dict:
    """Steps 1-5 for the project of `config_file` (its mkdocs.yml); returns the seconds each
    took. zensical, out, work: default ZENSICAL, OUT and WORK inside the project."""
    root = site_config.project(config_file)
    zensical, out, work = (root / ZENSICAL if zensical is None else zensical,
                           root / OUT if out is None else out,
                           root / WORK if work is None else work)
    if not zensical.exists():
        raise SystemExit(f"{zensical} is missing: run `bash scripts/setup.sh zensical`")
    times: dict[str, float] = {}
    start = time.perf_counter()
    config = site_config.read(config_file)
    try:
        options = Options.from_environment(root, os.environ)
        build_steps.cache_folder(options)
    except ValueError as exc:
        raise SystemExit(str(exc)) from None
    site = SiteInfo.from_config(config)
    refused = build_steps.refused(site, options)
    if refused:
        raise SystemExit(refused)
    try:
        kb = build_steps.load(options, build_steps.jobs(options))
    except DataError as exc:
        raise SystemExit(exc.report()) from None
    if work.exists():
        shutil.rmtree(work)
    try:
        n, sitemap = build_steps.with_pool(
            lambda executor: writer.write_docs(root / config.get("docs_dir", "docs"),
                                               work / "docs", kb, site, options, executor),
            build_steps.jobs(options))
    except ValueError as exc:
        raise SystemExit(str(exc)) from None
    write_theme(root, work)
    kb_chrome = chrome(options.build_date, site, editions.DEFAULT, kb.last_reviewed)
    (work / "mkdocs.yml").write_text(
        "# Written by macros/zensical_adapter/build.py from mkdocs.yml: edit that.\n"
        + yaml.safe_dump(zensical_config(config, kb_chrome, options.editions, sitemap), allow_unicode=True,
                         sort_keys=False), encoding="utf-8")
    times["pages"] = time.perf_counter() - start
    start = time.perf_counter()
    # no Python of this project runs inside Zensical: the pages are finished (step 2)
    done = subprocess.run([str(zensical), "build", "--clean", "--strict", "-f", "mkdocs.yml"],
                          cwd=work)
    if done.returncode != 0:
        raise SystemExit(f"zensical build failed ({done.returncode})")
    times["zensical"] = time.perf_counter() - start
    start = time.perf_counter()
    site_dir = work / "site"
    for page in site_dir.rglob("*.html"):
        rel = page.relative_to(site_dir)
        if rel.parts[0] != "assets":
            lang, _here = editions.split(rel.as_posix())
            page.write_text(headerlinks.label(compact(page.read_text(encoding="utf-8")), lang),
                            encoding="utf-8")
    build_steps.write_exports(kb, site, site_dir)
    times["pages out"] = time.perf_counter() - start
    # side by side, as the hooks' on_post_build makes them
    indexed, made = offline.make_beside_index(site_dir, options.build_date, options.cache,
                                              options.pagefind,
                                              pool=lambda: build_steps.pool(
                                                  build_steps.jobs(options)))
    times["search"], times["offline copy"] = indexed.seconds, made.seconds
    if out.exists():
        shutil.rmtree(out)
    shutil.move(str(site_dir), str(out))
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in times.items())
    print(f"zensical: {n} generated pages, into {out} in {sum(times.values()):.1f} s ({steps})")
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=Path(site_config.FILE),
                        help="the project's mkdocs.yml (default: ./mkdocs.yml)")
    parser.add_argument("--zensical", type=Path, help=f"the zensical command ({ZENSICAL})")
    parser.add_argument("--out", type=Path, help=f"the built site ({OUT})")
    parser.add_argument("--work", type=Path, help=f"a folder for the sources ({WORK})")
    args = parser.parse_args(argv)
    build(args.config.resolve(), *(None if p is None else p.resolve()
                                   for p in (args.zensical, args.out, args.work)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
