"""JSON Schemas for editors and CI, generated from the pydantic models (the source of truth).
`kb schemas` writes them to the project's data/schemas/ (Options.schemas, kb/options.py)."""
from __future__ import annotations

from .model import RECORD_TYPES


def schema_for(rtype: str) -> dict:
    schema = RECORD_TYPES[rtype].model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def schema_files() -> dict[str, dict]:
    return {f"{rtype}.schema.json": schema_for(rtype) for rtype in RECORD_TYPES}
