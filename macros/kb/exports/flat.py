"""Records -> flat CSV tables a spreadsheet opens as they are: every cell plain text or a
number, never JSON. The nested data (a case's timeline, appeals, places with their roles) stays
whole in kb.json; a table gives what a spreadsheet can sort, filter and chart.

- cases.csv: one row per case, its period as ISO days, its people as counts, and the ids of
  its places, principles and sources (ids joined by "; ");
- every other record type: one column per field of the model, where
  - a date gives four: the EDTF as the data holds it, its earliest and latest ISO days, and
    the same in words (where an unstated year is said in words, never left as XXXX alone);
  - a statement gives its text and, beside it, its sources with their paragraphs;
  - a small nested part (a place's coordinates, an authority's contact) gives a column per field;
  - a list gives its items, ids and short values joined by "; ", statements by " | " (no cell
    breaks a line, so a row is a line in any editor).
"""
from __future__ import annotations

import types
import typing

from pydantic import BaseModel

from ..data import model
from ..common import i18n, urls
from ..common.urls import SiteInfo
from ..resolve import KnowledgeBase
from .tables import NOT_PUBLISHED, csv_bytes, cites, date_cells

JOIN = "; "  # between ids and short values in one cell
PROSE_JOIN = " | "  # between statements, which may hold semicolons (no line breaks in a cell)
PROSE = (model.Claim, model.Party, model.Section)


def _base(annotation):
    """The model class or plain type a field holds, without Optional, Annotated or list."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def text(value, lang: str) -> str:
    """One value as plain text for a cell, in `lang` (English where not translated)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    if isinstance(value, dict):  # Text
        return i18n.text_of(value, lang)
    if isinstance(value, model.DateValue):
        return value.edtf
    if isinstance(value, model.Claim):
        return i18n.text_of(value.text, lang)
    if isinstance(value, model.Identifier):
        return f"{value.scheme} {value.value}"
    if isinstance(value, model.InstrumentArticle):
        return value.instrument + (f" art. {value.article}" if value.article else "")
    if isinstance(value, model.Party):
        return f"{value.state}: {i18n.text_of(value.status.text, lang)}"
    if isinstance(value, model.Section):
        return f"{i18n.text_of(value.heading, lang)}: " + " ".join(
            i18n.text_of(p.text, lang) for p in value.paragraphs)
    if isinstance(value, list):
        sep = PROSE_JOIN if any(isinstance(v, PROSE) for v in value) else JOIN
        return sep.join(text(v, lang) for v in value)
    if isinstance(value, BaseModel):  # any other part: its fields named, never JSON
        return JOIN.join(f"{k}: {text(v, lang)}" for k, v in value if v not in (None, [], ""))
    raise TypeError(f"no plain text for {type(value).__name__}")


def _claim_sources(claim) -> str:
    return JOIN.join(filter(None, [cites(claim.sources), JOIN.join(claim.instruments)])) \
        if claim else ""


def _columns(rtype: str) -> list[tuple[str, typing.Callable]]:
    """(header, cells of a record) for each field of the record type's model, in its order."""
    cls = model.RECORD_TYPES[rtype]
    out = []
    for name, info in cls.model_fields.items():
        if name in NOT_PUBLISHED.get(rtype, ()):
            continue
        head = f"{model.SINGULAR[rtype]}_{name}" if name in ("id", "url") else name
        kind = _base(info.annotation)
        get = (lambda n: lambda rec: getattr(rec.data, n))(name)
        if kind is model.DateValue:
            ends = ["earliest", "latest"] if name == "date" else [f"{name}_earliest",
                                                                  f"{name}_latest"]
            out.append(([head, *ends, f"{name}_words"],
                        lambda rec, lang, g=get: date_cells(g(rec), lang)))
        elif kind is model.Claim:
            out.append(([head, f"{name}_sources"],
                        lambda rec, lang, g=get: [text(g(rec), lang), _claim_sources(g(rec))]))
        elif isinstance(kind, type) and issubclass(kind, BaseModel):  # one small part
            subs = list(kind.model_fields)
            out.append(([f"{name}_{s}" for s in subs],
                         lambda rec, lang, g=get, subs=subs: [
                             text(getattr(g(rec), s), lang) if g(rec) else "" for s in subs]))
        else:
            out.append(([head], lambda rec, lang, g=get: [text(g(rec), lang)]))
    return out


def type_csv(kb: KnowledgeBase, rtype: str, site: SiteInfo, lang: str,
             limit: int | None = None) -> bytes:
    """One row per record: id, permalink, then the model's fields as plain text (cases.csv:
    see cases_csv). limit: the first records only (an example for the Exports page)."""
    if rtype == "cases":
        return cases_csv(kb, site, lang, limit)
    columns = _columns(rtype)
    header = ["id", "url"] + [h for heads, _ in columns for h in heads]
    rows = [[rec.id, site.record_url(rtype, rec.id)]
            + [cell for _, cells in columns for cell in cells(rec, lang)]
            for rec in kb.all(rtype)[:limit]]
    return csv_bytes(header, rows)


def people_words(group: model.PeopleGroup, lang: str) -> str:
    """A group of people as the case page words it: "around 29 members of four families"."""
    label = i18n.text_of(group.label, lang)
    if group.count is not None:  # in the language's order (wording.people): 북한 주민 최소 21명
        count = i18n.gettext(f"people.{group.qualifier}", lang, count=group.count,
                             count_max=group.count_max)
        return i18n.gettext("wording.people", lang, count=count, label=label)
    if group.estimate:
        return i18n.gettext("wording.people_estimate", lang,
                            estimate=i18n.text_of(group.estimate, lang), label=label)
    return (label + i18n.gettext("wording.paren_open", lang) + i18n.gettext("people.unknown", lang)
            + i18n.gettext("wording.paren_close", lang))


def _count(group: model.PeopleGroup) -> str:
    if group.count is None:
        return ""
    return f"{group.count}–{group.count_max}" if group.count_max else str(group.count)


CASE_COLUMNS = ["id", "title", "status", "start", "end", "period", "period_words", "count",
                "qualifier", "people", "places", "principles", "sources", "url"]


def cases_csv(kb: KnowledgeBase, site: SiteInfo, lang: str, limit: int | None = None) -> bytes:
    """One row per case: start and end, the first and last days of its period (empty where the
    year is not stated; the period in EDTF and in words beside them); count and qualifier,
    the first group's, or every group's joined by "; " (people: the same in words); the ids
    of its places, principles and sources; its permalink."""
    rows = []
    for rec in kb.all("cases")[:limit]:
        case: model.Case = rec.data
        edtf, start, end, words = date_cells(case.period, lang)
        counts = [_count(g) for g in case.people]
        rows.append([
            rec.id, urls.title(rec, lang), case.status, start, end, edtf, words,
            JOIN.join(counts) if any(counts) else "",
            JOIN.join(g.qualifier for g in case.people),
            JOIN.join(people_words(g, lang) for g in case.people),
            JOIN.join(p.place for p in case.places),
            JOIN.join(p.principle for p in case.principles),
            JOIN.join(s.id for s in kb.sources_of[("cases", rec.id)]),
            site.record_url("cases", rec.id)])
    return csv_bytes(CASE_COLUMNS, rows)
