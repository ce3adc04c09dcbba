"""axe-core (WCAG 2.2 A/AA rules) in the real page, on every page type and on open search."""
from __future__ import annotations

from .conftest import AXE_RESULTS, open_page, pages_by_type, run_axe, search


def _summary(violations: list[dict]) -> str:
    return "; ".join(f"{v['id']} ({len(v['nodes'])}+): {v['nodes'][:2]}" for v in violations)


def test_every_page_type_passes_axe(site, page, axe_available):
    failing = {}
    for kind, url in pages_by_type(site).items():
        open_page(page, url)
        violations = run_axe(page)
        AXE_RESULTS[f"{kind} ({url or '/'})"] = [v["id"] for v in violations]
        if violations:
            failing[kind] = _summary(violations)
    assert not failing, "\n".join(f"{k}: {v}" for k, v in failing.items())


def test_open_search_results_pass_axe(page, axe_available):
    open_page(page, "")
    assert search(page, "Changchun")
    violations = run_axe(page)
    AXE_RESULTS["search results open"] = [v["id"] for v in violations]
    assert not violations, _summary(violations)


def test_a_case_page_at_phone_width_passes_axe(site, browser, server, axe_available):
    case = next(url for url in pages_by_type(site).values() if url.startswith("cases/")
                and url != "cases/")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(server + case)
        violations = run_axe(page)
        AXE_RESULTS[f"case at 390 px ({case})"] = [v["id"] for v in violations]
        assert not violations, _summary(violations)
    finally:
        context.close()
