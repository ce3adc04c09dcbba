"""What a process works out of the code and of files that seldom change, kept in the cache for
the next process: the catalogues Babel's parser reads (the data's, about 0.08-0.13 s; the
interface's, about 0.05 s). Every build process parsed them again, which each test's build
and the cold build paid.

A value is named by a hash of the kb package's code and the libraries installed (kept.code,
kept.installed), its own name and the bytes it is made of (a catalogue file's, with its
path): another code, library or file gives another name, so a value made of other inputs is
never read. The builders keep values here once the build's options are known
(build_steps.load: Options.cache / "memo"); a process that has not (a test, a helper) makes
each value as it is asked for. A value that cannot be read or kept is made again."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable, TypeVar

from . import kept

T = TypeVar("T")


class _Values(kept.Folder):
    # values kept whatever the last build used: a few per state of the code and the
    # catalogues, so that the real site's outlast the tests' variants between two builds
    LEAST = 50


_folder: _Values | None = None


def keep_in(folder: Path | None) -> None:
    """Keep the values made from now on in `folder` (None: keep none)."""
    global _folder
    _folder = None if folder is None else _Values(folder)


def value(name: str, inputs: bytes, make: Callable[[], T]) -> T:
    """make()'s value, or the one a process before made under `name` of the same `inputs`
    with the same code and libraries. The caller owns what it gets, as it owns what make()
    returns."""
    if _folder is None:
        return make()
    digest = hashlib.sha256(repr((kept.code(), kept.installed(), name)).encode("utf-8"))
    digest.update(inputs)
    key = digest.hexdigest()
    made = _folder.get(key)
    if made is None:
        made = make()
        _folder.put(key, made)
    return made


def prune() -> None:
    """After a build: what no build used for a day goes, and the oldest others beyond LEAST
    (kept.Folder.prune)."""
    if _folder is not None:
        _folder.prune()
