"""Load every data file, check it against its model and check the references between records.

`check(data_dir)` returns the validated records and every problem found, all at once: a
maintainer sees the whole list in one run, each problem with file, line, column and field.
References are checked in every file that could be read, even one with other problems, so a
single run reports a typo in an id together with a missing field in the same file.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from . import gcpause, model, parallel
from .load import Loaded, load_file
from .messages import PLACEHOLDER, pydantic_message, quote, suggest
from .problems import Problem
from .refs import iter_raw_refs, iter_refs  # noqa: F401 - resolve.py imports iter_refs here

IGNORED_DIRS = {"schemas"}


@dataclass
class Record:
    """A validated record with its id, type and the file it came from."""

    type: str
    id: str
    data: model.Strict
    source: Loaded

    def where(self, loc: tuple) -> tuple[int, int]:
        return self.source.where(loc)


Records = dict[str, dict[str, Record]]


@dataclass
class _File:
    """A file that could be read, valid or not: enough to check its references."""

    type: str
    id: str
    loaded: Loaded
    bad: list[tuple]  # locations that already have a problem


def _trim(loaded: Loaded, loc: tuple) -> tuple:
    """The part of a pydantic location that names keys in the file (drops union tags)."""
    out: tuple = ()
    for part in loc:
        if out + (part,) not in loaded.positions:
            break
        out += (part,)
    return out


def _pydantic_problems(loaded: Loaded, cls, exc: ValidationError, skip: list[tuple]):
    """Problems from one ValidationError, worded for people, one per field."""
    errors = exc.errors(include_url=False)
    unknown = {(tuple(e["loc"][:-1]), e["loc"][-1]) for e in errors
               if e["type"] == "extra_forbidden"}
    out: dict[tuple, Problem] = {}
    for err in errors:
        full = tuple(err["loc"])
        loc = full if err["type"] in ("missing", "extra_forbidden") else _trim(loaded, full)
        if any(loc[:len(s)] == s for s in skip):
            continue
        message = pydantic_message(err, cls, loc)
        if err["type"] == "value_error" and "cite" in message and loc + ("sources",) in \
                loaded.positions:
            loc += ("sources",)  # point at the empty list rather than the whole entry
        if err["type"] == "missing" and any(
                parent == loc[:-1] and suggest(loc[-1], [key]) for parent, key in unknown):
            continue  # reported as the unknown field that is its misspelling
        line, col = loaded.where(loc)
        out.setdefault(loc, Problem(loaded.path, line, col, loc, message))
    return list(out.values())


def _placeholders(loaded: Loaded, value=None, loc: tuple = ()):
    """Template placeholders left in the file: (loc, problem)."""
    value = loaded.data if not loc else value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(loaded, item, loc + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _placeholders(loaded, item, loc + (i,))
    elif isinstance(value, str) and PLACEHOLDER in value:
        line, col = loaded.where(loc)
        hint = value[value.index(PLACEHOLDER) + len(PLACEHOLDER):].strip(" :-") or "this value"
        yield loc, Problem(loaded.path, line, col, loc,
                           f"still the template's placeholder: write {hint}")


def _read(path: Path):
    """One file read: its content, the problems that stopped it, and placeholders left in it.
    A placeholder's first word is in the text as written (a long one folded over lines still
    shows "FILL", one written with escapes a backslash); most files have neither."""
    loaded, problems = load_file(path)
    placeholders = []
    if loaded is not None and (PLACEHOLDER.split()[0] in loaded.text or "\\" in loaded.text):
        placeholders = list(_placeholders(loaded))
    return loaded, problems, placeholders


def _valid_id(rid: str) -> bool:
    return re.fullmatch(model.ID_PATTERN, rid) is not None


def _files(data_dir: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """Every data file with its record type, and the problems with the folder layout."""
    problems: list[Problem] = []
    found: list[tuple[str, Path]] = []
    for entry in sorted(data_dir.iterdir()):
        if entry.is_dir() and entry.name not in model.RECORD_TYPES and \
                entry.name not in IGNORED_DIRS:
            problems.append(Problem(entry, 1, 1, (), "unknown folder: data/ holds one folder per "
                                    "record type" + suggest(entry.name, model.RECORD_TYPES)))
    for rtype in model.RECORD_TYPES:
        folder = data_dir / rtype
        if not folder.is_dir():
            continue
        with os.scandir(folder) as entries:  # DirEntry answers is_dir/is_symlink unasked
            listed = sorted(entries, key=lambda e: e.name)
        for entry in listed:
            path = folder / entry.name
            if entry.name.startswith(".") or entry.is_dir(follow_symlinks=False):
                continue
            if entry.is_symlink():
                problems.append(Problem(path, 1, 1, (), "a link, not a file: data files must be "
                                        "plain files inside data/"))
            elif path.suffix != ".yml":
                problems.append(Problem(path, 1, 1, (), _wrong_suffix(path)))
            elif not _valid_id(path.stem):
                problems.append(Problem(path, 1, 1, (), f"the file name {quote(path.stem)} is not "
                                        "a valid id: use lower-case letters, digits and single "
                                        "hyphens"))
            else:
                found.append((rtype, path))
    return found, problems


def _wrong_suffix(path: Path) -> str:
    right = path.with_suffix(".yml")
    message = f"data files end in .yml: rename it to {right.name}"
    if path.suffix in (".yaml", ".YML", ".Yml") and right.exists():
        message = (f"a second file for the id {quote(path.stem)}: {right.name} already exists; "
                   "keep one of the two")
    return message


def _load(data_dir: Path) -> tuple[Records, list[_File], list[Problem]]:
    records: Records = {t: {} for t in model.RECORD_TYPES}
    files: list[_File] = []
    if not data_dir.is_dir():
        return records, files, [Problem(data_dir, 1, 1, (), "data folder not found")]
    paths, problems = _files(data_dir)
    # Reading YAML is most of validation's time and each file is read on its own: two
    # processes share it (parallel.py), split by size. The checks that need every record
    # stay in this process, in file order.
    results = parallel.split_map(_read, [path for _rtype, path in paths],
                                 weights=[path.stat().st_size for _rtype, path in paths])
    for (rtype, path), (loaded, found, placeholders) in zip(paths, results):
        cls = model.RECORD_TYPES[rtype]
        problems += found
        if loaded is None:
            continue
        file = _File(rtype, path.stem, loaded, [])
        files.append(file)
        content = dict(loaded.data)
        if "id" in content:
            line, col = loaded.where(("id",))
            problems.append(Problem(path, line, col, ("id",),
                                    "remove this field: the file name is the record's id"))
            file.bad.append(("id",))
            del content["id"]
        for loc, problem in placeholders:
            problems.append(problem)
            file.bad.append(loc)
        try:
            data = cls.model_validate(content)
        except ValidationError as exc:
            found = _pydantic_problems(loaded, cls, exc, file.bad)
            problems += found
            file.bad += [p.loc for p in found]
            continue
        if not file.bad:
            records[rtype][path.stem] = Record(rtype, path.stem, data, loaded)
    return records, files, problems


def load_records(data_dir: Path) -> tuple[Records, list[Problem]]:
    """Every file under data_dir/<type>/ validated against its model."""
    records, _files_read, problems = _load(Path(data_dir))
    return records, problems


def _article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def check_references(records: Records, data_dir: Path | None = None,
                     files: list[_File] | None = None) -> list[Problem]:
    """Unknown ids, ids of the wrong record type, and sources that no record cites.

    A reference to a file that exists but failed its own checks is not reported again; a source
    counts as uncited only when every data file could be read.
    """
    if files is None:
        files = [_File(r.type, r.id, r.source, []) for by_id in records.values()
                 for r in by_id.values()]
    present = {t: {p.stem for p in (data_dir / t).glob("*.yml")} if data_dir else set(records[t])
               for t in records}
    problems = []
    cited: set[str] = set()
    for file in files:
        cls = model.RECORD_TYPES[file.type]
        for loc, target, ref in iter_raw_refs(cls, file.loaded.data):
            if target == "sources":
                cited.add(ref)
            if ref in present[target] or any(loc[:len(b)] == b for b in file.bad):
                continue
            line, col = file.loaded.where(loc)
            others = [t for t in records if ref in present[t]]
            if others:
                message = (f"{quote(ref)} is {_article(model.SINGULAR[others[0]])}, not "
                           f"{_article(model.SINGULAR[target])}")
            else:
                message = (f"no {model.SINGULAR[target]} with the id {quote(ref)} in "
                           f"data/{target}/{suggest(ref, present[target])}")
            problems.append(Problem(file.loaded.path, line, col, loc, message))
    complete = len(files) == sum(len(v) for v in present.values())
    for file in files:
        if file.type == "sources" and file.id not in cited and complete:
            problems.append(Problem(file.loaded.path, 1, 1, (), "this source is never cited: "
                                    "cite it from a record, or remove the file"))
    return problems


def check_cases(records: Records) -> list[Problem]:
    """Rules inside one case: unique anchors, events inside the case's period."""
    problems = []
    for rec in records["cases"].values():
        case: model.Case = rec.data
        seen: dict[str, tuple] = {}
        for group in ("timeline", "updates", "appeals"):
            for i, item in enumerate(getattr(case, group)):
                loc = (group, i, "id")
                if item.id in seen:
                    line, col = rec.where(loc)
                    first = rec.where(seen[item.id])[0]
                    problems.append(Problem(rec.source.path, line, col, loc,
                                            f"the id {quote(item.id)} is already used on line "
                                            f"{first}; each entry needs its own id"))
                seen.setdefault(item.id, loc)
        lo, hi = case.period.parsed.bounds()
        for i, event in enumerate(case.timeline):
            elo, ehi = event.date.parsed.bounds()
            if elo < lo or ehi > hi:
                loc = ("timeline", i, "date")
                line, col = rec.where(loc)
                problems.append(Problem(
                    rec.source.path, line, col, loc,
                    f"{quote(event.date.edtf)} is outside the case's period "
                    f"{quote(case.period.edtf)} (line {rec.where(('period',))[0]}); "
                    "correct the date or widen the period"))
    return problems


def check(data_dir: Path) -> tuple[Records, list[Problem]]:
    """Everything: files, models, references and case rules."""
    data_dir = Path(data_dir)
    with gcpause.paused(keep_result=True):  # see gcpause.py: the collector took half the time
        records, files, problems = _load(data_dir)
        problems += check_references(records, data_dir if data_dir.is_dir() else None, files)
        problems += check_cases(records)
    return records, problems
