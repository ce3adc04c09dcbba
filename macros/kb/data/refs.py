"""Where a record names other records: every Ref field, in a file's plain values.

`iter_raw_refs` walks the plain values of a file that may not pass its model, so that one run
reports a mistyped id together with the file's other problems; the ids it finds in a valid
file are the references the KnowledgeBase resolves.
"""
from __future__ import annotations

import typing
from functools import lru_cache

from pydantic import BaseModel

from . import model


def iter_raw_refs(cls: type[BaseModel], raw, loc: tuple = ()):
    """Yield (loc, record type, id) for every Ref field in a file's plain values."""
    if isinstance(raw, str) and hasattr(cls, "SHORTHAND"):  # a plain id for {source: id}
        yield loc, _plan(cls)[0][1], raw
        return
    if not isinstance(raw, dict):
        return
    for name, target, sub in _plan(cls):
        if name not in raw:
            continue
        value = raw[name]
        if target:
            yield from _ids(target, value, loc + (name,))
        elif sub is not None:
            if isinstance(value, list):
                for i, item in enumerate(value):
                    yield from iter_raw_refs(sub, item, loc + (name, i))
            else:
                yield from iter_raw_refs(sub, value, loc + (name,))


def _ids(target: str, value, loc: tuple):
    """The id, or ids, a Ref field holds: a string, or the strings of a list."""
    if isinstance(value, str):
        yield loc, target, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield loc + (i,), target, item


@lru_cache(maxsize=None)
def _plan(cls: type[BaseModel]) -> tuple[tuple[str, str | None, type[BaseModel] | None], ...]:
    """Each field of a model with the record type it refers to and the model it holds, worked
    out once per class (reading the annotations for every value dominated the walks)."""
    return tuple((name, _ref_target(info.metadata) or _ref_target_in(info.annotation),
                  _model_in(info.annotation)) for name, info in cls.model_fields.items())


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
