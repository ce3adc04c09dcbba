"""The theme's Jinja environment, with a loader that does not list hidden files.

To copy the theme's static files, MkDocs lists every file of the theme's folders (jinja2's
FileSystemLoader.list_templates, from Files.add_files_from_theme) and drops each name with
a part that starts with a dot by matching it against a dozen patterns ('.*' at the top,
'*/.*' below: fnmatch's * crosses '/'). Material keeps its 14,000 icons under .icons/: the
walk and the patterns took about 0.1 s of each build, a tenth of a warm rebuild under
`mkdocs serve`. This loader leaves hidden folders and files out of the walk, which jinja2
cannot be told to do, so the files copied are the same; a template is still found by its
name (get_source is jinja2's): Material includes its icons so.
"""
from __future__ import annotations

import os

import jinja2


class Loader(jinja2.FileSystemLoader):
    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                prefix = os.path.relpath(folder, searchpath).replace(os.path.sep, "/")
                prefix = "" if prefix == "." else prefix + "/"
                found.update(prefix + name for name in filenames if not name.startswith("."))
        return sorted(found)


def without_hidden_files(theme) -> None:
    """Have theme.get_env (MkDocs' Theme: the configuration's, read again for each build)
    give environments with Loader."""
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make()
        env.loader = Loader(theme.dirs)
        return env

    theme.get_env = get_env
