"""The one cached KnowledgeBase per data state: the data folder and the build date come from
the caller (kb/options.py: the adapters and the CLI read them from the environment)."""
from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

from . import resolve
from .common import memo
from .data import translations, validate
from .data.problems import DataError

_cache: dict[tuple, resolve.KnowledgeBase] = {}


def _fingerprint(folder: Path) -> tuple:
    """(path, mtime, size) of every file under `folder`, sorted: one stat call a file (with
    pathlib's rglob, is_file and stat it took three, for each of the four calls a build
    makes)."""
    out = []
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            try:
                st = os.stat(path)
            except OSError:  # a broken link: not a file
                continue
            if stat.S_ISREG(st.st_mode):
                out.append((path, st.st_mtime_ns, st.st_size))
    return tuple(sorted(out))


def _parse(data: bytes, path: Path, lang: str):
    """translations.parse, or what a process before made of the same bytes at the same path
    (common/memo.py: Babel's parser took about 0.13 s of each build process)."""
    return memo.value("data catalogue", f"{path.resolve()}\0{lang}\0".encode("utf-8") + data,
                      lambda: translations.parse(data, path, lang))


def build_kb(folder: str | os.PathLike, as_of: dt.date,
             executor=None) -> resolve.KnowledgeBase:
    """Validate the data in `folder` and resolve it as of the day `as_of` (the build date:
    appeal deadlines, what is open), once per data state; raise DataError on problems.
    executor: shares the files' checks out (validate.check, from validate.POOL_FROM
    files), when the caller has one."""
    folder = Path(folder).resolve()
    key = (str(folder), as_of, _fingerprint(folder) if folder.is_dir() else ())
    if key not in _cache:
        records, problems = validate.check(folder, executor)
        catalogues, found = translations.load(folder, _parse)
        status, more = translations.read_status(folder)
        if problems or found or more:
            raise DataError(sorted(problems + found + more))
        translations.apply((v for by_id in records.values() for v in by_id.values()),
                           catalogues)
        _cache.clear()
        _cache[key] = resolve.build(records, as_of, status)
    return _cache[key]
