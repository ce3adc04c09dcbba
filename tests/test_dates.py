"""EDTF dates: what is accepted, how they sort, and the words a reader sees."""
import itertools
import random

import pytest

from macros.kb.data import dates
from macros.kb.common.i18n import date_words


@pytest.mark.parametrize("edtf, part, words", [
    ("2012-02-08", None, "8 February 2012"),
    ("2012-02", None, "February 2012"),
    ("2000", None, "2000"),
    ("2012-02-20~", None, "around 20 February 2012"),
    ("2012-02-20?", None, "20 February 2012 (uncertain)"),
    ("2012-02-20%", None, "around 20 February 2012 (uncertain)"),
    ("2000-06-01/2000-06-25", None, "1 – 25 June 2000"),
    ("2011-12/2012-01", None, "December 2011 – January 2012"),
    ("XXXX-07-15/XXXX-07-17", None, "15 – 17 July (year not stated)"),
    ("XXXX-08", "early", "early August (year not stated)"),
    ("XXXX", None, "date not stated"),
    ("2015-11/..", None, "November 2015 or later"),
    ("[2012-02-08..2012-03-28]", None, "between 8 February and 28 March 2012"),
])
def test_words_never_claim_more_than_the_source(edtf, part, words):
    assert date_words(dates.parse(edtf, part)) == words


@pytest.mark.parametrize("bad", ["2012-02-31", "2012-13", "yesterday", "", "12/02/2012",
                                 "2012-03-01/2012-02-01", "XXXX-07-15/2012-07-17"])
def test_impossible_or_unparseable_dates_are_refused(bad):
    with pytest.raises(dates.DateError):
        dates.parse(bad)


def test_part_only_refines_a_month():
    with pytest.raises(dates.DateError):
        dates.parse("2012-08-05", "early")
    with pytest.raises(dates.DateError):
        dates.parse("2012-08", "soon")


def test_sorting_puts_unknown_years_last_and_keeps_month_order():
    texts = ["XXXX-08", "2012-02-08", "2000", "XXXX-07-15/XXXX-07-17", "2000-06-01/2000-06-25",
             "2015-11/..", "2011-12"]
    ordered = sorted(texts, key=lambda t: dates.parse(t).sort_key)
    assert ordered == ["2000", "2000-06-01/2000-06-25", "2011-12", "2012-02-08", "2015-11/..",
                       "XXXX-07-15/XXXX-07-17", "XXXX-08"]


def test_early_mid_late_sort_within_the_month():
    keys = [dates.parse("XXXX-08", p).sort_key for p in ("late", None, "early", "mid")]
    assert sorted(keys) == [keys[1], keys[2], keys[3], keys[0]]


def test_machine_readable_date_only_when_exact_enough():
    assert dates.parse("2012-02-08").iso == "2012-02-08"
    assert dates.parse("2012-02").iso == "2012-02"
    assert dates.parse("XXXX-08").iso is None
    assert dates.parse("2012-02-20?").iso is None
    assert dates.parse("[2012-02-08..2012-03-28]").iso is None


def test_bounds_cover_the_whole_period():
    assert dates.parse("2012-02").bounds() == ((2012, 2, 0), (2012, 2, 31))
    lo, hi = dates.parse("2015-11/..").bounds()
    assert lo == (2015, 11, 0) and hi[0] > 9999


def test_the_last_day_a_deadline_stands_for():
    import datetime as dt
    assert dates.parse("2012-03-28").last_day() == dt.date(2012, 3, 28)
    assert dates.parse("2012-02").last_day() == dt.date(2012, 2, 29)
    assert dates.parse("2000").last_day() == dt.date(2000, 12, 31)
    assert dates.parse("[2012-02-08..2012-03-28]").last_day() == dt.date(2012, 3, 28)
    assert dates.parse("XXXX-07-19").last_day() is None
    assert dates.parse("2015-11/..").last_day() is None


def _outcome(fn, text, part):
    try:
        return fn(text, part)
    except dates.DateError as exc:
        return ("error", str(exc))


def test_fast_date_reader_agrees_with_edtf():
    """dates.py reads the common forms with a regular expression (the edtf package takes
    milliseconds a date); whatever it reads, it reads as edtf does."""
    years, months = ["2012", "2013", "1000", "XXXX", "0999"], [None, "01", "02", "12", "13", "00"]
    days, quals = [None, "01", "28", "29", "30", "31", "00"], ["", "~", "?", "%"]
    rnd = random.Random(7)  # a sample of every combination: edtf takes milliseconds a date
    points = rnd.sample([y + (f"-{m}" if m else "") + (f"-{d}" if d else "") + q
                         for y, m, d, q in itertools.product(years, months, days, quals)
                         if m or not d], 160)
    pairs = [rnd.sample(points, 2) for _ in range(100)]
    texts = points + [f"{a}/{b}" for a, b in pairs] + [f"[{a}..{b}]" for a, b in pairs] + [
        f"{a}/.." for a, _b in pairs[:50]] + ["2012-02-08/2012-03-01", "[2012-02-08..2012-03-28]",
                                             "2012-02/2012-01", "[2012-03..2012-02]",
                                             "XXXX-07-15/XXXX-07-17", "XXXX-07-15/XXXX-08",
                                             "XXXX-07/XXXX-06", "XXXX/XXXX", "XXXX-07-15/2012-08",
                                             "XXXX-02-29/XXXX-03-01", "XXXX-07-15~/XXXX-07-17"]
    covered = 0
    for text in texts:
        for part in (None, "mid") if text.count("-") == 1 else (None,):
            fast = dates._fast(text, part)
            if fast is None:
                continue
            covered += 1
            assert _outcome(lambda t, p: dates._checked(fast), text, part) == _outcome(
                dates._parse_edtf, text, part), text
    assert covered > 80
