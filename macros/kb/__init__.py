"""The knowledge base: load and validate the data, resolve it into one model, render pages.

Nothing in this package imports MkDocs; the adapters (macros/hooks.py, macros/__init__.py and
scripts/kb.py) call `build_kb()` and `pages.generate()`.
"""
from .build import build_kb, data_dir  # noqa: F401
