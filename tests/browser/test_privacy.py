"""The site reaches no host but the one serving it, and keeps to its Content-Security-Policy:
in a recorded browse of every page type, and in the HTML of every page."""
from __future__ import annotations

from urllib.parse import urlsplit

from ..conftest import recording_page
from .conftest import open_page


# <link> relations a browser acts on by itself (fetch, connect or resolve a name).
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload",
                 "prefetch", "modulepreload", "manifest", "preconnect", "dns-prefetch",
                 "prerender"}
# Elements that load what they name (CSS: script[src], img[src], iframe, frame, source[src],
# video, audio, embed, object), as XPath for lxml.
LOADING = (".//script[@src] | .//img[@src] | .//iframe | .//frame | .//source[@src] | .//video"
           " | .//audio | .//embed | .//object")


def test_a_browse_of_every_page_type_reaches_no_other_host(browse):
    """Each page type once, and a search (conftest.browse); every page's HTML is read for
    remote references below."""
    assert browse["search"]  # the search worker and its index load too
    hosts = {urlsplit(u).hostname for u in browse["requests"] if not u.startswith("data:")}
    assert hosts == {"127.0.0.1"}, sorted(set(browse["foreign"]))
    assert not browse["foreign"]
    assert not browse["refused"], browse["refused"]
    errors = [m for m in browse["console"] if m.startswith("error")]
    assert not errors, errors
    assert not browse["dialogs"]


def _remote(ref: str) -> bool:
    host = urlsplit(ref).hostname
    return ref.startswith("//") or bool(host and host != "127.0.0.1")


def test_no_page_asks_for_anything_from_another_host(site):
    """Built HTML names no font, script, style, image or frame from elsewhere. (Every page
    is read with lxml, site.tree: BeautifulSoup took 15 s of CPU over the site.)"""
    remote, scripts, stylesheets = {}, 0, 0
    pages = sorted(site.root.rglob("*.html"))
    for path in pages:
        tree = site.tree(path.relative_to(site.root).as_posix())
        refs = [t.get("src") or t.get("data") or "" for t in tree.xpath(LOADING)]
        links = [t for t in tree.xpath(".//link[@href]")
                 if FETCHING_RELS & {r.lower() for r in t.get("rel", "").split()}]
        refs += [t.get("href", "") for t in links]
        scripts += any(t.tag == "script" for t in tree.xpath(LOADING))
        stylesheets += any("stylesheet" in t.get("rel", "") for t in links)
        bad = [r for r in refs if _remote(r)]
        if bad:
            remote[path.relative_to(site.root).as_posix()] = bad
    css = [p.name for p in site.root.rglob("*.css")
           if any(s in p.read_text(encoding="utf-8") for s in ("@import url(http", "//fonts."))]
    assert not remote and not css, (remote, css)
    assert scripts == stylesheets == len(pages) > 600  # every page's own were found


def test_a_recording_page_records_and_blocks_every_request_elsewhere(browser, server):
    """The control for the browse above and every browser test's page (conftest's
    recording_page): a request to another host is recorded and refused; the site's own are
    not recorded. (Not the `page` fixture: these hosts are not the site's, and stay out of
    the run's list of hosts contacted.)"""
    with recording_page(browser, server) as page:
        open_page(page, "")
        assert page.foreign_requests == []
        other = page.context.new_page()
        failed: dict[str, str] = {}
        other.on("requestfailed", lambda r: failed.__setitem__(r.url, r.failure))
        other.set_content("<img src='http://example.com/kb-test.png'>"
                          "<script>fetch('https://example.net/kb-test').catch(() => 0)</script>")
        wanted = ["http://example.com/kb-test.png", "https://example.net/kb-test"]
        for _ in range(100):
            if sorted(page.foreign_requests) == wanted:
                break
            other.wait_for_timeout(50)
        assert sorted(page.foreign_requests) == wanted
        # refused by the route (net::ERR_FAILED), not left to fail on a network that is not
        # there (net::ERR_NAME_NOT_RESOLVED)
        assert failed.get("http://example.com/kb-test.png") == "net::ERR_FAILED", failed
