"""Read data files safely and remember where every value came from.

One reader: libyaml (PyYAML's C parser and composer) with a restricted resolver, then one walk
over its nodes that turns them into plain Python values, so that:
- only plain YAML is accepted: a tag such as `!!python/object/apply` is an error, not code,
  and an alias (`*name`) is refused, so no file can repeat or multiply a part of itself;
- scalars stay the strings the maintainer wrote, except `true`/`false`, `null`, whole
  numbers and plain decimals such as a map's `123.4` (YAML 1.1 would turn `2012-02-08` into a
  date and `no` into False);
- a key written twice in one mapping is an error instead of a silent overwrite;
- every value's path (`("timeline", 2, "date")`) maps to its line and column, worked out only
  when a message needs one (the walk runs again with positions).

Most files are plain and well formed: for them a lean reading (`_plain`) builds the values
straight from libyaml's events, without nodes, paths or problems, and gives up on anything
unusual, which the full reading then reads and words.

PyYAML's pure-Python parser is used only to word a file libyaml refused (or an alias): its
messages name the problem and the place more precisely, and messages.yaml_syntax rewords them.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from yaml._yaml import CParser  # libyaml; PyYAML's wheels on every platform ship it

from .messages import quote, yaml_syntax
from .problems import Problem

MAX_BYTES = 1_000_000
MAX_DEPTH = 64  # records nest a few levels
PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
# libyaml's composer recurses in C, and a file nested tens of thousands of levels deep would
# overflow its stack. Every level of nesting needs one of these characters, so a file with
# fewer of them is composed directly; others have their depth checked on the event stream
# first (which does not recurse).
_NESTING_CHARS = "[{-:?"
_SAFE_NESTING = 5000


class _Resolver(yaml.resolver.BaseResolver):
    """Implicit types limited to null, true/false, whole numbers and plain decimals (digits, a
    point, digits: no exponent, no .inf); the rest is text."""


_Resolver.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"),
                                list("tf"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"),
                                list("-+0123456789"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:float",
                                re.compile(r"^[-+]?[0-9]+\.[0-9]+$"), list("-+0123456789"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"),
                                ["~", "n", ""])


class _Reader(CParser, _Resolver):
    """libyaml's parser and composer with the restricted resolver (a CSafeLoader without its
    constructor: the walk below builds the values)."""

    def __init__(self, stream):
        CParser.__init__(self, stream)
        _Resolver.__init__(self)


class _Wording(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
               yaml.composer.Composer, _Resolver):
    """PyYAML's pure-Python composer: used only to word what libyaml refused."""

    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "found an alias", mark)
        return super().compose_node(parent, index)


class _TooDeep(Exception):
    pass


class _Alias(Exception):
    pass


def _compose(text: str):
    """The file's root node (None for an empty file); raises yaml.YAMLError, _TooDeep."""
    if sum(text.count(c) for c in _NESTING_CHARS) >= _SAFE_NESTING:
        depth, reader = 0, _Reader(text)
        while (event := reader.get_event()) is not None:
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _TooDeep
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    return _Reader(text).get_single_node()


class Loaded:
    """One file's content, and the position of every value, worked out when first asked for.

    Pickled (to come back from another process) without its text and positions: the text is
    read again from the file in the rare case a message needs a position."""

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
            walk = _Walk(self.path, positions=True)
            try:
                walk.value(_compose(self.text), (), 0)
            except (yaml.YAMLError, _TooDeep, _Alias):  # the file changed since it was read:
                pass  # its messages point at line 1 rather than fail
            self._positions = walk.positions
        return self._positions

    def where(self, loc: tuple) -> tuple[int, int]:
        """Line and column of the deepest part of `loc` present in the file."""
        positions = self.positions
        loc = tuple(loc)
        while loc and loc not in positions:
            loc = loc[:-1]
        return positions.get(loc, (1, 1))


class _Walk:
    """Nodes -> plain values, with the problems found (and, if asked, every position)."""

    def __init__(self, path: Path, positions: bool):
        self.path = path
        self.positions: dict[tuple, tuple[int, int]] = {}
        self.keep_positions = positions
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def _problem(self, node, loc, message):
        self.problems.append(Problem(self.path, node.start_mark.line + 1,
                                     node.start_mark.column + 1, loc, message))

    def value(self, node, loc: tuple, depth: int):
        if depth > MAX_DEPTH:
            raise _TooDeep
        if self.keep_positions:
            self.positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        tag = node.tag
        if tag not in PLAIN_TAGS:
            self._problem(node, loc, f"the YAML tag {quote(tag.replace('tag:yaml.org,2002:', '!!'))}"
                                     " is not allowed: data files hold only text, numbers, lists "
                                     "and mappings (put text that starts with ! in quotes)")
            return None
        if isinstance(node, yaml.ScalarNode):
            if tag.endswith(":str"):
                return node.value
            if tag.endswith(":int"):
                return int(node.value)
            if tag.endswith(":float"):
                return float(node.value)
            if tag.endswith(":bool"):
                return node.value == "true"
            return None
        if id(node) in self.seen:  # libyaml gives an alias the node it names
            raise _Alias
        self.seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, loc + (i,), depth + 1) for i, item in enumerate(node.value)]
        out: dict = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, loc, "a field name must be a plain word")
                continue
            key = sys.intern(key_node.value)  # one string per field name
            if key in out:
                self._problem(key_node, loc + (key,), f"this field is already given on line "
                                                      f"{lines[key]}; keep one of the two")
                continue
            lines[key] = key_node.start_mark.line + 1
            out[key] = self.value(value_node, loc + (key,), depth + 1)
            if self.keep_positions:
                self.positions[loc + (key,)] = (key_node.start_mark.line + 1,
                                                key_node.start_mark.column + 1)
        return out


class _Unusual(Exception):
    """Something `_plain` leaves to the full reading."""


_IMPLICIT = _Resolver.yaml_implicit_resolvers  # first character -> [(tag, regexp)]
_TYPED = {"tag:yaml.org,2002:int": int, "tag:yaml.org,2002:float": float,
          "tag:yaml.org,2002:bool": lambda value: value == "true",
          "tag:yaml.org,2002:null": lambda value: None}
_ScalarEvent, _MappingStart, _SequenceStart = (yaml.ScalarEvent, yaml.MappingStartEvent,
                                               yaml.SequenceStartEvent)
_MappingEnd, _SequenceEnd = yaml.MappingEndEvent, yaml.SequenceEndEvent
_intern = sys.intern


_MAY_BE_TYPED = frozenset(_IMPLICIT)  # the first characters of a number, true/false, null


def _typed(value: str):
    """A plain scalar's value as the resolver types it: a number, true/false, null or text."""
    for tag, regexp in _IMPLICIT[value[:1]]:
        if regexp.match(value):
            return _TYPED[tag](value)
    return value


def _plain(text: str) -> dict:
    """The values of a file that is one plain mapping, as the full reading (`_compose`, then
    `_Walk`) gives them, read straight from libyaml's events: no nodes, no paths, no problems.
    Anything else (a tag, an anchor or alias, a key that is not a plain word or is written
    twice, nesting deeper than MAX_DEPTH, a file that is not one mapping) raises _Unusual, and
    the full reading takes the file from the start and words what it finds.

    Written by hand because no library turns libyaml's output into values under these rules
    (PyYAML's SafeConstructor, a Python walk over composed nodes too, makes YAML 1.1 types and
    follows aliases). Composing nodes and walking them was over half of validation; this
    reads the same values in about two thirds of the time. libyaml's parser works on a
    stack, unlike its composer, which recurses in C: this needs no depth check first, and
    recurses in Python only to MAX_DEPTH."""
    get = CParser(text).get_event
    get()  # the stream's start
    if type(get()) is not yaml.DocumentStartEvent:
        raise _Unusual
    event = get()
    if type(event) is not _MappingStart:
        raise _Unusual
    root = _inner(event, get, 0)
    if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
        raise _Unusual  # a second document
    return root


def _inner(event, get, depth: int):
    """The mapping or list that `event` starts, read to its end."""
    if event.tag is not None or event.anchor is not None or depth >= MAX_DEPTH:
        raise _Unusual
    return _mapping(get, depth) if type(event) is _MappingStart else _sequence(get, depth)


def _mapping(get, depth: int) -> dict:
    out: dict = {}
    while True:
        event = get()
        kind = type(event)
        if kind is _MappingEnd:
            return out
        if kind is not _ScalarEvent or event.tag is not None or event.anchor is not None:
            raise _Unusual  # a key that is not a plain word
        key = _intern(event.value)  # one string per field name
        if key in out:
            raise _Unusual
        event = get()
        kind = type(event)
        if kind is _ScalarEvent:
            if event.tag is not None or event.anchor is not None:
                raise _Unusual
            value = event.value
            if event.implicit[0] and value[:1] in _MAY_BE_TYPED:  # plain: a number...?
                value = _typed(value)
            out[key] = value
        elif kind is _MappingStart or kind is _SequenceStart:
            out[key] = _inner(event, get, depth + 1)
        else:  # an alias
            raise _Unusual


def _sequence(get, depth: int) -> list:
    out: list = []
    while True:
        event = get()
        kind = type(event)
        if kind is _ScalarEvent:
            if event.tag is not None or event.anchor is not None:
                raise _Unusual
            value = event.value
            if event.implicit[0] and value[:1] in _MAY_BE_TYPED:
                value = _typed(value)
            out.append(value)
        elif kind is _SequenceEnd:
            return out
        elif kind is _MappingStart or kind is _SequenceStart:
            out.append(_inner(event, get, depth + 1))
        else:
            raise _Unusual


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
    try:
        return Loaded(path, _plain(text), text), []
    except (_Unusual, yaml.YAMLError):  # the full reading finds it again and words it
        pass
    too_deep = [Problem(path, 1, 1, (), "YAML syntax error: values nested too deeply")]
    try:
        node = _compose(text)
        if node is None:
            return None, [Problem(path, 1, 1, (), "the file is empty; a record is a mapping of "
                                                 "fields (field: value), one per line")]
        walk = _Walk(path, positions=False)
        data = walk.value(node, (), 0)
    except _TooDeep:
        return None, too_deep
    except (yaml.YAMLError, _Alias) as exc:
        return None, _worded(path, text, exc)
    if walk.problems:
        # Say every problem with its field: the walk again, keeping positions.
        walk = _Walk(path, positions=True)
        walk.value(node, (), 0)
        return None, walk.problems
    if not isinstance(data, dict):
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if isinstance(data, list):
            why = "the file holds a list; a record is a mapping of fields, so remove the '- '"
        else:
            why = "the file holds a single value; a record is a mapping of fields (field: value)"
        return None, [Problem(path, line, col, (), why)]
    return Loaded(path, data, text), []


def _worded(path: Path, text: str, refused: Exception) -> list[Problem]:
    """The problem that stopped libyaml, worded from PyYAML's pure-Python parser where it
    finds one too (libyaml's own message where only libyaml does: they differ on a few
    characters and block headers)."""
    error = refused
    try:
        _Wording(text).get_single_node()
    except RecursionError:
        return [Problem(path, 1, 1, (), "YAML syntax error: values nested too deeply")]
    except yaml.YAMLError as exc:
        error = exc
    if isinstance(error, yaml.MarkedYAMLError):
        line, col, reason = yaml_syntax(error, text)
        return [Problem(path, line, col, (), f"YAML syntax error: {reason}")]
    return [Problem(path, 1, 1, (), f"YAML syntax error: {error}")]
