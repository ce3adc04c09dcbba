"""MkDocs adapter: validate the data before anything is written, then add the generated pages.

Loaded by MkDocs from `hooks:` in mkdocs.yml. It imports the `kb` package as `macros.kb`, the
same name mkdocs-macros uses, so both adapters share one KnowledgeBase per build.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, InclusionLevel

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.kb import build_kb, exports, pages  # noqa: E402
from macros.kb.compact import compact  # noqa: E402
from macros.kb.csp import add_policy  # noqa: E402
from macros.kb.permalinks import SiteInfo  # noqa: E402
from macros.kb.problems import DataError  # noqa: E402


def on_config(config, **kwargs):
    """Fail the build on any data problem, before MkDocs empties the site folder."""
    try:
        build_kb()
    except DataError as exc:
        sys.stderr.write(exc.report() + "\n")
        sys.stderr.flush()
        raise Abort("Build stopped by the data problems above.") from None
    return config


def on_files(files, config, **kwargs):
    """Add one generated page per record and per record type, outside the sidebar, and the
    export files (JSON, CSV, TimelineJS, schemas, citations, feed, calendar), all in memory."""
    kb = build_kb()
    site = SiteInfo.from_config(config)
    for page in pages.generate(kb, site=site):
        if files.get_file_from_path(page.path) is not None:
            raise Abort(f"docs/{page.path} clashes with a page generated from the data")
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.path, content=page.markdown, inclusion=inclusion)
        files.append(file)
    for path, content in exports.files(kb, site).items():
        if files.get_file_from_path(path) is not None:
            raise Abort(f"docs/{path} clashes with an export generated from the data")
        files.append(File.generated(config, path, content=content))
    return files


def on_post_page(output, page, config, **kwargs):
    """Give every page a Content-Security-Policy that allows only its own theme scripts, and
    drop the templates' indentation (compact.py: 13% of a case page, invisible on screen)."""
    return add_policy(compact(output))


def on_post_template(output, template_name, config, **kwargs):
    """The same for pages built from theme templates alone (404.html)."""
    return add_policy(compact(output)) if template_name.endswith(".html") else output
