"""MkDocs adapter: validate the data before anything is written, then add the generated pages.

Loaded by MkDocs from `hooks:` in mkdocs.yml. It imports the `kb` package as `macros.kb`, the
same name mkdocs-macros uses, so both adapters share one KnowledgeBase per build.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, InclusionLevel

log = logging.getLogger("mkdocs.hooks.kb")
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.kb import build_kb, exports, parallel  # noqa: E402
from macros.kb.data.problems import DataError  # noqa: E402
from macros.kb.pages import plan as pages  # noqa: E402
from macros.kb.pages.urls import SiteInfo  # noqa: E402
from macros.mkdocs_adapter.background import Background  # noqa: E402
from macros.mkdocs_adapter.compact import compact  # noqa: E402


def on_config(config, **kwargs):
    """Fail the build on any data problem, before MkDocs empties the site folder."""
    try:
        build_kb()
    except DataError as exc:
        sys.stderr.write(exc.report() + "\n")
        sys.stderr.flush()
        raise Abort("Build stopped by the data problems above.") from None
    return config


class GeneratedFile(File):
    """A page or export made from the data. Always counted as changed: its content follows
    the data, not a file's date, and with a second process its source may not be written yet
    when `mkdocs build --dirty` compares dates."""

    def is_modified(self) -> bool:
        return True


_background: Background | None = None  # this build's second process, if it has one
_waiting: dict[str, int] = {}  # generated page -> its place in the second process's order


def on_files(files, config, **kwargs):
    """Add one generated page per record and per record type, outside the sidebar, and the
    export files (JSON, CSV, TimelineJS, schemas, citations, feed, calendar).

    Where a second core can be used (parallel.jobs), the pages and exports are rendered by a
    second process while MkDocs reads and converts the pages before them (background.py);
    otherwise here, in memory."""
    global _background
    _stop_background()
    kb = build_kb()
    site = SiteInfo.from_config(config)
    planned = pages.plan(kb, site=site)
    if parallel.jobs() > 1:
        background = Background(planned, lambda: exports.files(kb, site),
                                exports_dir=Path(config.site_dir))
        if background.start():
            _background = background
            log.info("kb: rendering %d pages and the export files in a second process",
                     len(planned))
        else:
            background.close()
    _waiting.clear()
    for index, page in enumerate(planned):
        if files.get_file_from_path(page.path) is not None:
            raise Abort(f"docs/{page.path} clashes with a page generated from the data")
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        if _background:
            source = {"abs_src_path": str(_background.page_file(page.path))}
            _waiting[page.path] = index
        else:
            source = {"content": page.render()}
        files.append(GeneratedFile.generated(config, page.path, inclusion=inclusion, **source))
    contents = None if _background else exports.files(kb, site)
    for item in exports.manifest(kb):
        if files.get_file_from_path(item.path) is not None:
            raise Abort(f"docs/{item.path} clashes with an export generated from the data")
        source = ({"abs_src_path": str(_background.export_file(item.path))} if _background
                  else {"content": contents[item.path]})
        files.append(GeneratedFile.generated(config, item.path, **source))
    return files


def on_pre_page(page, config, files, **kwargs):
    """Wait, if need be, until the second process has written this page."""
    if _background and page.file.src_uri in _waiting:
        _background.wait_page(_waiting[page.file.src_uri])
    return page


def on_env(env, config, files, **kwargs):
    """MkDocs copies the export files next: wait until they are all written."""
    if _background:
        _background.wait_exports()
    return env


def on_post_build(config, **kwargs):
    _stop_background()


def on_build_error(error, **kwargs):
    _stop_background()


def _stop_background() -> None:
    global _background
    if _background:
        _background.close()
        _background = None


def on_post_page(output, page, config, **kwargs):
    """Drop the templates' indentation (compact.py: 13% of a case page, invisible on screen)."""
    return compact(output)


def on_post_template(output, template_name, config, **kwargs):
    """The same for pages built from theme templates alone (404.html)."""
    return compact(output) if template_name.endswith(".html") else output
