"""JSON Schemas for editors and CI, generated from the pydantic models (the source of truth).
`kb schemas` writes them to the project's data/schemas/ (Options.schemas, kb/options.py)."""
from __future__ import annotations

from functools import lru_cache

from .model import RECORD_TYPES


def schema_for(rtype: str) -> dict:
    schema = RECORD_TYPES[rtype].model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def schema_name(rtype: str) -> str:
    """The file name of the record type's schema."""
    return f"{rtype}.schema.json"


@lru_cache(maxsize=1)
def schema_files() -> dict[str, dict]:
    """{file name: schema} of every record type, made once per process (pydantic takes about
    35 ms for the ten) and shared by every caller, who reads it and never changes it: a
    build asks for them six times (exports, the data format pages of each edition), and a
    deep copy for each took as long as making them."""
    return {schema_name(rtype): schema_for(rtype) for rtype in RECORD_TYPES}
