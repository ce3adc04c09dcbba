"""How a data file's values are read: what a maintainer writes is what the record holds.

YAML 1.1 would turn `2012-02-08` into a date, `no` into False and `1e3` into a float; data
files keep them as the text written, and only true/false, null, whole numbers and plain
decimals (a map coordinate: `125.3`) are typed.
"""
from __future__ import annotations

import pytest

from macros.kb.data import load


@pytest.mark.parametrize("written, held", [
    ("2012-02-08", "2012-02-08"), ("no", "no"), ("yes", "yes"), ("on", "on"), ("1.5", 1.5),
    ("0x1F", "0x1F"), ("1_000", "1_000"), ("True", "True"), ("NULL", "NULL"), (".inf", ".inf"),
    ("1e3", "1e3"), ("1.", "1."), ("125.3", 125.3), ("-0.5", -0.5),
    ("true", True), ("false", False), ("null", None), ("~", None), ("", None),
    ("12", 12), ("-5", -5), ("+3", 3), ("007", 7),
    ('"12"', "12"), ("'true'", "true"), ('""', ""), ("'null'", "null"),
    ("!!str 12", "12"),
])
def test_a_value_is_read_as_written(tmp_path, written, held):
    path = tmp_path / "x.yml"
    path.write_text(f"value: {written}\nlist: [{written or 'null'}]\n", encoding="utf-8")
    loaded, problems = load.load_file(path)
    assert problems == []
    assert loaded.data["value"] == held and type(loaded.data["value"]) is type(held)
    assert loaded.data["list"] == [held]


def test_keys_and_nesting_are_read_as_written(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("a:\n  - b: 1\n    c: [x, 'y']\n  - {d: no}\n2012: z\n", encoding="utf-8")
    loaded, problems = load.load_file(path)
    assert problems == []
    assert loaded.data == {"a": [{"b": 1, "c": ["x", "y"]}, {"d": "no"}], "2012": "z"}
