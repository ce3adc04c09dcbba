"""The appeal builder on the built case pages: each appeal's state as of the build date, one
letter per addressee with the address and salutation as published, historical labels, and a
mailto: link only where the source printed an e-mail and the appeal is not closed. Expected
values are read off the data files (data/cases, data/authorities)."""
from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, unquote, urlsplit

from macros.kb import resolve
from macros.kb.pages.views import letters
from macros.kb.pages.views.common import Citer, Context

from .conftest import AS_OF
from .expected import APPEAL_STATES

# The addressee block as the Urgent Action prints it: the office line above the name.
HU_JINTAO = ["The State Council General Office", "HU Jintao Guojia Zhuxi", "2 Fuyoujie",
             "Xichengqu", "Beijingshi 100017", "People's Republic of China"]


def _appeal(site, case, appeal):
    return site.article(f"cases/{case}/").select_one(f"div.kb-appeal#{appeal}")


def test_each_appeal_states_whether_it_is_open_as_of_the_build_date(site):
    for (case, appeal), state in APPEAL_STATES.items():
        box = _appeal(site, case, appeal)
        assert box["data-state"] == state
        line = box.select_one(".kb-appeal__state")
        assert f"kb-appeal__state--{state}" in line["class"]
        assert "as of 23 November 2026" in line.get_text()
        assert line.select_one("time")["datetime"] == AS_OF.isoformat()
    # the families' appeal is closed by the update that says no action is needed
    line = _appeal(site, "families-returned-shandong-yunnan", "urgent-action-network") \
        .select_one(".kb-appeal__state")
    assert line.select_one("a")["href"] == "#no-further-action"
    assert site.article("cases/families-returned-shandong-yunnan/") \
        .select_one("#no-further-action") is not None


def test_one_letter_per_addressee_with_address_and_salutation_as_published(site):
    box = _appeal(site, "changchun-2012", "ua-2012")
    letters_shown = box.select(".kb-letter")
    assert [d["id"] for d in letters_shown] == ["ua-2012-hu-jintao-2012",
                                                 "ua-2012-wen-jiabao-2012"]
    hu = letters_shown[0]
    address = [line.strip() for line in hu.select_one("address").get_text("\n").split("\n")
               if line.strip()]
    assert address == HU_JINTAO
    assert "North Koreans facing forcible return" in hu.select_one(".kb-historical").get_text()
    text = hu.select_one("pre.kb-letter__text").get_text()
    # the reference line: the UA number and index the publisher's page prints
    assert text.startswith("\n".join(HU_JINTAO) + "\n\n[Date]\nRe: UA number 52/12, AI Index "
                           "ASA 17/006/2012\n\nYour Excellency,\n")
    assert "- Give them access to UNHCR.\n" in text
    assert hu.select_one("pre")["data-kb-copy"]  # kb-tools.js adds the copy button after it
    assert [li["id"] for li in box.select(".kb-letter-copies > li")] == [
        "ua-2012-yang-jiechi-2012"]
    copy = box.select_one(".kb-letter-copies > li").get_text(" ", strip=True)
    assert "YANG Jiechi Buzhang, Waijiaobu" in copy and "+86 10 65961109 or 65962660" in copy


def test_an_appeal_without_asks_in_its_source_gets_no_letter_text(site):
    box = _appeal(site, "mass-returns-2000", "to-unhcr")
    assert box.select(".kb-letter") == [] and box.select("pre") == []


def test_mailto_only_where_an_email_was_printed_and_the_appeal_is_not_closed(site):
    # every appeal is closed as of the build date, or (Human Rights Watch's) a letter its author
    # sent: no mailto link anywhere, every letter folded away and marked as not to be sent
    for (case, appeal), state in APPEAL_STATES.items():
        box = _appeal(site, case, appeal)
        assert box.select('a[href^="mailto:"]') == []
        details = box.select_one("details.kb-letters")
        if details is not None:
            assert not details.has_attr("open")
            assert details.select_one(".kb-letters__closed") is not None


def test_mailto_carries_the_letter_when_the_appeal_is_open(records):
    then = resolve.build(records, dt.date(2012, 2, 10))
    case = then.get("cases", "changchun-2012")
    ctx = Context(then, "cases/changchun-2012.md", "en")
    view = letters.appeal_view(ctx, Citer(ctx, case), case, case.data.appeals[0])
    assert view.state == "open" and view.actionable
    by_person = {r.person.text: r for r in view.letters}
    assert by_person["Wen Jiabao"].mailto is None  # no e-mail printed for him
    hu = by_person["Hu Jintao"]
    parts = urlsplit(hu.mailto)
    assert parts.scheme == "mailto" and unquote(parts.path) == "gov@govonline.cn"
    query = parse_qs(parts.query)
    assert query["body"][0].replace("\r\n", "\n") == hu.text
    assert query["subject"][0] == "Group of at least 21 held in Changchun, February 2012"


def test_mailto_refuses_what_is_not_an_address():
    assert letters.mailto(["not an address", "a@b?cc=x@y.z"], "s", "b") is None
    assert letters.mailto([], "s", "b") is None
    url = letters.mailto(["gov@example.org"], "A & B", "line 1\nline 2")
    assert url == "mailto:gov@example.org?subject=A%20%26%20B&body=line%201%0D%0Aline%202"
