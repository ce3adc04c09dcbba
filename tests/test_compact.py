"""Pages lose the templates' indentation and nothing a reader sees or copies."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

from macros.kb.pages.compact import compact

PAGE = """<html>
  <head>
    <style>
      p::before { content: "a  b"; }
    </style>
    <script>
      var x = `two
        lines`;
    </script>
  </head>
  <body>
    <!--
      kept as written
    -->
    <p>
      Some <em>words</em>
      and more
    </p>
    <p class="kb-citation" data-kb-copy="Copy">Author, A. (2012). <em>Title</em>. Publisher.</p>
    <pre class="kb-letter__text">Dear Sir,

    indented line
        more</pre>
    <PRE>x
  y</PRE >
    <textarea>
  typed
    </textarea>
  </body>
</html>
"""


def _words(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


def test_compact_keeps_text_and_raw_elements():
    out = compact(PAGE)
    assert len(out) < len(PAGE)
    assert not re.search(r"\n[ \t]+<(p|body|/p|/body)\b", out)
    assert _words(out) == _words(PAGE)
    before, after = BeautifulSoup(PAGE, "html.parser"), BeautifulSoup(out, "html.parser")
    for name in ("pre", "textarea", "script", "style"):
        assert [str(t) for t in before.find_all(name)] == [str(t) for t in after.find_all(name)]
    assert "<!--\n      kept as written\n    -->" in out
    assert compact(out) == out
    copied = [p.get_text() for p in BeautifulSoup(PAGE, "html.parser").select("[data-kb-copy]")]
    assert copied == [p.get_text() for p in after.select("[data-kb-copy]")] == \
        ["Author, A. (2012). Title. Publisher."]


def test_built_pages_carry_no_indentation_and_keep_letters(site):
    html = site.html("cases/changchun-2012/")
    soup = BeautifulSoup(html, "lxml")
    outside = re.sub(r"<(pre|textarea|script|style)\b.*?</\1>", "", html, flags=re.S)
    assert not re.search(r"\n[ \t]+\S", outside)
    # (the letters of an open appeal, <pre> kept whole: tests/test_letters.py)
    # the copy buttons copy an element's textContent: outside <pre> (kept whole) each one is a
    # single line, which compact() cannot have changed, since it only touches line breaks
    copied = soup.select("[data-kb-copy]")
    assert len(copied) >= 2  # the APA and Chicago citations (and BibTeX, CSL-JSON)
    for el in copied:
        assert el.name == "pre" or "\n" not in el.get_text(), el


def test_no_built_page_writes_a_tag_over_several_lines(site):
    """compact() would take the indentation out of an attribute value written over several
    lines; no template writes one, and this keeps it so."""
    pages = sorted(site.root.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = re.sub(r"<(pre|textarea|script|style)\b.*?</\1\s*>|<!--.*?-->", "",
                      page.read_text(encoding="utf-8"), flags=re.S | re.I)
        assert not re.search(r"<[A-Za-z][^<>]*\n", html), page
