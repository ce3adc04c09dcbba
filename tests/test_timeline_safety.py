"""A timeline drawing is safe to put in a page: hostile text stays text, the same input gives
the same bytes in any process, numbers are short, and every id is unique."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from macros.kb.pages.drawings.timeline import case_timeline, global_timeline
from macros.kb.pages.drawings.tl_model import Mark

from .conftest import ROOT
from .test_drawings import CHANGCHUN, FAMILIES, SVG, draw, links, parse, texts_of


HOSTILE = ["<script>alert(1)</script>", '"onload="x', "it's & <b>"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_escaped(text):
    marks = [Mark("a", text, text, (2012, 2, 8), href=text),
             Mark("b", text, text, (None, 7, 15), date_label=text)]
    out = draw(case_timeline(marks, texts={"title": text, "today": text,
                                           "month_label": lambda y, m: text}))
    root = parse(out)  # well-formed: nothing broke out of a text or an attribute
    assert not root.findall(".//script") and not root.findall(f".//{SVG}script")
    assert all(not k.startswith("on") for el in root.iter() for k in el.attrib)
    assert links(root)[0].get("href") == text
    assert any(text in t for t in texts_of(root))
    assert "<script>" not in out and "<b>" not in out


def test_output_is_deterministic_across_processes():
    code = ("import tests.test_drawings as t; "
            "print(t.draw(t.case_timeline(t.CHANGCHUN + t.FAMILIES))"
            " + t.draw(t.global_timeline(t.CHANGCHUN)))")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, cwd=ROOT,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3")}
    assert len(outs) == 1
    assert draw(case_timeline(CHANGCHUN)) == draw(case_timeline(list(CHANGCHUN)))


def test_numbers_are_rounded_to_one_decimal():
    out = draw(case_timeline(CHANGCHUN + FAMILIES)) + draw(global_timeline(CHANGCHUN))
    for value in re.findall(r' (?:x|y|width|height|cx|cy|r)="([^"]*)"', out):
        assert re.fullmatch(r"-?\d*(\.\d)?", value) and value, value
    for d in re.findall(r' d="([^"]*)"', out):
        assert not re.search(r"\d\.\d\d", d), d


def test_ids_are_unique_per_prefix_and_masks_resolve():
    span = Mark("s", "Held", "t", (2000, 3, None), (2000, 7, 19), kind="span")
    one, two = (draw(case_timeline([span], prefix=p)) for p in ("one", "two"))
    ids = [set(re.findall(r' id="([^"]*)"', x)) for x in (one, two)]
    assert ids[0] and not ids[0] & ids[1]
    for out, own in zip((one, two), ids):
        assert set(re.findall(r"url\(#([^)]*)\)", out)) <= own
    with pytest.raises(ValueError):
        case_timeline([span], prefix='x" onload="y')
