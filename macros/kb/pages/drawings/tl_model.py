"""Input model and pure helpers of the SVG timelines: marks, texts, dates, text size.

Nothing here knows the knowledge base: views/figures.py maps its dates to `Mark`. A date is a tuple
(year, month, day) in which month and day may be None (a month or a year), and year is None
when the sources do not state it; such a mark never goes on a time axis.
"""
from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Mapping

from .numbers import num  # noqa: F401 - the drawings' one number format

YMD = tuple[int | None, int | None, int | None]
KINDS = ("point", "span", "from", "window")
ROLES = ("event", "deadline", "context", "case-span", "count")
PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}  # days of the month


@dataclass(frozen=True)
class Mark:
    """One thing to draw, linked to its entry in the list the drawing illustrates.

    kind: "point" (one date, of day, month or year precision; a month or year is drawn as the
    range it may fall in), "span" (lasted from `start` to `end`), "window" (one day somewhere
    between `start` and `end`), "from" (`start` or later, open end).
    role: "event", "deadline", "context" (a context event), "case-span" (a whole case) or
    "count" (a number of cases, drawn as a plain bar over its year).
    label: short text drawn beside the mark (shortened to fit); title: the full tooltip text.
    date_label: the date in words, drawn only on the year-not-stated track, which has no axis.
    href: the link target; "#<id>" when empty.
    """

    id: str
    label: str
    title: str
    start: YMD
    end: YMD | None = None
    kind: str = "point"
    approximate: bool = False
    uncertain: bool = False
    part: str | None = None
    role: str = "event"
    href: str = ""
    date_label: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.id}: kind must be one of {KINDS}")
        if self.role not in ROLES:
            raise ValueError(f"{self.id}: role must be one of {ROLES}")
        if (self.end is None) != (self.kind not in ("span", "window")):
            raise ValueError(f"{self.id}: a span or window needs `end`, other kinds none")
        if self.part is not None and (self.part not in PARTS or self.start[1] is None
                                      or self.start[2] is not None or self.kind != "point"):
            raise ValueError(f"{self.id}: part (early/mid/late) only refines a month point")
        if any(p is not None and p[1] is None and p[2] is not None for p in (self.start, self.end)):
            raise ValueError(f"{self.id}: a day needs its month")
        if self.end is not None and (self.end[0] is None) != (self.start[0] is None):
            raise ValueError(f"{self.id}: both ends must give the year, or neither")
        if self.end is not None and self.year_known and self.extent()[0] >= self.extent()[1]:
            raise ValueError(f"{self.id}: the end is before the start")

    @property
    def year_known(self) -> bool:
        return self.start[0] is not None

    @property
    def link(self) -> str:
        return self.href or f"#{self.id}"

    @property
    def approximate_or_uncertain(self) -> bool:
        return self.approximate or self.uncertain

    @property
    def unsure(self) -> bool:
        """Not one exact day or exact days: approximate, uncertain, open-ended, a window, or
        an end known only to the month or year (drawn dashed or fading)."""
        return (self.approximate_or_uncertain or self.kind in ("window", "from")
                or self.start[2] is None or (self.end is not None and self.end[2] is None))

    def extent(self) -> tuple[int, int]:
        """Day numbers (proleptic ordinals) [lo, hi) of every day a dated mark may cover; for
        "from", up to the end of its start (the open end is drawn beyond it)."""
        last = self.end if self.kind in ("span", "window") else self.start
        return first_day(self.start, self.part), last_day(last, self.part) + 1

    def solid(self) -> tuple[int, int]:
        """For a span, the days [a, b) it surely covers: when an end is only a month, the
        span may begin (or end) anywhere in that month, which is drawn fading."""
        lo, hi = self.extent()
        a = lo if self.start[2] is not None else last_day(self.start, None) + 1
        b = hi if self.end[2] is not None else first_day(self.end, None)
        return (a, b) if a <= b else ((a + b) // 2, (a + b) // 2)


def first_day(p: YMD, part: str | None) -> int:
    """The ordinal of the earliest day a dated (year, month, day) may stand for."""
    year, month, day = p
    if month is None:
        return dt.date(year, 1, 1).toordinal()
    if day is None:
        day = PARTS[part][0] if part else 1
    return dt.date(year, month, day).toordinal()


def last_day(p: YMD, part: str | None) -> int:
    """The ordinal of the latest day a dated (year, month, day) may stand for."""
    year, month, day = p
    if month is None:
        return dt.date(year, 12, 31).toordinal()
    if day is None:
        days_in_month = calendar.monthrange(year, month)[1]
        day = min(PARTS[part][1], days_in_month) if part else days_in_month
    return dt.date(year, month, day).toordinal()


# Every string and label formatter the drawing shows; `texts` passed by a caller overrides these.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DEFAULT_TEXTS: dict[str, str | Callable] = {
    "title": "Timeline",
    "month_label": lambda year, month: MONTHS[month - 1],
    "year_label": str,
    "day_label": str,
    "year_not_stated": "Year not stated",
    "relative_note": "in the order the sources give, not to scale",
    "today": "today",
    "deadline": "deadline",
    "band_context": "Context",
    "band_cases": "Cases",
    "legend_point": "exact day",
    "legend_span": "lasted from first to last day",
    "legend_unsure": "dashed: one day somewhere in this range, or an approximate date",
    "legend_fade": "fading end: known only to the month, or open (“or later”)",
    "legend_deadline": "deadline",
    "legend_today": "today",
    "legend_context": "context event",
    "legend_case": "case, first to last event",
    "legend_count": "number of cases beginning that year",
}


def merged_texts(texts: Mapping[str, str | Callable] | None) -> dict[str, str | Callable]:
    """The default texts overridden by `texts`; an unknown key is a ValueError (a typo)."""
    unknown = sorted(set(texts or ()) - set(DEFAULT_TEXTS))
    if unknown:
        raise ValueError(f"unknown timeline text keys: {', '.join(unknown)}")
    return {**DEFAULT_TEXTS, **(texts or {})}


_NARROW = frozenset("ijlrtf.,:;'!|()[] ")


@lru_cache(maxsize=4096)
def _em(ch: str) -> float:
    """The estimated advance of one character, in em, of a sans-serif font."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch in _NARROW:
        return 0.3
    if ch in "mwMW":
        return 0.85
    return 0.68 if ch.isupper() else 0.56


def text_width(text: str, size: float) -> float:
    """An estimate of the width of `text` in a sans-serif font of `size` user units."""
    return sum(map(_em, text)) * size


@lru_cache(maxsize=4096)
def fit(text: str, width: float, size: float) -> str:
    """`text`, shortened at a word (or character) boundary with an ellipsis to fit `width`."""
    text = " ".join(text.split())
    if text_width(text, size) <= width:
        return text
    budget, used, n = width / size - _em("…"), 0.0, 0
    for ch in text:
        used += _em(ch)
        if used > budget:
            break
        n += 1
    cut = text[:n]
    words = cut.rsplit(" ", 1)[0] if " " in cut else cut
    shortened = words if len(words) >= len(cut) * 0.6 else cut
    return shortened.rstrip(" ,;:.–-") + "…" if shortened else ""
