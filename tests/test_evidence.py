"""Every fact is traceable: cited, to a source that exists, in the project's own words."""
import os
import re
import subprocess
import sys

import pytest

from pydantic import BaseModel

from macros.kb.data import model

from .conftest import ROOT

SHARED = ROOT.parent / "shared"
COPIED_TEXT = SHARED / "tools" / "copied_text.py"


def walk_models(obj):
    """Every pydantic model inside obj."""
    if isinstance(obj, BaseModel):
        yield obj
        for name in type(obj).model_fields:
            yield from walk_models(getattr(obj, name))
    elif isinstance(obj, list):
        for item in obj:
            yield from walk_models(item)


def _need_shared():
    if not COPIED_TEXT.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{COPIED_TEXT} is missing: CI must have shared/ beside the clone")
        pytest.skip("shared/ is not beside this checkout")


def test_every_statement_cites_a_source_or_instrument(kb):
    uncited = []
    for rtype, records in kb.records.items():
        for rec in records.values():
            for obj in walk_models(rec.data):
                if isinstance(obj, model.Claim) and not (obj.sources or obj.instruments):
                    uncited.append((rtype, rec.id, obj.text["en"][:60]))
                if isinstance(obj, (model.TimelineEvent, model.Update, model.PeopleGroup,
                                    model.CasePlace, model.CaseOrganisation)) \
                        and not obj.sources:
                    uncited.append((rtype, rec.id, type(obj).__name__))
    assert not uncited


def test_every_case_fact_rests_on_a_source_document_not_only_on_instruments(kb):
    for rec in kb.all("cases"):
        for obj in walk_models(rec.data):
            if isinstance(obj, model.Claim):
                assert obj.sources, (rec.id, obj.text["en"][:60])


def test_every_source_record_points_at_a_real_document(kb):
    _need_shared()
    for rec in kb.all("sources"):
        assert (SHARED / "seeds" / rec.data.document).is_file(), rec.id


# Fields that must reproduce the source exactly: titles as printed, contact details as published.
VERBATIM = {(model.Source, "title"), (model.Source, "authors"), (model.Authority, "salutation"),
            (model.Authority, "name_as_published"), (model.Authority, "lines_before_name"),
            (model.Identifier, "value"), (model.Quotation, "words")}


def _own_words(obj) -> list[str]:
    """Every text value the project writes in its own words (all but the VERBATIM fields)."""
    out = []
    for m in walk_models(obj):
        if isinstance(m, (model.Contact, model.Identifier)):
            continue
        for name in type(m).model_fields:
            if (type(m), name) in VERBATIM:
                continue
            value = getattr(m, name)
            if isinstance(value, dict):
                out += [v for v in value.values() if isinstance(v, str)]
            elif isinstance(value, str):
                out.append(value)
            elif isinstance(value, list):
                out += [v for v in value if isinstance(v, str)]
    return out


def test_no_run_of_nine_words_is_copied_from_a_source(kb, tmp_path):
    _need_shared()
    own = tmp_path / "own-words.md"
    own.write_text("\n\n".join(text for records in kb.records.values()
                                for rec in records.values() for text in _own_words(rec.data)),
                   encoding="utf-8")
    result = subprocess.run([sys.executable, str(COPIED_TEXT), str(own), "docs", "overrides",
                             "macros/kb/pages/locales"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_verbatim_fields_are_found_in_their_source_document(kb):
    """Contact details and titles 'as published' must really be in the document they cite."""
    _need_shared()
    import re

    def norm(text):
        return re.sub(r"[^a-z0-9@+]+", " ", text.lower().replace("’", "'")).strip()

    for rec in kb.all("authorities"):
        seed = norm((SHARED / "seeds" / kb.get("sources", rec.data.published_in).data.document)
                    .read_text(errors="replace"))
        a = rec.data
        printed = [*a.lines_before_name, a.name_as_published, a.salutation, *a.contact.address,
                   *a.contact.fax, *a.contact.telex, *a.contact.email,
                   *([a.contact.telegram] or [])]
        for value in filter(None, printed):
            assert norm(value) in seed, (rec.id, value)
    # and every quotation is the source's own words, with the source among the claim's
    quoted = 0
    for rtype in kb.records:
        for rec in kb.all(rtype):
            for obj in walk_models(rec.data):
                if isinstance(obj, model.Claim) and obj.quote is not None:
                    quoted += 1
                    assert obj.quote.source in obj.sources, (rec.id, obj.quote.words)
                    seed = norm((SHARED / "seeds" / kb.get("sources", obj.quote.source).data
                                 .document).read_text(errors="replace"))
                    assert norm(obj.quote.words) in seed, (rec.id, obj.quote.words)
    assert quoted


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def _printed(point, text: str) -> bool:
    """Whether a document prints this day, month or year in words (any letter case)."""
    if point.year is None:
        return True  # "year not stated" claims nothing
    year = str(point.year)
    if point.day:
        month = MONTHS[point.month - 1].lower()
        return f"{point.day} {month} {year}" in text or f"{month} {point.day}, {year}" in text
    if point.month:
        return f"{MONTHS[point.month - 1].lower()} {year}" in text
    return re.search(rf"(?<!\d){year}(?!\d)", text) is not None


def _dates(kb):
    """(where, DateValue, ids of the sources that should print it) for every dated fact."""
    for rec in kb.all("cases"):
        case = rec.data
        yield f"cases/{rec.id}: period", case.period, case.summary.sources
        for e in case.timeline:
            yield f"cases/{rec.id}: timeline {e.id}", e.date, e.sources
        for u in case.updates:
            yield f"cases/{rec.id}: update {u.id}", u.date, u.sources
        for a in case.appeals:
            if a.deadline:
                yield f"cases/{rec.id}: appeal {a.id} deadline", a.deadline, [a.source]
    for rec in kb.all("events"):
        yield f"events/{rec.id}: date", rec.data.date, rec.data.text.sources


def test_no_unmarked_year_every_date_not_printed_in_its_sources_says_how_it_was_deduced(kb):
    """A date whose day, month or year none of its sources prints must carry `deduced`."""
    _need_shared()
    seeds = {s.id: " ".join((SHARED / "seeds" / s.data.document).read_text(
        errors="replace").lower().split()) for s in kb.all("sources")}
    unmarked = []
    for where, value, sources in _dates(kb):
        parsed = value.parsed
        ends = [parsed.start] + ([parsed.end] if parsed.end is not None else [])
        texts = [seeds[s] for s in sources]
        if all(any(_printed(p, t) for t in texts) for p in ends):
            continue
        if not value.deduced:
            unmarked.append(f"{where}: {value.edtf}")
    assert unmarked == []
