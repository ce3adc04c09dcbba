"""Problem wording: turn what YAML and pydantic report into sentences a maintainer can act on.

Values the maintainer wrote are quoted as JSON strings ("2012-02-31"), field and id suggestions
come from the names that are valid at that place, and each message says what to write instead.
"""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
import json
import re
import typing

from pydantic import BaseModel


PLACEHOLDER = "FILL IN"


def quote(value) -> str:
    """A value as the maintainer wrote it, in double quotes."""
    return json.dumps(value if isinstance(value, str) else str(value), ensure_ascii=False)


def suggest(word, candidates) -> str:
    """' (did you mean "x"?)' for the closest candidate, or ''."""
    match = difflib.get_close_matches(str(word), [str(c) for c in candidates], n=1, cutoff=0.7)
    return f" (did you mean {quote(match[0])}?)" if match and match[0] != str(word) else ""


# ---------------------------------------------------------------- YAML syntax

_YAML_HINTS = {
    "mapping values are not allowed here":
        "a 'key: value' where none can be; check this line's indentation against the lines "
        "above, or put text that contains ': ' in quotes",
    "could not find expected ':'":
        "a line that is not 'key: value'; check its indentation, or add the missing ':'",
    "did not find expected key":
        "a line indented differently from the keys around it; line it up with them",
    "did not find expected '-' indicator":
        "a list item indented differently from the items before it; line it up with them",
    "found undefined alias": "'*' starts an alias; put text that starts with * in quotes",
    "found character that cannot start any token":
        "a character YAML cannot read here; put the value in quotes",
    "found an alias": "'*' starts an alias, which data files do not use; write the value "
                      "out, or put text that starts with * in quotes",
    "but found another document": "a second document ('---') in the file; a file holds one "
                                  "record, so remove the '---' line",
    "expected <block end>": "this line is indented differently from the lines above; line it "
                            "up with the keys or items it belongs with",
}
_OPEN_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"][^#]*?:\s+)?(["'])""")


def _unclosed_quote(lines: list[str], upto: int) -> int | None:
    """The first line (1-based) up to `upto` whose value opens a quote it never closes."""
    for number, line in enumerate(lines[:upto], start=1):
        m = _OPEN_QUOTE.match(line)
        if not m:
            continue
        rest = line[m.end():]
        q = m.group(1)
        if q == '"':
            closed = re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None
        else:
            closed = "'" in rest.replace("''", "")
        if not closed:
            return number
    return None


def yaml_syntax(exc, text: str) -> tuple[int, int, str]:
    """Line, column and wording for a PyYAML MarkedYAMLError."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "not valid YAML"
    lines = text.splitlines()
    if "'\\t'" in problem or (0 < line <= len(lines) and "\t" in lines[line - 1][:col]):
        return line, col, "a tab character: YAML indents with spaces, never tabs"
    if "quoted scalar" in str(exc.context or "") and exc.context_mark is not None:
        m = exc.context_mark
        return m.line + 1, m.column + 1, "this quote is never closed; add the closing quote"
    opened = _unclosed_quote(lines, line)
    if opened is not None and opened < line:
        col = len(lines[opened - 1]) - len(lines[opened - 1].lstrip()) + 1
        return opened, col, "a quoted value on this line is never closed; add the closing quote"
    for key, hint in _YAML_HINTS.items():
        if problem.startswith(key) or key in problem:
            return line, col, hint
    return line, col, f"not valid YAML ({problem})"


# ---------------------------------------------------------------- dates

_HUMAN_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%B %d, %Y", "%b %d, %Y",
                       "%Y/%m/%d", "%Y.%m.%d", "%Y %m %d")
_HUMAN_MONTH_FORMATS = ("%B %Y", "%b %Y", "%Y/%m")


def date_problem(value: str, reason: str) -> str:
    """Why a date string is wrong, and what to write instead."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})[~?%]?", value.strip())
    if m:
        year, month, day = (int(g) for g in m.groups())
        if not 1 <= month <= 12:
            return f"{quote(value)} is not a valid date: there is no month {month}"
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            name = dt.date(year, month, 1).strftime("%B")
            return f"{quote(value)} is not a valid date: {name} {year} has {last} days"
    m = re.fullmatch(r"(\d{4})-(\d{2})[~?%]?", value.strip())
    if m and not 1 <= int(m.group(2)) <= 12:
        return f"{quote(value)} is not a valid date: there is no month {int(m.group(2))}"
    for formats, out in ((_HUMAN_DATE_FORMATS, "%Y-%m-%d"), (_HUMAN_MONTH_FORMATS, "%Y-%m")):
        for fmt in formats:
            try:
                parsed = dt.datetime.strptime(value.strip(), fmt)
            except ValueError:
                continue
            return (f"{quote(value)} is not a valid date: write dates in EDTF, here "
                    f"{parsed.strftime(out)}")
    reason = reason.replace(f"'{value}'", quote(value))
    if not reason.startswith(quote(value)):
        reason = f"{quote(value)}: {reason}"
    return reason


# ---------------------------------------------------------------- pydantic

def annotation_at(cls: type[BaseModel], loc: tuple):
    """The type annotation of the field at `loc` inside model `cls` (None when unknown)."""
    annotation = cls
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            args = typing.get_args(annotation)
            if typing.get_origin(annotation) is not list or not args:
                return None
            annotation = args[0]
            continue
        models = models_in(annotation)
        found = next((m for m in models if part in m.model_fields), None)
        if found is None:
            return None
        annotation = found.model_fields[part].annotation
    return annotation


def _unwrap(annotation):
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def models_in(annotation) -> list[type[BaseModel]]:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in models_in(arg)]


def fields_at(cls: type[BaseModel], loc: tuple) -> list[str]:
    """Field names allowed in the mapping at `loc`."""
    names: list[str] = []
    for m in models_in(annotation_at(cls, loc)):
        names += list(m.model_fields)
    return names


_KIND = {
    "int_parsing": "is not a whole number", "int_type": "is not a whole number",
    "int_from_float": "is not a whole number",
    "bool_type": "must be true or false", "bool_parsing": "must be true or false",
    "string_type": "must be text; put it in quotes",
    "list_type": "must be a list: one '- item' line per item, or [a, b]",
    "dict_type": "must be a mapping of fields (field: value), or text",
    "model_type": "must be a mapping of fields (field: value)",
    "model_attributes_type": "must be a mapping of fields (field: value)",
    "none_required": "must be left out",
}


def pydantic_message(err: dict, cls: type[BaseModel], loc: tuple) -> str:
    """Wording for one pydantic error at `loc` (already trimmed to the file's own keys)."""
    kind = err["type"]
    value = err.get("input")
    if isinstance(value, bool):
        shown = str(value).lower()
    elif isinstance(value, (int, float)):
        shown = str(value)
    else:
        shown = quote(value) if isinstance(value, str) else None
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        field = loc[-1]
        return f"unknown field {quote(field)}{suggest(field, fields_at(cls, loc[:-1]))}"
    if kind == "missing":
        return "required field is missing"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return (f"{shown if shown else 'this value'} is not one of: {', '.join(choices)}"
                f"{suggest(value, choices)}")
    if kind == "string_pattern_mismatch":
        if str(ctx.get("pattern", "")).startswith("^[a-z0-9]+(?:-"):
            return (f"{shown} is not a valid id: use lower-case letters, digits and single "
                    "hyphens")
        return f"{shown} does not have the expected form {ctx.get('pattern')}"
    if kind in ("too_short", "string_too_short"):
        n = ctx.get("min_length", 1)
        return "must not be empty" if n == 1 else f"needs at least {n} items"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{shown} is too small: the least allowed is {ctx.get('ge', ctx.get('gt'))}"
    if kind == "edtf":  # a date (fields.date_error): say what to write instead
        return date_problem(value, ctx["reason"]) if isinstance(value, str) else ctx["reason"]
    if kind in ("uncited", "english_missing", "count", "quote_too_long"):  # the models' rules
        return err["msg"]
    if kind in _KIND:
        if value is None:
            return ("this field is empty: write its value (or remove the line if the field is "
                    "optional)")
        if kind == "dict_type" and isinstance(value, list):
            return "must be text or a mapping of fields, not a list"
        return f"{shown} {_KIND[kind]}" if shown else _KIND[kind]
    msg = err["msg"]
    return f"{shown}: {msg}" if shown and shown not in msg else msg
