"""`kb_block(name)` for the hand-written pages under Zensical's macros extension.

build.py names it `macros.zensical_adapter.kb_macros` with the repository on PYTHONPATH. A
configuration that names it by file path instead (module_name: macros/zensical_adapter/kb_macros)
makes the extension load this file alone, outside the `macros` package, where
`from macros.kb import ...` failed: the repository's root is put on sys.path here so that
`macros.kb` imports either way (macros/__init__.py is mkdocs-macros' twin of this module).
Only pages with `render_macros: true` are rendered (render_by_default is off in mkdocs.yml).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from macros.kb import build_kb  # noqa: E402
from macros.kb.pages import blocks, editions  # noqa: E402
from macros.kb.pages.urls import SiteInfo  # noqa: E402


def define_env(env):
    @env.macro
    def kb_block(name: str):
        """Render block `name` for the page being rendered (Zensical's page.path is the
        source path, as MkDocs' file.src_uri), in its edition's language. Its links are
        relative to the source file: Zensical resolves HTML links from there."""
        lang, page = editions.split(env.page.path)
        return blocks.block(build_kb(), name, page, SiteInfo.from_config(env.conf), lang,
                            repository=(env.conf.get("extra") or {}).get("repository"),
                            links="file")
