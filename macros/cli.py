"""Maintainer CLI for the knowledge base: one command per task.

Installed as the `kb` command in .venv (pyproject.toml); `python scripts/kb.py` runs the same.
Run it in the project folder: like `mkdocs`, it reads ./mkdocs.yml (or --config's) and the
data/ beside it, or $KB_DATA_DIR; the other variables a build reads apply too
(macros/kb/options.py: SOURCE_DATE_EPOCH, KB_EDITIONS, KB_JOBS, KB_CACHE_DIR, PAGEFIND_*).

    kb validate [DATA_DIR]      check the data; list every problem
    kb new-case [--title T --date D --source S --id ID]
                                                  start data/cases/<id>.yml from the template
    kb write-pages OUT_DIR      write the generated pages as Markdown files
    kb schemas [--check]        (re)generate data/schemas/*.schema.json
    kb export DIR               write the exports (JSON, CSV, feeds...) to DIR
    kb search-index SITE_DIR    index a built site for the site search
    kb offline SITE_DIR         zip a built site to read from disk
    kb modelines [--fix]        check the schema line atop every data file
    kb translations [--update]  missing and stale translations per language
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from macros import build_steps, site_config
from macros.kb import Options, build_kb
from macros.kb.data import newcase
from macros.kb.data import model
from macros.kb.data import validate
from macros.kb.data.messages import quote
from macros.kb.data.problems import DataError, display_path
from macros.kb.data.schemas import schema_files
from macros.kb.common.urls import EXPORTS, SiteInfo

TEMPLATE = Path(newcase.__file__).with_name("templates") / "case.yml"
MODELINE = "# yaml-language-server: $schema=../schemas/{type}.schema.json"


def _options(args) -> Options:
    """The options of the project whose mkdocs.yml is --config (default: the working folder's),
    from the environment, the command's data folder first (macros/kb/options.py)."""
    config = getattr(args, "config", None) or site_config.FILE
    try:
        return Options.from_environment(site_config.project(config), os.environ,
                                        getattr(args, "data_dir", None))
    except ValueError as exc:
        raise SystemExit(f"kb {args.command}: {exc}") from None


def _checked(run, options: Options):
    """run(executor) with the files' checks shared by a process pool where there are two
    cores (Options.jobs) and enough files (validate.POOL_FROM), and the garbage collector
    paused (build_steps.with_pool)."""
    return build_steps.with_pool(run, build_steps.jobs(options))


def site_info(config: str | Path = site_config.FILE) -> SiteInfo:
    """The site's name and published address from mkdocs.yml, read as MkDocs reads it
    (environment variables in !ENV tags included: macros/site_config.py)."""
    return SiteInfo.from_config(site_config.read(config))


def _docs_dir(config: str | Path) -> Path:
    """The docs folder of the site whose mkdocs.yml is CONFIG (`docs_dir`, default docs/)."""
    return site_config.project(config) / site_config.read(config).get("docs_dir", "docs")


def cmd_validate(args) -> int:
    """Validate DATA_DIR (default: $KB_DATA_DIR or data/); print problems; exit 1 if any."""
    options = _options(args)
    folder = options.data
    start = time.perf_counter()
    problems = _checked(lambda pool: validate.find_problems(folder, pool), options)
    if problems:
        exc = DataError(problems)
        print(exc.report("the site cannot be built until they are fixed"), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":  # also shown beside the pull request's diff
            print(exc.github_annotations())
        return 1
    n = sum(1 for rtype in model.RECORD_TYPES for _ in (folder / rtype).glob("*.yml"))
    print(f"{folder}: {n} records valid ({time.perf_counter() - start:.2f} s)")
    return 0


def _kb_or_report(options: Options):
    """The validated knowledge base, or None after printing its data problems."""
    try:
        return _checked(lambda pool: build_kb(options.data, options.build_date, pool), options)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return None


def cmd_write_pages(args) -> int:
    """Write docs/ plus every generated page to OUT_DIR as finished Markdown (front matter with
    what the templates read of each page's edition, the hand-written pages' blocks in place;
    the editions KB_EDITIONS leaves out left out), as the Zensical build writes them, for
    builders that run no MkDocs hooks; --links file: links relative to each file, as Zensical
    reads them (default: relative to each page's address, as MkDocs leaves them)."""
    from macros.kb.pages import writer  # the pages and their drawings: only this command
    options = _options(args)
    kb = _kb_or_report(options)
    if kb is None:
        return 1
    try:
        n, _sitemap = build_steps.with_pool(
            lambda executor: writer.write_docs(_docs_dir(args.config), Path(args.out_dir), kb,
                                               site_info(args.config), options, executor,
                                               links=args.links),
            build_steps.jobs(options))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"wrote {args.out_dir}: {n} generated pages")
    return 0


def cmd_export(args) -> int:
    """Write the site's export files (the same bytes a build publishes under exports/) to DIR."""
    kb = _kb_or_report(_options(args))
    if kb is None:
        return 1
    out = Path(args.dir)
    n = build_steps.write_exports(kb, site_info(args.config), out, under=EXPORTS)
    print(f"wrote {n} files to {out}")
    return 0


def _build_cache(args, options: Options, name: str) -> Path | None:
    """The folder `name` of the build's cache (Options.cache) for a command that reads a
    built site, or None where the command runs outside a project (no --config file, default
    ./mkdocs.yml, and no KB_CACHE_DIR): it then leaves no cache behind."""
    if options.cache_dir is None and not Path(args.config).is_file():
        return None
    return options.cache / name


def cmd_search_index(args) -> int:
    """Index a built site (SITE_DIR) for the site search, as a build does after it writes the
    pages: for builders that run no MkDocs hooks (kb/search.py, Pagefind). As a build, it
    takes an edition's index from the build's cache if its pages and Pagefind's settings are
    the same (_build_cache)."""
    from macros.kb import search
    options = _options(args)
    stats = search.index_site(args.site_dir, _build_cache(args, options, "search"),
                              options.pagefind)
    taken = f" ({', '.join(stats.cached)} as an earlier build made it)" if stats.cached else ""
    print(f"indexed {stats.pages} pages in {stats.seconds:.1f} s into {stats.output}{taken}")
    return 0


def cmd_offline(args) -> int:
    """Write SITE_DIR/exports/kb-offline.zip, the built site to read from disk (kb/offline).
    As a build, it keeps what it made of each page in the build's cache (_build_cache) and
    takes what an earlier build or run made of a page that is the same: the same zip."""
    from macros.kb import offline
    options = _options(args)
    made = offline.make(args.site_dir, options.build_date,
                        _build_cache(args, options, "offline"),
                        lambda: build_steps.pool(build_steps.jobs(options)))
    print(f"wrote {made.path}: {made.pages} pages, {made.size:,} bytes, sha256 {made.sha256}")
    return 0


def cmd_schemas(args) -> int:
    """Write the JSON Schemas generated from the models; with --check, fail if they differ."""
    folder = _options(args).schemas
    stale = []
    for name, schema in schema_files().items():
        path = folder / name
        text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run: python scripts/kb.py schemas)",
              file=sys.stderr)
        return 1
    print(f"schemas {'up to date' if args.check else 'written'} in {folder}")
    return 0


def _ask(value, option: str, prompt: str) -> str:
    """The value given on the command line, or asked for when run in a terminal."""
    if value:
        return value.strip()
    if not sys.stdin.isatty():
        raise SystemExit(f"new-case: give {option} (see: python scripts/kb.py new-case --help)")
    return input(f"{prompt}: ").strip()


def cmd_new_case(args) -> int:
    """Write data/cases/<id>.yml from the commented template, then list what to fill in."""
    options = _options(args)
    folder = options.data
    title = _ask(args.title, "--title", "Title (short, naming no one)")
    date = _ask(args.date, "--date", "Date of the first event (EDTF, such as 2012-02-08)")
    given = _ask(",".join(args.source or []), "--source",
                 "Source ids (file names in data/sources/, comma-separated)")
    sources = [s.strip() for s in given.split(",") if s.strip()]
    rid = args.id or newcase.default_id(title, date)
    target = folder / "cases" / f"{rid}.yml"
    errors = newcase.problems(folder, title, date, sources, rid)
    if errors:
        print("new-case: nothing written:\n" + "\n".join(f"- {e}" for e in errors),
              file=sys.stderr)
        return 1
    text = newcase.fill(TEMPLATE.read_text(encoding="utf-8"), title, date, sources,
                        options.build_date)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as out:  # "x": never overwrite a file
        out.write(text)
    _records, problems = validate.check(folder)
    todo = sorted((p for p in problems if p.path.resolve() == target.resolve()),
                  key=lambda p: (p.line, p.column))
    print(f"Wrote {display_path(target)}. The id {quote(rid)} is part of the page address; "
          "keep it once published.\nFill in next (then run: python scripts/validate.py):")
    for p in todo:
        print(f"  {p}")
    print("Then read CONTRIBUTING.md (citing, and what may never be published about a person) "
          "and open a pull request with this one file.")
    return 0


def cmd_modelines(args) -> int:
    """Check that every data file starts with the line that points editors at its schema."""
    folder = _options(args).data
    wrong = []
    for rtype in model.RECORD_TYPES:
        expected = MODELINE.format(type=rtype)
        for path in sorted((folder / rtype).glob("*.yml")):
            if path.is_symlink() or not path.is_file():
                continue  # `validate` reports it; never write through a link
            text = path.read_text(encoding="utf-8", errors="replace")
            first = text.split("\n", 1)[0]
            if first == expected:
                continue
            if args.fix:
                rest = text.split("\n", 1)[1] if "yaml-language-server" in first else text
                path.write_text(expected + "\n" + rest, encoding="utf-8")
            wrong.append(f"{display_path(path)}:1:1: the first line must be {quote(expected)} "
                         "(editors use it to check the file as you type)")
    if wrong:
        print("\n".join(wrong), file=sys.stderr if not args.fix else sys.stdout)
        if not args.fix:
            print("run: python scripts/kb.py modelines --fix", file=sys.stderr)
            return 1
    return 0


def cmd_translations(args) -> int:
    """List, per edition language, the data texts and interface strings not yet translated and
    those whose English changed after they were translated (stale); --update rewrites the
    catalogues (data/translations/<lang>.po, macros/kb/pages/locales/<lang>.po) against the
    current English, as Babel's update does: new entries empty, changed ones fuzzy."""
    from macros.kb import translation_report
    from macros.kb.data import translations
    from macros.kb.common import catalogues
    options = _options(args)
    kb = _kb_or_report(options)
    if kb is None:
        return 1
    records = [rec for by_id in kb.records.values() for rec in by_id.values()]
    folder = options.data
    site = catalogues.site_english(site_config.read(args.config))
    if args.update:
        for lang in translations.EDITION_LANGS:
            print(f"updated {display_path(translations.update(records, folder, lang))}")
            print(f"updated {display_path(catalogues.update(lang, site))}")
    for line in translation_report.lines(records, folder, kb.translation_status, site,
                                         args.limit):
        print(line)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help=cmd_validate.__doc__)
    p.add_argument("data_dir", nargs="?")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("new-case", help=cmd_new_case.__doc__)
    p.add_argument("--title", help="a short title that names no one")
    p.add_argument("--date", help="the date of the first event, in EDTF (2012-02-08)")
    p.add_argument("--source", action="append", help="a source id (repeat for more)")
    p.add_argument("--id", help="the case id and file name (default: from the title)")
    p.add_argument("--data-dir")
    p.set_defaults(func=cmd_new_case)
    p = sub.add_parser("modelines", help=cmd_modelines.__doc__)
    p.add_argument("--fix", action="store_true", help="write the right first line")
    p.add_argument("--data-dir")
    p.set_defaults(func=cmd_modelines)
    p = sub.add_parser("write-pages", help=cmd_write_pages.__doc__)
    p.add_argument("out_dir")
    p.add_argument("--data-dir")
    p.add_argument("--config", default=site_config.FILE,
                   help="the mkdocs.yml whose site_url and site_name the permalinks use")
    p.add_argument("--links", choices=("page", "file"), default="page")
    p.set_defaults(func=cmd_write_pages)
    p = sub.add_parser("export", help=cmd_export.__doc__)
    p.add_argument("dir")
    p.add_argument("--data-dir")
    p.add_argument("--config", default=site_config.FILE,
                   help="the mkdocs.yml whose site_url and site_name the permalinks use")
    p.set_defaults(func=cmd_export)
    for name, func in (("search-index", cmd_search_index), ("offline", cmd_offline)):
        p = sub.add_parser(name, help=func.__doc__)
        p.add_argument("site_dir")
        p.add_argument("--config", default=site_config.FILE,
                       help="the mkdocs.yml of the project whose build cache to use")
        p.set_defaults(func=func)
    p = sub.add_parser("translations", help=cmd_translations.__doc__)
    p.add_argument("--update", action="store_true", help="rewrite the catalogues")
    p.add_argument("--limit", type=int, default=20, help="entries listed per kind")
    p.add_argument("--data-dir")
    p.add_argument("--config", default=site_config.FILE,
                   help="the mkdocs.yml whose site name and menu titles are translated")
    p.set_defaults(func=cmd_translations)
    p = sub.add_parser("schemas", help=cmd_schemas.__doc__)
    p.add_argument("--check", action="store_true")
    p.set_defaults(func=cmd_schemas)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
