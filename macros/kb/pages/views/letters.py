"""The appeal builder: for each appeal of a case, its state and one letter per addressee.

A letter is plain text in the site's own wording (locales/<lang>.yml, keys under `letter` and
`wording`), in the reader's language, filled in from the case data: the addressee's name line
and postal address exactly as the source published them; a salutation in the letter's own
language, from the office and the person's name (the published one, such as "Your
Excellency", stays in the contact details as printed); the people concerned by their count,
their description and the day their case began, never by the site's case title; and the
appeal's asks. Nothing else is added: an appeal whose source gives no asks gets no letter.

Only an appeal open as of the build date offers letters: a closed one keeps, as a record,
what it asked and of whom, with no letter to copy and no mailto: link. Contact details are
historical (each recipient carries the source and date that published them). A `mailto:`
link is offered only where that source printed an e-mail address.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote

from ...data import dates, model
from ...resolve import AppealState, KnowledgeBase, Record
from ...common import i18n, urls
from ...common.plaintext import plain
from .common import Citer, ClaimView, Cites, Context, Link

ACTIONABLE = ("open", "no-deadline")
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%'*+/=^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")


@dataclass(frozen=True)
class Recipient:
    anchor: str  # element id on the case page, stable: <appeal id>-<authority id>
    person: Link  # the authority's page
    office: str  # the office's name
    role: str  # "appeal" | "copy"
    lines_before_name: tuple[str, ...]
    name_as_published: str
    address: tuple[str, ...]
    salutation: str
    emails: tuple[str, ...]
    fax: tuple[str, ...]
    note: dict | None  # the site's note on these details (Text)
    source: Link  # the document that published these details
    source_date: model.DateValue
    text: str | None = None  # the letter, for role "appeal" when the appeal has asks
    mailto: str | None = None
    version: "LetterVersion | None" = None  # the letter in the addressee's language


@dataclass(frozen=True)
class LetterVersion:
    """The same letter in the language of the addressee's state (Place.letters_in), where it
    is not the edition's: its language, what the page calls it, its text and the placeholders
    the page's fields fill in."""

    lang: str
    label: str
    text: str
    date: str
    name: str
    town: str


@dataclass(frozen=True)
class AppealView:
    appeal: model.Appeal
    state: str
    as_of: dt.date
    as_of_iso: str
    as_of_words: str
    closed_by: model.Update | None
    actionable: bool
    issued_by: Link
    cites: Cites  # the appeal's own source
    asks: tuple[ClaimView, ...]
    other_recipients: tuple[ClaimView, ...]
    note: ClaimView | None
    letters: tuple[Recipient, ...]
    copies: tuple[Recipient, ...]
    # An open appeal's last day (ISO) and the words for it once past: the page recomputes the
    # state from the reader's date where scripts run (kb-tools.js); the build date stays the
    # fallback.
    open_until: str | None = None
    closed_words: str | None = None
    as_of_template: str | None = None
    deadline_note: object = None  # cases.DateNote: where the deadline's deduction is explained


def _group_words(group: model.PeopleGroup, lang: str) -> str:
    """A group as the letter names it: its count the source's way (or the source's own word
    for how many), then its description, in the order the language puts them."""
    label = i18n.text_of(group.label, lang)
    if group.count is not None:
        count = i18n.gettext(f"people.{group.qualifier}", lang, count=group.count,
                             count_max=group.count_max)
        return i18n.gettext("wording.people", lang, count=count, label=label)
    if group.estimate:
        return i18n.gettext("wording.people_estimate", lang,
                            estimate=i18n.text_of(group.estimate, lang), label=label)
    return label


def _people(case: model.Case, lang: str) -> str:
    """The people the letter is about: the case's first group, the people the case is about
    (helpers, and parts of that group, follow it), with the day the case began ("the at
    least 21 North Koreans held in Changchun since 8 February 2012")."""
    period = case.period.parsed
    day = i18n.date_words(dates.KBDate(period.text, "point", period.start), lang)
    return i18n.gettext("wording.letter_people", lang,
                        people=_group_words(case.people[0], lang), date=day)


def _title_and_before(office: str, english: bool) -> tuple[str, str]:
    """An office's short title and what its name says before it: English names the title
    first ("President" of the People's Republic of China), Korean last (중화인민공화국
    "주석"). Chinese, written without spaces, is used whole by its salutation."""
    if english:
        return office.partition(" of ")[0], ""
    before, _, short = office.rpartition(" ")
    return short, before + " " if before else ""


def salutation(kb: KnowledgeBase, auth: Record, lang: str = i18n.DEFAULT_LANG) -> str:
    """The letter's salutation in its own language: "Dear President Hu Jintao,",
    "존경하는 중화인민공화국 후진타오 주석님께", "尊敬的中华人民共和国主席胡锦涛阁下："."""
    office, english = i18n.localized(kb.get("offices", auth.data.office).data.name, lang)
    short, before = _title_and_before(office, english or lang == i18n.DEFAULT_LANG)
    return i18n.gettext("wording.salutation", lang, title=short, before=before, office=office,
                        name=urls.title(auth, lang))


def _office_line(kb: KnowledgeBase, auth: Record, lang: str) -> str:
    return i18n.gettext("letter.office_line", lang, name=urls.title(auth, lang),
                        office=urls.title(kb.get("offices", auth.data.office), lang))


def reference(kb: KnowledgeBase, appeal: model.Appeal,
              lang: str = i18n.DEFAULT_LANG) -> str | None:
    """The appeal's reference as its source prints it (UA number, AI Index), each scheme
    named in `lang`, or None."""
    idents = kb.get("sources", appeal.source).data.identifiers
    schemes = i18n.gettext("wording.schemes", lang)
    return i18n.gettext("wording.comma", lang).join(
        f"{schemes.get(i.scheme, i.scheme)} {i.value}" for i in idents) or None


def letter_text(kb: KnowledgeBase, case_rec: Record, appeal: model.Appeal, auth: Record,
                copies: list[Record], lang: str = i18n.DEFAULT_LANG) -> str:
    """The letter to one addressee, in plain text with blank lines between paragraphs. The
    date, the writer's name and town are placeholders the page's fields fill in."""
    a, case = auth.data, case_rec.data
    g = lambda key, **kw: i18n.gettext(f"letter.{key}", lang, **kw)  # noqa: E731
    head = "\n".join([*a.lines_before_name, a.name_as_published, *a.contact.address])
    ref = reference(kb, appeal, lang)
    asks = "\n".join(f"- {plain(ask.text, lang)}" for ask in appeal.asks)
    paragraphs = [head, g("date") + ("\n" + g("reference", reference=ref) if ref else ""),
                  salutation(kb, auth, lang),
                  g("opening", people=_people(case, lang)),
                  g("asks_intro") + "\n" + asks,
                  g("thanks"),
                  g("closing") + "\n" + g("name") + "\n" + g("town")]
    if copies:
        between = i18n.gettext("punct.semicolon", lang)
        paragraphs.append(g("copies", names=between.join(_office_line(kb, c, lang)
                                                        for c in copies)))
    return "\n\n".join(paragraphs) + "\n"


def mailto(emails, subject: str, body: str) -> str | None:
    """A mailto: URL (RFC 6068) for the printed addresses, or None if none is usable."""
    usable = [e.strip() for e in emails if _EMAIL.match(e.strip())]
    if not usable:
        return None
    to = ",".join(quote(e, safe="@") for e in usable)
    crlf = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{to}?subject={quote(subject, safe='')}&body={quote(crlf, safe='')}"


def _recipient(ctx: Context, case_rec, appeal, addressee, copies, actionable) -> Recipient:
    kb, lang = ctx.kb, ctx.lang
    auth = kb.get("authorities", addressee.authority)
    a = auth.data
    source = kb.get("sources", a.published_in)
    text = link = None
    version = None
    if addressee.role == "appeal" and appeal.asks and actionable:
        text = letter_text(kb, case_rec, appeal, auth, copies, lang)
        link = mailto(a.contact.email, urls.title(case_rec, lang), text)
        theirs = kb.get("places", kb.get("offices", a.office).data.state).data.letters_in
        if theirs and theirs != lang:
            version = LetterVersion(
                theirs, i18n.gettext("appeal_builder.version", lang,
                                     language=i18n.gettext(f"languages.{theirs}", lang)),
                letter_text(kb, case_rec, appeal, auth, copies, theirs),
                *(i18n.gettext(f"letter.{k}", theirs) for k in ("date", "name", "town")))
    return Recipient(f"{appeal.id}-{auth.id}", ctx.record(auth), ctx.title("offices", a.office),
                     addressee.role, tuple(a.lines_before_name), a.name_as_published,
                     tuple(a.contact.address),
                     a.salutation, tuple(a.contact.email), tuple(a.contact.fax),
                     a.contact.note, ctx.record(source), source.data.date, text, link, version)


def appeal_view(ctx: Context, citer: Citer, case_rec: Record,
                appeal: model.Appeal) -> AppealView:
    kb = ctx.kb
    state: AppealState = kb.appeal_states[(case_rec.id, appeal.id)]
    actionable = state.state in ACTIONABLE and appeal.kind == "call"
    copies = [kb.get("authorities", ad.authority) for ad in appeal.addressees
              if ad.role == "copy"]
    people = [_recipient(ctx, case_rec, appeal, ad, copies, actionable)
              for ad in appeal.addressees]
    until = state.deadline.last_day() if state.is_open else None
    return AppealView(appeal, state.state, state.as_of, state.as_of.isoformat(),
                      i18n.date_words_of_day(state.as_of, ctx.lang),
                      state.closed_by, actionable, ctx.ref("organisations", appeal.issued_by),
                      citer.cites([appeal.source]), citer.claims(appeal.asks),
                      citer.claims(appeal.other_recipients),
                      citer.claim(appeal.note) if appeal.note else None,
                      tuple(p for p in people if p.role == "appeal"),
                      tuple(p for p in people if p.role == "copy"),
                      until.isoformat() if until else None,
                      i18n.gettext("appeal.state.closed-deadline", ctx.lang) if until else None,
                      i18n.gettext("appeal.as_of", ctx.lang, date="{date}") if until else None)
