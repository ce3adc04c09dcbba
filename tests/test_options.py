"""The core is given its options: nothing under macros/kb reads the environment or finds a
project folder by climbing out of the package (macros/kb/options.py says who reads them).

Read from the source with `ast` (nothing is imported). Reading the environment: `os.environ`,
`os.getenv` and their kin, however `os` is imported. Climbing out: a path made from
`__file__` that goes up (`.parent`, `.parents[N]`, `os.path.dirname`, a ".." joined to it)
more folders than the file lies below macros/kb; and any `.parents[N]` at all, which the
package has no use for.
"""
from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from macros import site_config
from macros.kb import Options

from .conftest import ROOT

KB = ROOT / "macros" / "kb"
ENVIRONMENT = {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}


def environment_reads(source: str) -> list[int]:
    """The lines that read (or write) the environment."""
    tree = ast.parse(source)
    modules = {"os"}  # names `os` is bound to (import os as o)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name == "os"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "os" and \
                any(a.name in ENVIRONMENT | {"*"} for a in node.names):
            found.append(node.lineno)
        elif isinstance(node, ast.Attribute) and node.attr in ENVIRONMENT and \
                isinstance(node.value, ast.Name) and node.value.id in modules:
            found.append(node.lineno)
    return sorted(set(found))


def _ups(node: ast.AST) -> int | None:
    """How many folders up from the file a path made from __file__ goes (None: not one)."""
    if isinstance(node, ast.Name) and node.id == "__file__":
        return 0
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("Path", "PurePath") and node.args:
            return _ups(node.args[0])
        if isinstance(func, ast.Attribute) and func.attr == "dirname" and node.args:
            inner = _ups(node.args[0])
            return None if inner is None else inner + 1
        if isinstance(func, ast.Attribute) and func.attr in ("resolve", "absolute"):
            return _ups(func.value)
        return None
    if isinstance(node, ast.Attribute) and node.attr == "parent":
        inner = _ups(node.value)
        return None if inner is None else inner + 1
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and \
            node.value.attr == "parents":
        inner = _ups(node.value.value)
        index = node.slice
        if inner is None or not (isinstance(index, ast.Constant) and
                                 isinstance(index.value, int)):
            return inner
        return inner + index.value + 1
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        inner = _ups(node.left)
        if inner is not None and isinstance(node.right, ast.Constant) and \
                isinstance(node.right.value, str):
            return inner + node.right.value.split("/").count("..")
        return inner
    return None


def climbs_out(source: str, depth: int) -> list[int]:
    """The lines that go above the package from a file `depth` folders below it (a module of
    macros/kb itself: 1; of macros/kb/pages: 2), and every `.parents[...]`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and \
                node.value.attr == "parents":
            found.append(node.lineno)
        ups = _ups(node) if isinstance(node, (ast.Attribute, ast.Subscript, ast.Call,
                                               ast.BinOp)) else None
        if ups is not None and ups > depth:
            found.append(node.lineno)
    return sorted(set(found))


def _modules():
    for path in sorted(KB.rglob("*.py")):
        yield path, path.read_text(encoding="utf-8"), len(path.relative_to(KB).parts)


def test_no_module_of_the_core_reads_the_environment():
    found = [f"{path.relative_to(ROOT)}:{line}" for path, source, _ in _modules()
             for line in environment_reads(source)]
    assert found == [], ("the environment is read by the adapters and the CLI, which give the "
                         "core its options (macros/kb/options.py):\n" + "\n".join(found))


def test_no_module_of_the_core_climbs_out_of_the_package():
    found = [f"{path.relative_to(ROOT)}:{line}" for path, source, depth in _modules()
             for line in climbs_out(source, depth)]
    assert found == [], ("the project's folders (overrides/, data/...) come from the options' "
                         "project folder (Options.templates, Options.schemas):\n"
                         + "\n".join(found))


def test_the_checks_catch_what_they_look_for():
    assert environment_reads("import os\nos.environ.get('X')\n") == [2]
    assert environment_reads("import os as o\nx = o.getenv('X')\n") == [2]
    assert environment_reads("from os import environ\n") == [1]
    assert environment_reads("def f(environ):\n    return environ.get('X')\n") == []
    assert climbs_out("ROOT = Path(__file__).resolve().parents[3]\n", 2) == [1]
    assert climbs_out("x = Path(__file__).parent.parent.parent / 'overrides'\n", 2) == [1]
    assert climbs_out("x = Path(__file__).parent / '..' / '..'\n", 1) == [1]
    assert climbs_out("x = os.path.dirname(os.path.dirname(__file__))\n", 1) == [1]
    assert climbs_out("x = Path(__file__).parent.parent / 'pages'\n", 2) == []  # kb/pages
    assert climbs_out("x = Path(__file__).with_name('outlines.json')\n", 3) == []


def test_options_from_an_empty_environment(tmp_path):
    options = Options.from_environment(tmp_path, {})
    assert options.project == tmp_path.resolve()
    assert options.data == tmp_path.resolve() / "data"
    assert options.editions == ("en", "ko", "zh")
    assert options.build_date == dt.date.today()
    assert options.jobs in (1, 2) and options.publishing is False and options.pagefind == ()
    assert options.templates == tmp_path.resolve() / "overrides"
    assert options.schemas == tmp_path.resolve() / "data" / "schemas"
    assert options.cache == tmp_path.resolve() / ".cache" / "kb"
    assert options.polling is False


def test_options_from_the_variables(tmp_path):
    environ = {"KB_DATA_DIR": str(tmp_path / "elsewhere"), "KB_EDITIONS": "zh,en",
               "SOURCE_DATE_EPOCH": "1795392000", "KB_JOBS": " 1 ", "KB_PUBLISH": "1",
               "PAGEFIND_FORCE_LANGUAGE": "fr", "PAGEFIND_VERBOSE": "true", "PAGER": "less",
               "KB_CACHE_DIR": str(tmp_path / "cache"), "KB_SERVE_POLLING": "1"}
    options = Options.from_environment(tmp_path, environ)
    # Pagefind reads its own settings; the search index's cache is named by them too
    assert options.pagefind == (("PAGEFIND_FORCE_LANGUAGE", "fr"), ("PAGEFIND_VERBOSE", "true"))
    assert options.data == (tmp_path / "elsewhere").resolve()
    assert options.editions == ("en", "zh")  # in the site's order, English always
    assert options.build_date == dt.date(2026, 11, 23)
    assert options.jobs == 1 and options.publishing is True
    assert options.cache == (tmp_path / "cache").resolve() and options.polling is True
    # a command's own data folder wins over KB_DATA_DIR
    given = Options.from_environment(tmp_path, environ, tmp_path / "given")
    assert given.data == (tmp_path / "given").resolve()
    assert Options.from_environment(tmp_path, {"KB_EDITIONS": "ko"}).editions == ("en", "ko")


def test_an_unknown_edition_is_refused(tmp_path):
    with pytest.raises(ValueError, match="KB_EDITIONS names fr: the editions are en, ko, zh"):
        Options.from_environment(tmp_path, {"KB_EDITIONS": "en fr"})


def test_mkdocs_yml_is_read_as_mkdocs_reads_it(monkeypatch):
    """!ENV tags take the environment's value, else their default."""
    monkeypatch.delenv("KB_SITE_URL", raising=False)
    assert site_config.read(ROOT / "mkdocs.yml")["site_url"] == "http://127.0.0.1:8000/"
    monkeypatch.setenv("KB_SITE_URL", "https://example.org/kb/")
    config = site_config.read(ROOT / "mkdocs.yml")
    assert config["site_url"] == "https://example.org/kb/"
    assert config["theme"]["custom_dir"] == "overrides"
    assert site_config.project(ROOT / "mkdocs.yml") == ROOT.resolve()
