"""Contracts between the parts: models, schemas, the field reference, the string catalogue."""
import re
import subprocess
import sys

import pytest

from macros.kb.common import i18n
from macros.kb.data.schemas import schema_files

from .conftest import ROOT


def _objects():
    for filename, schema in schema_files().items():
        yield filename, schema
        for name, sub in schema.get("$defs", {}).items():
            if "properties" in sub:
                yield f"{filename}#{name}", sub


def test_committed_schemas_match_the_models():
    result = subprocess.run([sys.executable, "scripts/kb.py", "schemas", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_schema_field_has_a_description():
    missing = [f"{where}.{key}" for where, schema in _objects()
               for key, prop in schema["properties"].items() if not prop.get("description")]
    assert not missing


def test_every_schema_field_is_on_the_data_format_page(site):
    art = site.article("reference/data-format/")
    documented = {}
    for h2 in art.select("h2[id]"):
        table = h2.find_next("table")
        documented[h2["id"]] = {code.get_text() for code in table.select("tbody td:first-child code")}
    for where, schema in _objects():
        name = where.split("#")[-1].removesuffix(".schema.json").lower()
        assert name in documented, where
        assert set(schema["properties"]) == documented[name], where


def test_every_string_key_used_in_templates_is_in_the_english_catalogue():
    used = set()
    for path in (ROOT / "overrides").rglob("*.html"):
        used |= set(re.findall(r"""_\(\s*["']([a-z0-9_.\-]+)["']""", path.read_text()))
    missing = []
    for key in sorted(k for k in used if not k.endswith(".")):
        try:
            i18n._lookup(key, "en")
        except KeyError:
            missing.append(key)
    assert used and not missing


def test_dynamic_string_families_cover_every_model_value():
    from macros.kb.data import model
    families = {
        "status": model.CaseStatus.__args__,
        "people": model.PeopleGroup.model_fields["qualifier"].annotation.__args__,
        "organisation.kinds": model.Organisation.model_fields["kind"].annotation.__args__,
        "place.kinds": model.Place.model_fields["kind"].annotation.__args__,
        "source.kinds": model.Source.model_fields["kind"].annotation.__args__,
        "appeal.role": model.Addressee.model_fields["role"].annotation.__args__,
        "appeal.state": ("open", "closed-deadline", "closed-no-action", "no-deadline"),
    }
    for prefix, values in families.items():
        for value in values:
            assert i18n._lookup(f"{prefix}.{value}", "en"), (prefix, value)
    for rtype in model.RECORD_TYPES:
        assert i18n.gettext(f"types.{rtype}.plural")
        assert "{count}" in i18n._lookup(f"types.{rtype}.intro", "en")["other"]


@pytest.mark.parametrize("value", [
    "abc", "abc-1", "abc\n", "Abc", "a--b", "-a", "", "a b", "ünï", 5, None, ["x"],
    {"source": "x"}, {"source": "x", "para": 4}, {"source": "x", "section": "Intro"},
    {"source": "X"}, {"sorce": "x"}, {"source": "x", "para": "0"}])
def test_a_citation_reads_as_its_pinpoint_would(value):
    """fields._cite takes a valid id alone without making a Pinpoint: the same Cited, and for
    anything else the same errors, as Pinpoint's own way."""
    from pydantic import TypeAdapter, ValidationError
    from macros.kb.data.fields import Citation, Cited, Pinpoint

    def outcome(validate):
        try:
            cited = validate()
        except ValidationError as exc:
            return [(tuple(e["loc"]), e["type"], e["msg"]) for e in exc.errors()]
        return (type(cited), str(cited), cited.para, cited.section)

    def as_pinpoint():
        p = Pinpoint.model_validate(value)
        return Cited(p.source, p.para, p.section)
    assert outcome(lambda: TypeAdapter(Citation).validate_python(value)) == outcome(as_pinpoint)
