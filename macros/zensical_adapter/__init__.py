"""Zensical adapter: build the site with Zensical (the successor of Material for MkDocs) from
the same data, into site-zensical/ (`bash scripts/setup.sh zensical`;
docs/maintainers/zensical.md).

Zensical reads mkdocs.yml but runs no MkDocs hook, so this adapter does the hooks' work around
it: build.py writes the generated pages as Markdown and a Zensical configuration derived from
mkdocs.yml, runs Zensical from its own environment (.venv-zensical), then writes the exports
and the search index into the built site. kb_macros.py is what Zensical's macros extension
loads for the hand-written pages. Nothing here imports Zensical: it runs as a command, and its
macros extension imports kb_macros.py. Of MkDocs, only its reader of mkdocs.yml is used
(macros/site_config.py), so that both builds read the same configuration.
"""
