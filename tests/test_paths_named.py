"""Every repository path named in the documents and in the code's comments exists.

A comment or a page that names a file which has moved sends its reader nowhere, and nothing
else notices. Read here:
  - the documents, whole: README.md, CONTRIBUTING.md, docs/**/*.md;
  - the comments and docstrings of macros/, scripts/, tests/, overrides/, docs/assets/, .ci/
    and .github/, and of mkdocs.yml and the other configuration files at the top: in Python,
    comments and the docstrings of modules, classes and functions (not other strings: a test
    may name a file it is about to write); in templates, {# #} and <!-- --> comments; in
    scripts and style sheets, /* */ and // comments; elsewhere (shell, YAML, PO, INI,
    requirements), what follows a `#`.

What counts as a path: a run of ASCII path characters that contains a `/` or ends in a known
extension (.py, .md, .yml, ...). It is checked in three ways:
  - rooted: its first segment is an entry at the top of the repository (data, docs, macros,
    README.md, ...; see root_names). It must exist. `<placeholder>` and `*` stand for any
    name, as in `data/<type>/<id>.yml`: then at least one file must match;
  - a module named from its package (`views/figures.py`, `kb/search.py`): a `.py` path with a
    `/` that is not rooted must exist below the naming file's folder or one of its parents, or
    below macros/, macros/kb/ or macros/kb/pages/;
  - a template named as Jinja loads it (`partials/kb/map.html`, `kb/pages/record.html`): an
    `.html` path under partials/, kb/ or blocks/ must exist in overrides/ (or overrides/kb/)
    or in Material's own templates, which the overrides extend.
Left out, on purpose:
  - URLs (scheme://...), and paths inside another path (`WORK/docs/`: the part after a `/`);
  - what a build or an install writes, which a fresh clone lacks: site/, site-zensical/,
    build/, .venv/, .venv-zensical/ (GENERATED); under node_modules/, only the package (the
    folder after it) is checked, for being declared in package.json (or, for a file that
    says how to install one by hand, in UNDECLARED_PACKAGES);
  - paths that start with `../` (a data file's schema line, written for where the file goes);
  - paths of the built site (`exports/...`, `cases/<id>/`, `assets/...`): their first segment
    is no entry of the repository, so they are not rooted;
  - bare file names (`hooks.py`): which folder they mean is the context's;
  - the made-up file names of examples (EXAMPLES), each with why.
"""
from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Made-up names in examples, which are meant not to exist.
EXAMPLES = {
    "data/cases/quillhaven-2013.yml",  # CONTRIBUTING.md, "Reading an error": a sample message
    "data/cases/my-case.yml",          # docs/*/add-a-case.md: the file a contributor adds
}
# npm packages a file names under node_modules/ without package.json declaring them, because
# it says how to install them by hand.
UNDECLARED_PACKAGES = {
    # the input of the committed map outlines, only to make them again (npm install --no-save)
    "scripts/outlines.py": {"world-atlas"},
}
# What a build or an install writes: not in a fresh clone, so never checked.
GENERATED = {"site", "site-zensical", "build", ".venv", ".venv-zensical", ".pytest_cache",
             "__pycache__", ".git"}
# Files that belong at the top of the repository, named even where they are missing: a
# reference to one that was removed must fail, not stop being a path.
KNOWN_ROOT_FILES = {"pyproject.toml", "uv.lock", "requirements.txt",
                    "requirements-zensical.txt", "package.json", "package-lock.json",
                    "mkdocs.yml", "README.md", "CONTRIBUTING.md", "LICENSE", "pytest.ini"}
EXTENSIONS = ("py", "md", "yml", "yaml", "json", "html", "js", "css", "po", "txt", "toml",
              "lock", "sh", "ini", "cfg", "xml", "zip", "csv", "jar")
MODULE_BASES = ("macros", "macros/kb", "macros/kb/pages")
TEMPLATE_HEADS = ("partials", "kb", "blocks")
TEMPLATE_BASES = ("overrides", "overrides/kb")

# A path: segments of ASCII path characters joined by "/", not preceded by another path
# character, a "/" or a ":" (the inside of a URL or of a longer path).
TOKEN = re.compile(r"(?<![A-Za-z0-9_.*<>~$/:@-])"
                   r"(?:[A-Za-z0-9_.*<>-]+/)*[A-Za-z0-9_.*<>-]+/?")
URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s)>\]'\"`]*")
HAS_EXTENSION = re.compile(r"\.(?:%s)$" % "|".join(EXTENSIONS))


@dataclass(frozen=True)
class Named:
    path: str   # as written
    where: str  # file:line
    kind: str   # "rooted", "module", "template", "package"


def root_names() -> set[str]:
    """The entries at the top of the repository, and the files that belong there."""
    return {p.name for p in ROOT.iterdir()} | KNOWN_ROOT_FILES


def named(text: str, where: str = "", line: int = 1, roots: set[str] | None = None
          ) -> list[Named]:
    """The paths `text` names (see the module's docstring), the line of each counted from
    `line`."""
    roots = root_names() if roots is None else roots
    text = URL.sub(lambda m: " " * len(m.group(0)), text)  # keep the offsets
    out = []
    for m in TOKEN.finditer(text):
        token = m.group(0).rstrip(".")
        if "/" not in token and not HAS_EXTENSION.search(token):
            continue
        if token.startswith(("../", "./", "<", ">", "-")) or token in ("/", "*/"):
            continue
        here = f"{where}:{line + text.count(chr(10), 0, m.start())}"
        head = token.split("/")[0]
        if head in GENERATED:
            continue
        if head == "node_modules":
            if "/" in token.rstrip("/"):
                out.append(Named(token, here, "package"))
        elif head in roots:
            out.append(Named(token, here, "rooted"))
        elif "/" in token and token.endswith(".py"):
            out.append(Named(token, here, "module"))
        elif "/" in token and token.endswith(".html") and head in TEMPLATE_HEADS:
            out.append(Named(token, here, "template"))
    return out


def _glob(base: Path, path: str) -> bool:
    pattern = re.sub(r"<[^<>/]*>", "*", path.rstrip("/"))
    if "*" not in pattern:
        return (base / pattern).exists()
    return next(base.glob(pattern), None) is not None


def _material_templates() -> Path | None:
    try:
        import material
    except ImportError:  # pragma: no cover - the build needs it
        return None
    return Path(material.__file__).parent / "templates"


def missing(item: Named) -> bool:
    """Whether the path `item` names is not there (EXAMPLES never are)."""
    path = item.path
    if path in EXAMPLES:
        return False
    if item.kind == "rooted":
        return not _glob(ROOT, path)
    if item.kind == "package":
        package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
        declared = {**package.get("dependencies", {}), **package.get("devDependencies", {})}
        declared.update(dict.fromkeys(UNDECLARED_PACKAGES.get(item.where.rsplit(":", 1)[0], ())))
        name = path.split("/")[1]
        return not re.search(r"[<*]", name) and name not in declared
    where = ROOT / item.where.rsplit(":", 1)[0]
    if item.kind == "module":
        bases = [p for p in where.parents if p == ROOT or ROOT in p.parents]
        bases += [ROOT / b for b in MODULE_BASES]
    else:
        bases = [ROOT / b for b in TEMPLATE_BASES] + [_material_templates()]
    return not any(base is not None and _glob(base, path) for base in bases)


# --- where the paths are named ------------------------------------------------------------

DOCUMENTS = ("README.md", "CONTRIBUTING.md")
CODE_FOLDERS = ("macros", "scripts", "tests", "overrides", "docs/assets", ".ci", ".github")
TOP_CONFIG = ("mkdocs.yml", "requirements.txt", "requirements-zensical.txt", "pytest.ini",
              ".pre-commit-config.yaml", ".yamllint", ".gitignore", "pyproject.toml")
HASH_COMMENT = re.compile(r"(?:^|(?<=\s))#(.*)$", re.MULTILINE)
TEMPLATE_COMMENT = re.compile(r"\{#(.*?)#\}|<!--(.*?)-->", re.DOTALL)
SCRIPT_COMMENT = re.compile(r"/\*(.*?)\*/|(?<![:\\\"'])//([^\n]*)", re.DOTALL)


def _python_comments(text: str) -> list[tuple[int, str]]:
    out = [(t.start[0], t.string) for t in tokenize.generate_tokens(io.StringIO(text).readline)
           if t.type == tokenize.COMMENT]
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            doc = node.body[0] if node.body else None
            if isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant) \
                    and isinstance(doc.value.value, str):
                out.append((doc.lineno, doc.value.value))
    return out


def _matches(pattern: re.Pattern, text: str) -> list[tuple[int, str]]:
    return [(text.count("\n", 0, m.start()) + 1, next(g for g in m.groups() if g is not None))
            for m in pattern.finditer(text)]


def comments(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each comment and docstring of a file; a document's whole text."""
    text = path.read_text(encoding="utf-8")
    suffix = path.suffix
    if suffix == ".md":
        return [(1, text)]
    if suffix == ".py":
        return _python_comments(text)
    if suffix in (".html", ".xml"):
        return _matches(TEMPLATE_COMMENT, text)
    if suffix in (".js", ".css"):
        return _matches(SCRIPT_COMMENT, text)
    if suffix in (".json", ".svg", ".png", ".jar", ".zip"):
        return []
    return _matches(HASH_COMMENT, text)  # shell, YAML, PO, INI, requirements, .ci/run


def sources() -> list[Path]:
    out = [ROOT / d for d in DOCUMENTS]
    out += sorted((ROOT / "docs").rglob("*.md"))
    for folder in CODE_FOLDERS:
        out += sorted(p for p in (ROOT / folder).rglob("*") if p.is_file()
                      and not GENERATED & set(p.relative_to(ROOT).parts))
    out += [ROOT / name for name in TOP_CONFIG if (ROOT / name).is_file()]
    return out


@pytest.fixture(scope="module")
def every_named() -> list[Named]:
    roots = root_names()
    out = []
    for path in sources():
        rel = path.relative_to(ROOT).as_posix()
        try:
            found = comments(path)
        except UnicodeDecodeError:  # a binary file (none yet)
            continue
        for line, text in found:
            out += named(text, rel, line, roots)
    return out


# --- the tests -----------------------------------------------------------------------------

def test_every_path_named_in_a_document_or_comment_exists(every_named):
    gone = [f"{n.where}: {n.path} ({n.kind})" for n in every_named if missing(n)]
    assert not gone, "paths named but not in the repository:\n" + "\n".join(gone)


def test_the_check_reads_enough_to_mean_something(every_named):
    kinds = {}
    for n in every_named:
        kinds[n.kind] = kinds.get(n.kind, 0) + 1
    assert kinds.get("rooted", 0) > 300, kinds
    assert kinds.get("module", 0) > 20, kinds
    assert kinds.get("template", 0) > 20, kinds
    files = {n.where.rsplit(":", 1)[0] for n in every_named}
    for expected in ("README.md", "CONTRIBUTING.md", "mkdocs.yml", "scripts/setup.sh",
                     "macros/zensical_adapter/build.py", "overrides/main.html"):
        assert expected in files, expected


def test_the_matcher_finds_paths_and_leaves_out_what_is_no_path():
    text = ("See `macros/kb/nowhere.py` and data/<type>/<id>.yml; not "
            "https://example.org/macros/kb/x.py, site/index.html, .venv/bin/python, "
            "WORK/docs/index.md, ../schemas/cases.schema.json, the data flows, and/or. "
            "Built by views/figures.py from partials/kb/map.html (kb/gone.py);\n"
            "node_modules/vnu-jar/build/dist/vnu.jar and node_modules/left-pad/index.js.")
    found = {(n.path, n.kind): n.where for n in named(text, "macros/kb/example.py")}
    assert set(found) == {
        ("macros/kb/nowhere.py", "rooted"), ("data/<type>/<id>.yml", "rooted"),
        ("views/figures.py", "module"), ("partials/kb/map.html", "template"),
        ("kb/gone.py", "module"), ("node_modules/vnu-jar/build/dist/vnu.jar", "package"),
        ("node_modules/left-pad/index.js", "package")}
    assert found[("node_modules/left-pad/index.js", "package")] == "macros/kb/example.py:2"
    gone = {n.path for n in named(text, "macros/kb/example.py") if missing(n)}
    assert gone == {"macros/kb/nowhere.py", "kb/gone.py", "node_modules/left-pad/index.js"}


def test_a_planted_bad_path_in_a_comment_fails(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text('"""Reads data/cases/*.yml (macros/kb/resolve.py)."""\n'
                       "x = 'macros/kb/not-a-comment.py'  # see macros/kb/moved_away.py\n"
                       "def f():\n    '''Via scripts/kb.py and scripts/gone.py.'''\n",
                       encoding="utf-8")
    items = [n for line, text in comments(planted) for n in named(text, "scripts/x.py", line)]
    assert {n.path for n in items} == {"data/cases/*.yml", "macros/kb/resolve.py",
                                       "macros/kb/moved_away.py", "scripts/kb.py",
                                       "scripts/gone.py"}
    assert {n.path for n in items if missing(n)} == {"macros/kb/moved_away.py",
                                                      "scripts/gone.py"}
    assert {n.where for n in items if n.path == "scripts/gone.py"} == {"scripts/x.py:4"}
