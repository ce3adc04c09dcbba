"""A reader's browse of the whole site reaches no host but the one serving it, and every page
keeps to its Content-Security-Policy."""
from __future__ import annotations

from urllib.parse import urlsplit

from .conftest import csp_violations, open_page, page_urls, search

# <link> relations a browser acts on by itself (fetch, connect or resolve a name).
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload",
                 "prefetch", "modulepreload", "manifest", "preconnect", "dns-prefetch",
                 "prerender"}
LOADING = "script[src], img[src], iframe, frame, source[src], video, audio, embed, object"
LISTEN = ("window.__kbRefused = []; document.addEventListener('securitypolicyviolation',"
          " e => window.__kbRefused.push(e.effectiveDirective + ' ' + e.blockedURI));")


def test_every_page_loads_from_the_local_server_only(site, page):
    seen: list[str] = []
    page.context.on("request", lambda r: seen.append(r.url))
    page.add_init_script(LISTEN)  # through DevTools: not subject to the page's policy
    refused: dict[str, list[str]] = {}
    urls = page_urls(site)
    assert len(urls) > 10
    for url in urls:
        open_page(page, url)
        found = page.evaluate("() => window.__kbRefused")
        if found:
            refused[url] = found
    assert search(page, "Changchun")  # the search worker and its index load too
    hosts = {urlsplit(u).hostname for u in seen if not u.startswith("data:")}
    assert hosts == {"127.0.0.1"}, sorted(set(page.foreign_requests))
    assert not page.foreign_requests
    assert not refused and not csp_violations(page), (refused, csp_violations(page))
    errors = [m for m in page.console_messages if m.startswith("error")]
    assert not errors, errors
    assert not page.dialogs


def _remote(ref: str) -> bool:
    host = urlsplit(ref).hostname
    return ref.startswith("//") or bool(host and host != "127.0.0.1")


def test_no_page_asks_for_anything_from_another_host(site):
    """Built HTML names no font, script, style, image or frame from elsewhere."""
    remote = {}
    for path in sorted(site.root.rglob("*.html")):
        soup = site.soup(path.relative_to(site.root).as_posix())
        refs = [t.get("src") or t.get("data") or "" for t in soup.select(LOADING)]
        refs += [t.get("href", "") for t in soup.select("link[href]")
                 if FETCHING_RELS & {r.lower() for r in t.get("rel", [])}]
        bad = [r for r in refs if _remote(r)]
        if bad:
            remote[path.relative_to(site.root).as_posix()] = bad
    css = [p.name for p in site.root.rglob("*.css")
           if any(s in p.read_text(encoding="utf-8") for s in ("@import url(http", "//fonts."))]
    assert not remote and not css, (remote, css)
