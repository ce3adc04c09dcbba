"""Field types shared by every record model: text, dates, references, cited statements.

- `Text`: a string in English, or a mapping of language code (en, ko, zh) to string. Its
  Korean and Chinese translations live in data/translations/<lang>.po (translations.py), where
  a translator works without touching a fact;
- `Name`: the name of a person, place, organisation, office, instrument or principle, whose
  established Korean and Chinese forms are held on the record itself, in one place;
- `Published`: text kept as the source printed it (a document's title), never translated;
- `Claim`: one factual statement plus the sources (or, for general legal facts, the
  instruments) that support it;
- `Ref("type")`: the id of a record of another type, checked after loading (unknown id, wrong
  record type);
- `EDTF` / `DateField`: dates in EDTF (see dates.py), a date optionally refined by `part`.
"""
from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field,
                      PlainSerializer, WithJsonSchema, WrapValidator, model_validator)
from pydantic_core import PydanticCustomError

from . import dates
from .languages import LANGS

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


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
        raise PydanticCustomError("english_missing",
                                  "text needs an English version ('en') that is not empty")
    return value


TEXT_SCHEMA = {
    "description": "Text a reader sees: a string (English), or a mapping of language code "
                   f"({', '.join(LANGS)}) to string with 'en' present",
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "object", "required": ["en"], "additionalProperties": False,
         "properties": {lang: {"type": "string"} for lang in LANGS}},
    ],
}
Text = Annotated[
    dict[Literal[LANGS], str],
    BeforeValidator(_as_text),
    AfterValidator(_check_text),
    WithJsonSchema(TEXT_SCHEMA),
]


class Translated:
    """Marks where a Text field's translations live: "inline" (a Name, on the record) or
    "never" (Published: as the source printed it). A plain Text is translated in the
    catalogues of data/translations/."""

    def __init__(self, where: str):
        self.where = where

    def __repr__(self) -> str:
        return f"Translated({self.where!r})"


NAME_SCHEMA = {**TEXT_SCHEMA, "description": "A name: a string (English), or a mapping of "
               f"language code ({', '.join(LANGS)}) to the name's established form in that "
               "language"}
class PublishedText(dict):
    """A Published text: in the language the source printed it in (English), in every
    edition; pages mark its language without counting it as untranslated."""


Name = Annotated[Text, Translated("inline"), WithJsonSchema(NAME_SCHEMA)]
Published = Annotated[Text, Translated("never"), AfterValidator(PublishedText)]


def date_error(exc: dates.DateError) -> PydanticCustomError:
    """The error of a date that is not in the accepted EDTF subset (messages.py words it)."""
    return PydanticCustomError("edtf", "{reason}", {"reason": str(exc)})


UNCITED = "uncited"  # the error of a statement with nothing to support it


def _check_edtf(value: str) -> str:
    try:
        dates.parse(value)
    except dates.DateError as exc:
        raise date_error(exc) from None
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
    deduced: Text | None = None
    """Where the source does not print part of this date (most often its year): how it was
    deduced, and from what. Shown beside the date."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        return {"edtf": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _part_fits(self):
        try:
            dates.parse(self.edtf, self.part)
        except dates.DateError as exc:
            raise date_error(exc) from None
        return self

    @property
    def parsed(self) -> dates.KBDate:
        return dates.parse(self.edtf, self.part)


DateField = Annotated[DateValue, WithJsonSchema({
    "description": "An EDTF date string, or {edtf, part, deduced} where part (early, mid, late) "
                   "refines a month and deduced says how a part the source does not print was "
                   "worked out",
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "object", "required": ["edtf"], "additionalProperties": False,
         "properties": {"edtf": {"type": "string"},
                        "part": {"enum": ["early", "mid", "late"]},
                        "deduced": TEXT_SCHEMA}},
    ],
})]

class Cited(str):
    """The id of a cited source (it compares, hashes and prints as the id), carrying the
    pinpoint in it where the statement rests: a paragraph or a section as printed. A str
    subclass so that every consumer that needs only the id keeps using it as one."""

    para: str | None = None
    section: str | None = None

    def __new__(cls, source: str, para: str | None = None, section: str | None = None):
        self = super().__new__(cls, source)
        if para is not None or section is not None:
            self.para, self.section = para, section
        return self

    def __reduce__(self):
        return Cited, (str(self), self.para, self.section)

    @property
    def pinpointed(self) -> bool:
        return bool(self.para or self.section)


PARA_PATTERN = r"^[1-9][0-9]*(?:[-–][1-9][0-9]*)?$"
PARA_SCHEMA = {"anyOf": [{"type": "integer", "minimum": 1},
                         {"type": "string", "pattern": PARA_PATTERN}],
               "description": "A paragraph number, or a range such as 3-4"}
Para = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) else v),
                 Field(pattern=PARA_PATTERN), WithJsonSchema(PARA_SCHEMA)]


class Pinpoint(Strict):
    """A source cited where the words are: by paragraph (`para: 4`, or `"4-5"`) or by a
    section heading as printed. A plain id is the short form of `{source: id}`; a web source
    must be cited with a pinpoint."""

    SHORTHAND: ClassVar[str] = "source"

    source: Ref("sources")
    para: Para | None = None
    """The paragraph of the document's body (the first after its title is 1), or a range."""
    section: Annotated[str, Field(min_length=1)] | None = None
    """A section heading exactly as the document prints it."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        return {"source": value} if isinstance(value, str) else value


CITATION_SCHEMA = {
    "description": "The id of a source, or {source, para, section}: the source with the "
                   "paragraph (a number or a range such as 3-4) or section where it says this",
    "anyOf": [
        {"type": "string", "pattern": ID_PATTERN},
        {"type": "object", "required": ["source"], "additionalProperties": False,
         "properties": {"source": {"type": "string", "pattern": ID_PATTERN},
                        "para": PARA_SCHEMA,
                        "section": {"type": "string", "minLength": 1}}},
    ],
}
def _as_written(cited: Cited):
    """A citation as a data file writes it: the id alone, or {source, para, section}."""
    if not cited.pinpointed:
        return str(cited)
    return {k: v for k, v in (("source", str(cited)), ("para", cited.para),
                              ("section", cited.section)) if v is not None}


_PLAIN_ID = re.compile(ID_PATTERN[1:-1])  # fullmatch: `$` would also pass a final newline


def _cite(value, handler) -> Cited:
    """A citation as a Cited: a valid id alone straight away, anything else through Pinpoint.

    Most citations are a source's id alone. Making a Pinpoint of each, only to turn it into a
    Cited, took three calls into Python and a model; the id is checked here against the same
    pattern instead, and whatever does not match it takes Pinpoint's way, so its problems are
    reported exactly as before (tests/test_contract.py compares both ways)."""
    if type(value) is str and _PLAIN_ID.fullmatch(value):
        return str.__new__(Cited, value)  # Cited(value), without a call into Python
    pinpoint = handler(value)
    return Cited(pinpoint.source, pinpoint.para, pinpoint.section)


Citation = Annotated[Pinpoint, WrapValidator(_cite), PlainSerializer(_as_written),
                     WithJsonSchema(CITATION_SCHEMA)]
SourceRefs = Annotated[list[Citation], Field(
    default_factory=list, description="The sources that support this: ids, or {source, para} "
                                      "with the paragraph or section where it is said")]


MAX_QUOTE_WORDS = 20  # a short phrase: the site says everything else in its own words


def _short_quote(value: str) -> str:
    if len(value.split()) > MAX_QUOTE_WORDS:
        raise PydanticCustomError(
            "quote_too_long", "a quotation may have at most {limit} words: quote the phrase "
            "that matters and say the rest in your own words", {"limit": MAX_QUOTE_WORDS})
    return value


class Quotation(Strict):
    """A source's own words, where they matter: exactly as printed, short, attributed."""

    words: Annotated[str, Field(min_length=1), AfterValidator(_short_quote)]
    """The words exactly as the source prints them, without quotation marks (at most 20)."""
    speaker: Text | None = None
    """Who said them, as the source names them (a published official or organisation)."""
    source: Ref("sources")
    para: Para | None = None
    """The paragraph of the source where the words are."""


class Claim(Strict):
    """One factual statement and what supports it."""

    text: Text
    """The statement, in your own words."""
    sources: SourceRefs
    # a factory, not `= []`: pydantic deep-copies a list default for each of the many claims
    # that name no instrument (the schema still says its default is [])
    instruments: list[Ref("instruments")] = Field(default_factory=list,
                                                  json_schema_extra={"default": []})
    """For a general legal fact: the instruments that state it."""
    quote: Quotation | None = None
    """A short quotation from one of the sources, shown with the statement."""
    deduced: Text | None = None
    """What in the statement the sources imply but do not print (a year, a province, a link to
    a principle), and why: shown with the statement, marked as deduced."""

    @model_validator(mode="after")
    def _cited(self):
        if not self.sources and not self.instruments:
            raise PydanticCustomError(UNCITED, "a statement must cite at least one source or "
                                              "instrument")
        return self
