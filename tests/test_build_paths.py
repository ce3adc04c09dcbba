"""The build as a maintainer runs it: a broken reference, the validate script, no hooks.
(tests/test_maintainer.py adds a case in one file.)"""
import os
import subprocess
import sys
import textwrap

import pytest
import yaml
from bs4 import BeautifulSoup

from macros import site_config

from .conftest import ROOT, copy_data, run_build, small_data

def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_a_broken_reference_fails_with_file_line_and_field_and_writes_nothing(tmp_path):
    data = copy_data(tmp_path)
    case = data / "cases" / "changchun-2012.yml"
    text = case.read_text(encoding="utf-8")
    assert "  - place: changchun\n" in text
    case.write_text(text.replace("  - place: changchun\n", "  - place: changchum\n", 1),
                    encoding="utf-8")
    line = text.splitlines().index("  - place: changchun") + 1
    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.txt").write_text("last good build")
    result = run_build(out, data_dir=data)
    assert result.returncode != 0
    assert f"changchun-2012.yml:{line}:" in result.stderr
    assert "places[" in result.stderr
    assert '.place: no place with the id "changchum"' in result.stderr
    assert 'did you mean "changchun"?' in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_a_cache_folder_that_cannot_be_made_stops_the_build_saying_so(tmp_path):
    """KB_CACHE_DIR below a file: the build stops before anything is written, with the
    folder, the variable and what to do (a traceback from deep in the build before)."""
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.txt").write_text("last good build")
    result = run_build(out, extra_env={"KB_CACHE_DIR": str(tmp_path / "a-file" / "cache")})
    said = result.stdout + result.stderr  # MkDocs prints why it stopped on the first
    assert result.returncode != 0 and "Traceback" not in said
    assert (f"the build's cache folder {tmp_path / 'a-file' / 'cache'} (KB_CACHE_DIR) cannot "
            "be used: Not a directory. Point KB_CACHE_DIR at a folder this user can write."
            ) in said
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_validate_script_reports_the_same_problem(tmp_path):
    data = copy_data(tmp_path)
    case = data / "cases" / "changchun-2012.yml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        'reviewed: "2026-12-05"', 'reviewed: "2026-02-31"'), encoding="utf-8")
    result = subprocess.run([sys.executable, "scripts/validate.py", str(data)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "changchun-2012.yml:" in result.stderr
    assert 'reviewed: "2026-02-31" is not a valid date' in result.stderr


def test_pages_written_out_build_without_hooks_or_macros(tmp_path, records):
    """The path for builders that run no MkDocs hooks (such as Zensical), with a small copy
    of the data (conftest.small_data)."""
    out_docs = tmp_path / "docs"
    data = small_data(tmp_path / "small", records)
    # the English edition alone, as run_build builds it: a third of the pages (all three
    # editions of the real data are built without hooks by tests/test_zensical.py)
    written = subprocess.run([sys.executable, "scripts/kb.py", "write-pages", str(out_docs),
                              "--data-dir", str(data)],
                             cwd=ROOT, capture_output=True, text=True,
                             env={**os.environ, "KB_EDITIONS": "en"})
    assert written.returncode == 0, written.stderr
    assert (out_docs / "cases" / "changchun-2012.md").exists()
    # the editions KB_EDITIONS leaves out are left out, their hand-written pages too
    assert not (out_docs / "ko").exists() and not (out_docs / "zh").exists()
    # the hand-written pages' blocks are in place: no macros engine is needed
    exports_page = (out_docs / "exports.md").read_text(encoding="utf-8")
    assert "kb_block" not in exports_page
    assert 'href="kb-offline.zip"' in exports_page
    config = site_config.read(ROOT / "mkdocs.yml")  # as MkDocs reads it: !ENV tags resolved
    config.pop("hooks")
    config["plugins"] = ["search"]
    config["docs_dir"] = str(out_docs)
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["watch"] = []
    config["validation"] = {"omitted_files": "info", "absolute_links": "warn",
                            "unrecognized_links": "warn", "anchors": "warn"}
    index = out_docs / "index.md"
    index.write_text(textwrap.dedent("""\
        # Forced returns of North Koreans from China

        See [the cases](cases/index.md).
        """), encoding="utf-8")
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text(yaml.safe_dump(config), encoding="utf-8")
    result = run_build(tmp_path / "site", config=cfg)
    assert result.returncode == 0, result.stderr
    page = _soup(tmp_path / "site" / "cases" / "changchun-2012" / "index.html")
    assert page.select_one("ol.kb-timeline > li#detained-shenyang")


def test_template_code_other_than_blocks_is_refused_with_its_file_and_line():
    """A hand-written page for builders without MkDocs hooks gets its blocks in place; any
    other template code would be printed as it is, so the writer stops and says where."""
    from macros.kb.pages.writer import with_blocks
    text = ('---\nrender_macros: true\n---\n\n# Exports\n\n{{ kb_block("offline") }}\n\n'
            'Built on {{ build_date }}.\n')
    with pytest.raises(ValueError) as raised:
        with_blocks(text, "exports.md", lambda name: "<p>block</p>")
    assert str(raised.value).startswith("docs/exports.md, line 9:")
    # without render_macros nothing is rendered, as mkdocs-macros leaves such a page alone
    plain = text.replace("render_macros: true", "title: Exports")
    assert with_blocks(plain, "exports.md", lambda name: "<p>block</p>") == plain
    assert with_blocks(text.replace("Built on {{ build_date }}.", ""), "exports.md",
                       lambda name: "<p>block</p>").count("<p>block</p>") == 1


def test_relative_links_are_posixpaths_relpath_between_every_kind_of_page(kb):
    """urls.relative's own path arithmetic (a fast path) against the standard library's, from
    pages at every depth of every edition to every page, export and anchor."""
    import posixpath

    from macros.kb.common import urls
    from macros.kb.pages import plan

    paths = sorted({p.path for p in plan.plan(kb, ("en", "ko", "zh"))})
    targets = paths + ["index.md", "ko/index.md", "exports/cases.csv", "exports/kb-offline.zip"]
    depths = {}
    for path in paths + ["index.md", "about/index.md", "zh/about/scope.md"]:
        depths.setdefault((path.split("/")[0], path.count("/")), path)
    assert len(depths) >= 20
    for start in depths.values():
        for links in ("page", "file"):
            here = "/" + (posixpath.dirname(start) if links == "file" else urls.url_of(start))
            for target in targets:
                expected = posixpath.relpath("/" + urls.url_of(target), here)
                if target.endswith(".md"):
                    expected = "./" if expected == "." else expected + "/"
                assert urls.relative(start, target, None, links) == expected, (start, target)
            assert urls.relative(start, "cases/a.md", "b", links).endswith("/#b")
