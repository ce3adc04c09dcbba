"""What each generated page tells the site search (Pagefind, kb/search.py): whether it is
indexed, its record type (shown in results), and for a case its filter values.

Filter values are the labels a reader sees (Pagefind returns them to the search box as they
are): the status in words, years ("Year not stated" when the source gives none), place and
principle names. They travel in each page's metadata as `kb_search`, printed by
overrides/main.html as data-pagefind-meta and data-pagefind-filter tags.
"""
from __future__ import annotations

from ..resolve import Record
from . import i18n
from .views.common import Context
from .views.listings import UNKNOWN, years_of

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
