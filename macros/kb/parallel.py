"""Use the machine's second core for work that splits into independent halves.

`split_map(func, items)` gives `[func(x) for x in items]`, computing the second half in a
forked child process while this process computes the first. Fork shares everything already
loaded (no re-import, no pickling of inputs); only the child's results travel back, pickled
through a pipe. It falls back to one process where forking is unsafe or pointless: no fork
(Windows), threads running (mkdocs serve's watcher and server: forking a threaded process can
leave locks held), a single core, few items, or KB_JOBS=1.
"""
from __future__ import annotations

import os
import pickle
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def jobs() -> int:
    """How many processes to use: 2 where forking is possible and useful, else 1."""
    if os.environ.get("KB_JOBS", "").strip() == "1" or not hasattr(os, "fork"):
        return 1
    if threading.active_count() > 1 or (os.cpu_count() or 1) < 2:
        return 1
    return 2


class ChildFailed(RuntimeError):
    """The child process raised; the message carries its traceback."""


def _middle(weights: Sequence[float]) -> int:
    """The index that splits the items into two halves of about equal total weight."""
    half, total = sum(weights) / 2, 0.0
    for i, weight in enumerate(weights):
        total += weight
        if total >= half:
            return i + 1
    return len(weights)


def split_map(func: Callable[[T], R], items: Sequence[T], min_items: int = 200,
              weights: Sequence[float] | None = None) -> list[R]:
    """[func(x) for x in items], in order, using two processes when that is worthwhile.
    weights: the cost of each item (file sizes, say), so that both halves take as long."""
    return list(split_iter(func, items, min_items, weights))


def split_iter(func: Callable[[T], R], items: Sequence[T], min_items: int = 200,
               weights: Sequence[float] | None = None) -> Iterator[R]:
    """The same results as split_map, yielded in order as they come: the first half as this
    process computes them (so the caller's own work on each overlaps the child's half), then
    the child's half."""
    if len(items) < min_items or jobs() < 2:
        yield from (func(x) for x in items)
        return
    middle = _middle(weights) if weights else len(items) // 2
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no memory or process slot left: do it all here
        os.close(read_end), os.close(write_end)
        yield from (func(x) for x in items)
        return
    if pid == 0:  # the child: compute the second half, send it, leave without cleanup
        status = 0
        try:
            os.close(read_end)
            try:
                payload = pickle.dumps((True, [func(x) for x in items[middle:]]), protocol=5)
            except BaseException:  # noqa: BLE001 - reported to the parent
                payload = pickle.dumps((False, traceback.format_exc()), protocol=5)
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        except BaseException:  # noqa: BLE001
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    payload = b""
    try:
        for x in items[:middle]:
            yield func(x)
    finally:  # also when the caller stops early or raises: reap the child
        with os.fdopen(read_end, "rb") as inp:
            payload = inp.read()
        os.waitpid(pid, 0)
    if not payload:
        raise ChildFailed("the second process ended without a result")
    ok, second = pickle.loads(payload)
    if not ok:
        raise ChildFailed(f"the second process failed:\n{second}")
    yield from second
