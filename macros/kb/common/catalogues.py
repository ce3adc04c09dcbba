"""The interface's Korean and Chinese strings: gettext catalogues over the English keys.

The English strings are `pages/locales/en.yml`, keyed ("case.appeal.heading"), with CLDR
plural categories (`one`, `other`) where a count is printed; the menu's titles, the site's name
and description are mkdocs.yml's. `pages/locales/<lang>.po` translates them: each entry's
msgctxt is the key, its msgid the English (so a reworded English string no longer matches, and
Babel's update marks its translation fuzzy), its msgstr the translation; a counted string is a
plural entry (msgid: the `one` form, msgid_plural: `other`), with as many forms as the
language's plural rule has (Korean and Chinese: one). Month names come from Babel's CLDR data,
not from here.

`template(site)` lists every string for translators (`scripts/kb.py translations --update`
refreshes the files); `strings(lang)` is what i18n.py looks keys up in: key -> str or tuple of
plural forms, only entries whose English is current; `site_strings(lang, english)` gives the
site's name, description and menu titles the same way, against the English the caller has
from mkdocs.yml (site_english(): this package never reads mkdocs.yml itself).
"""
from __future__ import annotations

import copy
import io
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from ..data.languages import DEFAULT, babel_locale
from . import memo

# The interface's strings, for pages and exports alike, stay in kb/pages/locales/ where the
# translators' guides point (this module left pages/ for common/: kb/common/__init__.py)
LOCALES = Path(__file__).parent.parent / "pages" / "locales"
PROJECT = "North Korean Refugees - Forced Returns from China (interface)"
PLURAL = ("one", "other")
NOT_TRANSLATED = {"date.months"}  # CLDR's month names, through Babel


def english() -> dict:
    """The English strings (en.yml) as a tree: a fresh copy each call, for the caller to
    change (i18n.py lays a translation over it)."""
    return copy.deepcopy(_english_tree())


@lru_cache(maxsize=None)
def _english_tree() -> dict:
    """en.yml read once, with libyaml (PyYAML's C reader, as kb/data/load.py): 6 ms where the
    pure-Python reader took 57, and the build read it once per edition and once more."""
    with (LOCALES / "en.yml").open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=yaml.CSafeLoader)


def _flat(node, key: str = ""):
    """(key, English) for every string, (key, {one, other}) for every counted one."""
    if isinstance(node, dict):
        if "other" in node and set(node) <= set(PLURAL):
            yield key, node
            return
        for name, child in node.items():
            yield from _flat(child, f"{key}.{name}" if key else name)
    elif key not in NOT_TRANSLATED:
        yield key, node


def site_english(config: Mapping) -> dict[str, str]:
    """The site's name and description and the menu's titles, key -> English, from mkdocs.yml
    (`config`: its values, read by the adapters and the CLI, macros/site_config.py)."""
    out = {"site.name": str(config.get("site_name") or ""),
           "site.description": " ".join(str(config.get("site_description") or "").split())}

    def walk(items):
        for item in items:
            for title, value in item.items():
                out[f"nav.{title}"] = title
                if isinstance(value, list):
                    walk(value)
    walk(config.get("nav") or [])
    return out


def template(site: Mapping[str, str] | None = None) -> Catalog:
    """Every string to translate: the interface's (locales/en.yml), then the site's (`site`,
    as site_english() gives them) when given."""
    cat = Catalog(project=PROJECT, fuzzy=False)
    for key, english in [*_flat(_english_tree()), *(site or {}).items()]:
        if isinstance(english, dict):
            cat.add((english.get("one", english["other"]), english["other"]), context=key)
        else:
            cat.add(str(english), context=key)
    return cat


@lru_cache(maxsize=None)
def _translated(lang: str) -> dict[str, dict]:
    """key -> {English: translation (a string, or a tuple of plural forms)} for every entry of
    locales/<lang>.po that is translated and not fuzzy, whatever English it translates."""
    path = LOCALES / f"{lang}.po"
    if lang == DEFAULT or not path.is_file():
        return {}
    data = path.read_bytes()  # or what a process before made of it (memo.py)
    return memo.value("interface catalogue", f"{lang}\0".encode("utf-8") + data,
                      lambda: _translations(data, lang))


def _translations(data: bytes, lang: str) -> dict[str, dict]:
    po = read_po(io.BytesIO(data), locale=babel_locale(lang))
    out: dict[str, dict] = {}
    for msg in po:
        if not msg.id or msg.fuzzy:
            continue
        if isinstance(msg.string, tuple):
            if all(msg.string):
                out.setdefault(msg.context, {})[msg.id] = tuple(msg.string)
        elif msg.string:
            out.setdefault(msg.context, {})[msg.id] = msg.string
    return out


def _current(lang: str, english: Mapping) -> dict:
    """key -> translation into `lang`, for each key of `english` (key -> its English, the
    msgid) whose translation translates that English."""
    found = _translated(lang)
    return {key: found[key][msgid] for key, msgid in english.items()
            if msgid in found.get(key, {})}


@lru_cache(maxsize=None)
def strings(lang: str) -> dict:
    """The interface's strings (i18n.py looks keys up in them): key -> translated string (or
    tuple of plural forms), only those whose English is current."""
    return _current(lang, {m.context: m.id for m in template() if m.id})


def site_strings(lang: str, english: Mapping[str, str]) -> dict[str, str]:
    """The site's strings (`english`: key -> English, as site_english() gives them, or some
    of them) translated into `lang`, only those whose English is current."""
    return _current(lang, english)


@dataclass(frozen=True)
class Report:
    total: int
    translated: int
    missing: list[str]  # keys
    stale: list[str]  # keys whose English changed since they were translated


def report(lang: str, site: Mapping[str, str]) -> Report:
    """What the interface catalogue of `lang` lacks, against the current English (`site`: the
    site's strings, site_english())."""
    path = LOCALES / f"{lang}.po"
    po = Catalog(locale=babel_locale(lang))
    if path.is_file():
        with path.open("rb") as fh:
            po = read_po(fh, locale=babel_locale(lang))
    po.update(template(site), update_header_comment=False)
    missing, stale, done = [], [], 0
    for msg in po:
        if not msg.id:
            continue
        forms = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        if all(forms) and not msg.fuzzy:
            done += 1
        elif all(forms):
            stale.append(msg.context)
        else:
            missing.append(msg.context)
    return Report(done + len(missing) + len(stale), done, missing, stale)


def update(lang: str, site: Mapping[str, str]) -> Path:
    """Write pages/locales/<lang>.po against the current English (`site`: the site's strings,
    site_english()): new keys empty, changed English fuzzy, removed keys obsolete."""
    path = LOCALES / f"{lang}.po"
    if path.is_file():
        with path.open("rb") as fh:
            po = read_po(fh, locale=babel_locale(lang))
    else:
        po = Catalog(locale=babel_locale(lang), project=PROJECT, fuzzy=False,
                     copyright_holder="the project's contributors")
    po.update(template(site), update_header_comment=False)
    buf = io.BytesIO()
    write_po(buf, po, width=100, sort_output=False, include_previous=True)
    path.write_bytes(buf.getvalue())
    return path
