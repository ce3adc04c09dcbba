"""What each generated page tells the site search (Pagefind, kb/search.py): whether it is
indexed, its record type (shown in results), and for a case its filter values; and what the
search dialog of each edition knows of its readers' words (dialog_words).

Filter values are the labels a reader sees (Pagefind returns them to the search box as they
are): the status in words, years ("Year not stated" when the source gives none), place and
principle names. They travel in each page's metadata as `kb_search`, printed by
overrides/main.html as data-pagefind-meta and data-pagefind-filter tags.
"""
from __future__ import annotations

import json
import unicodedata
from functools import lru_cache

import yaml

from ...resolve import Record
from ...common import editions, i18n, urls
from ...common.catalogues import LOCALES
from .common import Context
from .listings import UNKNOWN, years_of

NOT_INDEXED = {"index": False}  # lists of records, the timeline, the field reference


def type_label(rtype: str, lang: str = i18n.DEFAULT_LANG) -> str:
    return i18n.gettext(f"types.{rtype}.one", lang)


def record_fields(ctx: Context, rec: Record) -> dict:
    """Indexed, with its type and, for a case, its status, years, places and principles."""
    lang = ctx.lang
    label = type_label(rec.type, lang)
    filters: dict[str, list[str]] = {"type": [label]}
    if rec.type == "cases":
        case = rec.data
        filters["status"] = [i18n.gettext(f"status.{case.status}", lang)]
        filters["year"] = [i18n.gettext("date.year_not_stated", lang) if y == UNKNOWN else y
                           for y in years_of(case.period.parsed)]
        filters["place"] = list(dict.fromkeys(ctx.title("places", p.place)
                                              for p in case.places))
        filters["principle"] = list(dict.fromkeys(ctx.title("principles", p.principle)
                                                  for p in case.principles))
    return {"index": True, "type": label, "filters": filters}


# The words readers search with for what the site names otherwise, per edition.
SEARCH_WORDS = LOCALES / "search-words.yml"


@lru_cache(maxsize=None)
def synonyms(lang: str) -> dict[str, list[str]]:
    """The edition's table from locales/search-words.yml: a reader's word (lower case, NFKC,
    as assets/kb-search.js folds the query) -> the site's words the search also looks for.

    Why a table expanded by the search script, not hidden words indexed on pages: Pagefind
    (1.5.2) has no synonyms of its own, and hidden words would put text in the index (and in
    excerpts) that no reader sees on the page, chosen page by page. Expanding the query keeps
    the index to what pages show, finds every page that uses the site's word (a new case
    included, with nothing to add to it), and lets the dialog say which words it also searched
    for. One file, one section per edition, so whoever knows how readers of a language search
    can read and amend the whole of that edition's table."""
    with SEARCH_WORDS.open(encoding="utf-8") as fh:
        table = (yaml.safe_load(fh) or {}).get(lang) or {}
    out: dict[str, list[str]] = {}
    for word, site_words in table.items():
        key = unicodedata.normalize("NFKC", str(word)).lower()
        if not key or any(c.isspace() for c in key):
            raise ValueError(f"{SEARCH_WORDS.name} [{lang}]: {word!r}: one word per entry")
        if not isinstance(site_words, list) or not site_words or not all(
                isinstance(w, str) and w.strip() for w in site_words):
            raise ValueError(f"{SEARCH_WORDS.name} [{lang}] {word}: a list of the site's words")
        out[key] = [w.strip() for w in site_words]
    return out


def dialog_words(lang: str) -> dict[str, str]:
    """What the search dialog and its header control need beyond their labels: the edition's
    synonym table (JSON, for data-synonyms), the status line's "also searched for" words, and
    the case list that the header links to where the search cannot run (no JavaScript)."""
    return {
        "synonyms": json.dumps(synonyms(lang), ensure_ascii=False, separators=(",", ":")),
        "also": i18n.gettext("search_words.also", lang),
        "also_separator": i18n.gettext("punct.comma", lang),
        "browse": i18n.gettext("search_words.browse", lang),
        "browse_url": urls.url_of(editions.in_edition(lang, urls.page_path("cases"))),
    }
