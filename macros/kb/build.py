"""The one cached KnowledgeBase per data state: the data folder and the build date come from
the caller (kb/options.py: the adapters and the CLI read them from the environment)."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from . import resolve
from .data import translations, validate
from .data.problems import DataError

_cache: dict[tuple, resolve.KnowledgeBase] = {}


def _fingerprint(folder: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in folder.rglob("*") if p.is_file()))


def build_kb(folder: str | os.PathLike, as_of: dt.date,
             executor=None) -> resolve.KnowledgeBase:
    """Validate the data in `folder` and resolve it as of the day `as_of` (the build date:
    appeal deadlines, what is open), once per data state; raise DataError on problems.
    executor: shares the files' checks out (validate.check), when the caller has one."""
    folder = Path(folder).resolve()
    key = (str(folder), as_of, _fingerprint(folder) if folder.is_dir() else ())
    if key not in _cache:
        records, problems = validate.check(folder, executor)
        catalogues, found = translations.load(folder)
        status, more = translations.read_status(folder)
        if problems or found or more:
            raise DataError(sorted(problems + found + more))
        translations.apply((v for by_id in records.values() for v in by_id.values()),
                           catalogues)
        _cache.clear()
        _cache[key] = resolve.build(records, as_of, status)
    return _cache[key]
