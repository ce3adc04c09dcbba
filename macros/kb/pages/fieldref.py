"""The field reference: every record type's fields, read off the generated JSON Schemas."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..data.model import SINGULAR
from ..data.schemas import schema_files


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: str
    required: bool
    description: str
    links: tuple[str, ...] = ()  # the documented objects its type names, for links

    def type_parts(self) -> tuple[tuple[str, str | None], ...]:
        """The type as (text, anchor) parts: each documented object's name links to its
        section on the page."""
        out: list[tuple[str, str | None]] = []
        rest = self.type
        while rest:
            hits = [(rest.find(n), n) for n in self.links if rest.find(n) >= 0]
            if not hits:
                out.append((rest, None))
                break
            at, name = min(hits)
            if at:
                out.append((rest[:at], None))
            out.append((name, name.lower()))
            rest = rest[at + len(name):]
        return tuple(out)


@dataclass(frozen=True)
class ObjectDoc:
    name: str  # record type folder, or the name of a nested object
    description: str
    fields: tuple[FieldDoc, ...]
    is_record: bool


def _type_name(prop: dict) -> str:
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in prop:
        names = [_type_name(p) for p in prop["anyOf"]]
        return " or ".join(dict.fromkeys(n for n in names if n != "null")) + (
            " (optional)" if "null" in names else "")
    if "enum" in prop:
        return "one of: " + ", ".join(str(v) for v in prop["enum"])
    if "const" in prop:
        return repr(prop["const"])
    if prop.get("type") == "array":
        return f"list of {_type_name(prop.get('items', {}))}"
    return prop.get("type", "text or mapping")


def _refs(prop) -> tuple[str, ...]:
    """The names of the objects a property's schema refers to ($ref), in order."""
    if isinstance(prop, dict):
        own = (prop["$ref"].rsplit("/", 1)[-1],) if "$ref" in prop else ()
        return own + tuple(n for v in prop.values() for n in _refs(v))
    if isinstance(prop, list):
        return tuple(n for v in prop for n in _refs(v))
    return ()


def _object(name: str, schema: dict, is_record: bool) -> ObjectDoc:
    required = set(schema.get("required", []))
    fields = tuple(FieldDoc(key, _type_name(prop), key in required, prop.get("description", ""),
                            tuple(dict.fromkeys(_refs(prop))))
                   for key, prop in schema.get("properties", {}).items())
    return ObjectDoc(name, schema.get("description", ""), fields, is_record)


@lru_cache(maxsize=1)
def documented_objects() -> tuple[ObjectDoc, ...]:
    """Record types first (in data-folder order), then every nested object once; made once
    per process, as the schemas are."""
    records, nested = [], {}
    for filename, schema in schema_files().items():
        rtype = filename.removesuffix(".schema.json")
        records.append(_object(rtype, schema, True))
        for def_name, sub in schema.get("$defs", {}).items():
            if "properties" in sub:
                nested.setdefault(def_name, _object(def_name, sub, False))
    return (*records, *(nested[k] for k in sorted(nested)))


def singular(rtype: str) -> str:
    return SINGULAR.get(rtype, rtype)
