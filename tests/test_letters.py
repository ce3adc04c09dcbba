"""The appeal builder on the built case pages, in every edition.

A closed appeal (every Urgent Action, as of the build date 23 November 2026) shows what it asked
and of whom, folded, with the address as published and nothing to copy or send. An open one
(the site built on 20 February 2012, while the Changchun Urgent Action ran) offers a letter in
the reader's language, with its salutation in that language, naming the people by count,
description and date rather than by the case's title, and the same letter in the addressee's
language. Expected values are read off the data files (data/cases, data/authorities,
data/offices, data/translations) and written out here."""
from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from macros.kb import resolve
from macros.kb.data import translations, validate
from macros.kb.pages.views import letters
from macros.kb.pages.views.common import Citer, Context

from .conftest import AS_OF, ALL_EDITIONS, DATA, Site, run_build, small_data
from .expected import APPEAL_STATES

# The addressee block as the Urgent Action prints it: the office line above the name.
HU_JINTAO = ["The State Council General Office", "HU Jintao Guojia Zhuxi", "2 Fuyoujie",
             "Xichengqu", "Beijingshi 100017", "People's Republic of China"]
BUILT_2012 = dt.datetime(2012, 2, 20, tzinfo=dt.timezone.utc)  # the Urgent Action is open


@pytest.fixture(scope="module")
def site_2012(tmp_path_factory, records) -> Site:
    """The Changchun case built on a day its Urgent Action was open, every edition: of a
    copy of the data with that case and what it names (conftest.small_data), since the date
    changes every page (each says when it was built)."""
    folder = tmp_path_factory.mktemp("letters2012")
    data = small_data(folder, records, ("changchun-2012",))
    out = folder / "site"
    result = run_build(out, data_dir=data, editions=ALL_EDITIONS,
                       extra_env={"SOURCE_DATE_EPOCH": str(int(BUILT_2012.timestamp()))})
    assert result.returncode == 0, result.stderr[-3000:]
    return Site(out)


def _appeal(site, case, appeal, prefix=""):
    return site.article(f"{prefix}cases/{case}/").select_one(f"div.kb-appeal#{appeal}")


def _letter(site, prefix="", anchor="ua-2012-hu-jintao-2012-text"):
    return site.article(f"{prefix}cases/changchun-2012/").select_one(f"#{anchor}")


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


# What a closed Urgent Action shows, folded, in each edition: the summary, the note, whom it
# was addressed to (the office line the language's way round), and the copies' heading.
CLOSED = {
    "": ("The appeal's 2 addressees, for the record",
         "This appeal is closed. What it asked, and of whom, is kept here as a record; the site "
         "offers no letter for it.",
         ["Addressed to: Hu Jintao, President of the People's Republic of China",
          "Addressed to: Wen Jiabao, Premier of the People's Republic of China"],
         "Copies were to go to:", "send"),
    "ko/": ("이 탄원의 수신인 2명(기록용)",
            "이 탄원은 종료되었습니다. 무엇을 누구에게 요청했는지를 기록으로 남겨 두었으며, 이 탄원에 "
            "대해서는 편지를 제공하지 않습니다.",
            ["수신: 중화인민공화국 주석 후진타오", "수신: 중화인민공화국 국무원 총리 원자바오"],
            "사본 수신처:", "보내"),
    "zh/": ("这项呼吁的收信人（2位），留作记录",
            "这项呼吁已结束。其诉求及收信人在此留作记录；本站不为其提供信件。",
            ["收信人：中华人民共和国主席胡锦涛", "收信人：中华人民共和国国务院总理温家宝"],
            "副本收件人：", "寄出"),
}


def test_a_closed_appeal_shows_what_was_asked_and_of_whom_with_nothing_to_send(site):
    for prefix, (summary, note, to, copies, send) in CLOSED.items():
        box = _appeal(site, "changchun-2012", "ua-2012", prefix)
        assert len(box.select(".kb-appeal__asks li")) == 3  # what was asked, unfolded
        details = box.select_one("details.kb-letters")
        assert not details.has_attr("open")
        assert details.select_one("summary").get_text() == summary
        assert details.select_one(".kb-letters__closed").get_text() == note
        assert [p.get_text() for p in details.select(".kb-letter__to")] == to
        assert details.select_one(".kb-letter-copies").find_previous("strong").get_text() == \
            copies
        # no letter, no copy button, no fields to fill in, no mailto, no word of sending
        assert box.select("pre") == [] and box.select("[data-kb-copy]") == []
        assert box.select("[data-kb-letter-fields]") == []
        assert box.select('a[href^="mailto:"]') == []
        assert send not in details.get_text().lower(), prefix
    hu = _appeal(site, "changchun-2012", "ua-2012").select_one("#ua-2012-hu-jintao-2012")
    address = [line.strip() for line in hu.select_one("address").get_text("\n").split("\n")
               if line.strip()]
    assert address == HU_JINTAO
    assert "North Koreans facing forcible return" in hu.select_one(".kb-historical").get_text()
    # the salutation the Urgent Action printed stays in the contact details, as printed
    assert hu.select_one(".kb-letter__salutation").get_text() == "Salutation: Your Excellency"
    copy = _appeal(site, "changchun-2012", "ua-2012").select_one(".kb-letter-copies > li")
    assert copy["id"] == "ua-2012-yang-jiechi-2012"
    text = copy.get_text(" ", strip=True)
    assert "YANG Jiechi Buzhang, Waijiaobu" in text and "+86 10 65961109 or 65962660" in text


def test_no_closed_or_sent_appeal_offers_a_letter_anywhere(site):
    for prefix in ("", "ko/", "zh/"):
        for (case, appeal), _state in APPEAL_STATES.items():
            box = _appeal(site, case, appeal, prefix)
            assert box.select("pre") == [] and box.select('a[href^="mailto:"]') == []
            details = box.select_one("details.kb-letters")
            if details is not None:
                assert not details.has_attr("open")
                assert details.select_one(".kb-letters__closed") is not None


def test_an_appeal_without_asks_in_its_source_gets_no_letter_text(site):
    box = _appeal(site, "mass-returns-2000", "to-unhcr")
    assert box.select(".kb-letter") == [] and box.select("pre") == []


# The open Urgent Action's letter to Hu Jintao in each edition: the date and reference lines,
# the salutation in the letter's language, the opening naming the people, the copy line.
OPEN = {
    "": ("[Date]\nRe: UA number 52/12, AI Index ASA 17/006/2012\n\n"
         "Dear President Hu Jintao,\n\n"
         "I am writing to you about the at least 21 North Koreans held in Changchun since "
         "8 February 2012. I am deeply concerned for their safety.\n\n"
         "I respectfully urge you to take the following steps:\n"
         "- Do not send the North Koreans held in Changchun back to North Korea by force.\n",
         "Copy to: Yang Jiechi, Minister of Foreign Affairs of the People's Republic of China\n",
         "Group of at least 21 held in Changchun"),
    "ko/": ("[날짜]\n제목: 긴급행동 번호 52/12, 국제앰네스티 문서 번호 ASA 17/006/2012\n\n"
            "존경하는 중화인민공화국 후진타오 주석님께\n\n"
            "2012년 2월 8일부터 창춘에 억류된 북한 주민 최소 21명에 관해 이 글을 드립니다. 저는 "
            "이들의 안전을 깊이 우려하고 있습니다.\n\n",
            "참조: 중화인민공화국 외교부장 양제츠\n",
            "창춘에 억류된 최소 21명, 2012년 2월"),
    "zh/": ("[日期]\n事由：紧急行动编号 52/12，国际特赦组织文件编号 ASA 17/006/2012\n\n"
            "尊敬的中华人民共和国主席胡锦涛阁下：\n\n"
            "我谨就至少21名在长春被关押的朝鲜人（2012年2月8日起）一事致函。我深切关注他们的安全。\n\n"
            "我恳请您采取以下措施：\n- 不要将在长春被关押的朝鲜人强制遣返朝鲜。\n",
            "抄送：中华人民共和国外交部部长杨洁篪\n",
            "2012年2月在长春被关押的至少21人"),
}


def test_an_open_appeal_offers_a_letter_in_the_readers_language(site_2012):
    for prefix, (middle, copies, title) in OPEN.items():
        box = _appeal(site_2012, "changchun-2012", "ua-2012", prefix)
        assert box["data-state"] == "open"
        assert box.select_one("details.kb-letters").has_attr("open")
        assert box.select_one("[data-kb-letter-fields]") is not None
        letter = _letter(site_2012, prefix)
        assert letter.name == "pre" and letter["lang"] == (prefix.strip("/") or "en")
        assert letter["data-kb-copy"]  # kb-tools.js adds the copy button after it
        text = letter.get_text()
        assert text.startswith("\n".join(HU_JINTAO) + "\n\n" + middle), prefix
        assert text.endswith(copies), prefix
        # the people by count, description and date, not by the site's title for the case;
        # the published salutation stays in the contact details, not in the letter
        assert title not in text and "Your Excellency" not in text
    wen = _letter(site_2012, "", "ua-2012-wen-jiabao-2012-text").get_text()
    assert "\n\nDear Premier Wen Jiabao,\n\n" in wen


def test_the_letter_is_also_offered_in_the_addressees_language(site_2012):
    for prefix in ("", "ko/"):
        version = site_2012.article(f"{prefix}cases/changchun-2012/").select_one(
            "#ua-2012-hu-jintao-2012 .kb-letter__version pre")
        assert version["lang"] == "zh"
        assert version["id"] == "ua-2012-hu-jintao-2012-text-zh"
        text = version.get_text()
        # the name line and address as published; the site's wording in Chinese
        assert text.startswith("\n".join(HU_JINTAO) + "\n\n[日期]\n")
        assert "\n\n尊敬的中华人民共和国主席胡锦涛阁下：\n\n" in text
        assert "- 让他们能够接触联合国难民署。\n" in text  # an ask, from data/translations/zh.po
        assert version["data-kb-date"] == "[日期]"  # its own placeholders, in Chinese
    # the Chinese edition's letter is already in Chinese: no second version
    zh = site_2012.article("zh/cases/changchun-2012/")
    assert zh.select_one("#ua-2012-hu-jintao-2012 .kb-letter__version") is None


@pytest.fixture(scope="module")
def kb_2000():
    """The real data with its translations, as of 1 June 2000: Amnesty's appeals to the
    Chinese and North Korean authorities are open."""
    found, problems = validate.check(DATA)
    assert not problems
    catalogues, _ = translations.load(DATA)
    translations.apply((v for by_id in found.values() for v in by_id.values()), catalogues)
    return resolve.build(found, dt.date(2000, 6, 1))


def _views(kb, case_id, lang):
    case = kb.get("cases", case_id)
    ctx = Context(kb, f"cases/{case_id}.md", lang)
    return {ap.id: letters.appeal_view(ctx, Citer(ctx, case), case, ap)
            for ap in case.data.appeals}


def test_a_letter_names_only_the_people_at_risk_in_the_sources_words(kb_2000):
    """The 2000 case counts thousands of North Koreans sent back (no number: the document's
    "thousands of") and, apart, the people helping them: the letter names the first."""
    for lang, about in (
            ("en", "I am writing to you about the thousands of North Koreans reported sent back "
                   "since March 2000."),
            ("ko", "2000년 3월부터 수천 명의 송환되었다고 보도된 북한 주민에 관해 이 글을 드립니다."),
            ("zh", "我谨就数以千计的据报被遣返的朝鲜人（2000年3月起）一事致函。")):
        views = _views(kb_2000, "mass-returns-2000", lang)
        texts = [r.text for v in views.values() for r in v.letters if r.text]
        assert len(texts) == 4  # two Chinese officials, two North Korean ministers
        for text in texts:
            assert about in text, lang
            assert "a number of people" not in text and "helping" not in text
    views = _views(kb_2000, "mass-returns-2000", "en")
    salutations = [r.text.split("\n\n")[2] for v in views.values() for r in v.letters if r.text]
    assert salutations == ["Dear Premier Zhu Rongji,", "Dear Governor Hong Hu,",
                           "Dear Minister Paek Nam Sun,", "Dear Minister Paek Hak Rim,"]
    zhu = views["to-chinese-authorities"].letters[0].text
    assert "\n\n[Date]\nRe: UA number 105/00, AI Index ASA 17/21/00\n\nDear Premier" in zhu
    assert zhu.endswith("Yours sincerely,\n[Your name]\n[Your town and country]\n")
    ko = _views(kb_2000, "mass-returns-2000", "ko")
    assert [r.text.split("\n\n")[2] for r in ko["to-north-korean-authorities"].letters] == [
        "존경하는 조선민주주의인민공화국 백남순 외무상님께", "존경하는 조선민주주의인민공화국 백학림 공안상님께"]
    zh = _views(kb_2000, "mass-returns-2000", "zh")
    assert [r.text.split("\n\n")[2] for r in zh["to-chinese-authorities"].letters] == [
        "尊敬的中华人民共和国国务院总理朱镕基阁下：", "尊敬的吉林省人民政府省长洪虎阁下："]


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
