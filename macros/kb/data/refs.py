"""Where a record names other records: every Ref field, in a file's plain values.

`raw_refs` walks the plain values of a file that may not pass its model, so that one run
reports a mistyped id together with the file's other problems; the ids it finds in a valid
file are the references the KnowledgeBase resolves.
"""
from __future__ import annotations

import typing
from functools import lru_cache

from pydantic import BaseModel

from . import model


def raw_refs(cls: type[BaseModel], raw) -> list[tuple[tuple, str, str]]:
    """(loc, record type, id) for every Ref field in a file's plain values, field by field in
    the model's order."""
    out: list[tuple[tuple, str, str]] = []
    _collect(cls, raw, (), out)
    return out


def _collect(cls: type[BaseModel], raw, loc: tuple, out: list) -> None:
    shorthand, fields = _plan(cls)
    if isinstance(raw, str):
        if shorthand:  # a plain id for {source: id}
            out.append((loc, shorthand, raw))
        return
    if not isinstance(raw, dict):
        return
    for name, target, sub in fields:
        if name not in raw:
            continue
        value = raw[name]
        if target:  # the id, or ids: a string, or the strings of a list
            if isinstance(value, str):
                out.append((loc + (name,), target, value))
            elif isinstance(value, list):
                out.extend((loc + (name, i), target, item) for i, item in enumerate(value)
                           if isinstance(item, str))
        elif isinstance(value, list):
            short = _plan(sub)[0]
            for i, item in enumerate(value):
                if isinstance(item, str):  # most citations: the source's id alone
                    if short:
                        out.append((loc + (name, i), short, item))
                else:
                    _collect(sub, item, loc + (name, i), out)
        else:
            _collect(sub, value, loc + (name,), out)


@lru_cache(maxsize=None)
def _plan(cls: type[BaseModel]) -> tuple[str | None, tuple[tuple[str, str | None,
                                                              type[BaseModel] | None], ...]]:
    """For a model: the record type a plain string stands for (a model with SHORTHAND: its
    first field's), and each field that may name a record, with the record type it refers to
    or the model it holds. Worked out once per class (reading the annotations for every value
    dominated the walks), leaving out the fields that can name nothing (text, dates)."""
    fields = tuple((name, _ref_target(info.metadata) or _ref_target_in(info.annotation),
                    _model_in(info.annotation)) for name, info in cls.model_fields.items())
    shorthand = fields[0][1] if hasattr(cls, "SHORTHAND") else None
    return shorthand, tuple(f for f in fields if f[1] or (f[2] is not None and _names(f[2])))


def _names(cls: type[BaseModel]) -> bool:
    """Whether a value of this model may name a record."""
    shorthand, fields = _plan(cls)
    return bool(shorthand or fields)


def _model_in(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


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
