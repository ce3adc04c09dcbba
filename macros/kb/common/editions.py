"""The site's editions: English at the root, Korean under ko/, Chinese under zh/.

Every page of an edition lives under its folder, with the same path as in English after it
(`ko/cases/changchun-2012.md`), so a page's counterpart in another edition is found by
swapping the folder, and links between pages of one edition are the same relative addresses
in every edition. Export files are the site's, outside every edition (`exports/`).

The editions are made from the one list of the site's languages (kb/data/languages.py). An
`Edition` carries what the code, the adapters and the templates ask of it: its code, folder,
language tag and name, and the site's own strings as it shows them (`labels`: the site's name
and description and the menu's titles, translated from mkdocs.yml's English) with its site
name among them.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..data.languages import DEFAULT, LANGUAGES
from . import catalogues


@dataclass(frozen=True)
class Edition:
    lang: str  # its code: en, ko, zh
    prefix: str  # "" or "ko/": its folder in the site
    hreflang: str  # the language tag for hreflang and html lang
    name: str  # in its own language, for the switcher
    locale: str  # Babel's (kb/data/languages.py)

    @property
    def folder(self) -> str:
        """Its folder's name in the site ("ko"); "" for the default edition, at the root."""
        return self.prefix.rstrip("/")

    def labels(self, english: Mapping[str, str]) -> dict[str, str]:
        """The site's strings as this edition shows them (`english`: key -> English, as
        catalogues.site_english() gives them from mkdocs.yml, or some of them): translated
        where the edition's catalogue translates the current English, else the English."""
        if self.lang == DEFAULT:
            return dict(english)
        return {**english, **catalogues.site_strings(self.lang, english)}

    def site_name(self, english: str) -> str:
        """The site's name in this edition (`english`: mkdocs.yml's site_name)."""
        return self.labels({"site.name": english})["site.name"]


EDITIONS = {lang: Edition(lang, "" if lang == DEFAULT else f"{lang}/", lang, name, locale)
            for lang, (locale, name) in LANGUAGES.items()}
FOLDERS = frozenset(e.folder for e in EDITIONS.values() if e.folder)  # ko, zh: not the default's


def chosen(wanted: str = "") -> tuple[str, ...]:
    """The editions a build makes: all, or those `wanted` names, separated by spaces or commas
    (KB_EDITIONS: `KB_EDITIONS=en mkdocs serve` previews the English edition alone, three
    times faster; kb/options.py). English is always made: the other editions' addresses and
    exports hang off it."""
    names = wanted.replace(",", " ").split()
    unknown = [lang for lang in names if lang not in EDITIONS]
    if unknown:
        raise ValueError(f"KB_EDITIONS names {', '.join(unknown)}: the editions are "
                         f"{', '.join(EDITIONS)}")
    return tuple(lang for lang in EDITIONS if not names or lang in names or lang == DEFAULT)


def split(path: str) -> tuple[str, str]:
    """A page file's edition language and its path within the edition."""
    head, _, rest = path.partition("/")
    if rest and head in EDITIONS and head != DEFAULT:
        return head, rest
    return DEFAULT, path


def in_edition(lang: str, path: str) -> str:
    """The page file `path` (edition-less) in edition `lang`."""
    return EDITIONS[lang].prefix + path
