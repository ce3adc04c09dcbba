"""Every string a reader sees that does not come from the data, one catalogue per language.

Templates call `_(key, **values)`; the English catalogue `locales/en.yml` is the reference, and
a later edition adds `locales/ko.yml` or `locales/zh.yml` with the same keys. A key missing from
the English catalogue is an error, so a template cannot print a raw key.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from ..data.dates import KBDate, Point

LOCALES = Path(__file__).with_name("locales")
DEFAULT_LANG = "en"


@lru_cache(maxsize=None)
def catalogue(lang: str = DEFAULT_LANG) -> dict:
    path = LOCALES / f"{lang}.yml"
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _lookup(key: str, lang: str):
    for candidate in (lang, DEFAULT_LANG):
        node = catalogue(candidate)
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
            if node is None:
                break
        if node is not None:
            return node
    raise KeyError(f"no string '{key}' in locales/{DEFAULT_LANG}.yml")


def gettext(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The string for `key` in `lang` (English as fallback), with {placeholders} filled."""
    text = _lookup(key, lang)
    return text.format(**values) if values else text


def ngettext(key: str, count: int, lang: str = DEFAULT_LANG, **values) -> str:
    """A counted string: `key` holds `one` and `other` forms (a language without the
    distinction gives `other` alone); {count} and other placeholders are filled."""
    forms = _lookup(key, lang)
    text = forms["one"] if count == 1 and "one" in forms else forms["other"]
    return text.format(count=count, **values)


def text_of(value, lang: str = DEFAULT_LANG) -> str:
    """A data text field in `lang`, falling back to English."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get(DEFAULT_LANG, "")


def _point_words(p: Point, lang: str, with_year: bool = True, with_month: bool = True) -> str:
    months = _lookup("date.months", lang)
    fmt = _lookup("date.formats", lang)
    month = months[p.month - 1] if p.month else ""
    if p.day and with_month:
        key = "day" if with_year and p.year is not None else "day_no_year"
    elif p.day:
        key = "day_only"
    elif p.month:
        key = "month" if with_year and p.year is not None else "month_no_year"
    else:
        key = "year" if p.year is not None else "unknown"
    words = fmt[key].format(day=p.day, month=month, year=p.year)
    if p.approximate:
        words = gettext("date.approximate", lang, date=words)
    if p.uncertain:
        words = gettext("date.uncertain", lang, date=words)
    return words


def date_words_of_day(day, lang: str = DEFAULT_LANG) -> str:
    """A calendar day (datetime.date) in words."""
    return _point_words(Point(day.year, day.month, day.day), lang)


def date_words(d: KBDate, lang: str = DEFAULT_LANG) -> str:
    """Plain words for a date that claim no more precision than the EDTF string holds."""
    s, e = d.start, d.end
    if d.kind == "point":
        words = _point_words(s, lang)
        if d.part:
            words = gettext(f"date.part.{d.part}", lang, date=words)
    elif d.kind == "from":
        words = gettext("date.from", lang, date=_point_words(s, lang))
    else:
        plain = not (s.approximate or s.uncertain or e.approximate or e.uncertain)
        same_year = plain and s.year == e.year
        same_month = same_year and s.month == e.month and s.day and e.day
        start = _point_words(s, lang, with_year=not same_year, with_month=not same_month)
        end = _point_words(e, lang)
        words = gettext("date.span" if d.kind == "span" else "date.one_of", lang,
                        start=start, end=end)
    if not d.year_known and (s.month or s.day):
        words = gettext("date.no_year", lang, date=words)
    return words
