"""The tests' temporary folder (pytest's basetemp), in memory where the machine has a tmpfs.

The tests build whole sites and copy them, each of about 2,000 files. On this project's
two-core machines, making a page's folder and file took 0.2-1 ms on the disk (ext4, the more
after many were made and deleted) against 0.03 ms on /dev/shm, and the quick tier took 84-87 s
with its files on disk against 61-71 s in memory, its system time 42-56 s against 12-15 s
(docs/benchmark.md). So, unless `--basetemp` names a folder, the run's folder is made in
/dev/shm when it is a writable tmpfs with room to spare (FREE), else pytest's own (the disk).
The tests' sites and copies go there (tmp_path); what Python's `tempfile` makes stays where
TMPDIR says (multiprocessing keeps its own folder there until the process ends).

A folder in memory holds the machine's memory until it is deleted: it is deleted when the
run ends with every test passed (or with none collected); after a failure it is kept to
look into (the run's summary says where), and a run that starts later deletes every such
folder but the newest, and the folders of runs that stopped before their end, a day on."""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

SHM = Path("/dev/shm")
FREE = 4 * 2**30  # a run of every test held 0.9 GB there at most; less room: not used
PREFIX = "kb-tests-"
STALE = 24 * 3600  # seconds: an unfinished run's folder is deleted by a run this much later
KEPT = ".kept-after-a-failure"  # in a run's folder that was kept


def _tmpfs(folder: Path) -> bool:
    try:
        with open("/proc/mounts", encoding="utf-8") as mounts:
            kinds = {fields[1]: fields[2] for fields in map(str.split, mounts)
                     if len(fields) > 2}
        free = os.statvfs(folder)
    except OSError:
        return False
    return (kinds.get(str(folder)) == "tmpfs" and os.access(folder, os.W_OK | os.X_OK)
            and free.f_bavail * free.f_frsize >= FREE)


def _remove_stale() -> None:
    """This user's folders of earlier runs: of those kept after a failure (marked KEPT),
    all but the newest; of the others (a run stopped before its end, or still going), those
    untouched for a day."""
    kept = []
    for old in SHM.glob(PREFIX + "*"):
        try:
            info = old.stat()
            if info.st_uid != os.getuid() or not old.is_dir() or old.is_symlink():
                continue
            if (old / KEPT).exists():
                kept.append((info.st_mtime, old))
            elif time.time() - info.st_mtime > STALE:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            continue
    for _mtime, old in sorted(kept)[:-1]:
        shutil.rmtree(old, ignore_errors=True)


@pytest.hookimpl(tryfirst=True)  # before pytest's tmp_path factory reads the option
def pytest_configure(config):
    """In pytest's own process (pytest-xdist gives its processes subfolders of it)."""
    if hasattr(config, "workerinput") or config.option.basetemp or not _tmpfs(SHM):
        return
    _remove_stale()
    folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=SHM))
    config.option.basetemp = str(folder)
    config.kb_in_memory = folder


def pytest_sessionfinish(session, exitstatus):
    """A run with a failed test keeps its folder (marked KEPT); a run that passed, or
    collected no test, has it deleted (pytest_unconfigure, also after `pytest --help`)."""
    folder = getattr(session.config, "kb_in_memory", None)
    if folder is not None and exitstatus not in (0, 5):
        session.config.kb_kept = folder
        (folder / KEPT).write_text("kept after a failed run\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    folder = getattr(config, "kb_kept", None)
    if folder is not None:
        terminalreporter.write_line(f"The tests' files are kept in {folder} (in memory: "
                                    "delete it when done; later runs keep only the newest)")


def pytest_unconfigure(config):
    folder = getattr(config, "kb_in_memory", None)
    if folder is not None and getattr(config, "kb_kept", None) is None:
        shutil.rmtree(folder, ignore_errors=True)
