"""The benchmark's inputs are sound, and the speed-ups change nothing a reader or maintainer sees.

No timings here: scripts/bench.py measures; these tests check that its synthetic data is valid
data that builds into the pages a reader would get.
"""
from pathlib import Path

import pytest

from macros.kb.data import validate

from .conftest import ROOT, Site, run_build

import synthetic


def test_synthetic_data_validates_and_builds(tmp_path):
    data = tmp_path / "data"
    counts = synthetic.write(5, data)
    assert counts["cases"] == 5
    records, problems = validate.check(data)
    assert problems == []
    case = records["cases"]["case-00001"].data
    assert 6 <= len(case.timeline) <= 10
    assert case.public_persons == []  # people at risk only as counts
    assert all(a.addressees for a in case.appeals)
    precisions = {e.date.edtf.count("-") for c in records["cases"].values()
                  for e in c.data.timeline}
    assert len(precisions) > 1  # days, months and years

    result = run_build(tmp_path / "site", data_dir=data)
    assert result.returncode == 0, result.stderr
    site = Site(tmp_path / "site")
    article = site.article("cases/case-00001/")
    events = article.select("ol.kb-timeline > li")
    assert len(events) == len(case.timeline)
    assert article.select(".kb-appeal .kb-letter")  # one letter per addressee
    rows = site.soup("cases/").select("table.kb-case-table tbody tr")
    assert len(rows) == 5


def test_the_disk_probe_times_a_page_written_and_leaves_nothing(tmp_path):
    """benchcold.making_ms: what the disk alone costs a page, printed beside the cold build."""
    import benchcold

    ms = benchcold.making_ms(tmp_path, pages=20)
    assert 0 < ms < 10_000
    assert list(tmp_path.iterdir()) == []


def test_the_test_tiers_figures_are_read_from_pytest_and_proc_stat():
    """benchtests.py (`bench.py --tests`): pytest's summary line, with or without its rows of
    "=", and the cores' busy share between two readings of /proc/stat."""
    import benchtests

    quiet = "....s.\n636 passed, 1 skipped in 123.14s (0:02:03)\n"
    framed = ("SKIPPED [1] tests/test_maps.py:130: not installed\n"
              "=========== 1 failed, 712 passed, 1 skipped in 313.03s (0:05:13) ===========\n")
    assert benchtests.pytest_summary(quiet) == ("636 passed, 1 skipped", 123.14)
    assert benchtests.pytest_summary(framed) == ("1 failed, 712 passed, 1 skipped", 313.03)
    assert benchtests.pytest_summary("collected 0 items\n") is None

    # user nice system idle iowait irq softirq steal guest guest_nice
    line = "cpu  108580 2131 23526 408049 1137 0 222 429 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n"
    assert benchtests.cpu_ticks(line) == (544074, 409186)
    assert benchtests.busy_core_seconds((1000, 400), (1200, 450), 1.0, 2) == 1.5

    runs = [{"wall": 64.0, "pytest": 61.5, "counts": "636 passed, 1 skipped", "busy": 120.0,
             "cores": 2},
            {"wall": 60.0, "pytest": 58.5, "counts": "636 passed, 1 skipped", "busy": 114.0,
             "cores": 2}]
    assert benchtests.report({"quick": {"runs": runs, "seconds": 60.0}}) == (
        "quick tier: 60.0 s in pytest, median of 2 [61.5, 58.5] (NOT met: target 60 s); "
        "62.0 s with the set-up; 636 passed, 1 skipped; cores busy 94% to 95% of the time "
        "(120, 114 core-seconds on 2)")


def test_an_unknown_tier_is_refused_before_anything_runs(tmp_path):
    import benchtests

    with pytest.raises(SystemExit, match="no tier fast .the tiers: quick, all."):
        benchtests.measure(tmp_path, {}, 1, ["quick", "fast"])
