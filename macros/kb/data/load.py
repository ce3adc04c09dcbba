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
from pathlib import Path

import yaml

from . import fastyaml
from .messages import quote, yaml_syntax
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

    def compose_node(self, parent, index):
        """Refuse aliases (`*name`), so that no file can repeat or multiply a part of itself."""
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "found an alias", mark)
        return super().compose_node(parent, index)


def _compose(text: str):
    """The file's node tree. libyaml reads it when it can do so without an error, without an
    alias and without deep nesting; everything else goes to _Composer, so every message a
    maintainer sees (syntax errors, aliases refused, nesting too deep) comes from it as before.
    tests/test_bench.py checks that both give the same nodes, marks and errors."""
    if (fastyaml.CParser is not None and text.count("[") + text.count("{") < 1000
            and not fastyaml.PYYAML_ONLY.search(text)):
        try:
            node = fastyaml.FastComposer(text).get_single_node()
        except Exception:  # noqa: BLE001 - any problem: let _Composer report it
            node = None
        if node is not None and fastyaml.plain_tree(node, text):
            return node
    return _Composer(text).get_single_node()


class Loaded:
    """One file's content, and the position of every value, worked out when first asked for.

    Pickled (to come back from a second process, parallel.py) without its text and positions:
    the text is read again from the file in the rare case a message needs a position."""

    def __init__(self, path: Path, data: object, text: str | None = None,
                 positions: dict[tuple, tuple[int, int]] | None = None):
        self.path, self.data, self._text = path, data, text
        self._positions = positions

    def __getstate__(self):
        return {"path": self.path, "data": self.data, "_text": None, "_positions": None}

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.path.read_text(encoding="utf-8-sig")
        return self._text

    @property
    def positions(self) -> dict[tuple, tuple[int, int]]:
        """Line and column of every key and value, by path such as ("timeline", 2, "date")."""
        if self._positions is None:
            build = _Build(self.path)
            try:
                build.value(_compose(self.text), ())
            except (yaml.YAMLError, RecursionError):  # the file changed since it was read:
                pass  # its messages point at line 1 rather than fail
            self._positions = build.positions
        return self._positions

    def where(self, loc: tuple) -> tuple[int, int]:
        """Line and column of the deepest part of `loc` present in the file."""
        positions = self.positions
        loc = tuple(loc)
        while loc and loc not in positions:
            loc = loc[:-1]
        return positions.get(loc, (1, 1))


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
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self._problem(node, loc, f"the YAML tag {quote(tag)} is not allowed: data files hold "
                                     "only text, numbers, lists and mappings (put text that "
                                     "starts with ! in quotes)")
            return None
        if isinstance(node, yaml.MappingNode):
            out = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self._problem(key_node, loc, "a field name must be a plain word")
                    continue
                key = key_node.value
                if key in out:
                    first = self.positions[loc + (key,)][0]
                    self._problem(key_node, loc + (key,), f"this field is already given on line "
                                                          f"{first}; keep one of the two")
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
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(path, 1, 1, (), f"the file is {size:,} bytes; the limit is "
                                                 f"{MAX_BYTES:,} (one record per file)")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(path, 1, 1, (), f"cannot read the file ({exc.strerror})")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        col = len(raw[:exc.start].rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        return None, [Problem(path, line, col, (), f"the file is not UTF-8 text (byte "
                                                   f"0x{raw[exc.start]:02x}); save it as UTF-8")]
    if text.startswith("\ufeff"):
        text = text[1:]
    return parse(path, text)


def parse(path: Path, text: str) -> tuple[Loaded | None, list[Problem]]:
    """A file's text read as a record, or the problems that stopped it."""
    data = fastyaml.quick_data(text)
    if data is not None:
        return Loaded(path, data, text), []
    return _careful(path, text)


def _careful(path: Path, text: str) -> tuple[Loaded | None, list[Problem]]:
    """Read with positions, reporting every problem with its line (see the module docstring)."""
    try:
        node = _compose(text)
    except RecursionError:
        return None, [Problem(path, 1, 1, (), "YAML syntax error: values nested too deeply")]
    except yaml.MarkedYAMLError as exc:
        line, col, reason = yaml_syntax(exc, text)
        return None, [Problem(path, line, col, (), f"YAML syntax error: {reason}")]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, 1, (), f"YAML syntax error: {exc}")]
    if node is None:
        return None, [Problem(path, 1, 1, (), "the file is empty; a record is a mapping of "
                                             "fields (field: value), one per line")]
    build = _Build(path)
    try:
        data = build.value(node, ())
    except RecursionError:
        return None, [Problem(path, 1, 1, (), "YAML syntax error: values nested too deeply")]
    if build.problems:
        return None, build.problems
    if not isinstance(data, dict):
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if isinstance(data, list):
            why = "the file holds a list; a record is a mapping of fields, so remove the '- '"
        else:
            why = "the file holds a single value; a record is a mapping of fields (field: value)"
        return None, [Problem(path, line, col, (), why)]
    return Loaded(path, data, text, build.positions), []
