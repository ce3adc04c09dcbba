"""The site folder kept from one build to the next, and written only where it changes.

MkDocs empties the site folder at the start of every build but a `--dirty` one
(mkdocs.utils.clean_directory), then makes every folder again and writes every page and asset
into a new file. Most of a build of the real site is the same bytes written back into the same
places, and on this project's disk making a file or a folder anew is what costs: a build of
every edition into the folder of the last one took 5.7-6.5 s emptying it first and 4.5-4.85 s
without (two cores, docs/benchmark.md). MkDocs has no setting for it; it calls its helpers by
their module's attribute (`utils.write_file(...)`), so for the length of a build `Writes`
stands in for three of them:

- clean_directory empties nothing yet, and notes that MkDocs would have;
- write_file and copy_file leave a file alone when it holds the bytes to write already, and
  otherwise make it anew (a folder where a file goes is removed, a file where a folder goes:
  kb/common/files.py);

and once the pages are written, `prune` removes every file and folder the build did not
write, as an emptied folder would not have them: the site is the one a build into an empty
folder makes, byte for byte (tests/test_reproducible.py). Nothing is written through a link
or into a file with a second name (a hard link): `install` removes both before the build,
whoever writes (MkDocs' helpers, sitemap.xml.gz, the hooks' export files). Hidden entries at
the top of the folder stay, as MkDocs leaves them. A page or asset written unchanged keeps
its date. A build that fails after MkDocs would have emptied the folder empties it
(`abandon`): nothing it half wrote is left for the next build. (A plugin that ends the build
by SystemExit, mkdocs-macros' on_error_fail, ends it before any hook hears of it: the folder
then holds the last site and the pages written so far, where it held those pages alone.)
"""
from __future__ import annotations

import contextlib
import os
import shutil
import stat

from mkdocs import utils

from macros.kb.common import files


class Writes:
    """MkDocs' folder helpers replaced for one build (install ... prune, or abandon)."""

    def __init__(self) -> None:
        self.site_dir = ""
        self.written: set[str] = set()
        self.found: tuple[list[str], list[str]] = ([], [])  # files, folders, before the build
        self.emptying = False  # MkDocs called clean_directory in this build
        self._saved: tuple | None = None

    def install(self, site_dir: str) -> None:
        """Note the files and folders `site_dir` holds, removing every link and every file
        with a second name on the way, then stand in for MkDocs' helpers."""
        names: list[str] = []  # files
        folders: list[str] = []
        if os.path.isdir(site_dir):
            with os.scandir(site_dir) as top:
                stack = [e for e in top if not e.name.startswith(".")]
            while stack:
                entry = stack.pop()
                if entry.is_symlink():
                    os.unlink(entry.path)
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                    with os.scandir(entry.path) as inner:
                        stack.extend(inner)
                elif entry.stat(follow_symlinks=False).st_nlink > 1:
                    os.unlink(entry.path)
                else:
                    names.append(entry.path)
        self.site_dir = os.path.normpath(site_dir)
        self.found, self.written, self.emptying = (names, folders), set(), False
        if self._saved is None:
            self._saved = (utils.clean_directory, utils.write_file, utils.copy_file)
        utils.clean_directory, utils.write_file, utils.copy_file = (
            self.clean_directory, self.write_file, self.copy_file)

    def restore(self) -> None:
        """MkDocs' own helpers back (after a build, or when it failed)."""
        if self._saved is not None:
            utils.clean_directory, utils.write_file, utils.copy_file = self._saved
            self._saved = None

    def abandon(self) -> None:
        """The build failed: MkDocs' helpers back, and the folder emptied if MkDocs would have
        emptied it at the start (a failure before that, bad data in on_config, leaves the last
        site whole)."""
        clean = self._saved[0] if self._saved is not None else None
        self.restore()
        if clean is not None and self.emptying:
            clean(self.site_dir)
        self.found, self.emptying = ([], []), False

    def clean_directory(self, directory: str) -> None:
        """mkdocs.utils.clean_directory: nothing is removed yet (prune)."""
        self.emptying = True

    def write_file(self, content: bytes, output_path: str) -> None:
        """mkdocs.utils.write_file: `content` at `output_path`, its folders made."""
        path = os.path.normpath(output_path)
        self.written.add(path)
        if path == os.path.join(self.site_dir, "sitemap.xml"):  # MkDocs writes its .gz itself
            self.written.add(path + ".gz")
        files.replace(path, content)

    def copy_file(self, source_path: str, output_path: str) -> None:
        """mkdocs.utils.copy_file for the files MkDocs copies, each to its own path. A file
        copied onto itself (an export file the hooks wrote into the site folder) is left, and
        said as shutil does (MkDocs' File.copy_file expects it)."""
        path = os.path.normpath(output_path)
        self.written.add(path)
        if os.path.exists(path) and os.path.samefile(source_path, path):
            raise shutil.SameFileError(f"{source_path!r} and {path!r} are the same file")
        with open(source_path, "rb") as source:
            files.replace(path, source.read())

    def prune(self, kept: set[str]) -> int:
        """Remove every file the folder held before the build that the build neither wrote
        nor names in `kept` (files MkDocs writes itself), then every folder found before the
        build that is empty now; restore MkDocs' helpers. Nothing is removed if MkDocs did
        not mean to empty the folder (a `--dirty` build keeps it). Returns how many files
        were removed."""
        self.restore()
        (names, folders), self.found = self.found, ([], [])
        if not self.emptying:
            return 0
        keep = self.written | {os.path.normpath(path) for path in kept}
        stale = [path for path in names if path not in keep]
        # a name the build wrote spelled otherwise, on a disk that ignores case or Unicode
        # normalisation (macOS), is the same file: known by its device and inode
        written = _identities(keep) if stale else set()
        removed = 0
        for path in stale:
            try:
                found = os.lstat(path)
            except (FileNotFoundError, NotADirectoryError):  # gone, or below a file now
                continue
            if not stat.S_ISDIR(found.st_mode) and (found.st_dev, found.st_ino) not in written:
                os.unlink(path)
                removed += 1
        for folder in sorted(folders, key=lambda f: f.count(os.sep), reverse=True):
            with contextlib.suppress(OSError):  # gone already, or a page's path now
                if not os.listdir(folder):
                    os.rmdir(folder)
        return removed


def _identities(paths: set[str]) -> set[tuple[int, int]]:
    out = set()
    for path in paths:
        with contextlib.suppress(OSError):
            found = os.stat(path)
            out.add((found.st_dev, found.st_ino))
    return out
