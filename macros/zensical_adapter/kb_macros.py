"""`kb_block(name)` for the hand-written pages under Zensical's macros extension.

build.py names it `macros.zensical_adapter.kb_macros` with the repository on PYTHONPATH, and
renders every block of every hand-written page before Zensical runs (docs.prerender_blocks,
into kb_blocks.json beside the configuration Zensical runs in): here each is only put in its
place. Rendering them inside Zensical crashed it (pyproj, for the home page's map, in the
threads Zensical 0.0.73 runs the extension in). Only pages with `render_macros: true` are
rendered (render_by_default is off in mkdocs.yml).
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

from markupsafe import Markup

BLOCKS_FILE = "kb_blocks.json"  # docs.BLOCKS_FILE, written by build.py in Zensical's folder


@functools.cache
def _blocks() -> dict[str, str]:
    path = Path.cwd() / BLOCKS_FILE
    if not path.is_file():
        raise RuntimeError(f"{path} is missing: build with `python -m "
                           "macros.zensical_adapter.build` (bash scripts/setup.sh zensical)")
    return json.loads(path.read_text(encoding="utf-8"))


def define_env(env):
    @env.macro
    def kb_block(name: str):
        """Block `name` of the page being rendered (Zensical's page.path is the source path,
        as MkDocs' file.src_uri), as build.py rendered it: links relative to the source
        file, which is where Zensical resolves HTML links from."""
        key = f"{env.page.path}::{name}"
        if key not in _blocks():
            raise RuntimeError(f"kb_block({name!r}) in {env.page.path} was not rendered by "
                               "build.py (docs.prerender_blocks)")
        return Markup(_blocks()[key])
