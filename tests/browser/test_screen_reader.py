"""What a keyboard and screen-reader user meets: "Skip to content" lands on the title, so the
next Tab goes to the first link after it (the status block's), not past it; a citation
mark and a heading's permalink have names the browser's accessibility tree reads out."""
from __future__ import annotations

from .conftest import open_page

CASE = "cases/changchun-2012/"


def test_skip_to_content_then_tab_reaches_the_first_link_after_the_title(page):
    open_page(page, CASE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#kb-title'")
    page.keyboard.press("Tab")
    after_title = page.evaluate("""() => {
        const h1 = document.getElementById('kb-title'), a = document.activeElement;
        const status = [...document.querySelectorAll('article a')]
            .find(x => h1.compareDocumentPosition(x) & Node.DOCUMENT_POSITION_FOLLOWING);
        return [a === status, a.closest('article') !== null, a.textContent.trim()];
    }""")
    # the headerlink of h2 "Summary" comes after the status block: that is not where we land
    # (the period's "deduced (1)" mark, in the status block)
    assert after_title == [True, True, "deduced (1)"]


def test_citation_marks_and_permalinks_are_read_by_their_names(page):
    open_page(page, CASE)
    cite = page.locator('.kb-cite a[href="#src-ai-ua-changchun-2012"]').first
    assert cite.inner_text() == "1, paras. 2–9"
    assert page.get_by_role("link", name="1, paras. 2–9 (Source 1, paragraphs 2–9: North "
                            "Koreans facing forcible return)").count() >= 1
    summary = page.get_by_role("heading", name="Summary", exact=False).first
    assert summary.locator("a.headerlink").get_attribute("aria-label") == "Link to this section"
    assert page.get_by_role("link", name="¶", exact=True).count() == 0
