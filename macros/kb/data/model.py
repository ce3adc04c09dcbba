"""The typed records: the one source of truth for what a data file may hold.

One pydantic model per record type; `RECORD_TYPES` maps the folder name under data/ to it. The
JSON Schemas in data/schemas/ are generated from these classes (`scripts/kb.py schemas`) and a
test keeps them equal. Every field carries a description: the field reference in the docs is
generated from them, and a test checks that none is missing.

The models live in fields.py (shared field types), records.py and case.py; this module is the
registry the rest of the code imports them from.
"""
from __future__ import annotations

from .case import (Addressee, Appeal, Case, CaseOrganisation, CasePlace, Figure,  # noqa: F401
                   CasePrinciple, CaseStatus, PeopleGroup, PublicPerson, Route, TimelineEvent,
                   Update)
from .fields import (EDTF, ID_PATTERN, LANGS, Cited, Claim, DateField, DateValue, Pinpoint, Quotation, Ref,  # noqa: F401
                     RefTo, SourceRefs, Strict, Text)
from .records import (Authority, Background, Contact, Coordinates, Event, Identifier,  # noqa: F401
                      Instrument, InstrumentArticle, Office, Organisation, Party, Place,
                      Principle, Section, Source)

RECORD_TYPES: dict[str, type[Strict]] = {
    "sources": Source,
    "organisations": Organisation,
    "places": Place,
    "instruments": Instrument,
    "principles": Principle,
    "offices": Office,
    "authorities": Authority,
    "cases": Case,
    "events": Event,
    "background": Background,
}

SINGULAR = {
    "sources": "source", "organisations": "organisation", "places": "place",
    "instruments": "instrument", "principles": "principle", "offices": "office",
    "authorities": "authority", "cases": "case", "events": "event", "background": "background page",
}
