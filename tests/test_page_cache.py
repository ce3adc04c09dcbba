"""A generated page an earlier build rendered is taken from the cache (kb/pages/kept.py), and
a site made so is the one a build with an empty cache makes, byte for byte."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time

from macros.kb import Options, build_kb
from macros.kb.pages import kept, plan as pages
from macros.mkdocs_adapter import workers

from .conftest import EPOCH, ROOT, copy_data, run_build, small_data
from .test_incremental import _digest

TEMPLATES = ROOT / "overrides"
TAKEN = re.compile(r"kb: (\d+) of (\d+) generated pages as an earlier build rendered them")
THEMED = re.compile(r"kb: (\d+) pages as an earlier build wrote them through the theme")


def _all_pages(renderer, n: int) -> list:
    made = [renderer.page(i) for i in range(n)]
    renderer.finish()
    renderer.close()
    return made


def test_pages_from_the_cache_are_the_pages_rendered(kb, site_info, tmp_path, pool):
    planned = pages.plan(kb, ("en",))
    fresh = _all_pages(workers.Renderer(kb, site_info, TEMPLATES, planned,
                                        str(tmp_path / "a"), None), len(planned))
    cache = tmp_path / "cache"
    filling = workers.Renderer(kb, site_info, TEMPLATES, planned, str(tmp_path / "b"), pool,
                               bodies=kept.Bodies(cache, TEMPLATES))
    assert _all_pages(filling, len(planned)) == fresh
    assert filling.taken == 0
    entries = sorted(cache.iterdir())
    assert len(entries) == len(planned)  # one per page, none left half-written
    entries[0].write_bytes(b"not a page")  # damaged: rendered again
    entries[1].unlink()  # pruned by another build meanwhile
    taking = workers.Renderer(kb, site_info, TEMPLATES, planned, str(tmp_path / "c"), None,
                              bodies=kept.Bodies(cache, TEMPLATES))
    assert _all_pages(taking, len(planned)) == fresh
    assert taking.taken == len(planned) - 2
    assert sorted(cache.iterdir()) == entries  # both made again


def test_an_entry_is_named_by_the_view_and_the_templates(kb, site_info, tmp_path):
    planned = {p.path: p for p in pages.plan(kb, ("en", "ko"))}
    case = planned["cases/changchun-2012.md"]
    bodies = kept.Bodies(tmp_path / "cache", TEMPLATES)
    key = bodies.key(pages.view(kb, case, site_info))
    assert bodies.key(pages.view(kb, case, site_info)) == key  # made again: the same
    assert bodies.key(pages.view(kb, planned["ko/cases/changchun-2012.md"], site_info)) != key
    assert bodies.key(pages.view(kb, planned["cases/returned-2023-08-29.md"],
                                 site_info)) != key
    copied = tmp_path / "overrides"
    shutil.copytree(TEMPLATES, copied)
    assert kept.Bodies(tmp_path / "cache", copied).key(pages.view(kb, case, site_info)) == key
    record = copied / "kb" / "pages" / "record.html"
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert kept.Bodies(tmp_path / "cache", copied).key(pages.view(kb, case, site_info)) != key


KEY_ELSEWHERE = """
import sys
from pathlib import Path
from macros import site_config
from macros.kb import Options, build_kb
from macros.kb.common.urls import SiteInfo
from macros.kb.pages import kept, plan
options = Options.from_environment(Path.cwd(), {"KB_DATA_DIR": sys.argv[1],
                                                "SOURCE_DATE_EPOCH": sys.argv[2]})
kb = build_kb(options.data, options.build_date)
site = SiteInfo.from_config(site_config.read(Path("mkdocs.yml")))
case = next(p for p in plan.plan(kb, ("en",)) if p.path == "cases/changchun-2012.md")
print(kept.Bodies(Path(sys.argv[3]), options.templates).key(plan.view(kb, case, site)))
"""


def test_an_entry_has_the_same_name_in_another_process_and_for_a_copy_of_the_data(tmp_path):
    """What makes the cache worth keeping: a page's name must not follow the process's hash
    seed (pydantic keeps the fields set as a set) or the data folder's place."""
    data = copy_data(tmp_path)
    keys = set()
    for seed, folder in (("1", ROOT / "data"), ("2", data)):
        done = subprocess.run(
            [sys.executable, "-c", KEY_ELSEWHERE, str(folder), EPOCH, str(tmp_path)],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 0, done.stderr[-2000:]
        keys.add(done.stdout.strip())
    assert len(keys) == 1 and re.fullmatch(r"[0-9a-f]{64}", keys.pop())


def test_a_site_made_with_pages_from_the_cache_is_the_one_made_without(tmp_path, records):
    """A case edited after a build: the next build takes every generated page but those that
    show the edit from the cache, and every page as the theme wrote it but those
    (mkdocs_adapter/themed.py), and makes the site a build with an empty cache makes. Of a
    small copy of the data (conftest.small_data): two of its three builds start from an
    empty cache."""
    cache = tmp_path / "cache"
    data = small_data(tmp_path / "small", records)
    before = run_build(tmp_path / "before", data_dir=data,
                       extra_env={"KB_CACHE_DIR": str(cache)})
    assert before.returncode == 0, before.stderr[-3000:]
    assert not TAKEN.search(before.stderr) and not THEMED.search(before.stderr)
    case = data / "cases" / "changchun-2012.yml"
    text = case.read_text(encoding="utf-8")
    edited = text.replace("\n  text: >-\n    ", "\n  text: >-\n    Edited in a test. ", 1)
    assert edited != text
    case.write_text(edited, encoding="utf-8")
    # blocks (kb/pages/blocks.py) no build used for two days: pruned after the build
    stale = [cache / "blocks" / f"{n:064x}.html" for n in range(3)]
    for path in stale:
        path.write_text("<p>a block of another day</p>", encoding="utf-8")
        os.utime(path, (time.time() - 2 * 86400,) * 2)
    again = run_build(tmp_path / "again", data_dir=data, extra_env={"KB_CACHE_DIR": str(cache)})
    assert again.returncode == 0, again.stderr[-3000:]
    assert not [p for p in stale if p.exists()]
    # the kb_block calls of the English pages (index.md 4, about.md 2, exports.md 2,
    # add-a-case.md 1), for the data before the edit and after it
    assert len(list((cache / "blocks").glob("*.html"))) == 2 * 9
    taken, total = map(int, TAKEN.search(again.stderr).groups())
    generated = len(list((tmp_path / "before").glob("cases/*/index.html")))
    assert total > generated > 0
    assert total - 10 < taken < total  # the case's page and the few that quote its summary
    written = len(list((tmp_path / "again").rglob("index.html")))
    assert written - 10 < int(THEMED.search(again.stderr).group(1)) < written
    clean = run_build(tmp_path / "clean", data_dir=data,
                      extra_env={"KB_CACHE_DIR": str(tmp_path / "empty")})
    assert clean.returncode == 0, clean.stderr[-3000:]
    assert not TAKEN.search(clean.stderr)  # an empty cache: nothing taken
    assert not THEMED.search(clean.stderr)
    assert "Edited in a test." in (tmp_path / "clean" / "cases" / "changchun-2012"
                                   / "index.html").read_text(encoding="utf-8")
    mine, theirs = _digest(tmp_path / "again"), _digest(tmp_path / "clean")
    assert sorted(set(mine) ^ set(theirs)) == []
    assert [name for name in mine if mine[name] != theirs[name]] == []


def test_a_build_keeps_every_page_it_used_and_prunes_the_oldest_others(kb, site_info, tmp_path,
                                                                       pool, monkeypatch):
    """Pages rendered in the pool's processes are marked used in the build's (the workers'
    own marks go with them): pruning (kept.prune, here without its floor of 5,000 entries)
    keeps every one and deletes the oldest of the others beyond as many; a build that read
    only some pages (`serve --dirty`) prunes nothing."""
    planned = pages.plan(kb, ("en",))
    cache = tmp_path / "cache"
    cache.mkdir()
    hour_ago = time.time() - 3600
    others = [cache / f"{n:064x}" for n in range(len(planned) + 50)]  # other builds'
    for n, path in enumerate(others):
        path.write_bytes(b"left by another build")
        os.utime(path, (hour_ago + n, hour_ago + n))
    monkeypatch.setattr(kept.Bodies, "LEAST", 0)
    _all_pages(workers.Renderer(kb, site_info, TEMPLATES, planned, str(tmp_path / "a"), pool,
                                bodies=kept.Bodies(cache, TEMPLATES)), len(planned))
    made = sorted(set(cache.iterdir()) - set(others))
    assert len(made) == len(planned)
    assert [p for p in others if p.exists()] == others[50:]
    some = workers.Renderer(kb, site_info, TEMPLATES, planned, str(tmp_path / "b"), None,
                            bodies=kept.Bodies(cache, TEMPLATES))
    some.page(0)
    some.finish()
    some.close()
    assert sorted(set(cache.iterdir()) - set(others)) == made
    assert [p for p in others if p.exists()] == others[50:]


def test_the_markdown_writer_takes_the_pages_an_earlier_run_rendered(site_info, tmp_path,
                                                                     monkeypatch):
    """The pages the Zensical build and `kb write-pages` write (kb/pages/writer.py) are kept
    as well, in a folder of their own: a second run renders none and writes the same files."""
    from macros.kb.pages import writer
    options = Options.from_environment(ROOT, {"SOURCE_DATE_EPOCH": EPOCH, "KB_EDITIONS": "en",
                                              "KB_CACHE_DIR": str(tmp_path / "cache")})
    kb = build_kb(options.data, options.build_date)
    planned = pages.plan(kb, ("en",))
    first = writer.write_docs(ROOT / "docs", tmp_path / "first", kb, site_info, options)
    assert len(list((tmp_path / "cache" / "markdown").iterdir())) == len(planned) == first[0]

    def rendered_again(*args, **kwargs):
        raise AssertionError("a page rendered again")

    monkeypatch.setattr(pages, "render_view", rendered_again)
    second = writer.write_docs(ROOT / "docs", tmp_path / "second", kb, site_info, options)
    assert second == first
    mine, theirs = _digest(tmp_path / "first"), _digest(tmp_path / "second")
    assert len(mine) > len(planned) and mine == theirs


def test_a_block_read_is_kept_another_day_and_one_unread_goes(kb, site_info, tmp_path):
    """The hand-written pages' blocks (kb/pages/blocks.py): a block taken from the cache is
    marked used, so pruning after a build keeps it; one no build used for a day goes."""
    from macros.kb.pages import blocks
    folder = tmp_path / "blocks"
    cache = blocks.Cache(folder, ROOT / "data", TEMPLATES)
    html = blocks.block(kb, "scope", "index.md", site_info, TEMPLATES, cache=cache)
    (entry,) = folder.iterdir()
    unread = folder / f"{0:064x}.html"
    unread.write_text("<p>a block of another day</p>", encoding="utf-8")
    two_days_ago = time.time() - 2 * 86400
    for path in (entry, unread):
        os.utime(path, (two_days_ago, two_days_ago))
    assert blocks.block(kb, "scope", "index.md", site_info, TEMPLATES, cache=cache) == html
    blocks.Cache.prune(folder)
    assert sorted(folder.iterdir()) == [entry]


def test_a_build_of_the_same_data_takes_its_pages_without_making_their_views(
        kb, site_info, tmp_path, pool, monkeypatch):
    """A build that looked every page up keeps their entries' names under the plan's name
    (workers.plan_name: the data, build date, site, editions and code); a build with that
    name takes each page by it, making no view, and renders here one whose entry is gone."""
    planned = pages.plan(kb, ("en",))
    cache = tmp_path / "cache"
    first = workers.Renderer(kb, site_info, TEMPLATES, planned, str(tmp_path / "a"), pool,
                             bodies=kept.Bodies(cache, TEMPLATES), known="plan-test")
    fresh = _all_pages(first, len(planned))
    assert first.listed is None and (cache / "plan-test").is_file()
    made_views = []
    view = pages.view
    monkeypatch.setattr(pages, "view", lambda *args: made_views.append(args[1]) or view(*args))
    entries = sorted(p for p in cache.iterdir() if p.name != "plan-test")
    entries[3].unlink()  # pruned by another build meanwhile
    second = workers.Renderer(kb, site_info, TEMPLATES, planned, str(tmp_path / "b"), None,
                              bodies=kept.Bodies(cache, TEMPLATES), known="plan-test")
    assert second.listed is not None
    assert _all_pages(second, len(planned)) == fresh
    assert len(made_views) == 1 and second.taken == len(planned) - 1
    assert entries[3].is_file()  # made again
    other = workers.Renderer(kb, site_info, TEMPLATES, planned, str(tmp_path / "c"), None,
                             bodies=kept.Bodies(cache, TEMPLATES), known="plan-other")
    assert other.listed is None  # another plan's name: views made to name the pages
    other.close()


def test_the_plans_name_follows_the_data_files_the_date_the_site_and_the_editions(
        kb, site_info, tmp_path):
    from dataclasses import replace
    options = Options.from_environment(ROOT, {"SOURCE_DATE_EPOCH": EPOCH})
    bodies = kept.Bodies(tmp_path / "cache", TEMPLATES, workers.FORM)
    planned = pages.plan(kb, ("en",))
    name = workers.plan_name(bodies, options, site_info, planned)
    data = copy_data(tmp_path)
    elsewhere = Options.from_environment(ROOT, {"SOURCE_DATE_EPOCH": EPOCH,
                                                "KB_DATA_DIR": str(data)})
    assert workers.plan_name(bodies, elsewhere, site_info, planned) == name  # a copy
    case = data / "cases" / "changchun-2012.yml"
    case.write_text(case.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert workers.plan_name(bodies, elsewhere, site_info, planned) != name
    later = Options.from_environment(ROOT, {"SOURCE_DATE_EPOCH": str(int(EPOCH) + 86400)})
    assert workers.plan_name(bodies, later, site_info, planned) != name
    assert workers.plan_name(bodies, options, site_info, pages.plan(kb, ("en", "ko"))) != name
    moved = replace(site_info, url="https://example.org/kb/")
    assert workers.plan_name(bodies, options, moved, planned) != name
    assert workers.plan_name(kept.Bodies(tmp_path / "cache", TEMPLATES, "another form"),
                             options, site_info, planned) != name
