"""Hardening: what the data may hold, what data text becomes, what the build refuses.

Each test plays the maintainer (a bad file in a copy of the data, a bad page in a copy of the
project) and checks what they would see: the problem with file, line and field, the page as
built, or a failed strict build.
"""
from __future__ import annotations

import ast
import shutil

import lxml.html
import pytest
import yaml
from bs4 import BeautifulSoup

from macros.kb.common import markup as text
from macros.kb.data import load, validate

from .conftest import ROOT, copy_data, run_build, small_data


def _first(data, folder: str):
    return sorted((data / folder).glob("*.yml"))[0]


def _problems_for(data, path):
    _, problems = validate.check(data)
    return [p for p in problems if p.path.resolve() == path.resolve()]


def _new_problems(data, path, change):
    """Problems in `path` that appear once `change` is applied to its record (the data may
    hold unrelated problems while it is being curated; they are not this test's business)."""
    before = {(p.loc, p.message) for p in _problems_for(data, path)}
    _rewrite(path, change)
    return [p for p in _problems_for(data, path) if (p.loc, p.message) not in before]


def _line_of(path, needle: str) -> int:
    """The line holding `needle`; a needle starting with a line break must start the line."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in "\n" + line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def _rewrite(path, change) -> None:
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


# --- people: counts, never names ------------------------------------------------------------

def test_a_name_on_a_people_group_is_rejected_with_file_and_line(tmp_path):
    data = copy_data(tmp_path)
    case = _first(data, "cases")
    found = _new_problems(data, case,
                          lambda r: r["people"][0].update(name="Protected Fixture-Person"))
    line = _line_of(case, "name: Protected Fixture-Person")
    assert [(p.line, p.loc) for p in found] == [(line, ("people", 0, "name"))]
    assert "unknown field" in found[0].message and "did you mean" not in found[0].message
    assert f"{case.name}:{line}:" in str(found[0]) and "people[0].name" in str(found[0])


def test_a_public_person_without_the_source_showing_it_is_rejected(tmp_path):
    data = copy_data(tmp_path)
    case = _first(data, "cases")
    found = _new_problems(data, case, lambda r: r.update(public_persons=[
        {"name": "Protected Fixture-Person", "role": "detained"}]))
    assert [p.loc for p in found] == [("public_persons", 0, "identity_public_in")]
    assert "missing" in found[0].message
    assert found[0].line == _line_of(case, "- name: Protected Fixture-Person")


@pytest.mark.parametrize("extra", [{"lat": "43.88", "lon": "125.32"},
                                   {"address": "1 Example Road"}])
def test_a_place_finer_than_a_city_is_rejected(tmp_path, extra):
    data = copy_data(tmp_path)
    place = _first(data, "places")
    found = _new_problems(data, place, lambda r: r.update(extra))
    assert sorted(p.loc for p in found) == sorted((key,) for key in extra)
    assert all("unknown field" in p.message for p in found)
    assert {p.line for p in found} == {_line_of(place, f"\n{key}:") for key in extra}


def test_map_coordinates_finer_than_a_tenth_of_a_degree_are_rejected(tmp_path):
    data = copy_data(tmp_path)
    place = _first(data, "places")
    found = _new_problems(data, place, lambda r: r.update(
        coordinates={"lon": 125.32, "lat": 43.9}))
    assert [p.loc for p in found] == [("coordinates", "lon")]
    assert "at most one decimal" in found[0].message
    assert found[0].line == _line_of(place, "lon: 125.32")


def test_a_python_yaml_tag_is_an_error_not_code(tmp_path):
    data = copy_data(tmp_path)
    marker = tmp_path / "executed"
    bad = data / "places" / "tagged.yml"
    bad.write_text("name: !!python/object/apply:os.system\n"
                   f"  - 'touch {marker}'\nkind: city\n", encoding="utf-8")
    found = _problems_for(data, bad)
    assert len(found) == 1 and found[0].line == 1
    assert "python/object/apply:os.system" in found[0].message
    assert "not allowed" in found[0].message
    assert not marker.exists()


@pytest.mark.parametrize("text, message", ids=["flow", "block", "alias", "laughs"], argvalues=[
    ("title: " + "[" * 100_000 + "]" * 100_000 + "\n", "values nested too deeply"),
    ("title:\n" + "- " * 100_000 + "x\n", "values nested too deeply"),
    ("a: &x [1, 2]\nb: *x\n", "starts an alias, which data files do not use"),
    ("a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n", "starts an alias"),
])
def test_deep_or_aliased_yaml_is_refused_with_a_message_not_a_crash(tmp_path, text, message):
    """libyaml's composer recurses in C: a file nested 100,000 levels deep must be refused
    before it reaches it, and an alias (a "billion laughs" file) is never expanded."""
    bad = tmp_path / "bad.yml"
    bad.write_text(text, encoding="utf-8")
    loaded, problems = load.load_file(bad)
    assert loaded is None and len(problems) == 1 and message in problems[0].message


UNSAFE_YAML = {"unsafe_load", "unsafe_load_all", "full_load", "full_load_all", "Loader",
               "FullLoader", "UnsafeLoader", "CLoader", "CFullLoader", "CUnsafeLoader"}
SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"}


def _yaml_uses(tree: ast.Module):
    """(line, problem) for every way a module could make PyYAML construct Python objects."""
    safe = set(SAFE_LOADERS)
    for node in ast.walk(tree):  # loaders the module builds on a safe one are safe too
        if isinstance(node, ast.ClassDef) and any(
                getattr(b, "attr", getattr(b, "id", None)) in safe for b in node.bases):
            safe.add(node.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id == "yaml" and node.attr in UNSAFE_YAML:
            yield node.lineno, f"yaml.{node.attr}"
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in ("load", "load_all") \
                and getattr(node.func.value, "id", None) == "yaml":
            loader = next((k.value for k in node.keywords if k.arg == "Loader"),
                          node.args[1] if len(node.args) > 1 else None)
            name = getattr(loader, "attr", getattr(loader, "id", None))
            if name not in safe:
                yield node.lineno, f"yaml.{node.func.attr} with Loader={name}"


def test_yaml_is_read_only_with_safe_loaders():
    """The project's own code (mkdocs.yml itself is read by MkDocs and reviewed as code)."""
    found = []
    for path in sorted([*(ROOT / "macros").rglob("*.py"), *(ROOT / "scripts").rglob("*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(ROOT)}:{line}: {what}" for line, what in _yaml_uses(tree)]
    assert not found, found


def test_the_yaml_check_catches_an_unsafe_load():
    tree = ast.parse("import yaml\nclass L(yaml.SafeLoader): pass\n"
                     "yaml.load(s, Loader=L)\nyaml.load(s, Loader=yaml.Loader)\n"
                     "yaml.unsafe_load(s)\nyaml.load(s, yaml.FullLoader)\n")
    assert sorted(line for line, _ in _yaml_uses(tree)) == [4, 4, 5, 6, 6]


# --- data text -> sanitised HTML ------------------------------------------------------------

@pytest.mark.parametrize("source, absent", [
    ("<script>alert(1)</script>", "<script"),
    ("<img src=x onerror=alert(1)>", "onerror"),
    ('<a href="https://example.org" onclick="alert(1)">x</a>', "onclick"),
    ("<svg onload=alert(1)>", "onload"),
    ("[x](javascript:alert(1))", "javascript:"),
    ("[x](JaVaScRiPt:alert(1))", "javascript:"),
    ("[x](data:text/html,alert)", "data:"),
    ("<iframe src='https://example.org'></iframe>", "<iframe"),
    ("<object data='x'></object>", "<object"),
    ("<style>body{display:none}</style>", "<style"),
])
def test_markdown_from_data_is_sanitised(source, absent):
    for render in (text.block, text.inline):
        soup = BeautifulSoup(str(render(source)), "lxml")
        assert not soup.find_all(["script", "img", "svg", "iframe", "object", "style"])
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
            for attr in ("href", "src", "data"):
                assert not str(tag.get(attr, "")).lower().startswith(("javascript:", "data:"))
        if absent.startswith("<"):
            # typed HTML is shown as text, exactly as written
            assert soup.get_text() == source


def test_html_typed_into_a_text_field_is_shown_as_typed():
    for source in ["<b>bold?</b> & more", "a <script>alert(1)</script> b"]:
        for render in (text.block, text.inline):
            assert BeautifulSoup(str(render(source)), "lxml").get_text() == source


def test_links_to_other_hosts_get_noopener_noreferrer():
    html = str(text.block("See [the report](https://example.org/r)."))
    link = BeautifulSoup(html, "lxml").a
    assert link["href"] == "https://example.org/r"
    assert set(link["rel"]) == {"noopener", "noreferrer"}


def test_template_syntax_in_data_text_is_inert():
    for render in (text.block, text.inline, text.escape):
        html = str(render("{{ 7*7 }} {% if 1 %}x{% endif %}"))
        assert "{" not in html and "}" not in html
        assert BeautifulSoup(html, "lxml").get_text().startswith("{{ 7*7 }} {% if 1 %}")


# --- the build's own guards (a copy of the project) ----------------------------------------

@pytest.fixture
def project(tmp_path, records):
    """A copy of the project (config, docs, theme overrides, macros, and a small copy of the
    data: conftest.small_data) to break. No node_modules: the build needs none (its maps'
    outlines are committed in macros/)."""
    dest = tmp_path / "project"
    dest.mkdir()
    for name in ("docs", "overrides", "macros"):
        shutil.copytree(ROOT / name, dest / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    small_data(dest, records)
    return dest


def _build(project, tmp_path):
    out = tmp_path / "out"
    # the project's cache (Options.cache): the copy's pages are the project's but for the
    # probe, and a build makes the same site with any cache (test_page_cache.py); its three
    # builds took 26-29 s of CPU with the copy's empty cache, 11-15 s with the project's
    result = run_build(out, data_dir=project / "data", config=project / "mkdocs.yml",
                       extra_env={"KB_CACHE_DIR": str(ROOT / ".cache" / "kb")})
    return result, out


def test_a_broken_link_or_anchor_fails_the_strict_build(project, tmp_path):
    (project / "docs" / "probe-link.md").write_text("# Probe\n\n[gone](no-such-page.md)\n")
    (project / "docs" / "probe-anchor.md").write_text(
        "# Probe\n\n[there](about.md#no-such-anchor)\n")
    result, _ = _build(project, tmp_path)
    assert result.returncode != 0
    assert "probe-link.md" in result.stderr and "no-such-page.md" in result.stderr
    assert "probe-anchor.md" in result.stderr and "no-such-anchor" in result.stderr


def test_a_build_that_fails_after_it_began_writing_leaves_no_half_site(project, tmp_path):
    """The hooks leave the site folder of the last build in place and write over it
    (macros/mkdocs_adapter/sitefolder.py). A build stopped by the data, before it writes,
    leaves the last site whole; one that fails once it has begun empties the folder, as
    MkDocs would have at its start, so no mix of two sites is served. Here a hand-written
    page takes the address of a case's page, which the build finds once it lists the
    pages."""
    out = tmp_path / "out"
    (out / "cases").mkdir(parents=True)
    (out / "index.html").write_text("the last build's home page", encoding="utf-8")
    (out / "cases" / "stale.txt").write_text("old", encoding="utf-8")
    case = project / "data" / "cases" / "changchun-2012.yml"
    text = case.read_text(encoding="utf-8")
    case.write_text(text + "no_such_field: 1\n", encoding="utf-8")
    result, _ = _build(project, tmp_path)
    assert result.returncode != 0 and "no_such_field" in result.stdout + result.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "the last build's home page"
    assert (out / "cases" / "stale.txt").exists()
    case.write_text(text, encoding="utf-8")
    (project / "docs" / "cases").mkdir(exist_ok=True)
    (project / "docs" / "cases" / "changchun-2012.md").write_text("# A page in the way\n")
    result, out = _build(project, tmp_path)
    assert result.returncode != 0
    assert "docs/cases/changchun-2012.md clashes with a page generated from the data" in (
        result.stdout)
    assert sorted(out.iterdir()) == []


def test_an_undefined_macro_variable_fails_the_build(project, tmp_path):
    (project / "docs" / "probe.md").write_text(
        "---\nrender_macros: true\n---\n# Probe\n\n{{ no_such_variable }}\n")
    result, out = _build(project, tmp_path)
    assert result.returncode != 0
    assert not (out / "probe" / "index.html").exists()


def test_a_page_that_does_not_opt_in_is_not_a_template(project, tmp_path):
    (project / "docs" / "probe.md").write_text(
        "# Probe\n\nSeven sevens: {{ 7*7 }} and {% raw %}x\n")
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text().replace("  - About:\n",
                                                     "  - Probe: probe.md\n  - About:\n"))
    result, out = _build(project, tmp_path)
    assert result.returncode == 0, result.stderr
    body = BeautifulSoup((out / "probe" / "index.html").read_text(), "lxml")
    shown = body.select_one("article").get_text()
    assert "Seven sevens: {{ 7*7 }} and {% raw %}x" in shown
    assert "49" not in shown


# --- Content-Security-Policy ----------------------------------------------------------------

def test_every_page_carries_a_strict_policy_and_no_inline_script(site):
    """One policy per page, in <head> before anything it loads; no page has a script that runs
    inline (Material's two come from files), so the policy needs no hash and no exception."""
    pages = sorted(site.root.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert html.count("Content-Security-Policy") == 1, path
        doc = lxml.html.fromstring(html)
        head = doc.find("head")
        policy = head.xpath("meta[@http-equiv='Content-Security-Policy']")[0]
        loads = head.xpath("script|style|link[@rel='stylesheet']")
        assert all(policy.getparent().index(policy) < head.index(el) for el in loads), path
        directives = dict(d.strip().split(" ", 1) for d in policy.get("content").split(";"))
        assert directives == {
            "default-src": "'self'", "script-src": "'self' 'wasm-unsafe-eval'",
            "style-src": "'self'", "img-src": "'self' data:", "font-src": "'self'",
            "connect-src": "'self'", "worker-src": "'self'", "object-src": "'none'",
            "base-uri": "'self'", "form-action": "'none'"}, path
        for script in doc.iter("script"):
            assert script.get("src") or script.get("type") == "application/json", path
        assert not doc.xpath("//@*[starts-with(name(), 'on')]"), path
        assert not doc.xpath("//*[@style]"), path
