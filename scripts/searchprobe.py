"""What one search downloads, measured in Chromium (for scripts/bench.py).

The built site is served from 127.0.0.1 under a sub-path (/kb/, as a GitHub Pages project
site is). For each query, in a fresh browser context (empty cache): load the home page, open
the search, enter the query once, wait until its results show and the network is idle; then
count every response after the page's load event, the search's own downloads: raw bytes and
gzip bytes (each body compressed at level 6, or kept as is where that is smaller, as for
Pagefind's index files, which are gzip already). Also the first results' paths, so the
benchmark prints what a query finds first.
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

PREFIX = "/kb/"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def serve(site: Path):
    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                          ".js": "text/javascript", ".wasm": "application/wasm"}

        def translate_path(self, path):
            path = urlsplit(path).path
            if not path.startswith(PREFIX):
                return str(site / "__outside_the_site__")
            return super().translate_path("/" + path[len(PREFIX):])

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(Handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"
    finally:
        httpd.shutdown()


def _gz(body: bytes) -> int:
    return min(len(body), len(gzip.compress(body, 6, mtime=0)))


def _one(browser, base: str, query: str, page_path: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    responses = []
    context.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname
                  == "127.0.0.1" else r.abort())
    context.on("response", lambda r: responses.append(r))
    try:
        page = context.new_page()
        page.goto(base + page_path, wait_until="load")
        page.wait_for_selector("[data-kb-search-open]:not([hidden])")
        mark = len(responses)
        page.click("[data-kb-search-open]")
        page.locator("[data-kb-search-input]").fill(query)
        # the status line names the query once its results (or none) are shown, in any edition
        page.wait_for_function("(q) => document.querySelector('[data-kb-search-status]')"
                               ".textContent.includes(q)", arg=query, timeout=60_000)
        page.wait_for_load_state("networkidle")
        raw = packed = 0
        for response in responses[mark:]:
            try:
                body = response.body()
            except Exception:  # noqa: BLE001 - a redirect or an aborted request has none
                continue
            raw, packed = raw + len(body), packed + _gz(body)
        top = page.evaluate("""() => [...document.querySelectorAll('.kb-search__result a')]
            .slice(0, 3).map(a => new URL(a.href).pathname)""")
        return {"query": query, "raw": raw, "gzip": packed, "requests": len(responses) - mark,
                "top": [p.removeprefix(PREFIX.rstrip("/")) for p in top]}
    finally:
        context.close()


def measure(site: Path, queries: list[tuple[str, str]]) -> list[dict]:
    """[(query, page it is typed on: "" or "ko/")] -> what each search downloaded."""
    from playwright.sync_api import sync_playwright
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            return [_one(browser, base, q, path) for q, path in queries]
        finally:
            browser.close()
