"""The case model: people as counts (never names), appeals, updates and a timeline."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .fields import EDTF, ID_PATTERN, UNCITED, Claim, DateField, Ref, SourceRefs, Strict, Text


Qualifier = Literal["exactly", "at-least", "more-than", "around", "nearly", "up-to", "range",
                    "unknown"]


def _check_count(obj, unknown_allowed: bool = True):
    """A count agrees with its qualifier: none for 'unknown', a count_max above it for 'range'
    and only then."""
    if (obj.count is None) != (obj.qualifier == "unknown") or (
            obj.qualifier == "unknown" and not unknown_allowed):
        raise PydanticCustomError("count", "give a count with a qualifier, or qualifier "
                                           "'unknown' and no count")
    if (obj.qualifier == "range") != (obj.count_max is not None):
        raise PydanticCustomError("count", "a range needs count (the lowest figure) and "
                                           "count_max (the highest), and only a range has "
                                           "count_max", {"field": "count_max"})
    if obj.count_max is not None and obj.count_max <= obj.count:
        raise PydanticCustomError("count", "count_max must be larger than count",
                                  {"field": "count_max"})


class PeopleGroup(Strict):
    """People concerned, as a count: never names."""

    count: int | None = Field(default=None, ge=1)
    """How many, when the sources give a number (the lowest, for a range)."""
    count_max: int | None = Field(default=None, ge=2)
    """The highest figure, when the source gives a range ('500 to 600')."""
    qualifier: Qualifier
    """How sure the count is, as the source words it: 'at least 21', 'more than 500',
    'around 29', 'nearly 50', 'up to 10', a range, or unknown."""
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
        _check_count(self)
        return self


class Figure(Strict):
    """One number of people that one source reports as returned (or detained), as the source
    gives it. Two sources that give different numbers for the same return are two figures,
    never one reconciled figure."""

    of: Literal["returned", "detained"]
    """What the figure counts: people sent back to North Korea, or people held in China."""
    date: DateField
    """When it happened, as the source gives it (a span for a total over a period)."""
    count: int = Field(ge=1)
    """The number (the lowest, for a range)."""
    count_max: int | None = Field(default=None, ge=2)
    """The highest figure of a range."""
    qualifier: Qualifier
    """How the source words the number: exactly, at least, more than, around, nearly, up to,
    or a range."""
    total: bool = False
    """True for a source's own total over a period, which may include returns that other
    figures count: it is shown as that source's total and never added to anything."""
    note: Text | None = None
    """What the figure covers, where the source says (women, a crossing, a province)."""
    sources: SourceRefs

    @model_validator(mode="after")
    def _fits(self):
        _check_count(self, unknown_allowed=False)
        if not self.sources:
            raise PydanticCustomError(UNCITED, "a figure must cite the source that gives it")
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
    sources: SourceRefs
    deduced: Text | None = None
    """What in the role the sources imply but do not print, and why."""

    @model_validator(mode="after")
    def _cited(self):
        if not self.sources:
            raise PydanticCustomError(UNCITED, "a place's role must cite at least one source")
        return self


class CasePrinciple(Strict):
    principle: Ref("principles")
    how: Claim
    """How the case engages the principle, with its sources."""


class CaseOrganisation(Strict):
    organisation: Ref("organisations")
    role: Text
    """Its part in the case."""
    sources: SourceRefs
    deduced: Text | None = None
    """What in the role the sources imply but do not print, and why."""

    @model_validator(mode="after")
    def _cited(self):
        if not self.sources:
            raise PydanticCustomError(UNCITED, "an organisation's role must cite at least one "
                                               "source")
        return self


class Addressee(Strict):
    authority: Ref("authorities")
    role: Literal["appeal", "copy"]
    """Whether appeals go to them or copies."""


class Appeal(Strict):
    """One call to action as a source published it."""

    id: str = Field(pattern=ID_PATTERN)
    """A stable id, unique in the case; the page anchor."""
    kind: Literal["call", "letter"] = "call"
    """call: the source asks the public to write (an Urgent Action), so the site offers a
    letter ready to copy; letter: the source is a letter its author sent, shown as a record."""
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
            raise PydanticCustomError(UNCITED, "a timeline event must cite at least one source")
        return self


class Route(Strict):
    """A journey of the people concerned between the case's places, made or planned, as the
    sources report it: drawn on the case's map as a line labelled "reported"."""

    stops: list[Ref("places")] = Field(min_length=2)
    """The places in order, first to last; each must be one of the case's places."""
    text: Text
    """What the sources say of the journey, in your own words."""
    sources: SourceRefs
    deduced: Text | None = None
    """What in the route the sources imply but do not print (a leg they give only as two
    places, one after the other), and why."""

    @model_validator(mode="after")
    def _cited(self):
        if not self.sources:
            raise PydanticCustomError(UNCITED, "a route must cite at least one source")
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
    routes: list[Route] = []
    """Journeys between the case's places that the sources report, such as from where the
    people were detained to where they were held; never one the sources do not give."""
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
    figures: list[Figure] = []
    """Every number of people a source reports returned or detained in this case, each with
    its source: the numbers page lists them by date, conflicting figures side by side."""
