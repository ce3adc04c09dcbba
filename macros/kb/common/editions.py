"""The site's editions: English at the root, Korean under ko/, Chinese under zh/.

Every page of an edition lives under its folder, with the same path as in English after it
(`ko/cases/changchun-2012.md`), so a page's counterpart in another edition is found by
swapping the folder, and links between pages of one edition are the same relative addresses
in every edition. Export files are the site's, outside every edition (`exports/`).
"""
from __future__ import annotations

from dataclasses import dataclass

LANGS = ("en", "ko", "zh")
DEFAULT = "en"


@dataclass(frozen=True)
class Edition:
    lang: str
    prefix: str  # "" or "ko/"
    hreflang: str  # the language tag for hreflang and html lang
    name: str  # in its own language, for the switcher


EDITIONS = {
    "en": Edition("en", "", "en", "English"),
    "ko": Edition("ko", "ko/", "ko", "한국어"),
    "zh": Edition("zh", "zh/", "zh", "简体中文"),
}


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
