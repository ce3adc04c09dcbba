"""The Jinja environment that turns the resolved model into page Markdown.

Autoescaping is on, undefined names are errors, and every value a template prints passes
through `finalize`, which escapes it (unless it is already safe markup) and makes curly braces
inert. Data text reaches templates only as values, never as template source.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..data import dates
from ..data.dates import KBDate
from . import i18n, markup as text

TEMPLATES = Path(__file__).resolve().parents[3] / "overrides"


def url_of(path: str) -> str:
    """Site-relative URL of a page file with directory URLs: cases/x.md -> cases/x/."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def page_path(rtype: str, rid: str | None = None) -> str:
    return f"{rtype}/index.md" if rid is None else f"{rtype}/{rid}.md"


def relative(from_page: str, to_url: str) -> str:
    """Relative link from a page file to a site-relative URL."""
    here = url_of(from_page) or "."
    rel = _relpath(to_url or ".", here)
    if rel == ".":
        return "./"
    return rel + "/" if (to_url.endswith("/") or not to_url) and not rel.endswith("/") else rel


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for two relative paths without '..', minus the two getcwd() calls of
    its abspath(), which took most of the time of a build's 130,000 links at N=1,000."""
    if path.startswith("/") or start.startswith("/") or ".." in path or ".." in start:
        return posixpath.relpath(path, start)
    start_parts, path_parts = _parts(start), _parts(path)
    i = 0
    while i < min(len(start_parts), len(path_parts)) and start_parts[i] == path_parts[i]:
        i += 1
    rest = [".."] * (len(start_parts) - i) + list(path_parts[i:])
    return "/".join(rest) if rest else "."


@lru_cache(maxsize=None)
def _parts(path: str) -> tuple[str, ...]:
    return tuple(part for part in path.split("/") if part and part != ".")


def _finalize(value):
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return text.plain(str(value))


@lru_cache(maxsize=None)
def environment(lang: str = i18n.DEFAULT_LANG) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.globals["_"] = lambda key, **kw: i18n.gettext(key, lang, **kw)
    env.filters["t"] = lambda value: text.plain(i18n.text_of(value, lang))
    env.filters["md"] = lambda value: text.block(i18n.text_of(value, lang))
    env.filters["mdi"] = lambda value: text.inline(i18n.text_of(value, lang))
    env.filters["date"] = lambda value: i18n.date_words(_kbdate(value), lang)
    env.filters["iso"] = lambda value: _kbdate(value).iso
    env.filters["plain"] = lambda value: i18n.text_of(value, lang)
    env.filters["heading"] = lambda value: text.heading(i18n.text_of(value, lang))
    env.globals["kb_date"] = dates.parse
    env.globals["lang"] = lang
    return env


def _kbdate(value) -> KBDate:
    if isinstance(value, str):
        return dates.parse(value)
    return value if isinstance(value, KBDate) else value.parsed


def render(template, lang: str = i18n.DEFAULT_LANG, **context) -> str:
    """Render a template name, or the first existing of a list of names."""
    return environment(lang).select_template(
        [template] if isinstance(template, str) else template).render(**context)
