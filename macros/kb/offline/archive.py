"""A zip file whose bytes follow from its files alone: the same files give the same zip.

Entries in path order, each dated the build day at midnight (SOURCE_DATE_EPOCH's day when it
is set, kb/options.py), each a regular file readable by all (0644) made "on Unix", compressed
with DEFLATE at level 9; no folder entries, no comment, no extra fields.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile

MODE = 0o100644  # a regular file, rw-r--r--


def zip_bytes(files: dict[str, bytes], day: dt.date, folder: str = "") -> bytes:
    """The zip of {path: content}, every path under `folder` (a name ending with "/")."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(folder + path, date_time=stamp)
            info.create_system = 3
            info.external_attr = MODE << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[path], compresslevel=9)
    return buffer.getvalue()
