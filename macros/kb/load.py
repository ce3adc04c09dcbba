"""Read data files safely and remember where every value came from.

Each file is composed into YAML nodes with PyYAML's safe machinery and then turned into plain
Python values by hand, so that:
- only plain YAML is accepted: a tag such as `!!python/object/apply` is an error, not code;
- scalars stay the strings the maintainer wrote, except `true`/`false`, `null` and whole
  numbers (YAML 1.1 would turn `2012-02-08` into a date and `no` into False);
- a key written twice in one mapping is an error instead of a silent overwrite;
- every value's path (`("timeline", 2, "date")`) maps to its line and column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

MAX_BYTES = 1_000_000
PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}


class _Resolver(yaml.resolver.BaseResolver):
    """Implicit types limited to null, true/false and whole numbers; the rest is text."""


_Resolver.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"),
                                list("tf"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"),
                                list("-+0123456789"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"),
                                ["~", "n", ""])


class _Composer(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                yaml.composer.Composer, _Resolver):
    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)


@dataclass
class Loaded:
    """One file's content with the position of every value."""

    path: Path
    data: object
    positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: tuple) -> tuple[int, int]:
        """Line and column of the deepest part of `loc` present in the file."""
        loc = tuple(loc)
        while loc and loc not in self.positions:
            loc = loc[:-1]
        return self.positions.get(loc, (1, 1))


class _Build:
    def __init__(self, path: Path):
        self.path = path
        self.positions: dict[tuple, tuple[int, int]] = {}
        self.problems: list[Problem] = []

    def _problem(self, node, loc, message):
        self.problems.append(Problem(self.path, node.start_mark.line + 1,
                                     node.start_mark.column + 1, loc, message))

    def value(self, node, loc: tuple):
        self.positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in PLAIN_TAGS:
            self._problem(node, loc, f"YAML tag '{node.tag}' is not allowed in data files; "
                                     "write plain values (quote text that starts with !)")
            return None
        if isinstance(node, yaml.MappingNode):
            out = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self._problem(key_node, loc, "mapping keys must be plain words")
                    continue
                key = key_node.value
                if key in out:
                    self._problem(key_node, loc + (key,), f"key '{key}' appears twice")
                    continue
                out[key] = self.value(value_node, loc + (key,))
                self.positions[loc + (key,)] = (key_node.start_mark.line + 1,
                                                key_node.start_mark.column + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, loc + (i,)) for i, item in enumerate(node.value)]
        if node.tag.endswith(":int"):
            return int(node.value)
        if node.tag.endswith(":bool"):
            return node.value == "true"
        if node.tag.endswith(":null"):
            return None
        return node.value


def load_file(path: Path) -> tuple[Loaded | None, list[Problem]]:
    """Load one YAML file; return its content or the problems that stopped it."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        return None, [Problem(path, 1, 1, (), f"file is {size:,} bytes; the limit is "
                                             f"{MAX_BYTES:,} (one record per file)")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return None, [Problem(path, line, 1, (), "file is not UTF-8 text "
                                                 f"(byte 0x{raw[exc.start]:02x}); save it as UTF-8")]
    try:
        composer = _Composer(text)
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = exc.problem or "not valid YAML"
        if "\t" in text and "tab" in str(exc).lower() or "found character '\\t'" in str(exc):
            reason += " (YAML indents with spaces, never tabs)"
        return None, [Problem(path, line, col, (), f"YAML syntax error: {reason}")]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, 1, (), f"YAML error: {exc}")]
    if node is None:
        return None, [Problem(path, 1, 1, (), "file is empty; a record is a mapping of fields")]
    build = _Build(path)
    data = build.value(node, ())
    if build.problems:
        return None, build.problems
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        return None, [Problem(path, node.start_mark.line + 1, node.start_mark.column + 1, (),
                              f"the file holds {kind}; a record must be a mapping of fields "
                              "(field: value)")]
    return Loaded(path, data, build.positions), []
