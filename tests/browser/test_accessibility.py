"""axe-core (WCAG 2.2 A/AA rules) in the real page: a page of every type and the open search,
from the recorded browse (conftest.browse), and a case page at phone width."""
from __future__ import annotations

from .conftest import AXE_RESULTS, EDITION_SAMPLE, pages_by_type, run_axe


def _summary(violations: list[dict]) -> str:
    return "; ".join(f"{v['id']} ({len(v['nodes'])}+): {v['nodes'][:2]}" for v in violations)


def test_every_page_type_and_the_open_search_pass_axe(browse):
    assert len(browse["axe"]) > 20 and "search results open" in browse["axe"]
    kinds = {key.split(" (")[0] for key in browse["axe"]}  # "ko cases record (ko/cases/x/)"
    assert {f"{lang} {kind}" for lang in ("ko", "zh") for kind in EDITION_SAMPLE} <= kinds
    failing = {kind: _summary(v) for kind, v in browse["axe"].items() if v}
    assert not failing, "\n".join(f"{k}: {v}" for k, v in failing.items())


def test_a_case_page_at_phone_width_passes_axe(site, browser, server, axe_available):
    case = pages_by_type(site)["cases record"]
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(server + case)
        violations = run_axe(page)
        AXE_RESULTS[f"case at 390 px ({case})"] = [v["id"] for v in violations]
        assert not violations, _summary(violations)
    finally:
        context.close()
