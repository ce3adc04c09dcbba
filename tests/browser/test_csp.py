"""The Content-Security-Policy is enforced: the theme's scripts run, nothing else does.

(test_privacy.py checks that no real page breaks a rule of its policy.)
"""
from __future__ import annotations

from .conftest import csp_violations, open_page, pages_by_type

INJECTED = ('<script>window.__kbInjected = 1</script>'
            '<img src="x" onerror="window.__kbHandler = 1" alt="">'
            '<a id="kb-js-link" href="javascript:window.__kbLink = 1">x</a>')
# Installed through the DevTools protocol, so the page's policy does not apply to it.
LISTEN = ("window.__kbRefused = []; document.addEventListener('securitypolicyviolation',"
          " e => window.__kbRefused.push(e.effectiveDirective));")


def test_only_the_theme_scripts_run(site, page):
    url = pages_by_type(site)["cases record"]
    marker = '<article class="md-content__inner md-typeset">'
    html = site.html(url)
    assert marker in html
    tampered = html.replace(marker, marker + INJECTED, 1)
    page.route(page.base_url + url, lambda r: r.fulfill(
        status=200, body=tampered, content_type="text/html; charset=utf-8"))
    page.add_init_script(LISTEN)
    open_page(page, url)  # waits for Material's own (hashed) scripts to have run
    assert page.evaluate("() => typeof __md_scope") == "object"
    page.locator("#kb-js-link").click()
    page.wait_for_function("() => window.__kbRefused.length >= 3")
    refused = page.evaluate("() => window.__kbRefused")
    assert sorted(refused) == ["script-src-attr", "script-src-elem", "script-src-elem"], refused
    assert page.evaluate("() => [window.__kbInjected, window.__kbHandler, window.__kbLink]") \
        == [None, None, None]
    assert csp_violations(page), page.console_messages
    assert not page.dialogs

