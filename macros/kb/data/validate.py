"""Load every data file, check it against its model and check the references between records.

`check(data_dir)` returns the valid records and every problem found, all at once: a
maintainer sees the whole list in one run, each problem with file, line, column and field.
`find_problems(data_dir)` runs the same checks for the maintainers' command, which needs no
records. References are checked in every file that could be read, even one with other
problems, so a single run reports a typo in an id together with a missing field in the same
file. Each file's checks need only that file and the list of ids, so a caller may pass an
executor (a process pool) to share them out; this module starts no process itself.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from . import model
from .load import Loaded, load_file
from .fields import UNCITED
from .caserules import case_rules
from .messages import PLACEHOLDER, pydantic_message, quote, suggest
from .problems import Problem
from .refs import raw_refs

IGNORED_DIRS = {"schemas", "translations"}  # translations.py reads the latter
CHUNKS = 8  # pieces of work for an executor's processes when it shares the files out
# Fewer files are checked in this process, whatever executor is given: starting a pool's
# processes (a fork of this process each, memory and all) costs about what they save on so
# few. Measured on 8 December 2026 with the maintainers' command's checks (find_problems),
# best of 3, in line against a pool of two: the real data (190 files) 0.035 against 0.035 s
# in a new process, 0.038 against 0.102 s in a process of 600 MB (as a test's is); 298
# synthetic files 0.085 against 0.062 s and 0.085 against 0.147 s; 848 files 0.249 against
# 0.154 s and 0.243 against 0.201 s. 300 is chosen between the sizes where the pool gains
# in neither process and where it gains in both.
POOL_FROM = 300


@dataclass(frozen=True)
class Valid:
    """A record that passed every check: its type, id (the file name), model and file, and
    the (type, id) of every record it names, in order of first mention."""

    type: str
    id: str
    data: model.Strict
    loaded: Loaded
    refs: tuple[tuple[str, str], ...]


@dataclass
class _Checked:
    """What the checks of one file found. Travels back from another process without `data`
    (a pickled model costs more than validating it again: see _shared_out)."""

    type: str
    path: Path
    loaded: Loaded | None  # None when the file could not be read
    data: model.Strict | None  # the validated model, if the file passed its model
    valid: bool  # read, and passed its model, with no placeholder or id field
    problems: list[Problem]
    refs: tuple[tuple[str, str], ...]  # the records it names, in order of first mention
    cited: frozenset[str] = frozenset()  # the sources it names
    bare: frozenset[str] = frozenset()  # the sources it cites with no pinpoint
    web: bool = False  # a source record with an address (a public web document)
    # until _check_model: the locations that have a problem, and the references (loc, type,
    # id) that name no record
    bad: list[tuple] = field(default_factory=list)
    unknown: list[tuple[tuple, str, str]] = field(default_factory=list)

    def __getstate__(self):
        return {**self.__dict__, "data": None}


def _trim(loaded: Loaded, loc: tuple) -> tuple:
    """The part of a pydantic location that names keys in the file (drops union tags)."""
    out: tuple = ()
    for part in loc:
        if out + (part,) not in loaded.positions:
            break
        out += (part,)
    return out


def _pydantic_problems(loaded: Loaded, cls, exc: ValidationError, skip: list[tuple]):
    """Problems from one ValidationError, worded for people, one per field."""
    errors = exc.errors(include_url=False)
    unknown = {(tuple(e["loc"][:-1]), e["loc"][-1]) for e in errors
               if e["type"] == "extra_forbidden"}
    out: dict[tuple, Problem] = {}
    for err in errors:
        full = tuple(err["loc"])
        loc = full if err["type"] in ("missing", "extra_forbidden") else _trim(loaded, full)
        if any(loc[:len(s)] == s for s in skip):
            continue
        message = pydantic_message(err, cls, loc)
        if err["type"] == UNCITED:  # point at the field that needs a source, where written
            field = (err.get("ctx") or {}).get("field", "sources")
            if loc + (field,) in loaded.positions:
                loc += (field,)
        if err["type"] == "missing" and any(
                parent == loc[:-1] and suggest(loc[-1], [key]) for parent, key in unknown):
            continue  # reported as the unknown field that is its misspelling
        line, col = loaded.where(loc)
        out.setdefault(loc, Problem(loaded.path, line, col, loc, message))
    return list(out.values())


def _placeholders(loaded: Loaded, value=None, loc: tuple = ()):
    """Template placeholders left in the file: (loc, problem)."""
    value = loaded.data if not loc else value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(loaded, item, loc + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _placeholders(loaded, item, loc + (i,))
    elif isinstance(value, str) and PLACEHOLDER in value:
        line, col = loaded.where(loc)
        hint = value[value.index(PLACEHOLDER) + len(PLACEHOLDER):].strip(" :-") or "this value"
        yield loc, Problem(loaded.path, line, col, loc,
                           f"still the template's placeholder: write {hint}")


def _valid_id(rid: str) -> bool:
    return re.fullmatch(model.ID_PATTERN, rid) is not None


def _files(data_dir: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """Every data file with its record type, and the problems with the folder layout."""
    problems: list[Problem] = []
    found: list[tuple[str, Path]] = []
    for entry in sorted(data_dir.iterdir()):
        if entry.is_dir() and entry.name not in model.RECORD_TYPES and \
                entry.name not in IGNORED_DIRS:
            problems.append(Problem(entry, 1, 1, (), "unknown folder: data/ holds one folder per "
                                    "record type" + suggest(entry.name, model.RECORD_TYPES)))
    for rtype in model.RECORD_TYPES:
        folder = data_dir / rtype
        if not folder.is_dir():
            continue
        with os.scandir(folder) as entries:  # DirEntry answers is_dir/is_symlink unasked
            listed = sorted(entries, key=lambda e: e.name)
        for entry in listed:
            path = folder / entry.name
            if entry.name.startswith(".") or entry.is_dir(follow_symlinks=False):
                continue
            if entry.is_symlink():
                problems.append(Problem(path, 1, 1, (), "a link, not a file: data files must be "
                                        "plain files inside data/"))
            elif path.suffix != ".yml":
                problems.append(Problem(path, 1, 1, (), _wrong_suffix(path)))
            elif not _valid_id(path.stem):
                problems.append(Problem(path, 1, 1, (), f"the file name {quote(path.stem)} is not "
                                        "a valid id: use lower-case letters, digits and single "
                                        "hyphens"))
            else:
                found.append((rtype, path))
    return found, problems


def _wrong_suffix(path: Path) -> str:
    right = path.with_suffix(".yml")
    message = f"data files end in .yml: rename it to {right.name}"
    if path.suffix in (".yaml", ".YML", ".Yml") and right.exists():
        message = (f"a second file for the id {quote(path.stem)}: {right.name} already exists; "
                   "keep one of the two")
    return message


def _check_file(rtype: str, path: Path, present: dict[str, set[str]],
                models: bool = True) -> _Checked:
    """Every check that needs only this file and the list of ids: reading, the model,
    placeholders, references and, for a case, its own rules. models=False leaves the model,
    and what depends on it, to a later _check_model, where the model is wanted."""
    cls = model.RECORD_TYPES[rtype]
    loaded, problems = load_file(path)
    if loaded is None:
        return _Checked(rtype, path, None, None, False, problems, ())
    bad: list[tuple] = []  # locations that already have a problem
    if "id" in loaded.data:
        line, col = loaded.where(("id",))
        problems.append(Problem(path, line, col, ("id",),
                                "remove this field: the file name is the record's id"))
        bad.append(("id",))
    # A placeholder's first word is in the text as written (a long one folded over lines still
    # shows "FILL", one written with escapes a backslash); most files have neither.
    if PLACEHOLDER.split()[0] in loaded.text or "\\" in loaded.text:
        for loc, problem in _placeholders(loaded):
            problems.append(problem)
            bad.append(loc)
    named = raw_refs(cls, loaded.data)
    # a web document the project keeps no copy of (a stored one is cited by the whole)
    web = rtype == "sources" and isinstance(loaded.data.get("url"), str) \
        and not loaded.data.get("document")
    res = _Checked(rtype, path, loaded, None, False, problems,
                   tuple(dict.fromkeys((t, r) for _loc, t, r in named)),
                   frozenset(r for _loc, t, r in named if t == "sources"),
                   frozenset(ref for _loc, ref in _bare(named)), web, bad,
                   [(loc, t, r) for loc, t, r in named if r not in present[t]])
    if models:
        _check_model(res, present)
    return res


def _check_model(res: _Checked, present: dict[str, set[str]]) -> None:
    """The model of a file _check_file read, and what depends on it: the model's problems,
    the ids that name no record (outside a part that already has a problem) and, for a valid
    case, its own rules. Problems keep the order of one pass: reading, placeholders, model,
    references, case rules."""
    loaded, bad = res.loaded, res.bad
    cls = model.RECORD_TYPES[res.type]
    content = loaded.data
    if "id" in content:  # reported by _check_file
        content = {key: value for key, value in content.items() if key != "id"}
    data = None
    try:
        data = cls.model_validate(content)
    except ValidationError as exc:
        found = _pydantic_problems(loaded, cls, exc, bad)
        res.problems += found
        bad += [p.loc for p in found]
    res.valid = data is not None and not bad
    res.problems += _references(loaded, res.unknown, bad, present)
    if res.valid:
        res.data = data
        if res.type == "cases":
            res.problems += case_rules(res.path, loaded, data)
    res.bad, res.unknown = [], []


def _bare(named: list[tuple[tuple, str, str]]) -> list[tuple[tuple, str]]:
    """(loc, id) of each source cited by its id alone, with no pinpoint."""
    return [(loc, ref) for loc, target, ref in named if target == "sources"
            and len(loc) > 1 and loc[-2] == "sources" and isinstance(loc[-1], int)]


def _references(loaded: Loaded, unknown: list[tuple[tuple, str, str]], bad: list[tuple],
                present: dict[str, set[str]]) -> list[Problem]:
    """The problems of the references (loc, type, id) that name no record (or a record of
    another type), in the file's order. A reference inside a part that already has a problem
    is not reported again."""
    problems = []
    for loc, target, ref in unknown:
        if any(loc[:len(b)] == b for b in bad):
            continue
        line, col = loaded.where(loc)
        others = [t for t in present if ref in present[t]]
        if others:
            message = (f"{quote(ref)} is {_article(model.SINGULAR[others[0]])}, not "
                       f"{_article(model.SINGULAR[target])}")
        else:
            message = (f"no {model.SINGULAR[target]} with the id {quote(ref)} in "
                       f"data/{target}/{suggest(ref, present[target])}")
        problems.append(Problem(loaded.path, line, col, loc, message))
    return problems


def _article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def _check_files(items: list[tuple[str, Path]], present: dict[str, set[str]],
                 keep_records: bool = True, models: bool = True) -> list[_Checked]:
    """The checks of these files (models: see _check_file). Without keep_records (the
    maintainers' command) a result keeps neither the file's values nor the list of what it
    names: what comes back from another process is little more than its problems (pickling
    and sending the rest cost the workers about a sixth of their time)."""
    results = []
    for rtype, path in items:
        res = _check_file(rtype, path, present, models)
        if not keep_records:  # let the file's values and model go
            res.refs, res.data = (), None
            if res.loaded is not None:
                res.loaded = Loaded(res.loaded.path, None)
        results.append(res)
    return results


def _shared_out(executor, paths: list[tuple[str, Path]], present: dict[str, set[str]],
                keep_records: bool) -> list[_Checked]:
    """The checks of every file, by the executor's processes, in the files' order. Each of
    CHUNKS pieces of work takes every CHUNKS-th file, so each gets its share of every type
    of record, and of their cost, without a look at the files first.

    With keep_records, the models are wanted here, and a pickled model costs more to send
    than to build: the other processes read and check their files without the model, and
    each model is built here, once, with the checks that depend on it, as each piece comes
    back while the other processes go on. This process also checks one more piece itself
    meanwhile, instead of waiting for the first."""
    own = 1 if keep_records else 0  # pieces checked here
    n = max(1, min(CHUNKS + own, len(paths)))
    pieces = [paths[i::n] for i in range(n)]
    futures = [executor.submit(_check_files, piece, present, keep_records, not keep_records)
               for piece in pieces[own:]]
    results: list = [None] * len(paths)
    if own:
        results[0::n] = _check_files(pieces[0], present, keep_records)
    for i, future in enumerate(futures, own):
        part = future.result()
        if keep_records:
            for res in part:
                if res.loaded is not None:
                    _check_model(res, present)
        results[i::n] = part
    return results


def _run(data_dir: Path, keep_records: bool, executor=None):
    records: dict[str, dict[str, Valid]] = {t: {} for t in model.RECORD_TYPES}
    if not data_dir.is_dir():
        return records, [Problem(data_dir, 1, 1, (), "data folder not found")]
    paths, problems = _files(data_dir)
    # Ids a reference may name: every .yml file present, even one that fails its own checks
    # (its problems are reported there, not at every reference to it).
    present = {t: {p.stem for p in (data_dir / t).glob("*.yml")} for t in model.RECORD_TYPES}
    if executor is None or len(paths) < POOL_FROM:
        results = _check_files(paths, present, keep_records)
    else:
        results = _shared_out(executor, paths, present, keep_records)
    cited: set[str] = set()
    sources: list[Path] = []
    readable = 0
    for res in results:
        problems += res.problems
        cited.update(res.cited)
        if res.loaded is None:
            continue
        readable += 1
        if res.type == "sources":
            sources.append(res.path)
        if res.valid and keep_records:
            records[res.type][res.path.stem] = Valid(res.type, res.path.stem, res.data,
                                                     res.loaded, res.refs)
    problems += _unpinned(results)
    # A source counts as uncited only when every data file could be read.
    if readable == sum(len(ids) for ids in present.values()):
        problems += [Problem(path, 1, 1, (), "this source is never cited: cite it from a "
                                              "record, or remove the file")
                     for path in sources if path.stem not in cited]
    return records, problems


def _unpinned(results: list[_Checked]) -> list[Problem]:
    """A public web document is long and the project keeps no copy: every statement that cites
    one says where in it (a paragraph or a section), so that a reader can find the words."""
    web = {res.path.stem for res in results if res.web}
    out = []
    for res in results:
        if not res.bare & web:
            continue
        loaded = res.loaded
        if loaded.data is None:  # the maintainers' command keeps no values: read it again
            loaded = load_file(res.path)[0]
            if loaded is None:  # changed since
                continue
        for loc, ref in _bare(raw_refs(model.RECORD_TYPES[res.type], loaded.data)):
            if ref in web:
                line, col = loaded.where(loc)
                out.append(Problem(res.path, line, col, loc, (
                    f"{quote(ref)} is a web document: cite it where it says this, as "
                    f"{{source: {ref}, para: N}} (the paragraph) or {{source: {ref}, section: "
                    "...} (a heading as printed)")))
    return out


def check(data_dir: Path, executor=None) -> tuple[dict[str, dict[str, Valid]], list[Problem]]:
    """Everything: files, models, references and case rules; and the valid records.
    executor: a concurrent.futures executor to share the files' checks out (where there are
    POOL_FROM files or more), or None."""
    return _run(Path(data_dir), keep_records=True, executor=executor)


def find_problems(data_dir: Path, executor=None) -> list[Problem]:
    """The same checks as check(), for a caller that needs only the problems (the maintainers'
    validate command): models checked in another process are not rebuilt here."""
    return _run(Path(data_dir), keep_records=False, executor=executor)[1]
