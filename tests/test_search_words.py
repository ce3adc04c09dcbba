"""The search's table of readers' words (macros/kb/pages/locales/search-words.yml), as the built
site carries it: in each edition's search dialog, pointing at words the records use."""
from __future__ import annotations

import json
import re

from macros.kb.search import fragments


def _table(site, edition: str) -> dict:
    dialog = site.soup(f"{edition}cases/changchun-2012/").select_one("dialog[data-kb-search]")
    return json.loads(dialog["data-synonyms"])


def test_each_edition_carries_its_own_table(site):
    assert _table(site, "ko/")["북송"] == ["강제송환", "송환"]
    assert _table(site, "ko/")["탈북민"] == ["북한 주민"]
    assert _table(site, "ko/")["망명"] == ["비호"]
    assert _table(site, "zh/")["脱北者"] == ["朝鲜人", "越境者"]
    assert _table(site, "")["defector"] == ["North Koreans", "refugee"]
    assert "북송" not in _table(site, "") and "defector" not in _table(site, "ko/")


def test_every_word_the_table_searches_for_is_on_a_page_of_its_edition(site):
    """A site word no page has would find nothing: the table must follow the records."""
    texts: dict[str, str] = {"": "", "ko/": "", "zh/": ""}
    for page in fragments(site.root):
        edition = re.match(r"/(ko/|zh/)?", page["url"]).group(1) or ""
        texts[edition] += " " + page["content"].replace("\u200b", "").lower()
    for edition, text in texts.items():
        for reader_word, site_words in _table(site, edition).items():
            for words in site_words:
                for word in words.lower().split():
                    assert word in text, (edition, reader_word, word)


def test_without_javascript_the_header_links_the_case_index(site):
    for edition, label in (("", "Browse the cases"), ("ko/", "사례 목록 보기"),
                           ("zh/", "浏览案例列表")):
        header = site.soup(f"{edition}cases/changchun-2012/").select_one("header")
        link = header.select_one("a[data-kb-search-fallback]")
        assert link["href"] == "../" and link.get_text(strip=True) == label
        button = header.select_one("button[data-kb-search-open]")
        assert button.has_attr("hidden")  # shown by assets/kb-search.js
