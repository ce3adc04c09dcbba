"""The knowledge base's layers have no import cycles: not between modules, not between packages.

Read from the source with `ast` (nothing is imported), under macros/kb/. What counts as a
dependency of a module on another module of kb:

- every `import ...` and `from ... import ...` anywhere in the file: at the top, inside a
  function (an import deferred to dodge a cycle is still a dependency: it only moves the
  cycle from import time to call time) and under `if TYPE_CHECKING:` (the module still
  knows the other's names, and annotations name them);
- relative imports resolved against the module's package (`from .. import x`), absolute ones
  written from `kb.` or `macros.kb.`;
- `from package import name` depends on the submodule `package.name` where there is one (so
  `from . import feeds` depends on feeds.py), else on the package's `__init__.py`;
- not counted: that importing any module first runs the `__init__.py` of each package above
  it (Python's doing, named by no import), and imports of anything outside kb.

The module graph has a node per file. The package graph is taken at every package: the nodes
are the package's children (its modules, and its subpackages each taken whole, with everything
under them), and one child depends on another when anything in it imports anything in the
other. So at kb the nodes are kb.data, kb.resolve, kb.common, kb.exports, kb.pages, ...; at
kb.pages they are kb.pages.views, kb.pages.drawings, kb.pages.plan, ... A package's own
`__init__.py` is no child of it: what it imports from its children is the package using its
parts, not one part using another (cycles through an `__init__.py` show in the module graph).
"""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from .conftest import ROOT

KB = ROOT / "macros" / "kb"


def _name(path: Path) -> str:
    """kb.pages.views.common for macros/kb/pages/views/common.py; kb.pages for its
    __init__.py."""
    parts = path.relative_to(KB.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_name(p): p for p in sorted(KB.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]):
    """(imported module, line) for every import of a kb module in the file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets = [f"{module}.{alias.name}" if f"{_kb(module)}.{alias.name}" in known
                       else module for alias in node.names]
        else:
            continue
        for target in targets:
            target = _kb(target)
            while target and target not in known:  # import a.b.c: the deepest kb module named
                target = target.rpartition(".")[0]
            if target:
                yield target, node.lineno


def _kb(dotted: str) -> str:
    """A dotted name from kb (macros.kb.x -> kb.x); anything else unchanged."""
    return dotted.removeprefix("macros.") if dotted.startswith("macros.kb") else dotted


def module_graph() -> dict[str, dict[str, list[str]]]:
    """{module: {module it imports: ["file:line", ...]}}, every kb module a key."""
    modules = _modules()
    graph: dict[str, dict[str, list[str]]] = {name: defaultdict(list) for name in modules}
    for name, path in modules.items():
        for target, line in _imports(name, path, set(modules)):
            if target != name:
                where = f"{path.relative_to(ROOT)}:{line}"
                if where not in graph[name][target]:  # one line may import several names
                    graph[name][target].append(where)
    return graph


def packages() -> list[str]:
    return [_name(p) for p in sorted(KB.rglob("__init__.py"))]


PACKAGES = set(packages())


def package_graph(package: str, modules: dict[str, dict[str, list[str]]]):
    """The graph of `package`'s children: {child: {child: ["file:line", ...]}}."""
    def child(module: str) -> str | None:
        if not module.startswith(package + "."):
            return None
        return package + "." + module[len(package) + 1:].split(".")[0]

    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for source, targets in modules.items():
        for target, where in targets.items():
            a, b = child(source), child(target)
            if a and b and a != b:
                graph[a][b] += [w for w in where if w not in graph[a][b]]
    return graph


def cycles(graph: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """One cycle (as a closed path) through each strongly connected component of more than one
    node (Tarjan's algorithm, then a path around the component)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, {})):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_in(graph, set(c), c[0]) for c in sorted(components)]


def _cycle_in(graph, component: set[str], start: str) -> list[str]:
    """A shortest path from start back to start inside the component (breadth first)."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node]):
                if nxt not in component:
                    continue
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if nxt not in came_from:
                    came_from[nxt] = node
                    following.append(nxt)
        frontier = following
    raise AssertionError(f"no cycle through {start}")  # a component always has one


def _explain(graph, cycle: list[str]) -> str:
    steps = [f"    {a} -> {b}  ({', '.join(graph[a][b][:3])}"
             f"{', ...' if len(graph[a][b]) > 3 else ''})" for a, b in zip(cycle, cycle[1:])]
    return " -> ".join(cycle) + "\n" + "\n".join(steps)


def test_the_graph_sees_every_kind_of_import():
    """The reader of imports itself: relative, `from . import submodule`, deferred."""
    graph = module_graph()
    assert "kb.exports.feeds" in graph["kb.exports"]  # from . import feeds (in __init__.py)
    assert "kb.data.model" in graph["kb.resolve"]  # from .data import model
    assert "kb.data.load" in graph["kb.data.translations"]  # inside a function
    assert len(graph) > 60 and sum(map(len, graph.values())) > 150


def test_no_import_cycle_between_modules():
    graph = module_graph()
    found = cycles(graph)
    assert not found, "import cycles between modules:\n" + "\n".join(
        _explain(graph, c) for c in found)


def test_no_import_cycle_between_packages():
    """A cycle through a package taken whole (modules alone: the test above)."""
    modules = module_graph()
    found = []
    for package in packages():
        graph = package_graph(package, modules)
        found += [_explain(graph, c) for c in cycles(graph)
                  if any(node in PACKAGES for node in c)]  # cycles of modules alone: above
    assert not found, "import cycles between the parts of a package:\n" + "\n".join(found)


# kb's layers from the bottom up (kb/common/__init__.py says why in this order): each may
# import those before it, none those after it
LAYERS = ("kb.data", "kb.resolve", "kb.common", "kb.exports", "kb.pages")


def test_the_layers_point_one_way():
    """exports never import pages (a downloaded file needs no page); common imports neither."""
    graph = package_graph("kb", module_graph())
    upward = [f"{a} -> {b}  ({', '.join(graph[a][b])})" for a in LAYERS for b in LAYERS
              if LAYERS.index(b) > LAYERS.index(a) and b in graph.get(a, {})]
    assert not upward, "imports from a lower layer to a higher one:\n" + "\n".join(upward)
    assert set(graph["kb.exports"]) >= {"kb.common"}
    assert set(graph["kb.pages"]) >= {"kb.common", "kb.exports"}


def test_nothing_edits_the_import_path():
    """The project is a package installed in .venv (pyproject.toml) and pytest puts scripts/
    on its path: no module, script or test reaches the others by editing sys.path."""
    found = []
    for folder in ("macros", "scripts", "tests"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Attribute) and node.attr in ("insert", "append")
                        and isinstance(node.value, ast.Attribute) and node.value.attr == "path"
                        and isinstance(node.value.value, ast.Name)
                        and node.value.value.id == "sys"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_text_is_escaped_for_html_in_one_place():
    """Text becomes HTML through kb/common/markup.py (escape, and block for Markdown), as the
    autoescaped templates do through it: no other module escapes with `html.escape` or
    markupsafe's `escape`, so the site writes each character one way (a quote is &#34;,
    an apostrophe &#39;, a brace a character reference) whoever prints it."""
    found = []
    for path in sorted((ROOT / "macros").rglob("*.py")):
        if path == KB / "common" / "markup.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.ImportFrom) and node.module in ("html", "markupsafe")
                    and any(alias.name == "escape" for alias in node.names)) or (
                    isinstance(node, ast.Attribute) and node.attr == "escape"
                    and isinstance(node.value, ast.Name)
                    and node.value.id in ("html", "markupsafe")):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
