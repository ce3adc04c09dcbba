"""Where the data is, what day it is, and the one cached KnowledgeBase per data state."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from . import resolve
from .data import translations, validate
from .data.problems import DataError

ROOT = Path(__file__).resolve().parents[2]
_cache: dict[tuple, resolve.KnowledgeBase] = {}


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The data folder: an explicit path, else $KB_DATA_DIR, else data/ in the project."""
    chosen = explicit or os.environ.get("KB_DATA_DIR") or ROOT / "data"
    return Path(chosen).resolve()


def build_date() -> dt.date:
    """Today, or the day of $SOURCE_DATE_EPOCH so that builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def _fingerprint(folder: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in folder.rglob("*") if p.is_file()))


def build_kb(folder: str | os.PathLike | None = None, executor=None) -> resolve.KnowledgeBase:
    """Validate the data and resolve it, once per data state; raise DataError on problems.
    executor: shares the files' checks out (validate.check), when the caller has one."""
    folder = data_dir(folder)
    key = (str(folder), build_date(), _fingerprint(folder) if folder.is_dir() else ())
    if key not in _cache:
        records, problems = validate.check(folder, executor)
        catalogues, found = translations.load(folder)
        status, more = translations.read_status(folder)
        if problems or found or more:
            raise DataError(sorted(problems + found + more))
        translations.apply((v for by_id in records.values() for v in by_id.values()),
                           catalogues)
        _cache.clear()
        _cache[key] = resolve.build(records, build_date(), status)
    return _cache[key]
