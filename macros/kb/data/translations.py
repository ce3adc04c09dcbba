"""The Korean and Chinese translations of the data's text, in gettext catalogues.

`data/translations/<lang>.po` holds one entry per English text: its msgid is the English text
itself, so a translator works in any PO editor (Poedit, Weblate) without touching a fact, and
an entry whose English was reworded after it was translated no longer matches: Babel's
`Catalog.update` marks it fuzzy ("stale"), and the site shows the English instead, marked as
not yet translated. Names are not here: their established forms are held on the record
(fields.Name); text kept as published (fields.Published) is never translated.

`data/translations/status.yml` records, per language, who translated it and who reviewed it:
`reviewed_by` stays empty until a native speaker has read the whole catalogue, and every page of
that edition says so.

Babel reads and writes the files (babel.messages.pofile); this module only walks the models
to list the English texts (`template`) and checks a catalogue against them (`load`).
"""
from __future__ import annotations

import io
import typing
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po
from pydantic import BaseModel

from pydantic import ValidationError

from .fields import Strict, Translated, _check_text
from .languages import DEFAULT, LANGS, babel_locale
from .problems import Problem, field_path

EDITION_LANGS = tuple(lang for lang in LANGS if lang != DEFAULT)
FOLDER = "translations"  # under the data folder
PROJECT = "North Korean Refugees - Forced Returns from China"


@dataclass
class Catalogue:
    """One language's translations: English text -> translated text, and what it knows."""

    lang: str
    path: Path
    entries: dict[str, str] = field(default_factory=dict)  # current, not fuzzy
    stale: dict[str, str] = field(default_factory=dict)  # fuzzy: English changed since

    def get(self, english: str) -> str | None:
        return self.entries.get(english)


class EditionStatus(Strict):
    """Who made one language's translation, and whether a native speaker has reviewed it."""

    translated_by: str
    """Who wrote the translation (a person, or how it was made)."""
    reviewed_by: str | None = None
    """The native speaker who reviewed the whole catalogue; empty until someone has."""
    reviewed_on: str | None = None
    """When they did (ISO date)."""


def read_status(data_dir: Path) -> tuple[dict[str, dict], list[Problem]]:
    """data/translations/status.yml: lang -> EditionStatus fields (empty when absent)."""
    from .load import load_file  # noqa: PLC0415 - load imports nothing from here

    path = Path(data_dir) / FOLDER / "status.yml"
    if not path.is_file():
        return {}, []
    loaded, problems = load_file(path)
    if loaded is None:
        return {}, problems
    out = {}
    for lang, value in (loaded.data or {}).items() if isinstance(loaded.data, dict) else ():
        if lang not in EDITION_LANGS:
            line, col = loaded.where((lang,))
            problems.append(Problem(path, line, col, (lang,), f"no edition in {lang!r}: "
                                    f"use one of {', '.join(EDITION_LANGS)}"))
            continue
        try:
            out[lang] = EditionStatus.model_validate(value).model_dump()
        except ValidationError as exc:
            for err in exc.errors():
                loc = (lang, *err["loc"])
                line, col = loaded.where(loc)
                problems.append(Problem(path, line, col, loc, f"{field_path(loc)}: {err['msg']}"))
    return out, problems


@lru_cache(maxsize=None)
def _kind(cls: type[BaseModel]) -> dict[str, tuple[str, type | None]]:
    """Each field of a model: ("text" | "name" | "never" | "model" | "other", nested model)."""
    out = {}
    for name, info in cls.model_fields.items():
        out[name] = _classify(info.annotation, tuple(info.metadata))
    return out


def _classify(annotation, metadata: tuple = ()) -> tuple[str, type | None]:
    for meta in metadata:
        if isinstance(meta, Translated):
            return ("name" if meta.where == "inline" else "never"), None
    if any(getattr(m, "func", None) is _check_text for m in metadata):
        return "text", None
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return _classify(base, tuple(extra) + metadata)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    for arg in typing.get_args(annotation):  # Optional, Union, list[...]
        kind = _classify(arg)
        if kind[0] != "other":
            return kind
    return "other", None


@lru_cache(maxsize=None)
def _holding(cls: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """The fields of a model that may hold text, with their kind: _kind without the "other"
    ones, in field order (most fields are ids, dates and numbers)."""
    return tuple((name, kind) for name, (kind, _cls) in _kind(cls).items() if kind != "other")


def texts(value, loc: tuple = ()):
    """(loc, kind, Text) for every text field inside a validated model, in field order."""
    if isinstance(value, BaseModel):
        for name, kind in _holding(type(value)):
            child = getattr(value, name)
            if child is None:
                continue
            if kind in ("text", "name", "never"):
                yield loc + (name,), kind, child
            elif kind == "model":
                yield from texts(child, loc + (name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from texts(item, loc + (i,))


def template(records) -> Catalog:
    """The catalogue template: every English text of the records (Valid or resolved Record:
    anything with type, id, data and a Loaded file), once, with where it is used."""
    cat = Catalog(project=PROJECT, fuzzy=False)
    for rec in records:
        loaded = getattr(rec, "loaded", None) or rec.source
        rel = f"data/{rec.type}/{rec.id}.yml"
        for loc, kind, value in texts(rec.data):
            if kind != "text":
                continue
            line = loaded.where(loc)[0] if loaded is not None else 0
            where = (rel, line)
            existing = cat.get(value["en"])
            if existing is None:
                cat.add(value["en"], locations=[where])
            elif where not in existing.locations:
                existing.locations.append(where)
    return cat


# {(path, lang): (the file's size and time, what `read` made of it)}: see `read`
_READ: dict[tuple[Path, str], tuple[tuple[int, int], tuple[Catalogue | None, list[Problem]]]] = {}


Parse = typing.Callable[[bytes, Path, str], tuple["Catalogue | None", list[Problem]]]


def read(path: Path, lang: str, parser: Parse | None = None
         ) -> tuple[Catalogue | None, list[Problem]]:
    """A catalogue file, or the problem that it cannot be read. A file read before by this
    process and unchanged since (its size and modification time) is not parsed again:
    `mkdocs serve` reads the catalogues for each rebuild, and babel's parser takes 0.07 s of
    the real site's warm rebuild of about 0.65 s (CPU). The caller gets a copy of its own.
    parser: what reads the file's bytes (`parse` below, the default, or one that keeps what
    it made for the next process: kb/build.py)."""
    parser = parser or parse
    try:
        stat = path.stat()
        key, stamp = (path.resolve(), lang), (stat.st_size, stat.st_mtime_ns)
    except OSError:
        return parser(path.read_bytes(), path, lang)
    kept = _READ.get(key)
    if kept is None or kept[0] != stamp:
        kept = _READ[key] = stamp, parser(path.read_bytes(), path, lang)
    cat, problems = kept[1]
    if cat is not None:
        cat = Catalogue(cat.lang, cat.path, dict(cat.entries), dict(cat.stale))
    return cat, list(problems)


def parse(data: bytes, path: Path, lang: str) -> tuple[Catalogue | None, list[Problem]]:
    """What Babel's parser makes of `data`, the bytes of the catalogue file at `path`."""
    try:
        po = read_po(io.BytesIO(data), locale=babel_locale(lang), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        return None, [Problem(path, getattr(exc, "lineno", 1) or 1, 1, (),
                              f"not a readable gettext catalogue: {exc}")]
    cat = Catalogue(lang, path)
    for msg in po:
        if not msg.id or not msg.string:
            continue
        (cat.stale if msg.fuzzy else cat.entries)[str(msg.id)] = str(msg.string)
    return cat, []


def load(data_dir: Path, parser: Parse | None = None
         ) -> tuple[dict[str, Catalogue], list[Problem]]:
    """Every language's catalogue under data/translations/ (a missing file: no translation);
    parser: as for `read`."""
    out, problems = {}, []
    for lang in EDITION_LANGS:
        path = Path(data_dir) / FOLDER / f"{lang}.po"
        if not path.is_file():
            out[lang] = Catalogue(lang, path)
            continue
        cat, found = read(path, lang, parser)
        problems += found
        if cat is not None:
            out[lang] = cat
    return out, problems


def apply(records, catalogues: dict[str, Catalogue]) -> None:
    """Fill each text field's translations in from the catalogues (the resolved model holds
    every language; a Name keeps the forms written on its record)."""
    catalogues = {lang: cat.entries for lang, cat in catalogues.items() if cat.entries}
    if catalogues:  # else there is nothing to fill in
        for rec in records:
            _fill(rec.data, catalogues)


def _fill(value, catalogues: dict[str, dict[str, str]]) -> None:
    """apply's walk: the fields texts() yields as "text", filled in place. A walk of its own,
    as texts() passes every text up through a generator per level of nesting and builds its
    location, which apply does not need (half of apply's time at 1,000 synthetic cases)."""
    if isinstance(value, BaseModel):
        for name, kind in _holding(type(value)):
            child = getattr(value, name)
            if child is None:
                continue
            if kind == "text":
                english = child["en"]
                for lang, entries in catalogues.items():
                    if lang not in child:
                        found = entries.get(english)
                        if found is not None:
                            child[lang] = found
            elif kind == "model":
                _fill(child, catalogues)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _fill(item, catalogues)


@dataclass(frozen=True)
class Report:
    lang: str
    total: int  # English texts to translate
    translated: int
    missing: list[tuple[str, list]]  # (English, [(file, line)])
    stale: list[tuple[str, list]]  # translated from an earlier wording of the English
    reviewed_by: str | None


def report(records, data_dir: Path, status: dict | None = None) -> list[Report]:
    """Per language: how many texts, how many translated, which are missing and which stale.
    Stale is what Babel's update would mark fuzzy: an entry already fuzzy, or one whose
    English no longer exists but closely matches a current text."""
    pot = template(records)
    status = status if status is not None else read_status(data_dir)[0]
    out = []
    for lang in EDITION_LANGS:
        path = Path(data_dir) / FOLDER / f"{lang}.po"
        po = Catalog(locale=babel_locale(lang))
        if path.is_file():
            with path.open("rb") as fh:
                po = read_po(fh, locale=babel_locale(lang))
        po.update(pot, update_header_comment=False)
        missing, stale, done = [], [], 0
        for msg in po:
            if not msg.id:
                continue
            if msg.string and not msg.fuzzy:
                done += 1
            elif msg.string:
                stale.append((str(msg.id), msg.locations))
            else:
                missing.append((str(msg.id), msg.locations))
        out.append(Report(lang, done + len(missing) + len(stale), done, missing, stale,
                          (status.get(lang) or {}).get("reviewed_by")))
    return out


def update(records, data_dir: Path, lang: str) -> Path:
    """Write data/translations/<lang>.po against the current English: new texts added
    empty, reworded ones marked fuzzy (Babel's matching), vanished ones kept as obsolete."""
    path = Path(data_dir) / FOLDER / f"{lang}.po"
    pot = template(records)
    if path.is_file():
        with path.open("rb") as fh:
            po = read_po(fh, locale=babel_locale(lang))
    else:
        po = Catalog(locale=babel_locale(lang), project=PROJECT, fuzzy=False)
        po.mime_headers  # noqa: B018 - builds the default header
    po.update(pot, update_header_comment=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    write_po(buf, po, width=100, sort_output=False, include_previous=True)
    path.write_bytes(buf.getvalue())
    return path
