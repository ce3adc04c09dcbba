"""`mkdocs build` as its command line runs it, in a process forked from one that has imported
MkDocs, Material, mkdocs-macros and the kb package already (conftest.run_build).

Kept apart from conftest.py so that the forked process imports nothing of the tests' own
(pytest, BeautifulSoup): this module and what `PRELOAD` names are all it has loaded.
"""
from __future__ import annotations

import multiprocessing
import os
import sys

# what a build imports on its way, loaded once in the process each build is forked from
PRELOAD = ["tests.builder", "mkdocs.__main__", "mkdocs.commands.build",
           "material.plugins.search.plugin", "mkdocs_macros.plugin",
           "macros.mkdocs_adapter.hooks"]


def mkdocs(argv: list[str], env: dict[str, str], cwd: str, out: str, err: str) -> None:
    """Run `mkdocs ARGV` in `cwd` with the environment `env` (and no other), its standard
    output and error (file descriptors 1 and 2: what Pagefind and any other child writes too)
    into the files `out` and `err`. Click ends it with the command's exit code."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    for fd, path in ((1, out), (2, err)):
        opened = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(opened, fd)
        os.close(opened)
    sys.argv = ["mkdocs", *argv]
    from mkdocs.__main__ import cli
    try:
        cli.main(args=argv, prog_name="mkdocs")
    finally:
        # A plugin that ends the build by SystemExit (mkdocs-macros' on_error_fail) leaves
        # the hooks' workers waiting for pages, which Python's own exit stops; a process
        # multiprocessing started waits for its children before that: they stop here.
        for child in multiprocessing.active_children():
            child.terminate()
