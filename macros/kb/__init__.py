"""The knowledge base, by stage: data/ (read and check) -> resolve.py (one KnowledgeBase) ->
pages/ and exports/ (pages and files). Nothing in this package imports MkDocs or starts a
process; the adapters (macros/mkdocs_adapter/, macros/__init__.py for mkdocs-macros, and
scripts/kb.py) call `build_kb()`, `pages.plan` and `exports.files`.
"""
from .build import build_kb, data_dir  # noqa: F401
