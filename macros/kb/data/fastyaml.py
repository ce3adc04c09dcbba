"""libyaml (C) readers for data files: the same nodes and values as the careful pure-Python
reader in load.py, several times faster, for the files where both readers agree.

- `FastComposer` composes a file's nodes, with positions (used when a position is needed);
- `quick_data` gives a file's plain values directly, without positions, or None when anything
  in it needs the careful reader's judgement and messages.

Where the two readers could differ (aliases, empty values, '?' in flow values, some block
headers, some characters, deep nesting), these hand the file to load.py.
tests/test_bench.py compares both readers on real, synthetic and mutated files.
"""
from __future__ import annotations

import re
import sys

import yaml

try:  # libyaml's parser and composer, in C: the same nodes, about five times faster
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

MAX_DEPTH = 64  # records nest a few levels; anything deeper goes to the careful reader (load.py)
PYYAML_ONLY = re.compile("[\t\ufeff\x85\u2028\u2029]")  # characters the two read differently
_BLOCK_HEADER = re.compile(r"[|>](?:[-+][1-9]?|[1-9][-+]?)?(?: +(?:#.*)?)?\r?$")


def plain_tree(root, text: str) -> bool:
    """True when no node appears twice (libyaml resolves an alias to the node it names),
    nothing is nested deeper than MAX_DEPTH, no value is left empty, no plain value
    inside [...] or {...} holds a '?' (PyYAML ends the value there, libyaml does not), and
    every | or > block starts with a header PyYAML accepts too."""
    lines = None
    seen: set[int] = set()
    stack = [(root, 0, False)]
    while stack:
        node, depth, flow = stack.pop()
        if id(node) in seen or depth > MAX_DEPTH:
            return False
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if not node.style and (not node.value or flow and "?" in node.value):
                return False  # empty values: the two place them differently
            if node.style in ("|", ">"):
                lines = lines or text.split("\n")
                mark = node.start_mark
                if not _BLOCK_HEADER.match(lines[mark.line], mark.column):
                    return False
            continue
        flow = flow or bool(node.flow_style)
        children = [n for pair in node.value for n in pair] if isinstance(
            node, yaml.MappingNode) else node.value
        stack.extend((n, depth + 1, flow) for n in children)
    return True


_STR, _INT, _BOOL, _NULL, _SEQ, _MAP = (f"tag:yaml.org,2002:{t}" for t in
                                          ("str", "int", "bool", "null", "seq", "map"))
_WHOLE = re.compile(r"[-+]?[0-9]+\Z")

if CParser is not None:
    class FastComposer(CParser):
        """libyaml's composer with _Resolver's rules written out as three comparisons:
        libyaml asks for a tag once per value, and the general resolver took a third of
        the time. tests/test_bench.py checks that both give the same nodes."""

        def __init__(self, stream):
            CParser.__init__(self, stream)

        def descend_resolver(self, parent, index):
            pass

        def ascend_resolver(self):
            pass

        def resolve(self, kind, value, implicit):
            if kind is yaml.ScalarNode:
                if implicit[0]:
                    if value == "true" or value == "false":
                        return _BOOL
                    if value == "" or value == "~" or value == "null":
                        return _NULL
                    if _WHOLE.match(value):
                        return _INT
                return _STR
            return _SEQ if kind is yaml.SequenceNode else _MAP


class _Careful(Exception):
    """Raised by _quick_data where the careful reader must decide."""


_PLAIN = "kb:plain"  # the quick reader's tag for an untagged plain scalar; its walk reads it
_SPECIAL = {"true": True, "false": False, "~": None, "null": None}
_NUMBER_START = frozenset("-+0123456789")
# An anchor (&name) stands at the start of a value, after a space, a line's start or an
# indicator ('?', ':', '-', '[', '{', ',' ... : libyaml needs no space after '?' in flow).
# Any '&' not preceded by a letter or digit counts; without one there is no alias either.
_ANCHOR = re.compile(r"(?:^|[^0-9A-Za-z_])&[^\s\[\]{},]", re.MULTILINE)
_MISSING = object()

if CParser is not None:
    class _QuickComposer(FastComposer):
        """Tags plain scalars _PLAIN and leaves true/false/null/whole numbers to the walk,
        which looks at each value anyway: one comparison per value here."""

        def resolve(self, kind, value, implicit):
            if kind is yaml.ScalarNode:
                return _PLAIN if implicit[0] else _STR
            return _SEQ if kind is yaml.SequenceNode else _MAP


def quick_data(text: str):
    """The file's content when libyaml reads it and nothing in it needs a closer look (no
    anchor, tag, repeated key, empty value or deep nesting: see plain_tree); else None, and
    the careful reader reports what it finds, with positions. One walk, no positions: they
    are worked out only when a message needs one (Loaded.positions)."""
    if (CParser is None or text.count("[") + text.count("{") >= 1000
            or PYYAML_ONLY.search(text) or ("&" in text and _ANCHOR.search(text))):
        return None
    try:
        root = _QuickComposer(text).get_single_node()
    except Exception:  # noqa: BLE001 - any problem: the careful reader reports it
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    lines: list[str] = []
    scalar_node = yaml.ScalarNode

    def header_ok(node) -> bool:
        if not lines:
            lines.extend(text.split("\n"))
        mark = node.start_mark
        return _BLOCK_HEADER.match(lines[mark.line], mark.column) is not None

    def key_of(node, flow) -> str:
        if type(node) is not scalar_node:
            raise _Careful
        value, style = node.value, node.style
        if not style:
            if not value or flow and "?" in value:
                raise _Careful  # empty values: the two readers place them differently
        elif (style == "|" or style == ">") and not header_ok(node):
            raise _Careful
        return sys.intern(value)  # one string per field name

    def value_of(node, flow):
        value, style, tag = node.value, node.style, node.tag
        if not style:
            if not value or flow and "?" in value:
                raise _Careful
            if tag is _PLAIN:
                special = _SPECIAL.get(value, _MISSING)
                if special is not _MISSING:
                    return special
                if value[0] in _NUMBER_START and _WHOLE.match(value):
                    return int(value)
                return value
        elif (style == "|" or style == ">") and not header_ok(node):
            raise _Careful
        if tag != _STR:
            raise _Careful  # an explicit tag: the careful reader accepts or reports it
        return value

    def convert(node, depth, flow):
        if depth > MAX_DEPTH:
            raise _Careful
        kind, tag = type(node), node.tag
        flow = flow or bool(node.flow_style)
        if kind is yaml.MappingNode and tag == _MAP:
            out = {}
            for key_node, value_node in node.value:
                key = key_of(key_node, flow)
                if key in out:
                    raise _Careful
                out[key] = (value_of(value_node, flow) if type(value_node) is scalar_node
                            else convert(value_node, depth + 1, flow))
            return out
        if kind is yaml.SequenceNode and tag == _SEQ:
            return [value_of(item, flow) if type(item) is scalar_node
                    else convert(item, depth + 1, flow) for item in node.value]
        raise _Careful

    try:
        return convert(root, 0, False)
    except (_Careful, RecursionError, ValueError):
        return None
