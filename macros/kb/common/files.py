"""Writing a file into a folder that an earlier build left: only where its bytes change, and
never through what else may be there (a link, a second name, a folder in the way).

Both builds' writers use it: the site folder's pages and assets (mkdocs_adapter/sitefolder.py)
and the export files (build_steps.write_exports). Written by hand: the standard library's
writers open the path as it is (through a link, into a file shared by a hard link) and stop at
a file where a folder goes; no library on the project's list does this.
"""
from __future__ import annotations

import os
import shutil
import stat


def replace(path: str | os.PathLike, content: bytes) -> bool:
    """`content` at `path`, its folders made. A regular file there with those bytes (and no
    second name) is left as it is, its date too; anything else there is removed first (a
    folder with all it holds), so the file written is a new one. Returns whether it wrote."""
    path = os.fspath(path)
    try:
        found = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):  # or a file where a folder of it goes
        found = None
    if found is None:
        _folders(os.path.dirname(path))
    elif stat.S_ISDIR(found.st_mode):
        shutil.rmtree(path)
    else:
        if (stat.S_ISREG(found.st_mode) and found.st_nlink == 1
                and found.st_size == len(content)):
            with open(path, "rb") as current:
                if current.read() == content:
                    return False
        os.unlink(path)
    with open(path, "wb") as out:
        out.write(content)
    return True


def _folders(folder: str) -> None:
    """os.makedirs, after removing a file (or a link) found where one of the folders goes."""
    try:
        os.makedirs(folder, exist_ok=True)
        return
    except (FileExistsError, NotADirectoryError):
        pass
    parts = folder.split(os.sep)
    for n in range(1, len(parts) + 1):
        here = os.sep.join(parts[:n])  # "" for the root of an absolute path
        if here and os.path.lexists(here) and not os.path.isdir(here):
            os.unlink(here)
            break
    os.makedirs(folder, exist_ok=True)
