"""Who the site is and where it lives: stable absolute URLs built from mkdocs.yml's site_url.

A permalink is site_url + the page path of a record (its type and its id, the data file's
name) + an optional anchor (an id written in the data or a fixed section id). None of these
depends on a title, so a permalink never changes when a title is reworded. Pure: the MkDocs
hook passes the values of its config; the CLI reads mkdocs.yml with a safe loader.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from . import render

MKDOCS_YML = Path(__file__).resolve().parents[3] / "mkdocs.yml"
EXPORTS = "exports"  # the folder of the site that holds every export file


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads tags such as !!python/name as null instead of running them."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str  # site_url, ending with "/"
    description: str = ""
    language: str = "en"

    @classmethod
    def from_config(cls, config) -> "SiteInfo":
        """From a mapping with MkDocs' keys (site_name, site_url, site_description, theme)."""
        url = config.get("site_url") or ""
        if not url:
            raise ValueError("mkdocs.yml needs site_url: permalinks and citations are built "
                             "from it")
        theme = config.get("theme") or {}
        lang = theme.get("language") if hasattr(theme, "get") else None
        return cls(name=str(config.get("site_name") or ""),
                   url=url if url.endswith("/") else url + "/",
                   description=" ".join(str(config.get("site_description") or "").split()),
                   language=lang or "en")

    @classmethod
    def from_mkdocs_yml(cls, path: str | Path = MKDOCS_YML) -> "SiteInfo":
        with open(path, encoding="utf-8") as fh:
            return cls.from_config(yaml.load(fh, Loader=_TolerantLoader) or {})  # noqa: S506

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or "localhost"

    def url_of(self, site_path: str, anchor: str | None = None) -> str:
        """Absolute URL of a site-relative URL path (no leading slash)."""
        url = self.url + site_path.lstrip("/")
        return f"{url}#{anchor}" if anchor else url


def page_url(site: SiteInfo, page_path: str, anchor: str | None = None) -> str:
    """Permalink of a page file (cases/x.md -> <site_url>cases/x/)."""
    return site.url_of(render.url_of(page_path), anchor)


def record_url(site: SiteInfo, rtype: str, rid: str | None = None,
               anchor: str | None = None) -> str:
    """Permalink of a record page (or of a type's index when rid is None)."""
    return page_url(site, render.page_path(rtype, rid), anchor)


def export_path(name: str) -> str:
    """Site-relative path of an export file."""
    return f"{EXPORTS}/{name}"
