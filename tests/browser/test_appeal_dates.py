"""An appeal's state follows the reader's date where scripts run: a site built while the 2012
Urgent Action on the Changchun group was open (deadline 28 March 2012, as the Urgent Action
prints it), read later. Without scripts, the build date's state stays."""
from __future__ import annotations

import datetime as dt

import pytest

from ..conftest import Site, run_build, serve, small_data
from .conftest import open_page

BUILT = dt.datetime(2012, 2, 20, tzinfo=dt.timezone.utc)  # the appeal is open on this day


@pytest.fixture(scope="module")
def built_in_2012(tmp_path_factory, records):
    """The Changchun case's page built on 20 February 2012, of a copy of the data with that
    case and what it names (conftest.small_data): the date changes every page."""
    folder = tmp_path_factory.mktemp("in2012")
    out = folder / "site"
    result = run_build(out, data_dir=small_data(folder, records, ("changchun-2012",)),
                       extra_env={"SOURCE_DATE_EPOCH": str(int(BUILT.timestamp()))})
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(out) as url:
        yield Site(out), url


def _state(browser, url: str, today: dt.datetime | None) -> tuple[str, str, str]:
    context = browser.new_context()
    try:
        page = context.new_page()
        if today is not None:
            page.clock.set_fixed_time(today)
        page.base_url = url
        open_page(page, "cases/changchun-2012/")
        state = page.locator("#ua-2012 .kb-appeal__state")
        return (state.locator("strong").inner_text(), state.locator("time").inner_text(),
                page.locator("#ua-2012").get_attribute("data-state"))
    finally:
        context.close()


def test_the_page_built_while_the_appeal_was_open_says_so(built_in_2012):
    site, _url = built_in_2012
    p = site.article("cases/changchun-2012/").select_one("#ua-2012 .kb-appeal__state")
    assert p.strong.get_text(strip=True) == "Open."
    assert p.time.get_text(strip=True) == "(as of 20 February 2012)"
    assert p["data-kb-open-until"] == "2012-03-28"


def test_a_reader_before_the_deadline_sees_it_open_as_of_their_day(browser, built_in_2012):
    _site, url = built_in_2012
    words, as_of, state = _state(browser, url, dt.datetime(2012, 3, 1, 12))
    assert (words, as_of, state) == ("Open.", "(as of 1 March 2012)", "open")


def test_a_reader_after_the_deadline_sees_it_closed(browser, built_in_2012):
    _site, url = built_in_2012
    words, as_of, state = _state(browser, url, dt.datetime(2026, 11, 30, 12))
    assert (words, as_of, state) == ("Closed: the deadline has passed.",
                                     "(as of 30 November 2026)", "closed-deadline")


HU_JINTAO = "ua-2012-hu-jintao-2012"  # the letter's anchor on the Changchun case page


def test_the_open_appeals_letter_fills_in_copies_and_is_set_as_text(browser, built_in_2012):
    _site, url = built_in_2012
    context = browser.new_context()
    try:
        page = context.new_page()
        page.clock.set_fixed_time(dt.datetime(2012, 3, 1, 12))
        page.base_url = url
        context.grant_permissions(["clipboard-read", "clipboard-write"],
                                  origin=url.rstrip("/"))
        open_page(page, "cases/changchun-2012/")
        assert page.locator("#ua-2012 details.kb-letters").get_attribute("open") is not None
        letter = page.locator(f"#{HU_JINTAO}-text")
        # a letter, not code: the body text's typeface, no code box behind it
        fonts = page.evaluate(
            """id => [getComputedStyle(document.getElementById(id)).fontFamily,
                      getComputedStyle(document.querySelector('article p')).fontFamily,
                      getComputedStyle(document.getElementById(id)).backgroundColor]""",
            f"{HU_JINTAO}-text")
        assert fonts[0] == fonts[1] and "mono" not in fonts[0].lower()
        assert fonts[2] == "rgba(0, 0, 0, 0)"
        # the reader's name and town fill the letter; the date line gets the reader's day
        page.locator("input[data-kb-fill=name]").fill("Kim Min-ji")
        page.locator("input[data-kb-fill=town]").fill("Seoul, Republic of Korea")
        text = letter.text_content()
        assert "\n\n1 March 2012\nRe: UA number 52/12, AI Index ASA 17/006/2012\n\n" in text
        assert "\n\nDear President Hu Jintao,\n\n" in text
        assert text.endswith("Yours sincerely,\nKim Min-ji\nSeoul, Republic of Korea\n\n"
                             "Copy to: Yang Jiechi, Minister of Foreign Affairs of the People's "
                             "Republic of China\n")
        button = page.locator(f"#{HU_JINTAO}-text + .kb-copy button")
        assert button.inner_text() == "Copy the letter"
        button.click()
        status = page.locator(f"#{HU_JINTAO}-text + .kb-copy .kb-copy__status")
        page.wait_for_function("el => el.textContent.length > 0", arg=status.element_handle())
        assert status.inner_text() == "Copied to the clipboard."
        assert page.evaluate("() => navigator.clipboard.readText()") == text
        assert text.startswith("The State Council General Office\nHU Jintao Guojia Zhuxi\n")
    finally:
        context.close()


def test_after_the_deadline_the_letters_fold_with_nothing_to_copy_or_send(browser,
                                                                           built_in_2012):
    _site, url = built_in_2012
    context = browser.new_context()
    try:
        page = context.new_page()
        page.clock.set_fixed_time(dt.datetime(2026, 11, 30, 12))
        page.base_url = url
        open_page(page, "cases/changchun-2012/")
        letters = page.locator("#ua-2012 details.kb-letters")
        assert letters.get_attribute("open") is None
        assert letters.locator("> summary").inner_text() == \
            "The appeal's 2 addressees, for the record"
        letters.locator("> summary").click()  # opened by the reader: what was asked, of whom
        assert letters.locator(".kb-letters__closed").inner_text().startswith(
            "This appeal is closed")
        assert letters.locator(".kb-letter__address").first.is_visible()
        for hidden in ("pre.kb-letter__text", ".kb-copy button", "input",
                       ".kb-letter__mailto a"):
            assert all(not el.is_visible() for el in letters.locator(hidden).all()), hidden
    finally:
        context.close()
