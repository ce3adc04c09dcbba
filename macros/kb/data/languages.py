"""The site's languages, listed once. Each is an edition of the site (common/editions.py makes
the editions from this list: English at the root, the others under a folder of their code),
and the data's text may be written in each (fields.py: Text; translations.py: the catalogues
of data/translations/). Everything else that needs the list reads it from here.

This module sits in the data layer, the lowest (kb/common/__init__.py), so that the data's
models can read it too.
"""
from __future__ import annotations

DEFAULT = "en"  # the reference: every text has it, and its edition is the site's root

# code (the edition's folder, hreflang and html lang) -> (Babel's locale for CLDR's plural
# rules, month names and number formats; the language's name in itself, for the switcher)
LANGUAGES = {
    "en": ("en", "English"),
    "ko": ("ko", "한국어"),
    "zh": ("zh_Hans", "简体中文"),
}
LANGS = tuple(LANGUAGES)


def babel_locale(lang: str) -> str:
    """Babel's locale of a language of the site: zh_Hans for zh (simplified script)."""
    return LANGUAGES[lang][0]
