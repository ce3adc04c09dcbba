"""Render the generated pages and export files in a second process while MkDocs works.

MkDocs reads pages one at a time: it converts each page's Markdown, and only later renders the
theme around all of them. The knowledge base's pages can be written in the meantime: a forked
child (parallel.py says when forking is safe) renders every planned page, in the order MkDocs
will read them, into a private folder, then the export files, and reports each one done with a
byte on a pipe. The parent waits only when it gets ahead of the child. Rendering is the same
code as in one process (pages.plan), so the pages are byte for byte the same.

Used by macros/hooks.py; it knows nothing of MkDocs.
"""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import tempfile
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from macros.kb.pages.plan import Planned
from macros.kb.parallel import ChildFailed

_PAGE, _EXPORTS, _FAILED = b"p", b"x", b"!"


class Background:
    """Pages (then exports) written to `folder` by a child process, waited for by index."""

    def __init__(self, planned: Sequence[Planned], exports: Callable[[], dict[str, bytes]],
                 exports_dir: Path | None = None):
        """exports_dir: where the export files go (default: this object's own folder). The
        hook passes the site folder, which MkDocs has emptied by then, so that they need no
        copying: MkDocs skips a file whose source is its destination."""
        self.planned = list(planned)
        self._exports = exports
        self.folder = Path(tempfile.mkdtemp(prefix="kb-pages-"))
        self.exports_dir = exports_dir or self.folder / "exports"
        self.pages_done = 0
        self.exports_done = False
        self._pid: int | None = None
        self._pipe: int | None = None

    def page_file(self, path: str) -> Path:
        return self.folder / "pages" / path

    def export_file(self, path: str) -> Path:
        return self.exports_dir / path

    def start(self) -> bool:
        """Start the child; False (and nothing started) if the system cannot fork now."""
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no memory or process slot left: the caller renders in one process
            os.close(read_end), os.close(write_end)
            return False
        if pid == 0:
            os.close(read_end)
            os._exit(self._child(write_end))
        os.close(write_end)
        self._pid, self._pipe = pid, read_end
        atexit.register(self.close)  # also when a plugin ends the build with SystemExit
        return True

    def _child(self, pipe: int) -> int:
        doing = "the export files"
        try:
            for page in self.planned:
                doing = f"the page {page.path}"
                _write(self.page_file(page.path), page.render().encode("utf-8"))
                os.write(pipe, _PAGE)
            doing = "the export files"
            for path, content in self._exports().items():
                _write(self.export_file(path), content)
            os.write(pipe, _EXPORTS)
            return 0
        except BrokenPipeError:  # the parent has stopped (its build failed): tidy up, leave
            shutil.rmtree(self.folder, ignore_errors=True)
            return 1
        except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
            report = f"while rendering {doing}:\n{traceback.format_exc()}".encode("utf-8")
            try:
                _write(self.folder / "error.txt", report)
                os.write(pipe, _FAILED)
            except BaseException:  # noqa: BLE001 - no folder or no parent: say it here
                os.write(2, report)
            return 1

    def _read(self) -> None:
        chunk = os.read(self._pipe, 65536)
        if not chunk or _FAILED in chunk:
            error = self.folder / "error.txt"
            why = error.read_text(encoding="utf-8") if error.exists() else "it ended early"
            self.close()
            raise ChildFailed(f"rendering the pages in a second process failed:\n{why}")
        self.pages_done += chunk.count(_PAGE)
        self.exports_done = self.exports_done or _EXPORTS in chunk

    def wait_page(self, index: int) -> None:
        """Return once planned page `index` (0-based) is written."""
        while self.pages_done <= index:
            self._read()

    def wait_exports(self) -> None:
        """Return once every page and every export file is written."""
        while not self.exports_done:
            self._read()

    def close(self) -> None:
        """Stop the child if it still runs, reap it and remove the folder."""
        if self._pid is not None:
            if not self.exports_done:
                try:
                    os.kill(self._pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            os.waitpid(self._pid, 0)
            self._pid = None
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        shutil.rmtree(self.folder, ignore_errors=True)
        atexit.unregister(self.close)


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
