"""Generated pages rendered by earlier builds, kept in the cache (Options.cache) to be taken
instead of rendered again.

A page follows from its view (plan.View: everything it shows, made from the data) and the
templates. An entry is named by a hash of the view, pickled with each record as its type, id,
model and references (plan.digest, PORTABLE: the same in any process and for a copy of the
data in another folder), and of what rendering follows besides: the templates (the theme's
folder), the kb package's code and locale files, Python and the libraries installed
(common/kept.py). A page any of them changed gets another name, so a stale one is never read.

Making a view and its name costs about a quarter of rendering it (the real site's 660
generated pages in every edition, one process: views 0.67 s, names 0.19 s, rendering 2.0 s),
and every build but the first after a change to the code or the templates finds most of its
pages here: a case edited, an edition added, a test's variant of the data.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..common import kept
from . import plan


class Bodies(kept.Folder):
    """One file per rendered page: (plan.Rendered without its body, its body compressed), as
    the caller packs it. After a build that looked every page up (not `serve --dirty`),
    files no build has used for a day are deleted, and the folder holds at most twice the
    files of that build or LEAST, whichever is more (kept.prune)."""

    # the real site's 660 pages in every edition, its English edition alone and the variants
    # the tests build: about 3,500; a page is about 5 KB here (the real site's: 3.5 MB)
    LEAST = 5000

    def __init__(self, folder: Path, templates: Path, form: str = ""):
        """form: what names the caller's way of packing a page into an entry (a digest of
        its code), so that entries another way packed are never taken."""
        super().__init__(folder)
        self.salt = hashlib.sha256(repr((
            kept.content_hash([templates]), kept.code(), kept.installed(), form
        )).encode("utf-8")).digest()

    def key(self, view: plan.View) -> str:
        """The name of the page rendered from `view`."""
        return hashlib.sha256(self.salt + plan.digest(view.parts(), plan.PORTABLE)).hexdigest()

    def made(self, view: plan.View, make) -> tuple[object, str, bool]:
        """The entry for `view`: taken if an earlier build kept it, else make(view), kept;
        with its name and whether it was taken."""
        key = self.key(view)
        found = self.get(key)
        if found is not None:
            return found, key, True
        made = make(view)
        self.put(key, made)
        return made, key, False
