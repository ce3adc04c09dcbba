"""mkdocs-macros entry point: registers names for the hand-written pages, nothing else.

Only pages that opt in with `render_macros: true` are rendered (render_by_default is off), and
what they get are functions that return HTML rendered from autoescaped templates: data text is
never handed to Jinja as template source.
"""
from __future__ import annotations

from macros.kb.pages import blocks


def define_env(env):
    env.macro(blocks.kb_block, "kb_block")
    env.macro(blocks.kb_count, "kb_count")
