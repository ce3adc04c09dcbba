"""Record models other than cases: sources, organisations, places, instruments, principles,
offices, authorities, context events and background pages."""
from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from .fields import EDTF, ID_PATTERN, UNCITED, Claim, DateField, Name, Published, Ref, Strict, Text
from .languages import LANGS


class Identifier(Strict):
    scheme: str
    """What kind of identifier: 'AI Index', 'UA number', ..."""
    value: str
    """The identifier exactly as printed."""


SOURCE_KINDS = Literal["urgent-action", "urgent-action-update", "press-release", "statement",
                       "letter", "report", "un-report", "un-communication", "news-article"]
def _https(value: str) -> str:
    if not re.fullmatch(r"https://[^\s/]+\.[^\s/]+(/\S*)?", value):
        raise PydanticCustomError(
            "https", "an address must start with https:// and name a host: give the https "
            "address of the publisher's own page (the one its site serves); a document whose "
            "publisher serves none is cited from another publisher that does")
    return value


URL = Annotated[str, AfterValidator(_https), WithJsonSchema(
    {"type": "string", "pattern": r"^https://[^\s/]+\.[^\s/]+(/\S*)?$"})]


class Source(Strict):
    """A document the knowledge base is built from: one of the project's stored documents
    (`document`), or a public document known by its address (`url`), of which the project
    keeps no copy: only facts in its own words, pointers and short marked quotations."""

    publisher: Ref("organisations")
    kind: SOURCE_KINDS
    """What sort of document it is."""
    title: Published
    """The title as printed (or a description in brackets where none is printed); never
    translated."""
    date: DateField
    """When it was issued, no more precisely than the document shows."""
    date_note: Text | None = None
    """Why the date is given as it is, when the document does not print it."""
    identifiers: list[Identifier] = []
    """Document indexes printed on it (AI Index, UA number, UN symbol)."""
    authors: list[str] = []
    """Staff who signed it, as printed."""
    document: str | None = Field(default=None, pattern=r"^[0-9]{3}_[0-9a-f]{16}\.txt$")
    """The file name of the document among the project's stored source documents (never
    shown to readers); a stored document that its publisher also has online gives `url` too."""
    url: URL | None = None
    """A public document's address: https, at its publisher's own page where one exists."""
    retrieved: EDTF | None = None
    """The day the document's text was read at `url` (needed with `url`)."""
    archived: URL | None = None
    """A web archive's copy of the page, where one was seen."""
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
    """The language the document is written in (en, ko, zh...)."""
    retells: Ref("sources") | None = None
    """For a news report that retells an organisation's statement: that statement's source
    record (cite the original where it can be read)."""
    about: Text
    """One sentence on what the document is, in your own words."""

    @model_validator(mode="after")
    def _where_to_read(self):
        if not (self.document or self.url):
            raise PydanticCustomError(
                "source_where", "say where the document can be read: url (its https address "
                "at the publisher), or document (a stored document's file name), or both",
                {"field": "url"})
        if self.url and not self.retrieved:
            raise PydanticCustomError(
                "source_retrieved", "a web source needs retrieved: the day its text was read "
                "at its address", {"field": "retrieved"})
        if self.retrieved and not _is_day(self.retrieved):
            raise PydanticCustomError(
                "source_retrieved", "retrieved is a single day, such as \"2026-12-05\"",
                {"field": "retrieved"})
        return self

    @property
    def on_web(self) -> bool:
        return self.url is not None


def _is_day(edtf: str) -> bool:
    return re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", edtf) is not None


class Organisation(Strict):
    """An organisation named in the sources."""

    name: Name
    """Its name."""
    abbreviation: str | None = None
    """A short form, such as UNHCR."""
    kind: Literal["ngo", "un-body", "government", "government-agency", "news-media", "other"]
    """What sort of organisation it is."""
    country: Ref("places") | None = None
    """The country it belongs to, if any."""
    home_page: str | None = Field(default=None, pattern=r"^https://[^\s/]+/$")
    """Its well-established home page (https://host/ only, never a deep link), for readers who
    want to follow its current appeals."""
    about: list[Claim] = []
    """What the sources say of it."""


def _tenth_of_a_degree(value: float) -> float:
    if round(value, 1) != value:
        raise PydanticCustomError(
            "coordinate_precision", "give at most one decimal (0.1 degree, about 10 km): no "
            "place on this site is drawn more precisely than a city")
    return value


class Coordinates(Strict):
    """Where the site's maps draw a place: a point in degrees (WGS84), rounded to 0.1 degree
    (about 10 km), so never finer than a city. General geographic knowledge (a city's centre;
    a point well inside a province, country or region), not taken from the source documents,
    which give none."""

    lon: Annotated[float, Field(ge=-180, le=180), AfterValidator(_tenth_of_a_degree)]
    """Longitude in degrees, east positive, at most one decimal (123.4)."""
    lat: Annotated[float, Field(ge=-90, le=90), AfterValidator(_tenth_of_a_degree)]
    """Latitude in degrees, north positive, at most one decimal (41.8)."""


class Place(Strict):
    """A place named in the sources: never finer than a city."""

    name: Name
    """Its name."""
    short_name: Name | None = None
    """A short form of a long name (North Korea), used where space is short, as on the maps."""
    kind: Literal["country", "province", "city", "region"]
    """What sort of place it is; no place is finer than a city."""
    within: Ref("places") | None = None
    """The larger place it lies in."""
    within_sources: list[Ref("sources")] = []
    """The sources that show it lies there."""
    within_deduced: Text | None = None
    """Where no source prints where it lies: how that was worked out."""
    coordinates: Coordinates | None = None
    """Where the site's maps draw it, rounded to 0.1 degree: a city's centre, or a point well
    inside a province, country or region. General geographic knowledge, not from the source
    documents; a place without coordinates is listed but not drawn."""
    letters_in: Literal[LANGS] | None = None
    """For a country: the language of its authorities, in which the site also offers each
    letter to them (Chinese for China), whatever the reader's edition."""
    about: list[Claim] = []
    """What the sources say of it."""

    @model_validator(mode="after")
    def _within_known(self):
        if self.within and not (self.within_sources or self.within_deduced):
            raise PydanticCustomError(
                UNCITED, "say how it is known that the place lies within {within}: cite "
                "within_sources, or explain in within_deduced",
                {"within": self.within, "field": "within"})
        return self


class Party(Strict):
    state: Ref("places")
    status: Claim
    """The state's relation to the instrument, as the sources state it."""


class Instrument(Strict):
    """A treaty or other legal instrument."""

    name: Name
    """Its full name."""
    short_name: Name
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

    name: Name
    """Its name."""
    summary: Claim
    """What it says, in plain words."""
    instruments: list[InstrumentArticle] = []
    """Where it is written down."""
    about: list[Claim] = []
    """More on the principle: scope, who is bound, positions as the sources state them."""


class Office(Strict):
    """A public office that appeals were addressed to; held by different people over time."""

    name: Name
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
    note: Text | None = None
    """The site's note on these details: what the source prints around them, and what cannot
    be used as printed (a fax number with an impossible country code)."""


class Authority(Strict):
    """One person in one office, as one source addressed them."""

    office: Ref("offices")
    person: Name
    """The office holder's name as usually written, with its established Korean and Chinese
    forms."""
    lines_before_name: list[str] = []
    """Lines the source prints above the name line (an office, 'The State Council General
    Office'), exactly as printed."""
    name_as_published: str = Field(min_length=1)
    """The name line exactly as the source printed it."""
    published_in: Ref("sources")
    contact: Contact = Contact()
    """Contact details as published."""
    salutation: str | None = Field(default=None, min_length=1)
    """The salutation exactly as published; omitted when the source prints none."""


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
    cases: list[Ref("cases")] = []
    """The cases this page explains (they link back to it)."""
    principles: list[Ref("principles")] = []
    """The principles this page explains (they link back to it)."""
