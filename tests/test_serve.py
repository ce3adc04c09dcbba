"""`bash scripts/setup.sh serve`, as a maintainer uses it: an edit of the data, then of the
code under macros/, reaches the served page. An edit is one rebuild, and reading a file is
none (the server hears of changes from the system: serving.hear_edits_at_once). A
running `mkdocs serve` keeps the modules it imported, so the command runs it under
watchmedo, which starts it again (and MkDocs' own rebuild stops, saying so: hooks.py
on_config)."""
from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from .conftest import ROOT, small_data


def _serve_command(port: int) -> list[str]:
    """The command scripts/setup.sh runs for `serve`, with this project's .venv, on `port`."""
    text = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    block = re.search(r"\n  serve\) install_python\n(.*?);;", text, re.S).group(1)
    words = shlex.split(block.replace("\\\n", " "))
    assert words[0] == "from_venv" and words[1] == "$VENV/bin/watchmedo", words
    venv = ROOT / ".venv" / "bin"
    return [str(venv / "watchmedo"), *[sys.executable if w == "$VPY" else w for w in words[2:]],
            "-a", f"127.0.0.1:{port}"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _title(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return re.search(r"<h1[^>]*>(.*?)<", response.read().decode("utf-8")).group(1)


def test_edits_of_the_data_and_of_the_code_reach_the_served_page(tmp_path, records):
    """Of a copy of the project with a small copy of the data (conftest.small_data): what is
    tested is how serving follows edits, not the site's content."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("docs", "overrides", "macros"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    small_data(project, records)
    port = _free_port()
    log: list[str] = []
    serving = subprocess.Popen(
        _serve_command(port), cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, start_new_session=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_EDITIONS": "en",
             "KB_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(project)})
    threading.Thread(target=lambda: log.extend(serving.stdout), daemon=True).start()

    def served(times: int) -> None:
        deadline = time.monotonic() + 120
        while sum("Serving on" in line for line in log) < times:
            assert serving.poll() is None and time.monotonic() < deadline, "".join(log)[-3000:]
            time.sleep(0.2)

    def settled(builds: int) -> None:
        """Until `builds` builds have ended with their search index and offline copy
        (made in the background), then a second more, with no build after them."""
        deadline = time.monotonic() + 120
        while sum("kb: offline copy of" in line for line in log) < builds:
            assert serving.poll() is None and time.monotonic() < deadline, "".join(log)[-3000:]
            time.sleep(0.2)
        time.sleep(1)
        assert sum("Documentation built in" in line for line in log) == builds, "".join(log)

    try:
        served(1)
        settled(1)  # the build read docs/, overrides/ and mkdocs.yml: no change heard
        case_url = f"http://127.0.0.1:{port}/cases/changchun-2012/"
        assert _title(case_url) == "Group of at least 21 held in Changchun, February 2012"
        case = project / "data" / "cases" / "changchun-2012.yml"
        case.write_text(case.read_text(encoding="utf-8").replace(
            "\ntitle: Group of at least 21", "\ntitle: Edited, group of at least 21", 1),
            encoding="utf-8")
        deadline = time.monotonic() + 60
        while _title(case_url).startswith("Group"):
            assert serving.poll() is None and time.monotonic() < deadline, "".join(log)[-3000:]
            time.sleep(0.2)
        assert _title(case_url) == "Edited, group of at least 21 held in Changchun, February 2012"
        settled(2)  # one rebuild for the edit
        url = f"http://127.0.0.1:{port}/timeline/"
        assert _title(url) == "Timeline"
        strings = project / "macros" / "kb" / "pages" / "locales" / "en.yml"
        text = strings.read_text(encoding="utf-8")
        strings.write_text(text.replace("\n  title: Timeline\n",
                                        "\n  title: Timeline, edited while serving\n", 1),
                           encoding="utf-8")
        served(2)
        assert _title(url) == "Timeline, edited while serving"
    finally:
        os.killpg(serving.pid, signal.SIGINT)
        try:
            serving.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(serving.pid, signal.SIGKILL)


def _server(tmp_path):
    """MkDocs' own server, as `mkdocs serve` has made it when on_serve runs: the docs folder
    and mkdocs.yml watched (the folder twice, as two plugins might), not serving."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=str(tmp_path))
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    for path in ("docs", "mkdocs.yml", "docs"):
        server.watch(str(tmp_path / path))
    return server


WATCHED = ("docs", 2), ("mkdocs.yml", 1)


def test_the_server_keeps_watching_what_mkdocs_watched_with_the_systems_observer(tmp_path):
    """serving.hear_edits_at_once: what MkDocs scheduled is watched by watchdog's Observer
    instead of the PollingObserver, passing on only what changes a file, and so is what a
    plugin watches next (not recursively, if it asks so)."""
    import watchdog.observers
    from watchdog import events
    from watchdog.observers.polling import PollingObserver

    from macros.mkdocs_adapter import serving

    server = _server(tmp_path)
    assert type(server.observer) is PollingObserver
    serving.hear_edits_at_once(server)
    assert isinstance(server.observer, watchdog.observers.Observer)
    assert server._watched_paths == {str(tmp_path / name): n for name, n in WATCHED}
    emitters = server.observer.emitters
    assert {e.watch.raw_path for e in emitters} == {str(tmp_path / name) for name, _ in WATCHED}
    for emitter in emitters:
        assert events.FileModifiedEvent in emitter.watch.event_filter
        assert events.FileOpenedEvent not in emitter.watch.event_filter  # reading the file
        assert events.FileClosedNoWriteEvent not in emitter.watch.event_filter
    server.watch(str(tmp_path), recursive=False)
    assert len(server.observer.emitters) == 3
    assert not server._watch_refs[str(tmp_path)].is_recursive
    server.server_close()


def test_a_folder_deleted_reaches_mkdocs_handler_as_a_file_deleted():
    """MkDocs' handler passes over a folder's events; polling had reported each file of a
    folder deleted (moved to the bin, say), the system reports the folder alone."""
    from watchdog import events

    from macros.mkdocs_adapter import serving

    seen = []

    class Handler(events.FileSystemEventHandler):
        def on_any_event(self, event):
            seen.append((type(event).__name__, event.src_path, event.is_directory))

    heard = serving.Heard(Handler())
    heard.dispatch(events.DirDeletedEvent("/p/data/cases"))
    heard.dispatch(events.FileModifiedEvent("/p/data/cases/a.yml"))
    assert seen == [("FileDeletedEvent", "/p/data/cases", False),
                    ("FileModifiedEvent", "/p/data/cases/a.yml", False)]


@pytest.mark.parametrize("when", ["schedule", "start"])
def test_where_the_system_cannot_watch_the_server_polls(tmp_path, monkeypatch, caplog, when):
    """inotify's limits: no instance left (when a watch is scheduled) or no watch left (when
    the observer starts): `mkdocs serve` goes on, polling, and says so."""
    import errno

    from watchdog.observers import inotify
    from watchdog.observers.polling import PollingObserver

    from macros.mkdocs_adapter import serving

    def refused(*args, **kwargs):
        raise OSError(errno.EMFILE if when == "schedule" else errno.ENOSPC, "limit reached")

    server = _server(tmp_path)
    monkeypatch.setattr(inotify.InotifyEmitter,
                        "__init__" if when == "schedule" else "on_thread_start", refused)
    serving.hear_edits_at_once(server)
    if when == "start":
        server.observer.start()  # as LiveReloadServer.serve starts it
    try:
        assert type(server.observer) is PollingObserver
        assert server._watched_paths == {str(tmp_path / name): n for name, n in WATCHED}
        assert {e.watch.raw_path for e in server.observer.emitters} == {
            str(tmp_path / name) for name, _ in WATCHED}
        assert "the system cannot report changes to the watched folders" in caplog.text
    finally:
        if server.observer.is_alive():
            server.observer.stop()
            server.observer.join()
        server.server_close()


def test_kb_serve_polling_keeps_mkdocs_polling(tmp_path, monkeypatch):
    from watchdog.observers.polling import PollingObserver

    from macros.kb import Options
    from macros.mkdocs_adapter import hooks

    monkeypatch.setattr(hooks.state, "options",
                        Options.from_environment(ROOT, {"KB_SERVE_POLLING": "1"}))
    server = _server(tmp_path)
    assert hooks.on_serve(server, config=None, builder=None) is server
    assert type(server.observer) is PollingObserver
    assert str(ROOT / "data") in server._watched_paths
    server.server_close()
