"""Work shared by a process pool gives what one process gives, and its failures are reported
with the page they concern."""
from __future__ import annotations

import os
import pickle

import pytest

from macros.kb import Options
from macros.kb.data import load, validate
from macros.kb.pages import plan as pages
from macros.mkdocs_adapter import workers

from .conftest import ROOT

TEMPLATES = ROOT / "overrides"

import synthetic


def test_loaded_files_travel_without_their_text(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("title: A\nitems:\n  - one\n  - two\n", encoding="utf-8")
    loaded, problems = load.load_file(path)
    assert not problems
    copy = pickle.loads(pickle.dumps(loaded))
    assert copy.data == {"title": "A", "items": ["one", "two"]}
    assert copy._text is None
    assert copy.where(("items", 1)) == (4, 5) == loaded.where(("items", 1))


def test_validation_shared_by_a_pool_matches_one_process(tmp_path, pool):
    data = tmp_path / "data"
    synthetic.write(120, data)
    assert len(validate._files(data)[0]) >= validate.POOL_FROM  # enough for the pool
    broken = {"cases": "bogus: 1\n", "sources": "title: [unclosed\n", "places": "note: FILL IN\n"}
    for folder, tail in broken.items():
        for path in sorted((data / folder).glob("*.yml"))[::7]:
            path.write_text(path.read_text(encoding="utf-8") + tail, encoding="utf-8")
    # a web document cited with no paragraph: the problem is found where the file is read again
    (data / "sources" / "web-page.yml").write_text(
        "publisher: org-000\nkind: report\ntitle: A page\ndate: '2020'\n"
        "url: https://example.org/page\nretrieved: '2026-01-02'\nabout: A page.\n",
        encoding="utf-8")
    (data / "events" / "event-0001.yml").write_text(
        "date: '2020'\ntitle: An event\ntext:\n  text: It happened.\n  sources: [web-page]\n",
        encoding="utf-8")
    shared = validate.check(data, pool)
    one = validate.check(data)
    assert len(shared[1]) > 10
    assert any("is a web document" in p.message for p in shared[1])
    assert [str(p) for p in shared[1]] == [str(p) for p in one[1]]
    # the maintainers' command (no records kept) finds exactly the same problems
    assert [str(p) for p in validate.find_problems(data, pool)] == [str(p) for p in one[1]]
    assert {t: {i: (r.data, r.refs) for i, r in by.items()} for t, by in shared[0].items()} == \
        {t: {i: (r.data, r.refs) for i, r in by.items()} for t, by in one[0].items()}


def test_pages_rendered_by_a_pool_are_those_rendered_in_line(kb, site_info, tmp_path, pool):
    """The English and Korean editions: a translated edition's pages as well as the default's
    (the Chinese edition's are made the same way as the Korean's; the reproducibility test
    compares whole sites built with a pool and without)."""
    planned = pages.plan(kb, ("en", "ko"))
    assert {p.path.split("/")[0] for p in planned} >= {"ko", "cases"}
    in_pool = workers.Renderer(kb, site_info, TEMPLATES, planned, str(tmp_path / "a"), pool)
    pooled = [in_pool.page(i) for i in range(len(planned))]
    in_pool.finish()
    in_pool.close()
    in_line = workers.Renderer(kb, site_info, TEMPLATES, planned, str(tmp_path / "b"), None)
    assert pooled == [in_line.page(i) for i in range(len(planned))]
    in_line.close()
    written = sorted(p.relative_to(tmp_path / "a").as_posix()
                     for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert written == sorted(p.relative_to(tmp_path / "b").as_posix()
                             for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert "exports/kb.json" in written


def test_a_page_that_fails_in_a_worker_raises_where_it_is_read(kb, site_info, tmp_path, pool):
    planned = [pages.Planned("cases/broken.md", False, "record", None)]
    renderer = workers.Renderer(kb, site_info, TEMPLATES, planned, str(tmp_path), pool)
    with pytest.raises(AttributeError):
        renderer.page(0)
    with pytest.raises(AttributeError):
        renderer.finish()
    renderer.close()


def test_one_process_under_mkdocs_serve_or_when_asked():
    default = Options.from_environment(ROOT, {})
    assert workers.jobs(True, default) == 1
    assert workers.jobs(False, Options.from_environment(ROOT, {"KB_JOBS": "1"})) == 1
    assert workers.jobs(False, default) == (2 if hasattr(os, "fork") and (os.cpu_count() or 1) > 1
                                            else 1)
