"""mkdocs-macros adapter: `kb_block(name, page)` for the hand-written pages, nothing else.

Only pages that opt in with `render_macros: true` are rendered (render_by_default is off), and
what they get is HTML rendered from autoescaped templates: data text is never handed to Jinja
as template source. The knowledge base is the one the MkDocs hooks resolved for this build
(their state.kb, set in on_config and on_files): looking it up again by the data folder
(build_kb) made a fingerprint of the folder at every block, 27 times a build.
"""
from __future__ import annotations

HOOKS = ("mkdocs_adapter", "hooks.py")  # the hooks' file, however mkdocs.yml writes its path


def define_env(env):
    # imported here, when mkdocs-macros calls define_env, not when the package is imported
    # (the Zensical build and the command line import the package without mkdocs-macros)
    import functools
    import os
    from pathlib import Path

    from macros import site_config
    from macros.kb import Options
    from macros.kb.common import editions
    from macros.kb.common.urls import SiteInfo
    from macros.kb.pages import blocks
    from macros.mkdocs_adapter import incremental

    @functools.cache
    def options() -> Options:
        """The build's options, as the hooks read them (on_config, which reports a wrong
        KB_EDITIONS before any page is rendered)."""
        return Options.from_environment(site_config.project(env.conf.config_file_path),
                                        os.environ)

    @functools.cache
    def block_cache() -> blocks.Cache:
        """Blocks rendered by earlier builds (Options.cache), for this build's data."""
        return blocks.Cache(options().cache / "blocks", options().data, options().templates)

    def knowledge_base():
        """The hooks' state.kb: their module is among the plugins, named by its path."""
        for plugin in env.conf.plugins.values():
            if Path(getattr(plugin, "__file__", None) or "/").parts[-2:] == HOOKS:
                return plugin.state.kb
        raise RuntimeError("kb_block needs the kb hooks (macros/mkdocs_adapter/hooks.py) "
                           "among mkdocs.yml's hooks")

    @env.macro
    def kb_block(name: str):
        """Render block `name` (overrides/kb/blocks/) for the page being rendered, in its
        edition's language (docs/ko/about.md: Korean)."""
        lang, page = editions.split(env.page.file.src_uri)
        html = blocks.block(knowledge_base(), name, page,
                            SiteInfo.from_config(env.conf), options().templates, lang,
                            repository=(env.conf.get("extra") or {}).get("repository"),
                            cache=block_cache())
        # for `mkdocs serve --dirty`: the page is made again when one of its blocks changes
        incremental.memory.used_block(env.page.file.src_uri, name, incremental.block_key(html))
        return html
