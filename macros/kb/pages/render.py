"""The Jinja environment that turns view models into page bodies.

Autoescaping is on, undefined names are errors, and every value a template prints passes
through `finalize`, which escapes it (unless it is already safe markup) and makes curly braces
inert. Data text reaches templates only as values, never as template source, and templates
only format: every record they name arrives resolved in the view model (views/). They are
the theme's, in the project's overrides/ (kb/, partials/kb/), whose folder the caller names
(Options.templates, kb/options.py).

A page body is HTML. Its headings come from `Headings`, which writes each one as MkDocs' `toc`
extension would (an id and a permalink) and keeps the list for the page's table of contents;
for builders that convert Markdown themselves (`scripts/kb.py write-pages`), it writes them as
Markdown headings instead, and the blocks between them pass through Markdown as raw HTML.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..data import dates
from ..data.dates import KBDate
from ..common import i18n, markup
from .drawings.numbers import num as svg_number

# The id of a generated page's title, which the theme prints (overrides/partials/content.html):
# the root of the page's table of contents, so that the theme's "Skip to content" link (the
# first entry) lands on the title, as it does on a hand-written page's "# Title".
TITLE_ANCHOR = "kb-title"


class Headings:
    """The headings of one page, written as HTML (with MkDocs' permalink) or as Markdown."""

    def __init__(self, as_markdown: bool = False):
        self.as_markdown = as_markdown
        self.items: list[dict] = []  # MkDocs' toc tokens: level, id, name, children

    def __call__(self, anchor: str, text: str, level: int = 2,
                 search: bool = True) -> Markup:
        """search=False: the heading of a part the site search leaves out (lists of other
        records, citations, exports)."""
        name = markup.escape(text)
        self.items.append({"level": level, "id": anchor, "name": name, "children": []})
        if self.as_markdown:
            attrs = f"#{anchor}" + ("" if search else " data-pagefind-ignore")
            return Markup(f"{'#' * level} {markup.heading(text)} {{ {attrs} }}")
        extra = "" if search else " data-pagefind-ignore"
        return Markup(f'<h{level}{extra} id="{anchor}">{name}<a class="headerlink" '
                      f'href="#{anchor}" title="Permanent link">&para;</a></h{level}>')

    def toc(self, title: str) -> list[dict]:
        """The tokens nested as MkDocs' get_toc() expects them: under the page's title
        (`title`, HTML-escaped; TITLE_ANCHOR), h2 and h3 under the h2 before."""
        out: list[dict] = []
        for item in self.items:
            parent = out[-1] if out and item["level"] > out[-1]["level"] else None
            (parent["children"] if parent else out).append(dict(item, children=[]))
        return [{"level": 1, "id": TITLE_ANCHOR, "name": title, "children": out}]


def _finalize(value):
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return markup.escape(str(value))


_compiled: jinja2.BytecodeCache | None = None  # cache_compiled()


def cache_compiled(folder: Path) -> None:
    """Keep the templates' compiled code in `folder` (Options.cache), for the environments made
    from now on: each edition's environment, in each worker, and the next build load it
    instead of compiling every template again (about 0.25 s per environment). Jinja's own
    cache: keyed by the template's name and file, checked against its source."""
    global _compiled
    folder.mkdir(parents=True, exist_ok=True)
    _compiled = jinja2.FileSystemBytecodeCache(str(folder))


@lru_cache(maxsize=None)
def environment(templates: Path, lang: str = i18n.DEFAULT_LANG) -> jinja2.Environment:
    """The environment of the templates in folder `templates` (the theme's folder, overrides/:
    Options.templates), in `lang`."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
        bytecode_cache=_compiled,
    )
    env.globals["_"] = lambda key, **kw: i18n.gettext(key, lang, **kw)
    env.globals["n_"] = lambda key, count, **kw: i18n.ngettext(key, count, lang, **kw)
    env.globals["lang"] = lang
    for mark in ("colon", "semicolon", "comma", "stop"):
        env.globals[mark] = i18n.gettext(f"punct.{mark}", lang)
    # a label before its value: a space after it, unless it ends in full-width punctuation
    env.filters["label"] = lambda text: text if text.endswith(_FULL_WIDTH) else text + " "
    env.filters["t"] = lambda value: _localized(value, lang, markup.escape, "span")
    env.filters["md"] = lambda value: _localized(value, lang, markup.block, "div")
    env.filters["mdi"] = lambda value: _localized(value, lang, markup.inline, "span")
    env.filters["date"] = lambda value: i18n.date_words(_kbdate(value), lang)
    env.filters["iso"] = lambda value: _kbdate(value).iso
    env.filters["plain"] = lambda value: i18n.text_of(value, lang)
    env.filters["n"] = svg_number  # a coordinate of a drawing, rounded to 0.1
    return env


_FULL_WIDTH = tuple("：；，。、）")


def _localized(value, lang: str, convert, tag: str) -> Markup:
    text, english = i18n.localized(value, lang)
    if not english:
        return convert(text)
    return Markup(f'<{tag} lang="{i18n.DEFAULT_LANG}">') + convert(text) + Markup(f"</{tag}>")


def _kbdate(value) -> KBDate:
    if isinstance(value, str):
        return dates.parse(value)
    return value if isinstance(value, KBDate) else value.parsed


def render(templates: Path, template, lang: str = i18n.DEFAULT_LANG, /, **context) -> str:
    """Render a template name, or the first existing of a list of names, of the folder
    `templates`."""
    return environment(Path(templates), lang).select_template(
        [template] if isinstance(template, str) else template).render(**context)
