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


@pytest.mark.parametrize("value", [
    "", "~", "null", "nul", "true", "false", "truth", "12", "-5", "+3", "1.5", "-0.5", "1.",
    "1e3", "0x1F", ".5", "2012-02-08", "no", "North Korea", "*word*", "!x", "[a]", "7 days"])
def test_the_readers_resolver_gives_pyyamls_tags(value):
    """load._Reader.resolve is BaseResolver.resolve without path resolvers: the same tag for
    every scalar, plain or quoted, and for lists and mappings."""
    import yaml
    ours, theirs = load._Reader(""), load._Resolver()
    for implicit in ((True, False), (False, True), (False, False)):
        assert ours.resolve(yaml.ScalarNode, value, implicit) == \
            theirs.resolve(yaml.ScalarNode, value, implicit)
    for kind in (yaml.SequenceNode, yaml.MappingNode):
        assert ours.resolve(kind, None, True) == theirs.resolve(kind, None, True)


def test_the_lean_walk_gives_the_full_walks_values():
    """load._plain, used for files with no problem, reads every data file as the full walk
    (which also keeps positions and words problems) does."""
    from .conftest import ROOT
    files = sorted((ROOT / "data").glob("*/*.yml"))
    assert len(files) > 50
    for path in files:
        node = load._compose(path.read_text(encoding="utf-8-sig"))
        full = load._Walk(path, positions=False)
        assert load._plain(node, 0, set()) == full.value(node, (), 0), path
        assert full.problems == []


@pytest.mark.parametrize("text", [
    "a: !!python/name:os.system x\n", "a: 1\na: 2\n", "? [a, b]\n: c\n", "a: &x [1]\nb: *x\n",
    "a: !!map x\n", "a: !!str [x]\n", "just text\n", "a: " + "[" * 70 + "]" * 70 + "\n"])
def test_the_lean_walk_leaves_anything_unusual_to_the_full_walk(text):
    with pytest.raises(load._Unusual):
        load._plain(load._compose(text), 0, set())
