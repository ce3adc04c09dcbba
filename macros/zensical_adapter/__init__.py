"""Zensical adapter: build the site with Zensical (the successor of Material for MkDocs) from
the same data, into site-zensical/ (`bash scripts/setup.sh zensical`;
docs/maintainers/zensical.md).

Zensical reads mkdocs.yml but runs no MkDocs hook, so this adapter does the hooks' work around
it: build.py writes every page as finished Markdown (kb/pages/writer.py, the hand-written
pages' blocks in place) and a Zensical configuration derived from mkdocs.yml, runs Zensical
from its own environment (.venv-zensical), then writes the exports and the search index into
the built site. Nothing here imports Zensical: it runs as a command, with no Python extension
of ours. Of MkDocs, only its reader of mkdocs.yml is used
(macros/site_config.py), so that both builds read the same configuration.
"""
