"""What a build keeps for the next one in a folder of the cache (Options.cache): entries named
by a hash of what they were made from (another input, another name), and this one rule for
what goes (`prune`). Used by the generated pages (pages/kept.py), the offline copy (what it
made of each page) and the search index (each edition's bundle), through `Folder`; the names
follow from `content_hash` and `installed` where the code, the templates and the libraries
matter."""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import shutil
import sys
import time
from pathlib import Path

# the kb package's own folder: its code and its locale files
PACKAGE = Path(__file__).resolve().parent.parent


def content_hash(folders: list[Path]) -> str:
    """The SHA-256 of every file's path and content under `folders` (Python's compiled files
    left out)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(f"{path.relative_to(folder).as_posix()}\0".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
        digest.update(b"\1")
    return digest.hexdigest()


@functools.cache
def code() -> str:
    """content_hash of the kb package (its code and locale files) as this process runs it:
    hashed once, when this module is imported, and kept. A long-running `mkdocs serve` goes
    on running the modules it imported after their files change (it loads again only the
    hooks file mkdocs.yml names): an entry named by the files then on disk would hold what
    the old code made, and a later build would take it as the new code's."""
    return content_hash([PACKAGE])


def installed() -> tuple[str, ...]:
    """Python's version and the name and version of every package it imports from (the
    *.dist-info folders on sys.path, which name both: reading each package's metadata took
    80 ms): a library upgraded gives every entry made with it another name."""
    return (sys.version, *sorted(
        name for folder in sys.path if os.path.isdir(folder) for name in os.listdir(folder)
        if name.endswith((".dist-info", ".egg-info"))))


class Folder:
    """One folder of the cache: the entries this build reads are marked used (`use`), those
    it makes are written beside under a temporary name and put in place whole (`temporary`,
    `publish`; `get` and `put` for an entry that is one pickled value), so that builds running at once never read half an entry; `prune` then
    applies the rule below, keeping at least LEAST entries. A cache that fails (a disk
    full, an entry deleted by another build) only costs the time of making it again."""

    LEAST = 0

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.used: set[str] = set()

    def use(self, key: str) -> Path:
        """The entry named `key`, marked used by this build (there or not)."""
        self.used.add(key)
        return self.folder / key

    def temporary(self, key: str) -> Path:
        """Where this process writes the entry `key` before `publish`."""
        return self.folder / f"{key}.{os.getpid()}.tmp"

    def publish(self, key: str) -> None:
        """Put the entry written at `temporary(key)` in place; if another build put one
        there meanwhile (a folder cannot be replaced), theirs stays."""
        try:
            os.replace(self.temporary(key), self.folder / key)
        except OSError:
            remove(self.temporary(key))

    def get(self, key: str):
        """The entry pickled as `key` (by `put`), marked used for another day, or None: not
        there, pruned meanwhile, or damaged (a pickle that fails to load can raise almost
        anything), which only costs making it again."""
        path = self.use(key)
        try:
            made = pickle.loads(path.read_bytes())
        except Exception:  # noqa: BLE001 - see above
            return None
        try:
            os.utime(path)  # used: kept another day
        except OSError:  # pruned by another build since: what was read is still good
            pass
        return made

    def put(self, key: str, made) -> None:
        """Keep `made`, pickled, as `key`: whole or not at all."""
        try:
            self.temporary(key).write_bytes(pickle.dumps(made, pickle.HIGHEST_PROTOCOL))
        except OSError:  # a disk full: the next build makes it again
            remove(self.temporary(key))
            return
        self.publish(key)

    def prune(self) -> None:
        """What no build used for a day goes, and, oldest first, what this one did not use
        beyond twice what it did or LEAST entries in all (`prune` below)."""
        try:
            prune(self.folder, self.used, self.LEAST)
        except OSError:  # the folder unreadable: left as it is
            pass


def prune(folder: Path, used: set[str], least: int, age: float = 86400.0, keep: int = 2
          ) -> None:
    """Delete from `folder` what no build has made or used for `age` seconds, and, oldest
    first, what this build did not use (`used`, entry names) beyond `keep` times as many
    entries as it used or `least` entries in all, whichever is more: a large site's entries
    (46,000 pages at 5,000 cases) do not stay for a day after the build that made them, and
    the real site's stay while other builds (an edition alone, a test's variant) come
    between two of its builds. An entry another build is writing (named *.tmp) is left
    alone. An entry is a file or a folder."""
    limit = time.time() - age
    others = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name in used:
                continue
            try:
                modified = entry.stat().st_mtime
            except FileNotFoundError:  # another build pruned it meanwhile
                continue
            if entry.name.endswith(".tmp"):
                if modified < limit:  # left by a build that stopped
                    remove(entry.path)
                continue
            others.append((modified, entry.path))
    others.sort()  # oldest first
    excess = len(others) - max((keep - 1) * len(used), least - len(used))
    for n, (modified, path) in enumerate(others):
        if n < excess or modified < limit:
            remove(path)


def link(source: str, target: str) -> None:
    """shutil.copytree's copy_function for a folder the cache and the site share: the file at
    `target` is a second name of the one at `source` (a hard link), where the file system
    allows it, else a copy. Only for files nothing writes into once made (a search bundle:
    the next index replaces the folder whole), as a write into one name changes both.
    Making a file's second name costs about 10 microseconds; copying it, a new file, took
    0.7 ms on this project's disk with a busy temporary folder (600 files a search index)."""
    try:
        os.link(source, target)
    except OSError:  # another file system (KB_CACHE_DIR elsewhere), or one without links
        shutil.copy2(source, target)


def remove(path: str | Path) -> None:
    """Delete a file or a folder that another build may have deleted already."""
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.unlink(path)
    except FileNotFoundError:  # another build pruned it meanwhile
        pass


code()  # as the package is imported (see there)
