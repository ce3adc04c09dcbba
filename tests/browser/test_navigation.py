"""Moving through the site by clicking and by keyboard; the timeline; the phone layout."""
from __future__ import annotations

import struct
from urllib.parse import urlsplit

import pytest

from .conftest import EDITION_SAMPLE, SEARCH_OPEN, open_page, page_urls, pages_by_type

PHONE = {"width": 390, "height": 844}


def _path(page) -> str:
    return urlsplit(page.url).path


def _case_with_principle(site) -> str:
    for url in page_urls(site):
        if url.startswith("cases/") and url != "cases/":
            if site.article(url).select_one('a[href*="principles/"]'):
                return url
    pytest.fail("no case page links to a principle")


def test_case_to_principle_and_back_by_clicking(site, page):
    case = _case_with_principle(site)
    open_page(page, case)
    case_path = _path(page)
    title = page.locator("article h1").inner_text()
    page.locator('article a[href*="principles/"]').first.click()
    page.wait_for_url(lambda url: "/principles/" in url)
    principle_path = _path(page)
    assert principle_path.startswith("/principles/") and principle_path != "/principles/"
    case_id = case_path.rstrip("/").split("/")[-1]
    back = page.locator(f'article a[href$="cases/{case_id}/"]')
    assert back.count() >= 1, "the principle page has no link back to the case"
    assert back.first.inner_text().strip() == title
    back.first.click()
    page.wait_for_url(lambda url: urlsplit(url).path == case_path)
    assert page.locator("article h1").inner_text() == title
    assert not page.foreign_requests


def _timeline_rows(page) -> list[dict]:
    return page.locator(".kb-timeline > li").evaluate_all(
        """items => items.map(li => {
            const t = li.querySelector('.kb-timeline__date time[datetime]');
            return {datetime: t ? t.getAttribute('datetime') : null,
                    top: li.getBoundingClientRect().top, visible: li.offsetParent !== null};
        })""")


def test_the_timeline_renders_in_date_order(page):
    open_page(page, "timeline/")
    rows = _timeline_rows(page)
    assert len(rows) >= 2 and all(r["visible"] for r in rows)
    tops = [r["top"] for r in rows]
    assert tops == sorted(tops), "timeline items are not shown top to bottom in list order"
    exact = [r["datetime"] for r in rows if r["datetime"]]
    assert len(exact) >= 2
    assert exact == sorted(exact), "exact dates are out of order"


def test_keyboard_alone_reaches_the_search_and_every_timeline_link(page):
    open_page(page, "timeline/")
    wanted = set(page.locator(".kb-timeline a[href]").evaluate_all(
        "els => els.map((e, i) => (e.dataset.kbTab = String(i)))"))
    total = page.evaluate("() => document.querySelectorAll('a[href], input, button, "
                          "[tabindex]').length")
    reached, search_reached = set(), False
    for _ in range(total + 10):
        page.keyboard.press("Tab")
        active = page.evaluate("""() => { const e = document.activeElement;
            return {tab: e.dataset ? e.dataset.kbTab || null : null,
                    search: e.matches('%s'), visible: !!(e.offsetWidth || e.offsetHeight)}; }"""
                               % SEARCH_OPEN)
        search_reached |= active["search"]
        if active["tab"] is not None:
            assert active["visible"], "a timeline link takes focus while hidden"
            reached.add(active["tab"])
        if search_reached and reached == wanted:
            break
    assert search_reached, "Tab never reaches the search button"
    assert reached == wanted, f"{len(wanted - reached)} timeline links never take focus"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_phone_width_has_no_horizontal_scroll(site, browser, server):
    """Every page type fits 390 px (in Korean and Chinese, the sample of conftest.EDITION_SAMPLE);
    the case page and the timeline are also photographed."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    try:
        wide = {}
        for kind, url in pages_by_type(site).items():
            if kind.startswith(("ko ", "zh ")) and kind.split(" ", 1)[1] not in EDITION_SAMPLE:
                continue
            page.goto(server + url)
            overflow = page.evaluate("() => document.documentElement.scrollWidth"
                                     " - document.documentElement.clientWidth")
            width = PHONE["width"]
            if kind in ("cases record", "timeline"):
                width, _ = _png_size(page.screenshot(full_page=True))
            if overflow > 0 or width != PHONE["width"]:
                wide[kind] = (url, overflow, width)
        assert not wide, f"pages wider than the phone: {wide}"
    finally:
        context.close()
