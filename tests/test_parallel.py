"""The second process gives the same results as one process, and its failures are reported."""
from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

import pytest

from macros.kb import load, parallel, validate

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import synthetic  # noqa: E402


def _square(x: int) -> int:
    return x * x


def _fails_late(x: int) -> int:
    if x == 950:
        raise ValueError("item 950 is bad")
    return x


def test_split_map_keeps_order_and_uses_two_processes():
    items = list(range(1000))
    assert parallel.split_map(_square, items) == [x * x for x in items]
    assert parallel.split_map(_square, items, weights=[1] * 900 + [100] * 100) == \
        [x * x for x in items]
    assert parallel._middle([1] * 900 + [100] * 100) == 946  # 900 + 46 * 100 >= 10,900 / 2
    if parallel.jobs() < 2:
        pytest.skip("one core here: the second process is not used")
    pids = parallel.split_map(lambda _x: os.getpid(), items)
    assert pids[0] == os.getpid() != pids[-1] and len(set(pids)) == 2


def test_a_failure_in_the_second_process_names_its_cause():
    with pytest.raises(parallel.ChildFailed, match="item 950 is bad"):
        parallel.split_map(_fails_late, list(range(1000)))


def test_one_process_when_asked(monkeypatch):
    monkeypatch.setenv("KB_JOBS", "1")
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


def test_validation_in_two_processes_matches_one(tmp_path, monkeypatch):
    data = tmp_path / "data"
    synthetic.write(100, data)
    broken = {"cases": "bogus: 1\n", "sources": "title: [unclosed\n", "places": "note: FILL IN\n"}
    for folder, tail in broken.items():
        for path in sorted((data / folder).glob("*.yml"))[::7]:
            path.write_text(path.read_text(encoding="utf-8") + tail, encoding="utf-8")
    two = validate.check(data)
    monkeypatch.setenv("KB_JOBS", "1")
    one = validate.check(data)
    assert len(two[1]) > 20
    assert [str(p) for p in two[1]] == [str(p) for p in one[1]]
    assert {t: {i: r.data for i, r in by.items()} for t, by in two[0].items()} == \
        {t: {i: r.data for i, r in by.items()} for t, by in one[0].items()}
