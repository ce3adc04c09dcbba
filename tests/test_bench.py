"""The benchmark's inputs are sound, and the speed-ups change nothing a reader or maintainer sees.

No timings here: scripts/bench.py measures; these tests check that its synthetic data is valid
data that builds into the pages a reader would get.
"""
from pathlib import Path

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
