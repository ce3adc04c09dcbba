"""Build the site with Zensical into site-zensical/: the MkDocs hooks' work, done around it.

    python -m macros.zensical_adapter.build [--zensical PATH] [--out DIR] [--work DIR]

Run from the project's environment (.venv: the kb package, Pagefind); Zensical itself runs as
a command from .venv-zensical (scripts/setup.sh zensical installs both). Steps, as the hooks do
them for MkDocs (macros/mkdocs_adapter/hooks.py):
  1. load and check the data (a data problem stops the build, before anything is written);
  2. write docs/ and every generated page as Markdown to WORK/docs/ (the pages of the
     editions KB_EDITIONS leaves out are left out, as the hooks do), their links relative to
     their source files: Zensical rewrites every relative link in a page, those in its HTML
     too, as if written from the source file (MkDocs leaves HTML alone);
  3. write the Zensical configuration, WORK/mkdocs.yml: mkdocs.yml without its hooks, with
     the macros extension pointed at macros/zensical_adapter/kb_macros.py, the theme at
     overrides/zensical/ (and the partials it shares with MkDocs'), Zensical's own search off
     and the footer and search strings in extra.kb_chrome;
  4. run `zensical build --clean` in WORK (its cache would keep hand-written pages rendered
     from old data: it does not know that their macros read data/);
  5. drop the templates' indentation from every page (kb/pages/compact.py) and name its
     headings' permalinks (kb/pages/headerlinks.py), as the hooks' on_post_page does, write the exports into the built site, index it for the search
     (Pagefind) and zip it for reading from disk (kb/offline: exports/kb-offline.zip, its size
     and SHA-256 on the Exports pages), as on_post_build does; then move it to OUT (default
     site-zensical/).
Zensical reads only folders inside the configuration's folder: WORK (default build/zensical/)
holds the configuration, the pages and the theme, and the macros module is imported by name
from the repository (PYTHONPATH), not loaded from a file path.
"""
from __future__ import annotations

import argparse
import gc
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]

from macros import site_config
from macros.kb import Options, build_kb, exports, offline, search
from macros.kb.data.problems import DataError
from macros.kb.common import editions
from macros.kb.pages.compact import compact
from macros.kb.pages import headerlinks
from macros.kb.common.urls import SiteInfo
from macros.kb.pages.views.chrome import chrome
from macros.zensical_adapter.docs import write_docs

WORK = ROOT / "build" / "zensical"
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
THEME = ROOT / "overrides" / "zensical"
# the partials of overrides/ that both engines render as they are (no MkDocs-only context)
SHARED_PARTIALS = ("javascripts/base.html", "javascripts/content.html", "copyright.html",
                   "kb-search.html", "kb-search-dialog.html", "kb-editions.html")
MACROS_MODULE = "macros.zensical_adapter.kb_macros"


def zensical_config(config: dict, kb_chrome: dict) -> dict:
    """mkdocs.yml as Zensical gets it (step 3); its folders are relative to WORK."""
    out = {k: v for k, v in config.items() if k not in ("hooks", "watch")}
    out.update(docs_dir="docs", site_dir="site")
    # "classic": Material for MkDocs' look, as the MkDocs build has it (Zensical's default,
    # "modern", is a look of its own)
    out["theme"] = {**config["theme"], "custom_dir": "theme", "variant": "classic"}
    out["extra"] = {**(config.get("extra") or {}), "kb_chrome": kb_chrome}
    plugins = []
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "macros" in plugin:
            plugin = {"macros": {**plugin["macros"], "module_name": MACROS_MODULE}}
        plugins.append(plugin)
    # Zensical turns its own search on unless told not to: the site's is Pagefind (step 5)
    out["plugins"] = [*plugins, {"search": {"enabled": False}}]
    return out


def write_theme(work: Path) -> None:
    theme = work / "theme"
    shutil.copytree(THEME, theme)
    for name in SHARED_PARTIALS:
        target = theme / "partials" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "overrides" / "partials" / name, target)


def write_exports(kb, site: SiteInfo, site_dir: Path) -> int:
    written = exports.files(kb, site)
    for path, content in written.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return len(written)


def build(zensical: Path = ZENSICAL, out: Path = ROOT / "site-zensical",
          work: Path = WORK) -> dict:
    """Steps 1-5; returns the seconds each took."""
    if not zensical.exists():
        raise SystemExit(f"{zensical} is missing: run `bash scripts/setup.sh zensical`")
    times: dict[str, float] = {}
    start = time.perf_counter()
    config = site_config.read(ROOT / site_config.FILE)
    try:
        options = Options.from_environment(ROOT, os.environ)
    except ValueError as exc:
        raise SystemExit(str(exc)) from None
    site = SiteInfo.from_config(config)
    if options.publishing and not site.is_public:  # as the hooks' on_config
        raise SystemExit(f"site_url is {site.url}, which only this machine or its network "
                         "reaches: set KB_SITE_URL to the address the site is published at.")
    # as the hooks do: the files' checks shared by a pool where there are two cores, and the
    # collector paused (everything loaded stays alive), then kept off the KnowledgeBase, which
    # the forked renderers (docs.py) share untouched
    gc.disable()
    executor = ProcessPoolExecutor(options.jobs, mp_context=get_context("fork")) \
        if options.jobs > 1 else None
    try:
        kb = build_kb(options.data, options.build_date, executor)
    except DataError as exc:
        raise SystemExit(exc.report()) from None
    finally:
        if executor is not None:
            executor.shutdown()
        gc.freeze()
        gc.enable()
    if work.exists():
        shutil.rmtree(work)
    n = write_docs(work, kb, site, options)
    write_theme(work)
    kb_chrome = chrome(options.build_date, site, editions.DEFAULT, kb.last_reviewed)
    (work / "mkdocs.yml").write_text(
        "# Written by macros/zensical_adapter/build.py from mkdocs.yml: edit that.\n"
        + yaml.safe_dump(zensical_config(config, kb_chrome), allow_unicode=True,
                         sort_keys=False), encoding="utf-8")
    times["pages"] = time.perf_counter() - start
    start = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    done = subprocess.run([str(zensical), "build", "--clean", "--strict", "-f", "mkdocs.yml"],
                          cwd=work, env=env)
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
    write_exports(kb, site, site_dir)
    times["pages out"] = time.perf_counter() - start
    times["search"] = search.index_site(site_dir).seconds
    times["offline copy"] = offline.make(site_dir, options.build_date).seconds
    if out.exists():
        shutil.rmtree(out)
    shutil.move(str(site_dir), str(out))
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in times.items())
    print(f"zensical: {n} generated pages, into {out} in {sum(times.values()):.1f} s ({steps})")
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zensical", type=Path, default=ZENSICAL, help="the zensical command")
    parser.add_argument("--out", type=Path, default=ROOT / "site-zensical")
    parser.add_argument("--work", type=Path, default=WORK, help="a folder for the sources")
    args = parser.parse_args(argv)
    build(args.zensical.resolve(), args.out.resolve(), args.work.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
