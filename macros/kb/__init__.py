"""The knowledge base, by stage: data/ (read and check) -> resolve.py (one KnowledgeBase) ->
exports/ and pages/ (files and pages), both built on common/ (addresses, languages, markup,
citations: common/__init__.py says which way imports point). Nothing in this package imports
MkDocs or starts a process; the adapters (macros/mkdocs_adapter/, macros/__init__.py for
mkdocs-macros, and scripts/kb.py) call `build_kb()`, `pages.plan` and `exports.files`.
"""
from .build import build_kb, data_dir  # noqa: F401
