"""Every string a reader sees that does not come from the data, in each edition's language.

Templates call `_(key, **values)` and `n_(key, count)`; the English strings
`pages/locales/en.yml` are the reference, and `pages/locales/ko.po` and `pages/locales/zh.po`
translate them (catalogues.py): a language's catalogue is the English tree with every current
translation laid over it, so a string not yet translated reads in English rather than as a raw
key. A key missing from the English strings is an error. Which plural form a count takes is
CLDR's rule for the language (Babel); month names are CLDR's too.
"""
from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal

from ..data.dates import KBDate, Point
from ..data.fields import PublishedText
from ..data.languages import DEFAULT as DEFAULT_LANG
from ..data.languages import babel_locale
from . import catalogues


@lru_cache(maxsize=None)
def catalogue(lang: str = DEFAULT_LANG) -> dict:
    tree = catalogues.english()
    if lang == DEFAULT_LANG:
        return tree
    for key, text in catalogues.strings(lang).items():
        *parents, last = key.split(".")
        node = tree
        for part in parents:
            node = node.setdefault(part, {})
        if isinstance(text, tuple):  # Korean and Chinese: one form, whatever the count
            node[last] = {form: text[0] for form in node.get(last, {"other": ""})}
        else:
            node[last] = text
    # CLDR's month names as the language writes them in a date (2월, 2月)
    tree["date"]["months"] = [str(m) for _, m in sorted(
        _locale(lang).months["format"]["abbreviated"].items())]
    return tree


@lru_cache(maxsize=None)
def _year_first(lang: str) -> bool:
    """Whether the language writes a date year first (2012년 2월 8일): CLDR's long date."""
    return _locale(lang).date_formats["long"].pattern.lstrip("'").startswith("y")


@lru_cache(maxsize=None)
def _locale(lang: str) -> Locale:
    return Locale.parse(babel_locale(lang))


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
    text = forms.get(_locale(lang).plural_form(count)) or forms["other"]
    return text.format(count=count, **values)


def number(value: int, lang: str = DEFAULT_LANG) -> str:
    """A whole number written the language's way (1,076)."""
    return format_decimal(value, locale=_locale(lang))


def language_name(code: str, lang: str = DEFAULT_LANG) -> str:
    """A document's language, named in the page's language (CLDR through Babel)."""
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(_locale(lang)) or code
    except (ValueError, LookupError):
        return code


def text_of(value, lang: str = DEFAULT_LANG) -> str:
    """A data text field in `lang`, falling back to English."""
    return localized(value, lang)[0]


class Untranslated:
    """Counts the texts of the page being rendered that are shown in English because they
    are not yet translated (a process renders one page at a time): the page then says so."""

    count = 0

    @classmethod
    def reset(cls) -> None:
        cls.count = 0


def localized(value, lang: str = DEFAULT_LANG) -> tuple[str, bool]:
    """A data text field in `lang`, and whether it fell back to English (not yet translated),
    so that the page can mark it lang="en" and say so (Untranslated counts it)."""
    if value is None:
        return "", False
    if isinstance(value, str):
        return value, False
    text = value.get(lang)
    if text or lang == DEFAULT_LANG:
        return text or value.get(DEFAULT_LANG, ""), False
    if not isinstance(value, PublishedText):  # printed in English: nothing to translate
        Untranslated.count += 1
    return value.get(DEFAULT_LANG, ""), True


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


@lru_cache(maxsize=None)
def month_abbr(month: int, lang: str = DEFAULT_LANG) -> str:
    """A month's short name as the language writes it on a drawing's axis (Feb, 2월, 2月):
    CLDR's abbreviated month."""
    return _locale(lang).months["format"]["abbreviated"][month]


def date_words(d: KBDate, lang: str = DEFAULT_LANG, say_no_year: bool = True) -> str:
    """Plain words for a date that claim no more precision than the EDTF string holds;
    say_no_year=False leaves out "(year not stated)" where the context says it already."""
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
        if _year_first(lang):  # 2000년 6월 1일 – 25일: what both share is said first
            start = _point_words(s, lang)
            end = _point_words(e, lang, with_year=not same_year, with_month=not same_month)
        else:  # 1–25 June 2000: what both share is said last
            start = _point_words(s, lang, with_year=not same_year, with_month=not same_month)
            end = _point_words(e, lang)
        words = gettext("date.span" if d.kind == "span" else "date.one_of", lang,
                        start=start, end=end)
    if say_no_year and not d.year_known and (s.month or s.day):
        words = gettext("date.no_year", lang, date=words)
    return words
