"""What a build is asked to make: the options the adapters and the CLI give the core.

Nothing under macros/kb reads the environment or looks for a file outside the package
(tests/test_options.py checks both): whoever runs the core, the MkDocs adapter
(macros/mkdocs_adapter/hooks.py, and macros/__init__.py for mkdocs-macros), the Zensical build
(macros/zensical_adapter/build.py) or the maintainers' command (macros/cli.py), builds one
Options with `Options.from_environment(project, os.environ)` and hands the core what it needs
from it: the data folder and the build date to `build_kb`, the editions to `pages.plan`, the
templates folder to `pages.render` and `blocks.block`, the build date to `offline.make`.

The variables read, all optional:

    KB_DATA_DIR        the data folder (default: data/ in the project folder)
    KB_EDITIONS        the editions to build, such as "en ko" (default: all; English always)
    SOURCE_DATE_EPOCH  the build date, as seconds since 1970 (default: today), so that two
                       builds of the same data are the same byte for byte
    KB_JOBS            "1": render in one process (default: two where there are two cores)
    KB_PUBLISH         "1": a build for publishing, which refuses a site address only this
                       machine or its network reaches
    KB_CACHE_DIR       where a build keeps what the next one can reuse (default: .cache/kb/
                       in the project folder); an empty folder makes a build that reuses
                       nothing
    KB_SERVE_POLLING   "1": `mkdocs serve` looks at the watched folders twice a second, as
                       MkDocs does, instead of being told of each change by the system:
                       for a project on a network share, in a container that mounts it
                       from another system, or on a Windows drive under WSL, where the
                       system does not report changes
    PAGEFIND_*         Pagefind's own settings, which it reads itself; the search index's
                       cache (kb/search_bundles.py, Bundles) is named by them too

The site's address and name are mkdocs.yml's (KB_SITE_URL reaches it through an `!ENV` tag),
read by the adapters (macros/site_config.py) and given to the core as a SiteInfo.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .common import editions as _editions


@dataclass(frozen=True)
class Options:
    project: Path  # the project folder: mkdocs.yml, data/, overrides/
    data: Path  # the data folder (absolute)
    editions: tuple[str, ...]  # the editions built, English first
    build_date: dt.date  # the day the site says it was built; appeal states are as of it
    jobs: int = 1  # processes to render the pages and check the files with
    publishing: bool = False  # a build for publishing: its site address must be public
    pagefind: tuple[tuple[str, str], ...] = ()  # PAGEFIND_* variables set, sorted
    cache_dir: Path | None = None  # KB_CACHE_DIR (absolute), if set: see `cache`
    polling: bool = False  # KB_SERVE_POLLING: `serve` polls the folders it watches

    @property
    def templates(self) -> Path:
        """The theme's folder (mkdocs.yml's custom_dir), where the generated pages' and the
        blocks' templates are (overrides/kb/, overrides/partials/kb/)."""
        return self.project / "overrides"

    @property
    def cache(self) -> Path:
        """What a build keeps for the next one (compiled templates, the hand-written pages'
        blocks, the generated pages, what the offline copy made of each page, each
        edition's search index):
        KB_CACHE_DIR, else .cache/kb/ in the project folder, out of git; deleting it only
        makes the next build slower."""
        return self.cache_dir or self.project / ".cache" / "kb"

    @property
    def schemas(self) -> Path:
        """The JSON Schemas of the data files, for editors and CI (`kb schemas`)."""
        return self.project / "data" / "schemas"

    @classmethod
    def from_environment(cls, project: str | os.PathLike, environ: Mapping[str, str],
                         data: str | os.PathLike | None = None) -> "Options":
        """The options of a build of the project in folder `project`, from the environment
        variables `environ` (os.environ, given by the caller) and an explicit data folder
        `data` (a command's argument), which wins over KB_DATA_DIR. Raises ValueError when
        KB_EDITIONS names an edition there is none of."""
        project = Path(project).resolve()
        chosen = data or environ.get("KB_DATA_DIR") or project / "data"
        return cls(project=project, data=Path(chosen).resolve(),
                   editions=_editions.chosen(environ.get("KB_EDITIONS", "")),
                   build_date=build_date(environ.get("SOURCE_DATE_EPOCH")),
                   jobs=jobs(environ.get("KB_JOBS")),
                   publishing=environ.get("KB_PUBLISH") == "1",
                   pagefind=tuple(sorted((name, value) for name, value in environ.items()
                                         if name.startswith("PAGEFIND_"))),
                   cache_dir=(Path(environ["KB_CACHE_DIR"]).resolve()
                              if environ.get("KB_CACHE_DIR") else None),
                   polling=environ.get("KB_SERVE_POLLING") == "1")


def build_date(epoch: str | None) -> dt.date:
    """The day of SOURCE_DATE_EPOCH (seconds since 1970, UTC) when it is set, else today."""
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def jobs(asked: str | None) -> int:
    """How many processes to work in: 2 where fork is available, there are two cores and
    KB_JOBS (`asked`) is not 1; else 1."""
    if (asked or "").strip() == "1" or not hasattr(os, "fork"):
        return 1
    return 2 if (os.cpu_count() or 1) >= 2 else 1
