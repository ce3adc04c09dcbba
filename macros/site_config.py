"""mkdocs.yml, read the way MkDocs reads it, in one place: for the CLI and the adapters.

A MkDocs build has MkDocs read the file (the hooks get its config). Whatever else needs the
site's configuration reads it here: the maintainers' commands (macros/cli.py: the site's name
and address for the exports and the written-out pages, the menu's titles for the translators),
the Zensical build (macros/zensical_adapter/build.py), the benchmark and the tests. `read()`
uses MkDocs' own reader (mkdocs.utils.yaml_load), so `!ENV` tags take the environment's values
(site_url from KB_SITE_URL, extra.repository from KB_REPO_URL) as in a MkDocs build, and every
reader sees what MkDocs sees. The core (macros/kb) never reads the file: it is given the values
(SiteInfo.from_config, catalogues.site_english), and the project's folders through its options
(macros/kb/options.py).
"""
from __future__ import annotations

import os
from pathlib import Path

FILE = "mkdocs.yml"


def read(path: str | os.PathLike = FILE) -> dict:
    """The configuration in file `path` (default: mkdocs.yml in the working folder), as MkDocs
    reads it: `!ENV` tags resolved from the environment, INHERIT merged."""
    from mkdocs.utils import yaml_load  # only here: importing the package stays light
    with open(path, encoding="utf-8") as fh:
        return yaml_load(fh) or {}


def project(path: str | os.PathLike = FILE) -> Path:
    """The project folder of configuration file `path`: where its data/ and overrides/ are
    (the folder MkDocs resolves docs_dir and custom_dir from)."""
    return Path(path).resolve().parent
