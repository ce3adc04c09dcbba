#!/usr/bin/env python3
"""Maintainer CLI for the knowledge base: one command per task.

    python scripts/kb.py validate [DATA_DIR]      check the data; list every problem
    python scripts/kb.py write-pages OUT_DIR      write the generated pages as Markdown files
    python scripts/kb.py schemas [--check]        (re)generate data/schemas/*.schema.json
    python scripts/kb.py export DIR               write the exports (JSON, CSV, feeds...) to DIR
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from macros.kb import build_kb, data_dir, pages  # noqa: E402
from macros.kb.problems import DataError  # noqa: E402
from macros.kb.schemas import SCHEMA_DIR, schema_files  # noqa: E402


def cmd_validate(args) -> int:
    """Validate DATA_DIR (default: $KB_DATA_DIR or data/); print problems; exit 1 if any."""
    folder = data_dir(args.data_dir)
    start = time.perf_counter()
    try:
        kb = build_kb(folder)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    n = sum(len(v) for v in kb.records.values())
    print(f"{folder}: {n} records valid ({time.perf_counter() - start:.2f} s)")
    return 0


def cmd_write_pages(args) -> int:
    """Write docs/ plus every generated page to OUT_DIR, for builders that run no hooks."""
    try:
        kb = build_kb(args.data_dir)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    out = Path(args.out_dir)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(ROOT / "docs", out)
    for page in pages.generate(kb):
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    print(f"wrote {out}")
    return 0


def cmd_export(args) -> int:
    """Write the site's export files (the same bytes a build publishes under exports/) to DIR."""
    from macros.kb import exports
    from macros.kb.permalinks import EXPORTS, SiteInfo
    try:
        kb = build_kb(args.data_dir)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    out = Path(args.dir)
    written = exports.files(kb, SiteInfo.from_mkdocs_yml(args.config))
    for path, content in written.items():
        target = out / Path(path).relative_to(EXPORTS)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    print(f"wrote {len(written)} files to {out}")
    return 0


def cmd_schemas(args) -> int:
    """Write the JSON Schemas generated from the models; with --check, fail if they differ."""
    stale = []
    for name, schema in schema_files().items():
        path = SCHEMA_DIR / name
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
    print(f"schemas {'up to date' if args.check else 'written'} in {SCHEMA_DIR}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help=cmd_validate.__doc__)
    p.add_argument("data_dir", nargs="?")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("write-pages", help=cmd_write_pages.__doc__)
    p.add_argument("out_dir")
    p.add_argument("--data-dir")
    p.set_defaults(func=cmd_write_pages)
    p = sub.add_parser("export", help=cmd_export.__doc__)
    p.add_argument("dir")
    p.add_argument("--data-dir")
    p.add_argument("--config", default=str(ROOT / "mkdocs.yml"),
                   help="the mkdocs.yml whose site_url and site_name the permalinks use")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("schemas", help=cmd_schemas.__doc__)
    p.add_argument("--check", action="store_true")
    p.set_defaults(func=cmd_schemas)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
