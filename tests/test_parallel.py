"""The second process gives the same results as one process, and its failures are reported."""
from __future__ import annotations

import os
import pickle
import sys

import pytest

from macros.kb.data import load
from macros.kb import parallel
from macros.kb.data import validate

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import synthetic  # noqa: E402


def _square(x: int) -> int:
    return x * x


def _fails_late(x: int) -> int:
    if x == 950:
        raise ValueError("item 950 is bad")
    return x


@pytest.fixture
def two(monkeypatch):
    """Two processes even while this test run has threads (the browser tests' server): the
    functions forked here touch no lock."""
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this system: one process is used")
    monkeypatch.setattr(parallel, "jobs", lambda: 2)


def test_split_map_keeps_order_and_uses_two_processes(two):
    items = list(range(1000))
    assert parallel.split_map(_square, items) == [x * x for x in items]
    assert parallel.split_map(_square, items, weights=[1] * 900 + [100] * 100) == \
        [x * x for x in items]
    assert parallel._middle([1] * 900 + [100] * 100) == 946  # 900 + 46 * 100 >= 10,900 / 2
    pids = parallel.split_map(lambda _x: os.getpid(), items)
    assert pids[0] == os.getpid() != pids[-1] and len(set(pids)) == 2


def test_a_failure_in_the_second_process_names_its_cause(two):
    with pytest.raises(parallel.ChildFailed, match="item 950 is bad"):
        parallel.split_map(_fails_late, list(range(1000)))


def test_one_process_when_asked_or_when_threads_run(monkeypatch):
    import threading
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setenv("KB_JOBS", "1")
    assert parallel.jobs() == 1
    monkeypatch.setenv("KB_JOBS", "")
    assert parallel.jobs() == (2 if hasattr(os, "fork") and (os.cpu_count() or 1) > 1 else 1)
    monkeypatch.setattr(threading, "active_count", lambda: 3)
    assert parallel.jobs() == 1
    with pytest.raises(ValueError, match="item 950 is bad"):
        parallel.split_map(_fails_late, list(range(1000)))


def test_loaded_files_travel_without_their_text(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("title: A\nitems:\n  - one\n  - two\n", encoding="utf-8")
    loaded, problems = load.load_file(path)
    assert not problems
    copy = pickle.loads(pickle.dumps(loaded))
    assert copy.data == {"title": "A", "items": ["one", "two"]}
    assert copy.where(("items", 1)) == (4, 5) == loaded.where(("items", 1))


def test_validation_in_two_processes_matches_one(tmp_path, monkeypatch, two):
    data = tmp_path / "data"
    synthetic.write(100, data)
    broken = {"cases": "bogus: 1\n", "sources": "title: [unclosed\n", "places": "note: FILL IN\n"}
    for folder, tail in broken.items():
        for path in sorted((data / folder).glob("*.yml"))[::7]:
            path.write_text(path.read_text(encoding="utf-8") + tail, encoding="utf-8")
    both = validate.check(data)
    monkeypatch.setattr(parallel, "jobs", lambda: 1)
    one = validate.check(data)
    assert len(both[1]) > 20
    assert [str(p) for p in both[1]] == [str(p) for p in one[1]]
    # each record's references, gathered while checking it, are those its model names
    from macros.kb.data.refs import iter_refs
    for by_id in both[0].values():
        for rec in by_id.values():
            assert rec.refs == tuple(dict.fromkeys((t, r) for _loc, t, r in iter_refs(rec.data)))
    # the maintainers' command (no records kept) finds exactly the same problems
    assert [str(p) for p in validate.find_problems(data)] == [str(p) for p in both[1]]
    assert {t: {i: r.data for i, r in by.items()} for t, by in both[0].items()} == \
        {t: {i: r.data for i, r in by.items()} for t, by in one[0].items()}


def _planned(n: int, bad: int | None = None):
    from macros.kb.pages.plan import Planned

    def render(i=0):
        if i == bad:
            raise KeyError(f"template variable missing on page {i}")
        return f"# Page {i}\n"
    return [Planned(f"t/p{i}.md", False, lambda i=i: render(i)) for i in range(n)]


def test_background_pages_arrive_in_order_then_the_exports():
    from macros.mkdocs_adapter.background import Background
    bg = Background(_planned(50), lambda: {"data/x.json": b"{}"})
    try:
        bg.start()
        bg.wait_page(49)
        assert bg.page_file("t/p49.md").read_text() == "# Page 49\n"
        bg.wait_exports()
        assert bg.export_file("data/x.json").read_bytes() == b"{}"
    finally:
        bg.close()
    assert not bg.folder.exists()


def test_background_failure_names_the_page_error_and_cleans_up():
    from macros.mkdocs_adapter.background import Background
    bg = Background(_planned(50, bad=30), lambda: {})
    bg.start()
    bg.wait_page(10)
    with pytest.raises(parallel.ChildFailed, match="template variable missing on page 30"):
        bg.wait_page(40)
    assert not bg.folder.exists()
    bg.close()  # a second close is harmless
