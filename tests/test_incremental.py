"""`mkdocs serve --dirty` makes again only what a data edit changes, and the site it leaves is
the one a clean build makes of the same data, byte for byte.

The data is a small copy of the real data (conftest.small_data: three cases and every record
they name, 183 generated pages against the real site's 660; its clean builds are most of this
test's time): the Changchun case, whose letters go to the Premier, and two cases of 2023 that
cite the same sources. One process builds as `mkdocs serve --dirty` does (the configuration
read again for each build, MkDocs' dirty build, the hooks loaded once), every edition, then
edits the data and builds again after each edit: a case's summary, the title of the source most
cases cite, the name of an office (shown on the pages of cases with letters to its holders, two
references away), a case added, that case removed. After each warm build, once the search index
and the offline copy are made (in the background, as while serving), the data is set aside and
the site's files hashed; each is then compared with a clean `mkdocs build` of that data. A page
an edit changes but the warm build left alone shows up as a difference.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ALL_EDITIONS, EPOCH, ROOT, run_build, small_data
from .sitedigest import digest as _digest

# The steps, run in one process as `mkdocs serve --dirty` runs its builds (mkdocs/commands/
# serve.py: load_config for each build, build(dirty=True), on_startup once).
DRIVER = """
import json, logging, shutil, sys
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build
from tests.sitedigest import digest as _digest

site, out, steps = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
data = Path(__import__("os").environ["KB_DATA_DIR"])
URL = "http://127.0.0.1:8000/"
logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")  # as the CLI logs

def config():
    loaded = load_config(config_file={config!r}, site_dir=str(site))
    loaded.site_url = URL
    return loaded

first = config()
first.plugins.on_startup(command="serve", dirty=True)
hooks = sys.modules[{hooks!r}]
for n, step in enumerate(["first", *steps]):
    if step != "first":
        edit = Path(step.split("=", 1)[0])
        if "=" in step:
            edit.write_bytes(Path(step.split("=", 1)[1]).read_bytes())
        else:
            edit.unlink()
    print(f"--- step {{n}}", file=sys.stderr, flush=True)
    build(first if n == 0 else config(), serve_url=URL, dirty=True)
    hooks._wait_background()  # the search index and the offline copy
    (out / f"site-{{n}}.json").write_text(json.dumps(_digest(site)))  # not a copy: 2,100 files
    shutil.copytree(data, out / f"data-{{n}}")
first.plugins.on_shutdown()
"""

CHANGED = re.compile(r"kb: (\d+) of (\d+) generated pages changed, (\d+) removed "
                     r"\((\d+) views made again\)")


def _state(data: Path) -> str:
    """A digest of a data folder's files."""
    return hashlib.sha256(repr(sorted(_digest(data).items())).encode()).hexdigest()


CASES = ("changchun-2012", "returned-2023-08-29", "returned-2023-09-18")


def _most_cited_source(data: Path) -> tuple[str, int]:
    """The source the most case files name (by its file name, the id), and how many do."""
    cases = [p.read_text(encoding="utf-8") for p in (data / "cases").glob("*.yml")]
    counts = {p.stem: sum(p.stem in text for text in cases)
              for p in (data / "sources").glob("*.yml")}
    most = max(sorted(counts), key=counts.get)
    return most, counts[most]


def test_warm_rebuilds_after_data_edits_give_the_clean_builds_site(tmp_path, records):
    data = small_data(tmp_path, records, CASES)
    edits = tmp_path / "edits"
    edits.mkdir()
    case = sorted((data / "cases").glob("*.yml"))[0]
    text = case.read_text(encoding="utf-8")
    summary = text.replace("\n  text: >-\n    ", "\n  text: >-\n    Edited in a test. ", 1)
    assert summary != text
    (edits / "summary.yml").write_text(summary, encoding="utf-8")
    cited, cases_citing = _most_cited_source(data)
    assert cases_citing >= 2  # an edit that reaches the pages of several cases
    source = data / "sources" / f"{cited}.yml"
    retitled = re.sub(r"^title: .*(\n  .*)*", 'title: "A title edited in a test"',
                      source.read_text(encoding="utf-8"), count=1, flags=re.M)
    (edits / "source.yml").write_text(retitled, encoding="utf-8")
    office = data / "offices" / "cn-premier.yml"
    renamed = office.read_text(encoding="utf-8").replace(  # in the same place in the index
        "\n  en: Premier of the People's Republic of China",
        "\n  en: Premier of the People's Republic of China, edited in a test", 1)
    assert renamed != office.read_text(encoding="utf-8")
    (edits / "office.yml").write_text(renamed, encoding="utf-8")
    added = data / "cases" / "zz-added-in-a-test.yml"
    steps = [f"{case}={edits / 'summary.yml'}", f"{source}={edits / 'source.yml'}",
             f"{office}={edits / 'office.yml'}", f"{added}={case}", str(added)]

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH,
           "KB_EDITIONS": ALL_EDITIONS, "KB_DATA_DIR": str(data)}
    driver = DRIVER.format(config=str(ROOT / "mkdocs.yml"),
                           hooks="macros/mkdocs_adapter/hooks.py")
    done = subprocess.run([sys.executable, "-c", driver, str(tmp_path / "serving"),
                           str(tmp_path), *steps], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr

    counts = [tuple(map(int, m)) for m in CHANGED.findall(done.stderr)]
    assert len(counts) == 6, done.stderr[-3000:]
    first, after_summary, after_title, after_office, after_add, after_remove = counts
    assert first[0] == first[1] == first[3]  # the first build makes every page
    # an edit of one case makes its pages again, not every page
    assert 0 < after_summary[0] < after_summary[1] / 4
    assert 0 < after_title[0] < after_title[1]
    assert 0 < after_office[0] < after_office[1]
    # and only the views that read the edited record are made again
    for edited in (after_summary, after_title, after_office):
        assert edited[0] <= edited[3] < edited[1] / 2
    assert after_add[1] > after_summary[1] and after_add[0] < after_add[1]
    assert after_remove[2] > 0  # the added case's pages deleted

    # the clean build of each state of the data (cold, every edition, the same build date)
    clean_of: dict[str, dict] = {}
    for n in range(6):
        data_n = tmp_path / f"data-{n}"
        state = _state(data_n)
        if state not in clean_of:  # the last step's data is the third's: built once
            cold = tmp_path / f"cold-{n}"
            result = run_build(cold, data_dir=data_n, editions=ALL_EDITIONS)
            assert result.returncode == 0, result.stderr[-3000:]
            clean_of[state] = _digest(cold)
        warm, clean = json.loads((tmp_path / f"site-{n}.json").read_text()), clean_of[state]
        assert sorted(set(warm) ^ set(clean)) == [], f"step {n}"
        assert [name for name in warm if warm[name] != clean[name]] == [], f"step {n}"


def test_equal_views_have_one_key_however_their_parts_share_objects(kb):
    """A warm rebuild keeps a page whose view's key did not change. After a data edit, some
    records are kept from the last build and others read again, so an equal view may hold one
    object twice where it held two equal ones: the key must not see the difference (it did:
    the first warm rebuild at 200 synthetic cases made 432 unchanged pages again)."""
    from macros.kb.pages.plan import Planned, View
    rec = kb.get("cases", "changchun-2012")
    other = kb.get("places", "changchun")
    page = Planned("cases/changchun-2012.md", False, "record", rec)
    shared_text = "Detained in Changchun in February 2012"
    shared = View(page, "A case", ("record.html",),
                  {"a": [shared_text, other], "b": [shared_text, other]}, {}, 0)
    copied = View(page, "A case", ("record.html",),
                  {"a": [shared_text, other],
                   "b": ["".join(["Detained in Changchun", " in February 2012"]), other]}, {}, 0)
    assert copied.view["b"][0] is not shared_text and copied.view["b"][0] == shared_text
    assert shared.key() == copied.key()
    changed = View(page, "A case", ("record.html",),
                   {"a": [shared_text, other], "b": [shared_text + ".", other]}, {}, 0)
    assert changed.key() != shared.key()


def test_a_case_pages_view_notes_what_it_read_two_references_away(kb, site_info):
    """What `serve --dirty` knows of a page: the records its view read. The Changchun case's
    letters go to Wen Jiabao (data/cases/changchun-2012.yml, appeals), whose office is the
    Premier's (data/authorities/wen-jiabao-2012.yml): renaming that office must reach the
    case's page. A case it does not show is not among them."""
    from macros.kb.pages import changes, plan

    item = next(p for p in plan.plan(kb, ("en",)) if p.path == "cases/changchun-2012.md")
    _view, key, read = changes.read_view(kb, item, site_info, changes.records(kb))
    assert {("cases", "changchun-2012"), ("sources", "ai-ua-changchun-2012"),
            ("authorities", "wen-jiabao-2012"), ("offices", "cn-premier")} <= read
    assert ("cases", "returned-2023-08-29") not in read
    assert changes.read_view(kb, item, site_info, changes.records(kb))[1] == key


def test_a_catalogue_edited_between_two_builds_is_read_again(tmp_path):
    """`serve` keeps what it parsed of a translation catalogue while the file is unchanged
    (kb/data/translations.py, read): an edit, even one that keeps the file's size, is read
    on the next build, and what one build does to its copy never reaches the next."""
    from macros.kb.data import translations

    english = "The stored copy shows no dateline; the date is the one in the page's address."
    korean = "저장된 사본에는 기사 날짜 표기가 없습니다. 날짜는 페이지 주소에 있는 것입니다."
    catalogue = tmp_path / "ko.po"
    shutil.copy(ROOT / "data" / "translations" / "ko.po", catalogue)
    first, problems = translations.read(catalogue, "ko")
    assert problems == [] and first.get(english) == korean
    first.entries[english] = "changed by one build"
    assert translations.read(catalogue, "ko")[0].get(english) == korean

    edited = korean.replace("사본", "원본")  # the same size in UTF-8
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace(f'msgstr "{korean}"', f'msgstr "{edited}"'),
                         encoding="utf-8")
    assert catalogue.stat().st_size == len(text.encode("utf-8"))
    stat = catalogue.stat()
    os.utime(catalogue, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert translations.read(catalogue, "ko")[0].get(english) == edited


def test_serve_notices_that_the_code_it_runs_changed(tmp_path, monkeypatch):
    """`mkdocs serve` keeps the modules it imported: after an edit under macros/ it would go
    on running the old code, so the hooks then stop the build with a warning to restart it
    (hooks.py on_config). What it compares: macros/ now and as it was imported."""
    from macros.kb.common import kept
    from macros.mkdocs_adapter import incremental

    assert not incremental.code_changed()  # this process's code is what is on disk
    copy = tmp_path / "macros"
    shutil.copytree(incremental.MACROS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(incremental, "MACROS", copy)
    monkeypatch.setattr(incremental, "STARTED", kept.content_hash([copy]))
    assert not incremental.code_changed()
    plan = copy / "kb" / "pages" / "plan.py"
    plan.write_text(plan.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert incremental.code_changed()
