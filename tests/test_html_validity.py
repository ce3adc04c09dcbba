"""The Nu Html Checker (vnu, the W3C validator's engine; the npm package vnu-jar, run with
Java) finds no error in the project's markup: one page of every type in every edition.

Material for MkDocs' own templates make three errors on every page, in markup this project
does not write (base.html's toggles, nav-item.html's labels, toc.html's title): they are
listed below, each with the attribute that marks it as Material's, and ignored. Any other
error fails the test. By hand, on a whole built site:
`java -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html site/`.
"""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from .conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# (the start of vnu's message, what its extract shows): Material's markup, not the project's
MATERIAL = (
    ("Attribute “autocomplete” is only allowed when the input type is",
     'class="md-toggle"'),  # base.html: <input type="checkbox" autocomplete="off">
    ("Bad value “” for attribute “tabindex” on element “label”",
     'class="md-nav__link"'),  # nav-item.html: a section's label
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden",
     'for="__toc"'),  # toc.html: the contents' title, on a page without the toggle
)


def sample(root) -> list[str]:
    """One page of every type in every edition: the home page, each hand-written page, the
    first record and the index of each record type, a timeline year, the 404 page."""
    seen: dict[str, str] = {}
    for path in sorted(root.rglob("*.html")):
        parts = path.relative_to(root).parts
        if parts[0] in ("assets", "pagefind"):
            continue
        lang = parts[0] if parts[0] in ("ko", "zh") else "en"
        rest = parts[1:] if lang != "en" else parts
        kind = "/".join(rest[:1]) + ("/record" if len(rest) > 2 else "")
        seen.setdefault(f"{lang} {kind}", path.relative_to(root).as_posix())
    return sorted(seen.values())


def ours(message: dict) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    return not any(text.startswith(m) and mark in extract for m, mark in MATERIAL)


def test_no_markup_error_of_the_projects_own_on_a_page_of_every_type(site):
    if not VNU.is_file():
        pytest.fail(f"{VNU.relative_to(ROOT)} is missing: run `npm ci` (scripts/setup.sh does)")
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: install a Java runtime (scripts/setup.sh test installs "
                    "Debian's default-jre-headless)")
    pages = sample(site.root)
    assert len(pages) > 60 and "ko/cases/mass-returns-2000/index.html" not in pages
    assert {"index.html", "404.html", "ko/cases/about-50-returned-2021-07/index.html",
            "zh/add-a-case/index.html", "zh/reference/data-format/index.html"} <= set(pages)
    assert len([p for p in pages if p.startswith("ko/timeline/")]) == 2  # a year, the index
    # Java's first compiler alone (C1): the run is too short for the second one's work to pay
    # (4.9 s of CPU against 12.3 s for 70 pages, the same messages); its deeper stack then
    # needs more than the default (vnu says so)
    done = subprocess.run([java, "-Xss4m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU),
                           "--errors-only", "--format", "json",
                           *[str(site.root / p) for p in pages]],
                          capture_output=True, text=True, timeout=600)
    messages = json.loads(done.stderr)["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    found = [(m.get("url", "").rsplit(str(site.root), 1)[-1], m.get("message"),
              m.get("extract", "").strip()[:120]) for m in errors if ours(m)]
    assert found == [], "\n".join(map(str, found[:20]))
    assert errors, "vnu found none of Material's known errors: was the page sample checked?"


def test_the_ignored_errors_come_from_material_not_from_the_projects_templates():
    """The markers of the ignored errors appear in no template of the project's."""
    templates = " ".join(p.read_text(encoding="utf-8")
                         for p in (ROOT / "overrides").rglob("*") if p.is_file())
    for _message, mark in MATERIAL:
        assert mark not in templates, mark
