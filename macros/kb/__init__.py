"""The knowledge base, by stage: data/ (read and check) -> resolve.py (one KnowledgeBase) ->
exports/ and pages/ (files and pages), both built on common/ (addresses, languages, markup,
citations: common/__init__.py says which way imports point). Nothing in this package imports
MkDocs or reads the environment, and the project's folders (data/, overrides/) are given to
it: the adapters (macros/mkdocs_adapter/, macros/__init__.py for mkdocs-macros,
macros/zensical_adapter/) and the CLI (macros/cli.py) build the options (options.py) and call
`build_kb()`, `pages.plan` and `exports.files` with them.
"""
from .build import build_kb  # noqa: F401
from .options import Options  # noqa: F401
