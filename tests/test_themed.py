"""What names a page as the build wrote it through the theme (macros/mkdocs_adapter/themed.py),
on the real site's menu: an entry's front matter the menu shows changes every page's name,
the hooks' own keys added to a page's metadata as it is written do not, and front matter
whose keys are not text still gives a name; with another plugin changing pages after the
theme, no page is named. (tests/test_page_cache.py builds with the cache and compares with
a build from an empty one.)"""
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


def test_no_page_is_named_where_another_plugin_changes_pages_after_the_theme(nav, tmp_path):
    """A page is kept as the build wrote it, after the hooks' on_post_page: another plugin's
    on_post_page would run a second time on a page taken, so with one no page is named (and
    none taken or kept)."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    hooks = "macros/mkdocs_adapter/hooks.py"  # as mkdocs.yml names them
    assert [run.__module__ for run in config.plugins.events["post_page"]] == [hooks]
    assert themed.alone(config, hooks)
    page, menu = nav.pages[1], themed.digest_menu(nav)
    assert themed.Kept(tmp_path, b"salt", True).key(page, menu) is not None

    def minify(output, page, config):  # as a minifying plugin would
        return output.replace("\n", "")

    config.plugins.events["post_page"].append(minify)
    assert not themed.alone(config, hooks)
    assert themed.Kept(tmp_path, b"salt", False).key(page, menu) is None
