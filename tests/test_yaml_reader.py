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



def _full(text: str):
    """The values as the full reading gives them (nodes, then the walk that words problems)."""
    walk = load._Walk(None, positions=False)
    return walk.value(load._compose(text), (), 0), walk.problems


@pytest.mark.parametrize("written", [
    "2012-02-08", "no", "1.5", "0x1F", "True", "NULL", ".inf", "1e3", "1.", "-0.5", "true",
    "false", "null", "~", "", "12", "-5", "+3", "007", '"12"', "'true'", '""', "nul", "truth",
    "a *word* in text", "[a, 1, {b: null}]", "{a: [], b: {}}", "|\n  two\n  lines"])
def test_the_lean_reading_types_values_as_the_full_reading(written):
    """load._plain reads a plain file straight from libyaml's events; the full reading
    (nodes, the resolver, the walk) is what reports problems. Both give the same values."""
    text = f"value: {written}\nlist: [{written.splitlines()[0] if written else 'null'}]\n"
    if written.startswith("|"):
        text = f"value: {written}\n"
    assert load._plain(text) == _full(text)[0]


def test_the_lean_reading_gives_the_full_readings_values():
    """Every data file of the project reads the same both ways."""
    from .conftest import ROOT
    files = sorted((ROOT / "data").glob("*/*.yml"))
    assert len(files) > 50
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        values, problems = _full(text)
        assert problems == [] and load._plain(text) == values, path


@pytest.mark.parametrize("text", [
    "a: !!python/name:os.system x\n", "a: 1\na: 2\n", "? [a, b]\n: c\n", "a: &x [1]\nb: *x\n",
    "a: &x 1\n", "a: !!map x\n", "a: !!str [x]\n", "!!map {a: 1}\n", "just text\n",
    "- a\n- b\n", "", "# only a comment\n", "a: 1\n---\nb: 2\n",
    "a: " + "[" * 70 + "]" * 70 + "\n"])
def test_the_lean_reading_leaves_anything_unusual_to_the_full_reading(text):
    with pytest.raises(load._Unusual):
        load._plain(text)
