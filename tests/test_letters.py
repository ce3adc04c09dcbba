"""The appeal builder on the built case pages: each appeal's state as of the build date, one
letter per addressee with the address and salutation as published, historical labels, and a
mailto: link only where the source printed an e-mail and the appeal is not closed."""
from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from macros.kb.pages import letters
from macros.kb import resolve
from macros.kb.pages.plaintext import plain

from .conftest import AS_OF


def appeals(kb):
    out = [(c, a) for c in kb.all("cases") for a in c.data.appeals]
    assert out, "the data should hold at least one appeal"
    return out


def test_each_appeal_states_whether_it_is_open_as_of_the_build_date(site, kb):
    for case, appeal in appeals(kb):
        state = kb.appeal_states[(case.id, appeal.id)]
        box = site.article(f"cases/{case.id}/").select_one(f"div.kb-appeal#{appeal.id}")
        assert box["data-state"] == state.state
        line = box.select_one(".kb-appeal__state")
        assert f"kb-appeal__state--{state.state}" in line["class"]
        assert f"as of {AS_OF.isoformat()}" in line.get_text()
        assert line.select_one("time")["datetime"] == AS_OF.isoformat()
        if state.closed_by is not None:
            target = line.select_one("a")["href"]
            assert target == f"#{state.closed_by.id}"
            assert site.article(f"cases/{case.id}/").select_one(target) is not None


def test_the_states_the_data_needs_are_all_there(kb):
    states = {kb.appeal_states[(c.id, a.id)].state for c, a in appeals(kb)}
    # as of the test date every dated appeal is past; one case has none, one is closed by update
    assert "closed-deadline" in states
    if any(u.closes_appeals for c in kb.all("cases") for u in c.data.updates):
        assert "closed-no-action" in states


def test_one_letter_per_addressee_with_address_and_salutation_as_published(site, kb):
    for case, appeal in appeals(kb):
        box = site.article(f"cases/{case.id}/").select_one(f"div.kb-appeal#{appeal.id}")
        to = [ad.authority for ad in appeal.addressees if ad.role == "appeal"]
        shown = box.select(".kb-letter")
        assert [d["id"] for d in shown] == [f"{appeal.id}-{a}" for a in to]
        for div, auth_id in zip(shown, to):
            auth = kb.get("authorities", auth_id).data
            address = [line.strip() for line in
                       div.select_one("address").get_text("\n").split("\n") if line.strip()]
            assert address == [auth.name_as_published, *auth.contact.address]
            assert "kb-historical" in div.select_one(".kb-historical")["class"]
            assert kb.get("sources", auth.published_in).data.title["en"] in \
                div.select_one(".kb-historical").get_text(" ")
            pre = div.select_one("pre.kb-letter__text")
            if not appeal.asks:
                assert pre is None
                continue
            text = pre.get_text()
            assert text.startswith(auth.name_as_published + "\n")
            assert f"\n{auth.salutation},\n" in text
            for ask in appeal.asks:
                assert f"- {plain(ask.text)}\n" in text
            assert pre["data-kb-copy"]  # kb-tools.js adds the copy button after it
        copies = [ad.authority for ad in appeal.addressees if ad.role == "copy"]
        assert [li["id"] for li in box.select(".kb-letter-copies > li")] == \
            [f"{appeal.id}-{a}" for a in copies]


def test_mailto_only_where_an_email_was_printed_and_the_appeal_is_not_closed(site, kb):
    for case, appeal in appeals(kb):
        state = kb.appeal_states[(case.id, appeal.id)]
        box = site.article(f"cases/{case.id}/").select_one(f"div.kb-appeal#{appeal.id}")
        for div in box.select(".kb-letter"):
            auth = kb.get("authorities", div["id"].removeprefix(f"{appeal.id}-")).data
            links = div.select('a[href^="mailto:"]')
            wanted = bool(auth.contact.email) and bool(appeal.asks) and \
                state.state in letters.ACTIONABLE
            assert bool(links) == wanted, (case.id, div["id"])
        # closed appeals keep their letters folded away, marked as not to be sent
        details = box.select_one("details.kb-letters")
        if details is not None:
            assert details.has_attr("open") == (state.state in letters.ACTIONABLE)
            assert (details.select_one(".kb-letters__closed") is None) == \
                (state.state in letters.ACTIONABLE)


def test_mailto_carries_the_letter_when_the_appeal_is_open(records, kb):
    with_email = [(c, a) for c, a in appeals(kb) if a.asks and any(
        ad.role == "appeal" and kb.get("authorities", ad.authority).data.contact.email
        for ad in a.addressees) and not any(u.closes_appeals for u in c.data.updates)
        and a.deadline]
    if not with_email:
        pytest.skip("no dated appeal to an addressee with a printed e-mail address")
    case, appeal = with_email[0]
    lo, _hi = appeal.deadline.parsed.bounds()
    then = resolve.build(records, dt.date(lo[0], lo[1] or 1, lo[2] or 1))
    view = letters.appeal_view(then, case, appeal)
    assert view.state == "open" and view.actionable
    for rec in view.letters:
        if not rec.emails:
            assert rec.mailto is None
            continue
        parts = urlsplit(rec.mailto)
        assert parts.scheme == "mailto"
        assert unquote(parts.path).split(",") == list(rec.emails)
        query = parse_qs(parts.query)
        assert query["body"][0].replace("\r\n", "\n") == rec.text
        assert query["subject"][0] == case.data.title["en"]


def test_mailto_refuses_what_is_not_an_address():
    assert letters.mailto(["not an address", "a@b?cc=x@y.z"], "s", "b") is None
    assert letters.mailto([], "s", "b") is None
    url = letters.mailto(["gov@example.org"], "A & B", "line 1\nline 2")
    assert url == "mailto:gov@example.org?subject=A%20%26%20B&body=line%201%0D%0Aline%202"
