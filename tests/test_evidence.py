"""Every fact is traceable: cited, to a source that exists, in the project's own words."""
import os
import re
import subprocess
import sys

import pytest

from pydantic import BaseModel

from macros.kb.data import model

from .conftest import ROOT, copy_data

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


def stored(kb, sid: str) -> bool:
    """Whether a source is one of the project's stored documents (not a web document)."""
    return kb.get("sources", sid).data.document is not None


def test_every_source_record_points_at_a_real_document_or_a_public_address(kb):
    _need_shared()
    web = 0
    for rec in kb.all("sources"):
        d = rec.data
        if d.document is not None:
            assert (SHARED / "seeds" / d.document).is_file(), rec.id
        if d.url is None:
            continue
        web += 1
        assert d.url.startswith("https://") and d.retrieved, rec.id
        # a document read only at its address gives the year it was published
        assert d.document or d.date.parsed.year_known, rec.id
    assert web >= 10  # the record since 2015 rests on public documents


def test_every_citation_of_a_web_source_says_where_in_it(kb):
    """A web document is cited by paragraph or section, so a reader can find the words."""
    unpinned = []
    for rtype, records in kb.records.items():
        for rec in records.values():
            for obj in walk_models(rec.data):
                for name in ("sources",):
                    for s in getattr(obj, name, None) or []:
                        if isinstance(s, model.Cited) and not stored(kb, s) \
                                and not s.pinpointed:
                            unpinned.append((rtype, rec.id, str(s)))
    assert unpinned == []


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
        if not stored(kb, rec.data.published_in):
            continue  # a web document: the project keeps no copy to check against
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
                    if not stored(kb, obj.quote.source):
                        assert obj.quote.para, (rec.id, obj.quote.words)
                        continue
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
        errors="replace").lower().split()) for s in kb.all("sources")
        if s.data.document and not s.data.url}  # a publisher's page may print more
    unmarked = []
    for where, value, sources in _dates(kb):
        if not all(s in seeds for s in sources):
            continue  # a web document's words are at its address, not in the project
        parsed = value.parsed
        ends = [parsed.start] + ([parsed.end] if parsed.end is not None else [])
        texts = [seeds[s] for s in sources]
        if all(any(_printed(p, t) for t in texts) for p in ends):
            continue
        if not value.deduced:
            unmarked.append(f"{where}: {value.edtf}")
    assert unmarked == []


# A public web document as a source, and the mistakes a maintainer can make with one.
WEB_SOURCE = """\
publisher: human-rights-watch
kind: press-release
title: "A made-up release"
date: "2023-10-13"
url: "https://www.hrw.org/news/2023/10/13/made-up"
retrieved: "2026-12-05"
language: en
about: A made-up web source for the tests.
"""
WEB_EVENT = """\
date: "2023-10-09"
title: A made-up event
text:
  text: Something a web source says.
  sources: [{source: made-up-web, para: 3}]
"""


def _problems(tmp_path, files: dict[str, str]) -> list[str]:
    """The problems the validator prints for the real data plus these files
    ({"sources/x.yml": text}), as "file:line: message" without the column."""
    from macros.kb.data import validate
    data = copy_data(tmp_path)
    for name, text in files.items():
        (data / name).write_text(text, encoding="utf-8")
    _records, problems = validate.check(data)
    return sorted(f"{p.path.relative_to(data)}:{p.line}: {p.message}" for p in problems)


def test_a_web_source_and_a_statement_citing_it_by_paragraph_pass(tmp_path):
    assert _problems(tmp_path, {"sources/made-up-web.yml": WEB_SOURCE,
                                "events/made-up-event.yml": WEB_EVENT}) == []


def test_a_web_source_without_its_address_or_retrieval_date_fails(tmp_path):
    no_url = WEB_SOURCE.replace('url: "https://www.hrw.org/news/2023/10/13/made-up"\n', "")
    no_day = WEB_SOURCE.replace('retrieved: "2026-12-05"\n', "")
    http = WEB_SOURCE.replace('url: "https://', 'url: "http://')
    assert _problems(tmp_path, {"sources/made-up-web.yml": no_url,
                                "events/made-up-event.yml": WEB_EVENT}) == [
        "sources/made-up-web.yml:1: say where the document can be read: url (its https "
        "address at the publisher), or document (a stored document's file name), or both"]
    for name, text in (("no-day", no_day), ("http", http)):
        problems = _problems(tmp_path / name, {"sources/made-up-web.yml": text,
                                               "events/made-up-event.yml": WEB_EVENT})
        assert len(problems) == 1, problems
    assert "needs retrieved" in _problems(tmp_path / "again", {
        "sources/made-up-web.yml": no_day, "events/made-up-event.yml": WEB_EVENT})[0]
    assert "must start with https://" in _problems(tmp_path / "again2", {
        "sources/made-up-web.yml": http, "events/made-up-event.yml": WEB_EVENT})[0]


def test_a_statement_citing_a_web_source_without_a_paragraph_fails(tmp_path):
    bare = WEB_EVENT.replace("[{source: made-up-web, para: 3}]", "[made-up-web]")
    assert _problems(tmp_path, {"sources/made-up-web.yml": WEB_SOURCE,
                                "events/made-up-event.yml": bare}) == [
        'events/made-up-event.yml:5: "made-up-web" is a web document: cite it where it says '
        "this, as {source: made-up-web, para: N} (the paragraph) or {source: made-up-web, "
        "section: ...} (a heading as printed)"]


def test_a_statement_with_no_source_fails(tmp_path):
    uncited = WEB_EVENT.replace("  sources: [{source: made-up-web, para: 3}]\n", "")
    problems = _problems(tmp_path, {"sources/made-up-web.yml": WEB_SOURCE,
                                    "events/made-up-event.yml": uncited})
    assert problems[0].startswith("events/made-up-event.yml:") and \
        "must cite at least one source or instrument" in problems[0], problems


def test_a_quotation_of_more_than_twenty_five_words_fails(tmp_path):
    words = " ".join(["word"] * 26)
    quoted = WEB_EVENT + (f"  quote: {{words: \"{words}\", source: made-up-web, para: 3}}\n")
    problems = _problems(tmp_path, {"sources/made-up-web.yml": WEB_SOURCE,
                                    "events/made-up-event.yml": quoted})
    assert len(problems) == 1 and "a quotation may have at most 20 words" in problems[0], \
        problems
