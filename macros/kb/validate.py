"""Load every data file, check it against its model and check the references between records.

`check(data_dir)` returns the validated records and every problem found, all at once: a
maintainer sees the whole list in one run, each problem with file, line, column and field.
"""
from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import model
from .load import Loaded, load_file
from .problems import Problem

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


def _all_field_names() -> set[str]:
    names: set[str] = set()
    seen: set[type] = set()

    def visit(cls):
        if cls in seen:
            return
        seen.add(cls)
        for name, info in cls.model_fields.items():
            names.add(name)
            for sub in _models_in(info.annotation):
                visit(sub)

    for cls in model.RECORD_TYPES.values():
        visit(cls)
    return names


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


FIELD_NAMES = _all_field_names()


def _suggest(word: str, candidates) -> str:
    match = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.75)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _pydantic_problems(loaded: Loaded, exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        line, col = loaded.where(loc)
        if kind == "extra_forbidden":
            message = f"unknown field '{loc[-1]}'{_suggest(loc[-1], FIELD_NAMES)}"
        elif kind == "missing":
            message = "required field is missing"
        else:
            message = err["msg"].removeprefix("Value error, ")
            value = err.get("input")
            if isinstance(value, (str, int, bool)) and not isinstance(value, dict):
                message = f"{value!r}: {message}" if repr(value) not in message else message
            trimmed = loc
            while trimmed and trimmed not in loaded.positions:
                trimmed = trimmed[:-1]
            loc = trimmed or loc
        out.append(Problem(loaded.path, line, col, loc, message))
    return out


def load_records(data_dir: Path) -> tuple[Records, list[Problem]]:
    """Every file under data_dir/<type>/ validated against its model."""
    problems: list[Problem] = []
    records: Records = {t: {} for t in model.RECORD_TYPES}
    if not data_dir.is_dir():
        return records, [Problem(data_dir, 1, 1, (), "data folder not found")]
    for entry in sorted(data_dir.iterdir()):
        if entry.is_dir() and entry.name not in model.RECORD_TYPES | {n: 0 for n in IGNORED_DIRS}:
            problems.append(Problem(entry, 1, 1, (), "unknown record type folder"
                                    + _suggest(entry.name, model.RECORD_TYPES)))
    for rtype, cls in model.RECORD_TYPES.items():
        folder = data_dir / rtype
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.is_dir():
                continue
            if path.suffix != ".yml":
                problems.append(Problem(path, 1, 1, (), "data files end in .yml"))
                continue
            rid = path.stem
            if not _valid_id(rid):
                problems.append(Problem(path, 1, 1, (), f"file name '{rid}' is not a valid id: "
                                        "use lower-case letters, digits and single hyphens"))
                continue
            loaded, found = load_file(path)
            problems += found
            if loaded is None:
                continue
            if "id" in loaded.data:
                line, col = loaded.where(("id",))
                problems.append(Problem(path, line, col, ("id",),
                                        "remove this field: the file name is the record's id"))
                continue
            try:
                data = cls.model_validate(loaded.data)
            except ValidationError as exc:
                problems += _pydantic_problems(loaded, exc)
                continue
            records[rtype][rid] = Record(rtype, rid, data, loaded)
    return records, problems


def _valid_id(rid: str) -> bool:
    import re
    return re.fullmatch(model.ID_PATTERN, rid) is not None


def iter_refs(obj, loc: tuple = ()):
    """Yield (loc, record type, id) for every Ref field inside a model instance."""
    if isinstance(obj, BaseModel):
        for name, info in type(obj).model_fields.items():
            value = getattr(obj, name)
            target = _ref_target(info.metadata) or _ref_target_in(info.annotation)
            if target and isinstance(value, str):
                yield loc + (name,), target, value
            elif target and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield loc + (name, i), target, item
            else:
                yield from iter_refs(value, loc + (name,))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from iter_refs(item, loc + (i,))


def _ref_target(metadata) -> str | None:
    for m in metadata:
        if isinstance(m, model.RefTo):
            return m.record_type
    return None


def _ref_target_in(annotation) -> str | None:
    if typing.get_origin(annotation) is typing.Annotated:
        found = _ref_target(annotation.__metadata__)
        if found:
            return found
    for arg in typing.get_args(annotation):
        if isinstance(arg, model.RefTo):
            return arg.record_type
        found = _ref_target_in(arg) if not isinstance(arg, type) or not issubclass(
            arg, BaseModel) else None
        if found:
            return found
    return None


def check_references(records: Records, data_dir: Path | None = None) -> list[Problem]:
    """Unknown ids, ids of the wrong record type, and citations of each source.

    A reference to a file that exists but failed its own checks is not reported again.
    """
    problems = []
    present = {t: {p.stem for p in (data_dir / t).glob("*.yml")} if data_dir else set()
               for t in records}
    cited: set[str] = set()
    for rtype, by_id in records.items():
        for rid, rec in by_id.items():
            for loc, target, ref in iter_refs(rec.data):
                if target == "sources":
                    cited.add(ref)
                if ref in records[target] or ref in present[target]:
                    continue
                line, col = rec.where(loc)
                others = [t for t in records if ref in records[t]]
                if others:
                    message = (f"'{ref}' is {_article(model.SINGULAR[others[0]])}, not "
                               f"{_article(model.SINGULAR[target])}")
                else:
                    message = (f"no {model.SINGULAR[target]} with id '{ref}' in data/{target}/"
                               + _suggest(ref, records[target]))
                problems.append(Problem(rec.source.path, line, col, loc, message))
    complete = all(len(records[t]) == len(present[t]) for t in records) if data_dir else True
    for sid, rec in records["sources"].items():
        if sid not in cited and complete:
            problems.append(Problem(rec.source.path, 1, 1, (), "this source is never cited; "
                                    "cite it from a record or remove it"))
    return problems


def _article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def check_cases(records: Records) -> list[Problem]:
    """Rules inside one case: unique anchors, events inside the case's period."""
    problems = []
    for rec in records["cases"].values():
        case: model.Case = rec.data
        seen: dict[str, tuple] = {}
        for group in ("timeline", "updates", "appeals"):
            for i, item in enumerate(getattr(case, group)):
                if item.id in seen:
                    loc = (group, i, "id")
                    line, col = rec.where(loc)
                    problems.append(Problem(rec.source.path, line, col, loc,
                                            f"id '{item.id}' is already used in this case"))
                seen[item.id] = (group, i)
        lo, hi = case.period.parsed.bounds()
        for i, event in enumerate(case.timeline):
            elo, ehi = event.date.parsed.bounds()
            if elo < lo or ehi > hi:
                loc = ("timeline", i, "date")
                line, col = rec.where(loc)
                problems.append(Problem(
                    rec.source.path, line, col, loc,
                    f"'{event.date.edtf}' is outside the case's period '{case.period.edtf}'"))
    return problems


def check(data_dir: Path) -> tuple[Records, list[Problem]]:
    """Everything: files, models, references and case rules."""
    records, problems = load_records(Path(data_dir))
    problems += check_references(records, Path(data_dir))
    problems += check_cases(records)
    return records, problems
