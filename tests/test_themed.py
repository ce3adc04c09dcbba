"""What names a page as the theme wrote it (macros/mkdocs_adapter/themed.py), on the real
site's menu: an entry's front matter the menu shows changes every page's name, the hooks'
own keys added to a page's metadata as it is written do not, and front matter whose keys
are not text still gives a name. (tests/test_page_cache.py builds with the cache and
compares with a build from an empty one.)"""
from __future__ import annotations

import datetime as dt

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from macros.mkdocs_adapter import themed

from .conftest import ROOT


@pytest.fixture(scope="module")
def nav():
    config = load_config(str(ROOT / "mkdocs.yml"))
    return get_navigation(get_files(config), config)


def test_what_the_menu_shows_of_an_entry_changes_its_digest(nav):
    before = themed.digest_menu(nav)
    page = nav.pages[1]
    page.meta["kb_alternates"] = [{"lang": "ko"}]  # as the hooks add it, page after page
    assert themed.digest_menu(nav) == before
    for key, value in (("subtitle", "How the data is kept"), ("icon", "material/library"),
                       ("status", "new")):
        page.meta[key] = value
        assert themed.digest_menu(nav) != before, key
        del page.meta[key]
    assert themed.digest_menu(nav) == before
    page.title = "Another title"
    assert themed.digest_menu(nav) != before


def test_a_page_whose_front_matter_has_keys_that_are_not_text_has_a_name(nav, tmp_path):
    kept = themed.Kept(tmp_path, b"salt")
    page = nav.pages[1]
    menu = themed.digest_menu(nav)
    names = set()
    for meta in ({"changes": {dt.date(2024, 5, 1): "first"}}, {1: "a", "b": 2},
                 {"1": "a", "b": 2}):
        page.meta = meta
        names.add(kept.key(page, menu))
    assert len(names) == 3
