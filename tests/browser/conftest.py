"""Browser-suite fixtures on top of tests/conftest.py: page types, axe-core, a hostile site.

Everything here reuses the session's built site, server and Chromium; the only other build is
the hostile-data site (one extra strict build, shared by the XSS tests).
"""
from __future__ import annotations

import contextlib
import threading
from urllib.parse import urlsplit

import pytest
import yaml

from macros.kb.data.model import RECORD_TYPES

from ..conftest import (CHROMIUM, CHROMIUM_FLAGS, ROOT, Site, recording_page, run_build,
                        serve, small_data)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SEARCH_OPEN = "[data-kb-search-open]"       # the header button (partials/kb-search.html)
SEARCH_INPUT = "[data-kb-search-input]"     # in the dialog (partials/kb-search-dialog.html)
SEARCH_ITEM = ".kb-search__result"
SEARCH_LINK = ".kb-search__link"
CSP_WORDS = ("content security policy", "content-security-policy")

# What the suite saw, printed at the end of the run: every host any browser page contacted,
# and the axe-core violations per page type.
HOSTS_SEEN: set[str] = set()
AXE_RESULTS: dict[str, list[str]] = {}


def page_urls(site: Site) -> list[str]:
    """Every HTML page of a built site, as URLs relative to the site root."""
    out = []
    for path in sorted(site.root.rglob("*.html")):
        rel = path.relative_to(site.root).as_posix()
        out.append(rel.removesuffix("index.html") if rel.endswith("index.html") else rel)
    return out


def page_type(url: str) -> str:
    """'' -> home, 'cases/' -> cases index, 'cases/x/' -> cases record, 'about/' -> about;
    a page of the Korean or Chinese edition: 'ko cases record' and so on."""
    parts = [p for p in url.split("/") if p]
    if parts and parts[0] in ("ko", "zh"):
        return f"{parts[0]} {page_type('/'.join(parts[1:]) + '/' if parts[1:] else '')}"
    if not parts:
        return "home"
    if parts[0] == "404.html":
        return "404"
    if parts[0] in RECORD_TYPES:
        return f"{parts[0]} index" if len(parts) == 1 else f"{parts[0]} record"
    if parts[0] == "timeline" and len(parts) > 1:
        return "timeline year"
    return "/".join(parts)


def pages_by_type(site: Site) -> dict[str, str]:
    """One page per page type: the first in sort order."""
    out: dict[str, str] = {}
    for url in page_urls(site):
        out.setdefault(page_type(url), url)
    return out


def open_page(page, url: str) -> None:
    """Go to a site page and wait until Material's script has set the page up."""
    page.goto(page.base_url + url, wait_until="load")
    page.wait_for_selector("body")
    page.wait_for_function("() => document.documentElement.classList.contains('js')")


def filter_to_one_case(page) -> None:
    """Open the search's filters, choose the record type "Case", and wait until one result
    is left (a search for Changchun: its case) and shows. assets/kb-search.js empties the
    list and gives the count as soon as Pagefind answers; the result's title and excerpt
    come later, from Pagefind's web worker (a message each way, even for a fragment already
    loaded), so the list must be waited for too (CI once read it empty)."""
    page.click("[data-kb-search-filters] summary")
    page.wait_for_function("() => document.querySelector('select[data-kb-filter=type]')"
                           ".options.length > 1")
    page.locator("select[data-kb-filter=type]").select_option(value="Case")
    page.wait_for_function("() => /^1 result/.test("
                           "document.querySelector('[data-kb-search-status]').textContent)")
    page.wait_for_selector(SEARCH_ITEM, state="visible", timeout=15_000)


def type_query(page, text: str) -> list[str]:
    """Open the search dialog (Pagefind, assets/kb-search.js) if it is closed, clear the box,
    type; return every result link's address once the status line has given a count for the
    whole text, in any edition's language (each quotes the query in curly quotes), and the
    results show. (On a busy machine a pause between two keys can outlast the dialog's
    debounce: a search for the text typed so far then runs, and its count and results show
    until the last search's replace them.)"""
    box = page.locator(SEARCH_INPUT)
    if not box.is_visible():
        page.locator(SEARCH_OPEN).click()
    box.fill("")
    box.press_sequentially(text, delay=20)
    page.wait_for_function(
        "q => { const s = document.querySelector('[data-kb-search-status]').textContent;"
        " return s.includes('\u201c' + q + '\u201d') && /\\d/.test(s); }",
        arg=text, timeout=15_000)
    page.wait_for_selector(SEARCH_ITEM, state="visible", timeout=15_000)
    return page.locator(SEARCH_LINK).evaluate_all("els => els.map(e => e.href)")


def search(page, text: str) -> list[str]:
    """type_query's result links as paths from the server's root."""
    return [urlsplit(h).path for h in type_query(page, text)]


def run_axe(page) -> list[dict]:
    """axe-core violations on the current page state, as plain dicts."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Injected through the DevTools protocol: the page's CSP does not apply to it.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    # resultTypes: only the violations are read; every rule still runs, but axe keeps one
    # node of each other result, not all (about a tenth of its time on the site's pages)
    return page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                               resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: '
                    + (n.failureSummary || '').split('\\n').slice(0, 2).join(' '))}));
        }""", AXE_TAGS)


def csp_violations(page) -> list[str]:
    return [m for m in page.console_messages if any(w in m.lower() for w in CSP_WORDS)]


@pytest.fixture(autouse=True)
def _record_hosts(request):
    """Note the host of every request a browser page makes (for the suite's report)."""
    if "page" not in request.fixturenames:
        yield
        return
    pg = request.getfixturevalue("page")
    pg.context.on("request", lambda r: HOSTS_SEEN.add(urlsplit(r.url).hostname or r.url[:20]))
    yield


@pytest.fixture(scope="session")
def searching(browser, server):
    """searching(edition) -> a recording page on that edition's home page ("", "ko/", "zh/"),
    opened once for the run: for tests that only type searches into it (type_query clears
    the box first). A page of its own for each test took 1.7 s more than its search: the new
    page, its loading, and the search engine's first start."""
    opened: dict = {}
    with contextlib.ExitStack() as stack:
        def at(edition: str):
            if edition not in opened or opened[edition].is_closed():  # closed: a new one
                page = stack.enter_context(recording_page(browser, server))
                page.context.on("request", lambda r: HOSTS_SEEN.add(
                    urlsplit(r.url).hostname or r.url[:20]))
                open_page(page, edition)
                opened[edition] = page
            return opened[edition]
        yield at


def pytest_terminal_summary(terminalreporter):
    if HOSTS_SEEN:
        terminalreporter.write_line("browser contacted hosts: " + ", ".join(sorted(HOSTS_SEEN)))
    for kind, ids in sorted(AXE_RESULTS.items()):
        terminalreporter.write_line(f"axe {kind}: {', '.join(ids) or 'no violations'}")


@pytest.fixture(scope="session")
def axe_available():
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (scripts/setup.sh does)")
    return AXE


# Installed through the DevTools protocol, so the page's policy does not apply to it.
LISTEN_REFUSED = ("window.__kbRefused = []; document.addEventListener("
                  "'securitypolicyviolation', e => window.__kbRefused.push("
                  "e.effectiveDirective + ' ' + e.blockedURI));")


def _visit(browser, server: str, pages: list[tuple[str, str]]) -> dict:
    """Open each (kind, url) in one recording page: its axe violations and what its policy
    refused; every URL requested, the console's messages, dialogs and foreign requests."""
    out = {"axe": {}, "refused": {}, "requests": []}
    with recording_page(browser, server) as page:
        page.context.on("request", lambda r: out["requests"].append(r.url))
        page.add_init_script(LISTEN_REFUSED)
        for kind, url in pages:
            open_page(page, url)
            out["axe"][f"{kind} ({url or '/'})"] = run_axe(page)
            refused = page.evaluate("() => window.__kbRefused")
            if refused:
                out["refused"][url] = refused
        if ("home", "") in pages:
            open_page(page, "")  # the English edition's search
            out["search"] = search(page, "Changchun")
            out["axe"]["search results open"] = run_axe(page)
        out["console"] = list(page.console_messages)
        out["dialogs"] = list(page.dialogs)
        out["foreign"] = list(page.foreign_requests)
    return out


def _visit_in_thread(server: str, pages: list[tuple[str, str]], result: dict) -> None:
    """_visit with a browser of its own, in a thread of its own (Playwright's synchronous API
    runs one instance per thread): two cores browse twice as fast."""
    from playwright.sync_api import sync_playwright
    try:
        with sync_playwright() as pw:
            b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            try:
                result.update(_visit(b, server, pages))
            finally:
                b.close()
    except Exception as exc:  # noqa: BLE001 - re-raised in the test's thread
        result["error"] = exc


# The Korean and Chinese editions use the English edition's templates with other words: every
# page type is browsed in English, and in the others the pages whose words, names and dates
# differ most (about a third of the types, to keep the suite short).
EDITION_SAMPLE = {"home", "cases record", "cases index", "timeline", "timeline year",
                  "authorities record", "places record", "principles record", "about",
                  "exports"}


@pytest.fixture(scope="session")
def browse(site, browser, server, axe_available) -> dict:
    """One recorded browse of the site: a page of every type in every edition, then a search.
    For each page, its axe-core violations and what its policy refused; for the whole browse,
    every URL requested, the console's messages and any dialog. The pages are shared between
    this thread's browser and a second one."""
    pages = [(kind, url) for kind, url in pages_by_type(site).items()
             if not kind.startswith(("ko ", "zh ")) or kind.split(" ", 1)[1] in EDITION_SAMPLE]
    other: dict = {}
    thread = threading.Thread(target=_visit_in_thread, args=(server, pages[1::2], other))
    thread.start()
    try:
        out = _visit(browser, server, pages[0::2])
    finally:
        thread.join()
    if "error" in other:
        raise other["error"]
    for key in ("axe", "refused"):
        out[key].update(other[key])
    out.setdefault("search", other.get("search"))
    for key in ("requests", "console", "dialogs", "foreign"):
        out[key] += other[key]
    for kind, violations in out["axe"].items():
        AXE_RESULTS[kind] = [v["id"] for v in violations]
    HOSTS_SEEN.update(urlsplit(u).hostname or u[:20] for u in out["requests"])
    return out


# --- a site built from hostile data ------------------------------------------------------------

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "{{ 7*7 }}",
]
XSS_WORD = "Quokkapayload"  # a distinctive word to search for
XSS_CASE = "xss-probe"


def hostile_case(template: str) -> str:
    """A real case file with every payload in its title and its summary text."""
    record = yaml.safe_load(template)
    payload = " ".join(PAYLOADS)
    record["title"] = f"{XSS_WORD} {payload}"
    record["summary"]["text"] = f"{XSS_WORD} summary {payload} end."
    return yaml.safe_dump(record, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory, records) -> Site:
    """A small copy of the real data (conftest.small_data) plus one case whose title and
    summary hold script and template payloads."""
    tmp = tmp_path_factory.mktemp("hostile")
    data = small_data(tmp, records)
    template = sorted((data / "cases").glob("*.yml"))[0].read_text(encoding="utf-8")
    (data / "cases" / f"{XSS_CASE}.yml").write_text(hostile_case(template), encoding="utf-8")
    out = tmp / "site"
    result = run_build(out, data_dir=data)
    assert result.returncode == 0, result.stderr
    return Site(out)


@pytest.fixture(scope="session")
def hostile_server(hostile_site):
    with serve(hostile_site.root) as url:
        yield url


@pytest.fixture
def hostile_page(browser, hostile_server):
    """Like `page`, on the hostile site: records foreign requests, console and dialogs."""
    with recording_page(browser, hostile_server) as pg:
        pg.context.on("request",
                      lambda r: HOSTS_SEEN.add(urlsplit(r.url).hostname or r.url[:20]))
        yield pg
