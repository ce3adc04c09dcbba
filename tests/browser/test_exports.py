"""The Exports page as a journalist uses it: find the cases table, download it with a click,
open it with Python's csv as a spreadsheet would, in each edition and on a phone."""
from __future__ import annotations

import csv
import json
import re

import pytest

from ..expected import CASES
from .conftest import open_page

PHONE = {"width": 390, "height": 844}


def _download(page, selector: str, tmp_path) -> list[dict]:
    """Click a link and read the file it downloads as CSV (utf-8-sig: it opens with a
    byte-order mark, which Excel needs)."""
    with page.expect_download() as info:
        page.locator(selector).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("edition", ["", "ko/", "zh/"])
def test_the_cases_table_downloads_from_the_exports_page_flat(page, edition, tmp_path):
    open_page(page, f"{edition}exports/")
    entry = page.locator('dt[data-kind="cases_csv"]')
    assert entry.inner_text() == "exports/csv/cases.csv"
    rows = _download(page, 'dt[data-kind="cases_csv"] a', tmp_path)
    assert [r["id"] for r in rows] == list(CASES)  # in the index's order (tests/expected.py)
    changchun = rows[1]
    assert (changchun["start"], changchun["end"], changchun["count"], changchun["qualifier"]) \
        == ("2012-02-08", "2012-03-28", "21", "at-least")
    assert changchun["period_words"] == "8 February – 28 March 2012"  # the dash survives
    for row in rows:
        for cell in row.values():
            try:
                value = json.loads(cell)
            except ValueError:
                continue
            assert not isinstance(value, (dict, list)), cell[:80]
    # no project file name of a stored document anywhere on the page
    text = page.locator("article").inner_text()
    assert "000_d90abcfbbf71489b" not in text and not re.search(r"[0-9]{3}_[0-9a-f]{16}", text)


def test_the_sources_table_gives_iso_days_and_words_not_xxxx_alone(page, tmp_path):
    open_page(page, "exports/")
    rows = {r["id"]: r for r in _download(page, 'dt[data-kind="csv"] a[href="csv/sources.csv"]',
                                          tmp_path)}
    undated = rows["ai-ua-families-returned"]
    assert (undated["date"], undated["earliest"], undated["latest"], undated["date_words"]) == (
        "XXXX", "", "", "date not stated")
    window = rows["ai-2017-eight-no-news"]  # Amnesty's document on the eight: 2017, no day
    assert (window["earliest"], window["latest"], window["date_words"]) == (
        "2017-01-01", "2017-12-31", "2017")
    assert "document" not in window


def test_on_a_phone_an_example_row_scrolls_in_its_box_not_the_page(browser, server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.base_url = server
    try:
        open_page(page, "exports/")
        example = page.locator('dt[data-kind="cases_csv"] + dd details')
        example.locator("summary").click()
        pre = example.locator("pre")
        assert pre.inner_text().startswith(
            "id,title,status,start,end,period,period_words,count,qualifier,people,places,"
            "principles,sources,url\n")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert pre.evaluate("e => e.scrollWidth > e.clientWidth")  # the row scrolls in its box
    finally:
        context.close()
