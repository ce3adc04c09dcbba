"""The typed records: the one source of truth for what a data file may hold.

One pydantic model per record type (`RECORD_TYPES` maps the folder name under data/ to it). The
JSON Schemas in data/schemas/ are generated from these classes (`scripts/kb.py schemas`) and a
test keeps them equal. Every field carries a description: the field reference in the docs is
generated from them, and a test checks that none is missing.

Design rules the types encode:
- text a reader sees is `Text`: a string in English, or a mapping of language code to string,
  so Korean and Chinese editions add translations without a change of shape;
- every factual statement is a `Claim`: text plus the sources (or, for general legal facts, the
  instruments) that support it;
- references to other records are `Ref` fields naming the record type they point at, checked
  after loading (unknown id, wrong record type);
- dates are EDTF strings (see dates.py), optionally refined by `part`;
- people at risk appear only as counts; a name is possible only for someone whose identity the
  cited source shows to be public.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field,
                      WithJsonSchema, model_validator)

from . import dates

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LANGS = ("en", "ko", "zh")


class RefTo:
    """Marks a string field as the id of a record of another type."""

    def __init__(self, record_type: str):
        self.record_type = record_type

    def __repr__(self) -> str:
        return f"RefTo({self.record_type!r})"


def Ref(record_type: str):  # noqa: N802 - reads like a type in annotations
    return Annotated[str, RefTo(record_type), Field(
        pattern=ID_PATTERN, description=f"Id of a record in data/{record_type}/ (its file name)")]


def _as_text(value):
    if isinstance(value, str):
        return {"en": value}
    return value


def _check_text(value: dict) -> dict:
    if not value.get("en", "").strip():
        raise ValueError("text needs an English version ('en') that is not empty")
    return value


Text = Annotated[
    dict[Literal["en", "ko", "zh"], str],
    BeforeValidator(_as_text),
    AfterValidator(_check_text),
    WithJsonSchema({
        "description": "Text a reader sees: a string (English), or a mapping of language code "
                       "(en, ko, zh) to string with 'en' present",
        "anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "object", "required": ["en"], "additionalProperties": False,
             "properties": {lang: {"type": "string"} for lang in LANGS}},
        ],
    }),
]


def _check_edtf(value: str) -> str:
    try:
        dates.parse(value)
    except dates.DateError as exc:
        raise ValueError(str(exc)) from None
    return value


EDTF = Annotated[str, AfterValidator(_check_edtf), Field(
    description="An EDTF date: 2012-02-08, 2012-02, 2012, 2012-02-20~ (approximate), "
                "2012-02-20? (uncertain), XXXX-07-15 (year not stated), 2000-06-01/2000-06-25 "
                "(span), 2015-11/.. (that or later), [2012-02-08..2012-03-28] (one day in window)",
    examples=["2012-02-08", "XXXX-07-15/XXXX-07-17", "2015-11/.."])]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class DateValue(Strict):
    """A date as the source gives it."""

    edtf: EDTF
    """The date in EDTF."""
    part: Literal["early", "mid", "late"] | None = None
    """Refines a month when the source says 'early August' and the like."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        return {"edtf": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _part_fits(self):
        try:
            dates.parse(self.edtf, self.part)
        except dates.DateError as exc:
            raise ValueError(str(exc)) from None
        return self

    @property
    def parsed(self) -> dates.KBDate:
        return dates.parse(self.edtf, self.part)


DateField = Annotated[DateValue, WithJsonSchema({
    "description": "An EDTF date string, or {edtf, part} where part (early, mid, late) refines "
                   "a month",
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "object", "required": ["edtf"], "additionalProperties": False,
         "properties": {"edtf": {"type": "string"},
                        "part": {"enum": ["early", "mid", "late"]}}},
    ],
})]

SourceRefs = Annotated[list[Ref("sources")], Field(
    default_factory=list, description="Ids of the sources that support this")]


class Claim(Strict):
    """One factual statement and what supports it."""

    text: Text
    """The statement, in your own words."""
    sources: SourceRefs
    instruments: list[Ref("instruments")] = []
    """For a general legal fact: the instruments that state it."""

    @model_validator(mode="after")
    def _cited(self):
        if not self.sources and not self.instruments:
            raise ValueError("a statement must cite at least one source or instrument")
        return self


class Identifier(Strict):
    scheme: str
    """What kind of identifier: 'AI Index', 'UA number', ..."""
    value: str
    """The identifier exactly as printed."""


class Source(Strict):
    """A document the knowledge base is built from."""

    publisher: Ref("organisations")
    kind: Literal["urgent-action", "urgent-action-update", "press-release", "letter", "report"]
    """What sort of document it is."""
    title: Text
    """The title as printed (or a description in brackets where none is printed)."""
    date: DateField
    """When it was issued, no more precisely than the document shows."""
    date_note: Text | None = None
    """Why the date is given as it is, when the document does not print it."""
    identifiers: list[Identifier] = []
    """Document indexes printed on it (AI Index, UA number)."""
    authors: list[str] = []
    """Staff who signed it, as printed."""
    document: str = Field(pattern=r"^[0-9]{3}_[0-9a-f]{16}\.txt$")
    """The file name of the document among the project's source documents."""
    about: Text
    """One sentence on what the document is, in your own words."""


class Organisation(Strict):
    """An organisation named in the sources."""

    name: Text
    """Its name."""
    abbreviation: str | None = None
    """A short form, such as UNHCR."""
    kind: Literal["ngo", "un-body", "government", "government-agency", "other"]
    """What sort of organisation it is."""
    country: Ref("places") | None = None
    """The country it belongs to, if any."""
    about: list[Claim] = []
    """What the sources say of it."""


class Place(Strict):
    """A place named in the sources: never finer than a city."""

    name: Text
    """Its name."""
    kind: Literal["country", "province", "city", "region"]
    """What sort of place it is; no place is finer than a city."""
    within: Ref("places") | None = None
    """The larger place it lies in."""
    about: list[Claim] = []
    """What the sources say of it."""


class Party(Strict):
    state: Ref("places")
    status: Claim
    """The state's relation to the instrument, as the sources state it."""


class Instrument(Strict):
    """A treaty or other legal instrument."""

    name: Text
    """Its full name."""
    short_name: Text
    """The name used in running text."""
    adopted: DateField | None = None
    """When it was adopted (a well-established fact, cited to the instrument)."""
    in_force: DateField | None = None
    """When it entered into force."""
    about: list[Claim] = []
    """What it says, in plain words, citing itself."""
    parties: list[Party] = []
    """States the sources say are or are not bound by it."""


class InstrumentArticle(Strict):
    instrument: Ref("instruments")
    article: str | None = None
    """The article, such as 33 or 12(2)."""


class Principle(Strict):
    """A legal principle the cases engage."""

    name: Text
    """Its name."""
    summary: Claim
    """What it says, in plain words."""
    instruments: list[InstrumentArticle] = []
    """Where it is written down."""
    about: list[Claim] = []
    """More on the principle: scope, who is bound, positions as the sources state them."""


class Office(Strict):
    """A public office that appeals were addressed to; held by different people over time."""

    name: Text
    """The office's name."""
    state: Ref("places")


class Contact(Strict):
    """Contact details exactly as the source printed them; historical, never current."""

    address: list[str] = []
    """Address lines as printed."""
    fax: list[str] = []
    """Fax numbers as printed."""
    telex: list[str] = []
    """Telex lines as printed."""
    telegram: str | None = None
    """The telegram address as printed."""
    email: list[str] = []
    """E-mail addresses as printed; a mailto: link is offered only for these."""
    note: str | None = None
    """A remark printed with the details, such as 'c/o Ministry of Foreign Affairs'."""


class Authority(Strict):
    """One person in one office, as one source addressed them."""

    office: Ref("offices")
    person: str = Field(min_length=1)
    """The office holder's name as usually written."""
    name_as_published: str = Field(min_length=1)
    """The name line exactly as the source printed it."""
    published_in: Ref("sources")
    contact: Contact = Contact()
    """Contact details as published."""
    salutation: str = Field(min_length=1)
    """The salutation exactly as published."""


class PeopleGroup(Strict):
    """People concerned, as a count: never names."""

    count: int | None = Field(default=None, ge=1)
    """How many, when the sources give a number."""
    qualifier: Literal["exactly", "at-least", "around", "up-to", "unknown"]
    """How sure the count is: 'at least 21', 'around 29'."""
    estimate: Text | None = None
    """When the sources give no number, their own word for how many, such as 'thousands'."""
    label: Text
    """A short name for the group, shown after the count: 'North Koreans', 'helpers'."""
    who: Text
    """Who they are, without anything that identifies a person."""
    vulnerable: list[Claim] = []
    """Children and other people with particular needs among them."""
    sources: SourceRefs

    @model_validator(mode="after")
    def _count_fits(self):
        if (self.count is None) != (self.qualifier == "unknown"):
            raise ValueError("give a count with a qualifier, or qualifier 'unknown' and no count")
        return self


class PublicPerson(Strict):
    """A person concerned who has made their identity public, shown by a cited source."""

    name: str
    """The name the person made public."""
    role: Text
    """Their part in the case."""
    identity_public_in: Ref("sources")
    """The source that shows the person made their identity public."""


class CasePlace(Strict):
    place: Ref("places")
    role: Text
    """What happened there."""


class CasePrinciple(Strict):
    principle: Ref("principles")
    how: Claim
    """How the case engages the principle, with its sources."""


class CaseOrganisation(Strict):
    organisation: Ref("organisations")
    role: Text
    """Its part in the case."""


class Addressee(Strict):
    authority: Ref("authorities")
    role: Literal["appeal", "copy"]
    """Whether appeals go to them or copies."""


class Appeal(Strict):
    """One call to action as a source published it."""

    id: str = Field(pattern=ID_PATTERN)
    """A stable id, unique in the case; the page anchor."""
    issued_by: Ref("organisations")
    source: Ref("sources")
    audience: Text
    """Whom the appeal is aimed at, such as 'Chinese authorities'."""
    asks: list[Claim] = []
    """What the appeal asks, in your own words."""
    addressees: list[Addressee] = []
    """The authorities appeals or copies go to."""
    other_recipients: list[Claim] = []
    """Others to send copies to, as the source says."""
    deadline: DateField | None = None
    """The date after which the source says to check before sending."""
    note: Claim | None = None
    """Anything else the source says about sending appeals."""


class Update(Strict):
    id: str = Field(pattern=ID_PATTERN)
    """A stable id, unique in the case; the page anchor."""
    date: DateField
    """When, as the source gives it."""
    text: Text
    """What changed, in your own words."""
    sources: SourceRefs
    closes_appeals: bool = False
    """True when the update says no further action is needed."""


class TimelineEvent(Strict):
    id: str = Field(pattern=ID_PATTERN)
    """A stable id, unique in the case; the page anchor."""
    date: DateField
    """When it happened, no more precisely than the sources say."""
    text: Text
    """What happened, in your own words."""
    places: list[Ref("places")] = []
    """Where it happened."""
    sources: SourceRefs

    @model_validator(mode="after")
    def _cited(self):
        if not self.sources:
            raise ValueError("a timeline event must cite at least one source")
        return self


CaseStatus = Literal["at-risk", "returned", "fate-unknown", "released", "no-further-action"]


class Case(Strict):
    """One case of detention and (threatened) forcible return."""

    title: Text
    """A short title that names no one."""
    summary: Claim
    """One paragraph in your own words."""
    status: CaseStatus
    """Where the case stands in the latest source."""
    status_note: Claim | None = None
    """What the status rests on."""
    reviewed: EDTF
    """When a maintainer last checked this file against its sources (a day)."""
    period: DateField
    """The span of the case's events; every timeline date must fall inside it."""
    people: list[PeopleGroup] = Field(min_length=1)
    """The people concerned, as counts."""
    public_persons: list[PublicPerson] = []
    """Only people whose identity a cited source shows to be public."""
    places: list[CasePlace] = []
    """Places in the case and what happened there."""
    principles: list[CasePrinciple] = []
    """Legal principles the case engages."""
    organisations: list[CaseOrganisation] = []
    """Organisations involved and their part."""
    risks: list[Claim] = []
    """What the people face if returned, as the sources state it."""
    facts: list[Claim] = []
    """Further facts of the case."""
    appeals: list[Appeal] = []
    """Calls to action, one per audience."""
    updates: list[Update] = []
    """Dated follow-ups, such as a closing notice."""
    timeline: list[TimelineEvent] = Field(min_length=1)
    """The case's events; shown in date order."""


class Event(Strict):
    """A context event for the global timeline."""

    date: DateField
    """When it happened, no more precisely than the sources say."""
    title: Text
    """A short title."""
    text: Claim
    """What happened, with its sources."""
    places: list[Ref("places")] = []
    """Where it happened."""
    organisations: list[Ref("organisations")] = []
    """Organisations involved."""


class Section(Strict):
    id: str = Field(pattern=ID_PATTERN)
    """A stable anchor; never change it once published."""
    heading: Text
    """The section heading."""
    paragraphs: list[Claim] = Field(min_length=1)
    """The section's statements, each with its sources."""


class Background(Strict):
    """A background page journalists can cite, in sections with stable anchors."""

    title: Text
    """The page title."""
    summary: Text
    """One or two sentences on what the page covers."""
    sections: list[Section] = Field(min_length=1)
    """The page's sections, in order."""


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
