"""APA and Chicago renderings of the site's two kinds of CSL-JSON item: a web page whose author
is the site itself (literal name), with a title, a URL, an access date and maybe an issue date;
and a source document (`report`: an organisation's Urgent Action, press release or letter, with
its genre, its document index and its year where printed).

Why not citeproc-py at build time: it takes about 40 ms per entry and style, which is minutes
for thousands of cases. These two small writers follow the same CSL styles (apa.csl and
chicago-notes-bibliography.csl) for this one item shape, and tests/test_citations.py checks
them against citeproc-py for every citable record in the data. Where
citeproc-py 0.11 breaks the style's own rules, these follow the style: no doubled
punctuation after a title ending in ? or !, Chicago's period inside the closing quotes (double
and single), and a quoted word capitalised at its first letter.
"""
from __future__ import annotations

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# CSL's English stop words for title case (the CSL 1.0.2 specification, "Title case")
STOP_WORDS = frozenset("a an and as at but by down for from in into nor of on onto or over so "
                       "the till to up via with yet".split())


_OPENING = "\"'“‘"  # the quotes that may stand before a word's first letter
_CLOSING = "\"'”’"  # and after its last


def title_case(text: str) -> str:
    """CSL title case: lower-case words become capitalised, stop words stay lower-case except
    first and after a colon or full stop; words with capitals are left as written. A word
    after an opening quote is capitalised at its first letter ("economic →
    "Economic; citeproc-py 0.11 takes the quote for the letter and leaves it lower-case)."""
    out, prev = [], ":"
    for word in text.split(" "):
        core = word.lstrip(_OPENING)
        if core.islower() and (core.rstrip(_CLOSING) not in STOP_WORDS or prev in ":."):
            cut = len(word) - len(core)
            word = word[:cut] + core[0].upper() + core[1:]
        if word:
            prev = word[-1]
        out.append(word)
    return " ".join(out)


def _end(text: str, mark: str = ".") -> str:
    """text followed by `mark`, unless it already ends with a terminal mark."""
    return text if text.endswith((".", "?", "!")) else text + mark


def _inner_quotes(text: str) -> str:
    """Double quotes inside a quoted title become single quotes."""
    out, opening = [], True
    for ch in text.replace("“", '"').replace("”", '"'):
        if ch == '"':
            out.append("‘" if opening else "’")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def _parts(csl: dict, key: str) -> list[int]:
    return list((csl.get(key) or {}).get("date-parts", [[]])[0])


# The Korean and Chinese editions write the styles' dates their own way (2026년 12월 5일,
# 2026年12月5日) and their few words ("n.d.", "Retrieved", "Accessed") in their language; the
# styles' order and punctuation stay as the CSL styles give them.
_CJK_DATE = {"ko": ("년", "월", "일", " "), "zh": ("年", "月", "日", "")}
WORDS = {
    "en": {"nd": "n.d.", "retrieved": "Retrieved {date}, from {url}", "accessed": "Accessed {date}"},
    "ko": {"nd": "날짜 표기 없음", "retrieved": "{date} 검색, {url}", "accessed": "{date} 접속"},
    "zh": {"nd": "未注明日期", "retrieved": "检索于{date}，{url}", "accessed": "访问于{date}"},
}


def _cjk_date(parts: list[int], lang: str) -> str:
    year, month, day, gap = _CJK_DATE[lang]
    y, m, d = (parts + [None, None])[:3]
    out = f"{y}{year}"
    if m:
        out += f"{gap}{m}{month}"
        if d:
            out += f"{gap}{d}{day}"
    return out


def _month_day_year(parts: list[int], lang: str = "en") -> str:
    if lang in _CJK_DATE:
        return _cjk_date(parts, lang)
    y, m, d = (parts + [None, None])[:3]
    if m and d:
        return f"{MONTHS[m - 1]} {d}, {y}"
    return f"{MONTHS[m - 1]} {y}" if m else str(y)


def _apa_date(parts: list[int], lang: str) -> str:
    """APA's date in parentheses: "2026, December 5" (or the edition's date), "n.d." if none."""
    if not parts:
        return WORDS.get(lang, WORDS["en"])["nd"]
    if lang in _CJK_DATE:
        return _cjk_date(parts, lang)
    y, m, d = (parts + [None, None])[:3]
    return f"{y}, {MONTHS[m - 1]} {d}" if m and d else (f"{y}, {MONTHS[m - 1]}" if m else str(y))


def apa(csl: dict, lang: str = "en") -> str:
    """APA 7 reference for a web page by a group author that is also the site."""
    author = csl["author"][0]["literal"]
    issued, accessed = _parts(csl, "issued"), _parts(csl, "accessed")
    if issued:
        return f"{_end(author)} ({_apa_date(issued, lang)}). {_end(csl['title'])} {csl['URL']}"
    retrieved = WORDS.get(lang, WORDS["en"])["retrieved"].format(
        date=_month_day_year(accessed, lang), url=csl["URL"])
    return f"{_end(author)} ({_apa_date([], lang)}). {_end(csl['title'])} {retrieved}"


def chicago(csl: dict, lang: str = "en") -> str:
    """Chicago (17th ed., notes and bibliography) bibliography entry for the same item."""
    author = csl["author"][0]["literal"]
    title = _inner_quotes(title_case(csl["title"]))
    # the period goes inside a closing single quote too (Chicago 6.9): ‘Economic Migrants.’”
    title = _end(title[:-1]) + "’" if title.endswith("’") else _end(title)
    issued = _parts(csl, "issued")
    when = _month_day_year(issued, lang) if issued else WORDS.get(lang, WORDS["en"])[
        "accessed"].format(date=_month_day_year(_parts(csl, "accessed"), lang))
    return f"{_end(author)} “{title}” {when}. {_end(csl['URL'])}"


def _genre_number(csl: dict) -> str:
    return " ".join(x for x in (csl.get("genre"), csl.get("number")) if x)


def apa_report(csl: dict, lang: str = "en") -> str:
    """APA 7 reference for a document an organisation published (CSL type report)."""
    author = csl["author"][0]["literal"]
    when = _apa_date(_parts(csl, "issued"), lang)
    title = csl["title"]
    if csl.get("number"):
        title = f"{title} ({_genre_number(csl)})"
    elif csl.get("genre"):
        title = f"{title} [{csl['genre']}]"
    out = f"{_end(author)} ({when}). {_end(title)} {_end(csl['publisher'])}"
    return f"{out} {csl['URL']}" if csl.get("URL") else out


def chicago_report(csl: dict, lang: str = "en") -> str:
    """Chicago (17th ed., notes and bibliography) entry for the same document."""
    author = csl["author"][0]["literal"]
    issued = _parts(csl, "issued")
    parts = [_end(author), _end(title_case(csl["title"]))]
    if csl.get("genre") or csl.get("number"):
        parts.append(_end(_genre_number(csl)))
    when = ((_month_day_year(issued, lang) if csl.get("URL") else _month_day_year(issued[:1], lang))
            if issued else WORDS.get(lang, WORDS["en"])["nd"])
    parts.append(_end(f"{csl['publisher']}, {when}"))
    if csl.get("URL"):
        parts.append(_end(csl["URL"]))
    return " ".join(parts)
