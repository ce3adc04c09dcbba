"""Every address and every record title, in one place.

A generated page lives at a page path (`cases/<id>.md`, the record type and the data file's
name), is served at a URL path (`cases/<id>/`, MkDocs' directory URLs), is linked to from
other pages by a relative URL, and is cited by its permalink: the site's published address
(`site_url`) plus its URL path plus an optional anchor (an id written in the data or a fixed
section id). None of these depends on a title, so a permalink never changes when a title is
reworded.
"""
from __future__ import annotations

import ipaddress
import posixpath
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from ..resolve import title_value
from . import editions, i18n

EXPORTS = "exports"  # the folder of the site that holds every export file
ATOM = "updates.xml"  # the feed of case updates, under EXPORTS
ICS = "appeal-deadlines.ics"  # the calendar of open appeal deadlines, under EXPORTS
OFFLINE_ZIP = "kb-offline.zip"  # the whole site to read from disk, under EXPORTS (kb/offline)
TIMELINE = "timeline.md"
NUMBERS = "numbers.md"  # how many people each source reports returned, by date
EXPORTS_PAGE = "exports.md"
DATA_FORMAT = "reference/data-format.md"


def page_path(rtype: str, rid: str | None = None) -> str:
    """The page of a record, or of a record type's index when rid is None."""
    return f"{rtype}/index.md" if rid is None else f"{rtype}/{rid}.md"


def list_path(rtype: str, n: int = 1) -> str:
    """Page n of a record type's index: the first is the type's own page, the others under
    lists/ (a folder no record type has, so no record id can collide with them)."""
    return page_path(rtype) if n == 1 else f"lists/{rtype}/{n}.md"


def mentions_path(rtype: str, rid: str, from_type: str, n: int) -> str:
    """Page n (from 2) of the records of `from_type` that name a record, where its own page
    lists only the first ones."""
    return f"lists/{rtype}/{rid}/{from_type}/{n}.md"


def timeline_path(key: str, n: int = 1) -> str:
    """Page n of one year of the global timeline (key: "2012" or "year-not-stated")."""
    return f"timeline/{key}.md" if n == 1 else f"timeline/{key}/{n}.md"


def atom(lang: str = i18n.DEFAULT_LANG) -> str:
    """The Atom feed of case updates of an edition: updates.xml, updates.ko.xml, ..."""
    return ATOM if lang == editions.DEFAULT else f"updates.{lang}.xml"


def export_path(name: str) -> str:
    """Site-relative path of an export file."""
    return f"{EXPORTS}/{name}"


def url_of(path: str) -> str:
    """Site-relative URL of a page file with directory URLs: cases/x.md -> cases/x/."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    if path.endswith(".md"):
        return path[: -len(".md")] + "/"
    return path  # a file that is not a page (an export) keeps its path


def relative(from_page: str, to_path: str, anchor: str | None = None,
             links: str = "page") -> str:
    """Relative link from a page file to another page file or a site file (an export).
    links: "page", relative to the page's address (cases/x/), which MkDocs leaves as it is in
    HTML; or "file", relative to its source file's folder (cases/), as a link in Markdown is
    written: Zensical resolves every relative link, HTML ones too, from the source file.
    """
    to_url = url_of(to_path)
    here = posixpath.dirname(from_page) if links == "file" else url_of(from_page)
    rel = _relpath(to_url, here)
    if to_url == "" or to_url.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return f"{rel}#{anchor}" if anchor else rel


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath(path, start) for two site-relative paths as url_of() makes them
    ("cases/x/", "" for the home page): normal already, with no "." or ".." part and no "//".

    Hand-written because posixpath.relpath normalises both paths first (abspath, normpath),
    which is most of its cost: a build asks for half a million links at 1,000 cases, and
    relpath took 15 of a warm rebuild's 75 profiled seconds. tests/test_build_paths.py
    compares the two on every pair of the real site's page paths."""
    to = [part for part in path.split("/") if part]
    at = [part for part in start.split("/") if part]
    common = 0
    for a, b in zip(to, at):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


def title(rec, lang: str = i18n.DEFAULT_LANG) -> str:
    """A record's title in `lang` (resolve.title_value: an authority's person, else its title
    or name, else its id)."""
    return i18n.text_of(title_value(rec), lang)


@dataclass(frozen=True)
class SiteInfo:
    """The site's name, published address and language, from the builder's configuration."""

    name: str
    url: str  # site_url, ending with "/"
    description: str = ""
    language: str = "en"
    repository: str | None = None  # the project's repository address, when known
    root: str | None = None  # an edition's: the whole site's address (where exports/ is)

    @classmethod
    def from_config(cls, config) -> "SiteInfo":
        """From a mapping with MkDocs' keys (site_name, site_url, site_description, theme)."""
        url = config.get("site_url") or ""
        if not url:
            raise ValueError("mkdocs.yml needs site_url: permalinks and citations are built "
                             "from it")
        theme = config.get("theme") or {}
        lang = theme.get("language") if hasattr(theme, "get") else None
        extra = config.get("extra") or {}
        return cls(name=str(config.get("site_name") or ""),
                   url=url if url.endswith("/") else url + "/",
                   description=" ".join(str(config.get("site_description") or "").split()),
                   language=lang or "en", repository=extra.get("repository") or None)

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or "localhost"

    @property
    def is_public(self) -> bool:
        """False for an address only this machine or its network reaches (loopback, a private
        or link-local range, localhost and .local names): citations built on it lead nowhere."""
        host = self.host.rstrip(".").lower()
        if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
            return False
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            return "." in host  # a bare machine name is no public address either
        return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_unspecified
                    or ip.is_reserved)

    def for_edition(self, lang: str) -> "SiteInfo":
        """The same site as one edition sees it: its permalinks under the edition's folder,
        its language, and its name and description in that language."""
        if lang == editions.DEFAULT:
            return self
        edition = editions.EDITIONS[lang]
        labels = edition.labels({"site.name": self.name, "site.description": self.description})
        return replace(self, url=self.url + edition.prefix, root=self.url,
                       name=labels["site.name"], description=labels["site.description"],
                       language=edition.hreflang)

    def file_url(self, site_path: str) -> str:
        """Absolute URL of a file of the whole site (an export), from any edition."""
        return (self.root or self.url) + site_path

    def url_of(self, site_path: str, anchor: str | None = None) -> str:
        """Absolute URL of a site-relative URL path (no leading slash)."""
        url = self.url + site_path.lstrip("/")
        return f"{url}#{anchor}" if anchor else url

    def page_url(self, path: str, anchor: str | None = None) -> str:
        """Permalink of a page file (cases/x.md -> <site_url>cases/x/)."""
        return self.url_of(url_of(path), anchor)

    def record_url(self, rtype: str, rid: str | None = None, anchor: str | None = None) -> str:
        """Permalink of a record page (or of a type's index when rid is None)."""
        return self.page_url(page_path(rtype, rid), anchor)


def alternates(src_uri: str, exists, site_url: str) -> list[dict]:
    """The page in every edition that has it (`exists(path)`: the build has that page file):
    language, name, relative and absolute address, whether it is this page's edition (for the
    language switcher and sitemap.xml)."""
    lang, here = editions.split(src_uri)
    out = []
    for other, edition in editions.EDITIONS.items():
        target = editions.in_edition(other, here)
        if not exists(target):
            continue
        out.append({"lang": edition.hreflang, "name": edition.name, "current": other == lang,
                    "href": relative(src_uri, target), "url": site_url + url_of(target)})
    return out
