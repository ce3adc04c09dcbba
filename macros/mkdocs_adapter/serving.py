"""`mkdocs serve` told of each saved file by the system, not by looking twice a second.

Only the MkDocs adapter's hooks (on_serve) use this: MkDocs' server is theirs to set up.
"""
from __future__ import annotations

import logging
import os

from watchdog import events

log = logging.getLogger("mkdocs.hooks.kb")


def hear_edits_at_once(server) -> None:
    """Have `mkdocs serve` told of a saved file by the system (watchdog's Observer: inotify
    on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows) instead of looking at
    every watched folder twice a second (MkDocs' PollingObserver): an edit waited 0.25 s on
    average, up to 0.5 s, before its rebuild began. MkDocs 1.6 makes the observer in
    LiveReloadServer's constructor with no option to choose it; on_serve runs before it
    starts, with the docs folder and mkdocs.yml already scheduled. Those are scheduled again
    on the new observer through watch(), which keeps them in _watched_paths and _watch_refs;
    where those are not there (another MkDocs), polling stays.

    The system also reports a file opened or closed unwritten, which MkDocs' handler would
    take for a change (the build reads the templates it watches: it would rebuild without
    end), so only what changes a file reaches it (`Heard`).

    MkDocs polls because some systems report no change: a network share, a folder a
    container mounts from another system, a Windows drive under WSL (mkdocs#2477). There,
    KB_SERVE_POLLING=1 keeps its polling (hooks.py on_serve). Where the system cannot watch
    a folder (inotify's limits on instances and watches, met when the server schedules a
    watch or starts), the server goes back to polling, with a warning."""
    import watchdog.observers
    from watchdog.observers.polling import PollingObserver

    if not isinstance(getattr(server, "_watched_paths", None), dict) \
            or not hasattr(server, "_watch_refs") \
            or type(server.observer) is not PollingObserver:
        return
    interval = server.observer.timeout

    class Observer(watchdog.observers.Observer):
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None,
                     **kwargs):
            try:
                return super().schedule(Heard(event_handler), path, recursive=recursive,
                                        event_filter=event_filter or Heard.CHANGES, **kwargs)
            except OSError as exc:
                _poll_instead(server, interval, exc)
                return server._watch_refs[os.path.abspath(path)]

        def start(self):
            try:
                super().start()
            except OSError as exc:
                self.unschedule_all()
                _poll_instead(server, interval, exc)
                server.observer.start()

    _watch_again(server, Observer())


def _poll_instead(server, interval: float, exc: OSError) -> None:
    from watchdog.observers.polling import PollingObserver

    log.warning("kb: the system cannot report changes to the watched folders (%s): looking "
                "at them every %s s instead, as MkDocs does", exc, interval)
    _watch_again(server, PollingObserver(timeout=interval))


def _watch_again(server, observer) -> None:
    """The server's watches, each as many times and as recursive as it was, on `observer`."""
    scheduled = {path: (count, getattr(server._watch_refs.get(path), "is_recursive", True))
                 for path, count in server._watched_paths.items()}
    server.observer.unschedule_all()
    server.observer = observer
    server._watched_paths.clear()
    server._watch_refs.clear()
    for path, (count, recursive) in scheduled.items():
        for _ in range(count):
            server.watch(path, recursive=recursive)


class Heard:
    """What MkDocs' handler is given of the system's events: those that change a file, and a
    folder deleted or moved away, or events the system lost, as a file deleted (MkDocs'
    handler passes over a folder's events, where polling had reported each file's)."""

    CHANGES = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileMovedEvent,
               events.FileDeletedEvent, events.FileClosedEvent, events.FileAttribEvent,
               events.DirDeletedEvent, events.DirMovedEvent, events.EventsLostEvent]

    def __init__(self, handler):
        self.handler = handler

    def dispatch(self, event) -> None:
        if isinstance(event, (events.DirDeletedEvent, events.DirMovedEvent,
                              events.EventsLostEvent)):
            event = events.FileDeletedEvent(event.src_path)
        self.handler.dispatch(event)
