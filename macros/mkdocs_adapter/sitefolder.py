"""The site folder kept from one build to the next, and written only where it changes.

MkDocs empties the site folder at the start of every build but a `--dirty` one
(mkdocs.utils.clean_directory), then makes every folder again and writes every page and asset
into a new file. Most of a build of the real site is the same bytes written back into the same
places, and on this project's disk making a file or a folder anew is what costs: a build of
every edition into the folder of the last one took 6.6-7.1 s emptying it first and 4.4 s
without (two cores, docs/benchmark.md). MkDocs has no setting for it; it calls its helpers by
their module's attribute (`utils.write_file(...)`), so for the length of a build `Writes`
stands in for three of them:

- clean_directory empties nothing;
- write_file and copy_file leave a file alone when it holds the bytes to write already, and
  otherwise write it (a file with a second name, a hard link, is unlinked first and made
  anew, never written through; a folder or a link where a file goes is removed);

and once the pages are written, `prune` removes every file and folder the build did not
write, as an emptied folder would not have them: the site is the one a build into an empty
folder makes, byte for byte (tests/test_reproducible.py). Hidden entries at the top of the
folder stay, as MkDocs leaves them. A file the build writes unchanged keeps its date.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import stat

from mkdocs import utils


class Writes:
    """MkDocs' folder helpers replaced for one build (install ... prune, or restore)."""

    def __init__(self) -> None:
        self.written: set[str] = set()
        self.found: tuple[list[str], list[str]] = ([], [])  # files, folders, before the build
        self._saved: tuple | None = None

    def install(self, site_dir: str) -> None:
        """Note what `site_dir` holds (links removed: nothing is written through one), then
        stand in for MkDocs' helpers."""
        files, folders = [], []
        if os.path.isdir(site_dir):
            with os.scandir(site_dir) as top:
                entries = [e for e in top if not e.name.startswith(".")]
            for entry in entries:
                if entry.is_symlink() or not entry.is_dir():
                    (os.unlink if entry.is_symlink() else files.append)(entry.path)
                    continue
                for folder, dirs, names in os.walk(entry.path):
                    folders.append(folder)
                    for name in [*names, *dirs]:
                        path = os.path.join(folder, name)
                        if os.path.islink(path):
                            os.unlink(path)
                        elif name in names:
                            files.append(path)
        self.found, self.written = (files, folders), set()
        if self._saved is None:
            self._saved = (utils.clean_directory, utils.write_file, utils.copy_file)
        utils.clean_directory, utils.write_file, utils.copy_file = (
            _keep, self.write_file, self.copy_file)

    def restore(self) -> None:
        """MkDocs' own helpers back (after a build, or when it failed)."""
        if self._saved is not None:
            utils.clean_directory, utils.write_file, utils.copy_file = self._saved
            self._saved = None

    def write_file(self, content: bytes, output_path: str) -> None:
        """mkdocs.utils.write_file: `content` at `output_path`, its folders made."""
        path = os.path.normpath(output_path)
        self.written.add(path)
        if os.path.basename(path) == "sitemap.xml":  # MkDocs writes its .gz beside it itself
            self.written.add(path + ".gz")
        _replace(path, content)

    def copy_file(self, source_path: str, output_path: str) -> None:
        """mkdocs.utils.copy_file for the files MkDocs copies, each to its own path. A file
        copied onto itself (an export file the hooks wrote into the site folder) is left, and
        said as shutil does (MkDocs' File.copy_file expects it)."""
        path = os.path.normpath(output_path)
        self.written.add(path)
        if os.path.exists(path) and os.path.samefile(source_path, path):
            raise shutil.SameFileError(f"{source_path!r} and {path!r} are the same file")
        with open(source_path, "rb") as source:
            _replace(path, source.read())

    def prune(self, kept: set[str]) -> int:
        """Remove every file the folder held before the build that the build neither wrote
        nor names in `kept` (files MkDocs writes itself), then the folders left empty; restore
        MkDocs' helpers. Returns how many files were removed."""
        self.restore()
        keep = self.written | {os.path.normpath(path) for path in kept}
        files, folders = self.found
        self.found = ([], [])
        removed = 0
        for path in files:
            if os.path.normpath(path) not in keep:
                # gone, or a folder now, or below what is a file now
                with contextlib.suppress(FileNotFoundError, IsADirectoryError, NotADirectoryError):
                    os.unlink(path)
                    removed += 1
        for folder in sorted(folders, key=lambda f: f.count(os.sep), reverse=True):
            with contextlib.suppress(OSError):  # gone already (a page's path now)
                if not os.listdir(folder):
                    os.rmdir(folder)
        return removed


def _keep(directory: str) -> None:
    """mkdocs.utils.clean_directory while `Writes` is installed: nothing is removed yet."""


def _replace(path: str, content: bytes) -> None:
    """`content` at `path`, written only if the file there holds other bytes."""
    try:
        found = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):  # or a file where a folder of it goes
        found = None
    if found is not None:
        regular = stat.S_ISREG(found.st_mode)
        if regular and found.st_nlink == 1 and found.st_size == len(content):
            with open(path, "rb") as current:
                if current.read() == content:
                    return
        if stat.S_ISDIR(found.st_mode):
            shutil.rmtree(path)
        elif not regular or found.st_nlink > 1:
            os.unlink(path)
    else:
        _folders(os.path.dirname(path))
    with open(path, "wb") as out:
        out.write(content)


def _folders(folder: str) -> None:
    """os.makedirs, after removing a file found where one of the folders goes."""
    try:
        os.makedirs(folder, exist_ok=True)
        return
    except (FileExistsError, NotADirectoryError):
        pass
    parts = folder.split(os.sep)
    for n in range(2, len(parts) + 1):
        here = os.sep.join(parts[:n])
        if os.path.lexists(here) and not os.path.isdir(here):
            os.unlink(here)
            break
    os.makedirs(folder, exist_ok=True)
