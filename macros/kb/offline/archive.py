"""A zip file whose bytes follow from its files alone: the same files give the same zip.

Entries in path order, each dated the build day at midnight (SOURCE_DATE_EPOCH's day when it
is set, kb/options.py), each a regular file readable by all (0644) made "on Unix", compressed
with DEFLATE at zlib's default level, 6 (level 9 took 0.53 s against 0.33 s for the real
site's 780 files, to make the zip 0.2% smaller: 5.46 against 5.48 MB); no folder entries,
no comment, no extra fields.

Written by hand (`_Writer`), in the very bytes Python's zipfile writes for the same entries,
because zipfile compresses every entry itself, and no library takes an entry compressed
already: a content can come `Deflated`, as the offline copy keeps each page from one build
to the next (compressing the real site's 780 files took 0.48 s of each build). The classic
format only, as zipfile writes it below its ZIP64 limits; a zip beyond them (65,535 files,
2 GiB) is written by zipfile.
"""
from __future__ import annotations

import datetime as dt
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import BinaryIO

MODE = 0o100644  # a regular file, rw-r--r--
LEVEL = 6
VERSION = 20  # 2.0, the version zipfile says DEFLATE needs, to make and to open an entry
UNIX = 3  # made on Unix: the external attributes' high half is the file's mode
UTF8 = 0x800  # a name not in ASCII is in UTF-8
LIMIT = zipfile.ZIP64_LIMIT  # sizes and offsets beyond it need ZIP64 (zipfile's limit)
MOST_FILES = zipfile.ZIP_FILECOUNT_LIMIT


class Streamed:
    """A content written by `write(destination)` straight into its entry, never held whole."""

    def __init__(self, write: Callable[[BinaryIO], None]):
        self.write = write


@dataclass(frozen=True)
class Deflated:
    """A content compressed already: raw DEFLATE at LEVEL, as zipfile compresses an entry,
    with the CRC-32 and size of what it holds."""

    data: bytes
    crc: int
    size: int

    @classmethod
    def of(cls, content: bytes) -> Deflated:
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
        return cls(compressor.compress(content) + compressor.flush(), zlib.crc32(content),
                   len(content))


Content = bytes | Deflated | Callable[[], bytes | Deflated] | Streamed


def write_zip(out: BinaryIO, files: Mapping[str, Content], day: dt.date,
              folder: str = "") -> None:
    """The zip of {path: content}, every path under `folder` (a name ending with "/"),
    written to an open file, which must be seekable. A content is bytes or Deflated, a
    function that returns either, called when its entry is written (a large site's files
    are then read one at a time), or Streamed."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    start = out.tell()
    if len(files) <= MOST_FILES:
        writer = _Writer(out, stamp)
        try:
            for path in sorted(files):
                writer.add(folder + path, files[path])
            writer.close()
            return
        except _TooLarge:
            out.seek(start)
            out.truncate()
    _write_with_zipfile(out, files, stamp, folder)


class _TooLarge(Exception):
    """The zip needs ZIP64 (a size or an offset beyond LIMIT)."""


class _Writer:
    """Entries and the central directory, as Python's zipfile writes them (ZipInfo.FileHeader,
    ZipFile._write_end_record) into a seekable file, with no ZIP64 record."""

    def __init__(self, out: BinaryIO, stamp: tuple):
        self.out = out
        self.date = (stamp[0] - 1980) << 9 | stamp[1] << 5 | stamp[2]
        self.central: list[bytes] = []

    def add(self, name: str, content: Content) -> None:
        offset = self.out.tell()  # from the file's start, as zipfile counts
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), UTF8
        if isinstance(content, Streamed):
            self.out.write(self._local(encoded, flags, 0, 0, 0))
            sink = _Compressing(self.out)
            content.write(sink)
            crc, size, packed = sink.close()
            end = self.out.tell()
            self.out.seek(offset)
            self.out.write(self._local(encoded, flags, crc, packed, size))
            self.out.seek(end)
        else:
            if callable(content):
                content = content()
            if isinstance(content, bytes):
                content = Deflated.of(content)
            crc, size, packed = content.crc, content.size, len(content.data)
            self.out.write(self._local(encoded, flags, crc, packed, size))
            self.out.write(content.data)
        # zipfile gives an entry ZIP64 fields from 1/1.05 of the limit, its size known
        if max(size * 1.05, packed, offset, self.out.tell()) > LIMIT:
            raise _TooLarge
        self.central.append(struct.pack(
            "<4s4B4HL2L5H2L", b"PK\001\002", VERSION, UNIX, VERSION, 0, flags,
            zipfile.ZIP_DEFLATED, 0, self.date, crc, packed, size, len(encoded), 0, 0, 0, 0,
            MODE << 16, offset) + encoded)

    def _local(self, encoded: bytes, flags: int, crc: int, packed: int, size: int) -> bytes:
        return struct.pack("<4s2B4HL2L2H", b"PK\003\004", VERSION, 0, flags,
                           zipfile.ZIP_DEFLATED, 0, self.date, crc, packed, size,
                           len(encoded), 0) + encoded

    def close(self) -> None:
        at = self.out.tell()
        directory = b"".join(self.central)
        if at + len(directory) > LIMIT:
            raise _TooLarge
        self.out.write(directory)
        self.out.write(struct.pack("<4s4H2LH", b"PK\005\006", 0, 0, len(self.central),
                                   len(self.central), len(directory), at, 0))


class _Compressing:
    """What a Streamed content writes into: compressed on to the zip as it comes."""

    def __init__(self, out: BinaryIO):
        self.out = out
        self.compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
        self.crc = self.size = self.packed = 0

    def write(self, data: bytes) -> int:
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self._put(self.compressor.compress(data))
        return len(data)

    def _put(self, packed: bytes) -> None:
        self.packed += len(packed)
        self.out.write(packed)

    def close(self) -> tuple[int, int, int]:
        self._put(self.compressor.flush())
        return self.crc, self.size, self.packed


def _write_with_zipfile(out: BinaryIO, files: Mapping[str, Content], stamp: tuple,
                        folder: str) -> None:
    """The same zip, with ZIP64 records where it needs them, by zipfile."""
    with zipfile.ZipFile(out, "w") as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(folder + path, date_time=stamp)
            info.create_system = UNIX
            info.external_attr = MODE << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            content = files[path]
            if isinstance(content, Streamed):
                info.file_size = 0  # not known yet: zipfile fills it in when the entry closes
                with archive.open(info, "w") as entry:
                    content.write(entry)
                continue
            if callable(content):
                content = content()
            if isinstance(content, Deflated):
                content = zlib.decompress(content.data, -zlib.MAX_WBITS)
            archive.writestr(info, content, compresslevel=LEVEL)
