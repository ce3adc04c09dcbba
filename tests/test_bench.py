"""The benchmark's inputs are sound, and the speed-ups change nothing a reader or maintainer sees.

No timings here: scripts/bench.py measures; these tests check that its synthetic data is valid
data that builds into the pages a reader would get, and that the fast date reader agrees with
the edtf package on every form it takes over.
"""
import itertools
from pathlib import Path
import random
import sys

from macros.kb.data import dates
from macros.kb.data import validate

from .conftest import ROOT, Site, run_build

sys.path.insert(0, str(ROOT / "scripts"))
import synthetic  # noqa: E402


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


def _outcome(fn, text, part):
    try:
        return fn(text, part)
    except dates.DateError as exc:
        return ("error", str(exc))


def test_fast_date_reader_agrees_with_edtf():
    years, months = ["2012", "2013", "1000", "XXXX", "0999"], [None, "01", "02", "12", "13", "00"]
    days, quals = [None, "01", "28", "29", "30", "31", "00"], ["", "~", "?", "%"]
    points = [y + (f"-{m}" if m else "") + (f"-{d}" if d else "") + q
              for y, m, d, q in itertools.product(years, months, days, quals) if m or not d]
    rnd = random.Random(7)
    pairs = [rnd.sample(points, 2) for _ in range(400)]
    texts = points + [f"{a}/{b}" for a, b in pairs] + [f"[{a}..{b}]" for a, b in pairs] + [
        f"{a}/.." for a, _b in pairs[:100]] + ["2012-02-08/2012-03-01", "[2012-02-08..2012-03-28]",
                                              "2012-02/2012-01", "[2012-03..2012-02]"]
    covered = 0
    for text in texts:
        for part in (None, "mid"):
            fast = dates._fast(text, part)
            if fast is None:
                continue
            covered += 1
            assert _outcome(lambda t, p: dates._checked(fast), text, part) == _outcome(
                dates._parse_edtf, text, part), text
    assert covered > 400


def test_fast_relative_links_match_posixpath():
    import posixpath

    from macros.kb.pages import render
    segments = ["", ".", "cases", "case-1", "a", "index.html", "x.json", "a.b", "..x", ".."]
    rnd = random.Random(3)
    for _ in range(20000):
        path, start = ("/".join(rnd.choice(segments) for _ in range(rnd.randint(1, 4)))
                       for _ in range(2))
        if path and start:
            assert render._relpath(path, start) == posixpath.relpath(path, start), (path, start)
    assert render.relative("cases/case-1.md", "places/x/") == "../../places/x/"
