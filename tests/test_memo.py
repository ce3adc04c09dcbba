"""What a build process works out of the code and of the catalogues is kept for the next process
(kb/common/memo.py), named by what it is made of: other bytes, another name or other code give
another value; a damaged entry or none is made again."""
from __future__ import annotations

import pytest

from macros.kb.common import kept, memo

from .conftest import copy_data

ENGLISH = "The stored copy shows no dateline; the date is the one in the page's address."
KOREAN = "저장된 사본에는 기사 날짜 표기가 없습니다. 날짜는 페이지 주소에 있는 것입니다."


@pytest.fixture
def folder(tmp_path):
    memo.keep_in(tmp_path / "memo")
    yield tmp_path / "memo"
    memo.keep_in(None)


def test_a_value_is_made_once_for_its_name_inputs_and_code(folder, monkeypatch):
    made = []

    def make(n):
        made.append(n)
        return {"made": n}

    assert memo.value("v", b"one", lambda: make(1)) == {"made": 1}
    assert memo.value("v", b"one", lambda: make(2)) == {"made": 1}  # taken, not made
    assert memo.value("v", b"two", lambda: make(3)) == {"made": 3}  # other bytes
    assert memo.value("w", b"one", lambda: make(4)) == {"made": 4}  # another name
    with monkeypatch.context() as patched:
        patched.setattr(kept, "code", lambda: "the code after an edit")
        assert memo.value("v", b"one", lambda: make(5)) == {"made": 5}
    for entry in folder.iterdir():  # damaged (a disk full, half a file): made again
        entry.write_bytes(b"not a value")
    assert memo.value("v", b"one", lambda: make(6)) == {"made": 6}
    assert memo.value("v", b"one", lambda: make(7)) == {"made": 6}
    memo.keep_in(None)  # no folder: made each time it is asked for
    assert memo.value("v", b"one", lambda: make(8)) == {"made": 8}
    assert made == [1, 3, 4, 5, 6, 8]


def test_a_catalogue_is_parsed_once_and_again_after_an_edit(folder, tmp_path, monkeypatch):
    """The build's catalogues (kb/build.py: _parse): a process that finds the same bytes at the
    same path takes what an earlier one parsed; an edit of the file is parsed and read."""
    from macros.kb import build
    from macros.kb.data import translations

    data = copy_data(tmp_path)
    parsed = []
    real = translations.parse
    monkeypatch.setattr(translations, "parse",
                        lambda raw, path, lang: parsed.append(lang) or real(raw, path, lang))
    monkeypatch.setattr(translations, "_READ", {})  # this process has read nothing yet

    first, problems = translations.load(data, build._parse)
    assert problems == [] and first["ko"].get(ENGLISH) == KOREAN
    assert sorted(parsed) == ["ko", "zh"]

    monkeypatch.setattr(translations, "_READ", {})  # as a new process
    again, _ = translations.load(data, build._parse)
    assert again["ko"].get(ENGLISH) == KOREAN and sorted(parsed) == ["ko", "zh"]

    po = data / "translations" / "ko.po"
    text = po.read_text(encoding="utf-8")
    assert text.count(KOREAN) == 1
    po.write_text(text.replace(KOREAN, "편집된 번역"), encoding="utf-8")
    monkeypatch.setattr(translations, "_READ", {})
    edited, _ = translations.load(data, build._parse)
    assert edited["ko"].get(ENGLISH) == "편집된 번역"
    assert sorted(parsed) == ["ko", "ko", "zh"]
