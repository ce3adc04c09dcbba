"""The MkDocs adapter: hooks.py (loaded from mkdocs.yml) and what only it needs."""
