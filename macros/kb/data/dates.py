"""Dates as the sources give them: EDTF in, a sort key and honest plain words out.

The notation is the Library of Congress Extended Date/Time Format (EDTF), parsed by the `edtf`
package. The project accepts this subset of it, which covers every form the sources need:

    2012-02-08   2012-02   2012            a day, a month, a year
    2012-02-20~  2012-02-20?  2012-02-20%  approximate, uncertain, both
    XXXX-08  XXXX-07-15  XXXX              the source gives no year
    2000-06-01/2000-06-25                  a span of time
    2015-11/..                             that date or later (open end)
    [2012-02-08..2012-03-28]               one day somewhere in that window

A date may also carry `part` (early, mid, late) when the source says "early August": EDTF has
no notation for that, and widening it to a whole month would lose what the source says while
narrowing it to days would claim more than it says.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

PARTS = ("early", "mid", "late")
UNKNOWN_YEAR = 99999  # sorts dates with no year after every dated one


class DateError(ValueError):
    """A date string that is not in the accepted EDTF subset."""


@dataclass(frozen=True)
class Point:
    """One calendar point of known precision; year None when the source gives none."""

    year: int | None
    month: int | None
    day: int | None
    approximate: bool = False
    uncertain: bool = False

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.year if self.year is not None else UNKNOWN_YEAR, self.month or 0, self.day or 0)

    @property
    def iso(self) -> str | None:
        """The ISO 8601 form for <time datetime>, only when the year is known."""
        if self.year is None:
            return None
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


def _point(obj) -> Point:
    from edtf.parser import parser_classes as pc
    approximate = uncertain = False
    if isinstance(obj, pc.UncertainOrApproximate):
        approximate = obj._is_approximate or obj._uncertain_and_approximate
        uncertain = obj._is_uncertain or obj._uncertain_and_approximate
        obj = obj.date
    if not isinstance(obj, pc.Date) or getattr(obj, "significant_digits", None):
        raise DateError(f"'{obj}' is not a plain year, month or day")
    if isinstance(obj, pc.PartialUnspecified):
        approximate = approximate or bool(obj._is_approximate or obj._uncertain_and_approximate)
        uncertain = uncertain or bool(obj._is_uncertain or obj._uncertain_and_approximate)
    year_s, month_s, day_s = obj._year, obj._month, obj._day
    if year_s == "XXXX":
        year = None
    elif year_s.isdigit():
        year = int(year_s)
    else:
        raise DateError(f"year '{year_s}' must be four digits or XXXX")
    for name, value in (("month", month_s), ("day", day_s)):
        if value is not None and not value.isdigit():
            raise DateError(f"{name} '{value}' must be digits")
    return Point(year, int(month_s) if month_s else None, int(day_s) if day_s else None,
                 approximate, uncertain)


@dataclass(frozen=True)
class KBDate:
    """A parsed date: a point, a span (start/end), an open span, or one day in a window."""

    text: str
    kind: str  # "point" | "span" | "from" | "one-of"
    start: Point
    end: Point | None = None
    part: str | None = None

    @property
    def sort_key(self) -> tuple:
        part_rank = PARTS.index(self.part) + 1 if self.part else 0
        end = self.end.key if self.end else self.start.key
        return (*self.start.key, part_rank, *end)

    @property
    def year_known(self) -> bool:
        return self.start.year is not None

    @property
    def year(self) -> int | None:
        return self.start.year

    @property
    def iso(self) -> str | None:
        """A value for <time datetime>, or None when it would claim a known year we lack."""
        if self.kind == "point" and not self.part and not self.start.uncertain:
            return self.start.iso
        return None

    @property
    def is_exact_day(self) -> bool:
        s = self.start
        return self.kind == "point" and s.day is not None and not (s.approximate or s.uncertain)

    def bounds(self) -> tuple[tuple, tuple]:
        """Earliest and latest (year, month, day) the date may stand for, for range checks."""
        lo = self.start.key
        hi_point = self.end or self.start
        if self.kind == "from":
            return lo, (UNKNOWN_YEAR, 12, 31)
        y, m, d = hi_point.key
        return lo, (y, m or 12, d or 31)

    def last_day(self) -> dt.date | None:
        """The last calendar day the date may stand for (31 March 2012 for 2012-03), or None
        when it has no year or no end (a deadline of that kind cannot be compared with a day)."""
        _lo, (y, m, d) = self.bounds()
        if y >= UNKNOWN_YEAR:
            return None
        return dt.date(y, m, min(d, calendar.monthrange(y, m)[1]))


def parse(text: str, part: str | None = None) -> KBDate:
    """Parse one EDTF string of the accepted subset; raise DateError with a reason."""
    return _parse(text, part)  # one cache entry whether or not `part` is passed


@lru_cache(maxsize=65536)
def _parse(text: str, part: str | None) -> KBDate:
    if not isinstance(text, str) or not text.strip():
        raise DateError("a date must be a non-empty EDTF string such as 2012-02-08")
    text = text.strip()
    if part is not None and part not in PARTS:
        raise DateError(f"part must be one of {', '.join(PARTS)}")
    fast = _fast(text, part)
    return _checked(fast) if fast is not None else _parse_edtf(text, part)


# The common forms are read with a regular expression: the edtf package's parser takes
# milliseconds per date, which dominated validation at scale. Anything the expression does not
# cover exactly (other years, impossible days, qualifiers where edtf refuses them) goes to edtf;
# tests/test_bench.py checks that both ways agree on every form.
_FAST_POINT = re.compile(r"(?:([12][0-9]{3})|XXXX)(?:-([0-9]{2})(?:-([0-9]{2}))?)?([~?%]?)")


def _fast_point(value: str, qualified: bool = True) -> Point | None:
    match = _FAST_POINT.fullmatch(value)
    if not match:
        return None
    year_s, month_s, day_s, qual = match.groups()
    year = int(year_s) if year_s else None
    month = int(month_s) if month_s else None
    day = int(day_s) if day_s else None
    if qual and (year is None or not qualified):
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= calendar.monthrange(year or 2001, month)[1]:
        return None
    return Point(year, month, day, qual in ("~", "%"), qual in ("?", "%"))


def _fast(text: str, part: str | None) -> KBDate | None:
    """The KBDate edtf would give for a common form, or None to ask edtf."""
    if text.startswith("[") and text.endswith("]"):
        low, sep, high = text[1:-1].partition("..")
        start, end = _fast_point(low, False), _fast_point(high, False)
        if (sep and start and end and start.year is not None and end.year is not None
                and (start.month is None) == (end.month is None)
                and (start.day is None) == (end.day is None)):  # edtf: same precision
            return KBDate(text, "one-of", start, end, part)
        return None
    if text.endswith("/.."):
        start = _fast_point(text[:-3])
        return KBDate(text, "from", start, part=part) if start and start.year else None
    low, sep, high = text.partition("/")
    if sep:  # both years given, or neither (XXXX-07-15/XXXX-07-17)
        start, end = _fast_point(low), _fast_point(high)
        if start and end and (start.year is None) == (end.year is None):
            return KBDate(text, "span", start, end, part)
        return None
    point = _fast_point(text)
    return KBDate(text, "point", point, None, part) if point else None


def _parse_edtf(text: str, part: str | None) -> KBDate:
    """Any form through the edtf package's parser, imported only here: its grammar takes
    0.15 s to import, in every build and every worker, and the real data's dates are all of
    the common forms."""
    import edtf
    from edtf.parser import parser_classes as pc
    if "/.." in text and text.endswith(".."):  # edtf cannot give bounds of an open interval
        try:
            obj = edtf.parse_edtf(text)
        except Exception as exc:  # edtf raises its own exception type
            raise DateError(f"'{text}' is not a valid EDTF date") from exc
        start = _point(obj.lower)
        return _checked(KBDate(text, "from", start, part=part))
    try:
        obj = edtf.parse_edtf(text)
    except Exception as exc:
        raise DateError(f"'{text}' is not a valid EDTF date (for example 2012-02-08, "
                        "2012-02, XXXX-07-15/XXXX-07-17)") from exc
    if isinstance(obj, pc.Interval):
        if isinstance(obj.lower, pc.UnspecifiedIntervalSection) or isinstance(
                obj.upper, pc.UnspecifiedIntervalSection):
            raise DateError(f"'{text}': an interval needs a known start; use START/.. for an open end")
        result = KBDate(text, "span", _point(obj.lower), _point(obj.upper), part)
    elif isinstance(obj, pc.OneOfASet):
        items = obj.objects
        if len(items) != 1 or not isinstance(items[0], pc.Consecutives):
            raise DateError(f"'{text}': only a single window [A..B] is supported")
        result = KBDate(text, "one-of", _point(items[0].lower), _point(items[0].upper), part)
    else:
        result = KBDate(text, "point", _point(obj), None, part)
    return _checked(result)


def _checked(d: KBDate) -> KBDate:
    if d.part and (d.kind != "point" or d.start.month is None or d.start.day is not None):
        raise DateError(f"'{d.text}': part (early/mid/late) only refines a month, such as XXXX-08")
    if d.end is not None:
        if (d.start.year is None) != (d.end.year is None):
            raise DateError(f"'{d.text}': both ends must give the year, or neither")
        if d.end.key < d.start.key:
            raise DateError(f"'{d.text}': the end is before the start")
    return d
