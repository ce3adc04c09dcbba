"""What a built site holds, file by file, to compare two builds of it.

Every file is named by its path and SHA-256, but those of Pagefind's bundles whose bytes follow
the order in which its walk of the site folder found the pages: it numbers the pages in that
order (pagefind/src/lib.rs, `walk_for_files`, in 1.5.2), and the word index chunks, the filter
files and the metadata file hold those numbers and are named by their bytes (so the entry file
that names the metadata file changes too). That order is each folder's listing, which follows
how the folder was made: on tmpfs the reverse of the order its entries were made in, which
differs between a build in a pool and one in one process, or a copy of a site; on ext4, two
builds of the same data one after the other in /tmp listed their pages in two orders too.
(Pagefind's filter files also followed a hash map's order: upstream issue 638.)

Those files are compared as what they say instead: each bundle is decoded (gzip, the
`pagefind_dcd` signature, CBOR as Pagefind's minicbor writes its structs: arrays of their
fields, pagefind/src/index/index_*.rs; a word's page numbers as differences) with each page
named by its fragment (named by its content, so the same in both builds), and its words,
filters, sorts and page list written out in a fixed order, with the entry file's other
fields and a count of the numbered files nothing names. Two builds whose Pagefind found the
same words at the same places of the same pages, with the same filters, have the same
digest, in whatever order it walked the folder.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"


def _numbered(rel: str) -> bool:
    """A file of a Pagefind bundle whose name or bytes follow its page numbers."""
    parts = rel.split("/")
    return (parts[0] == "pagefind" and len(parts) >= 3
            and (parts[-2] in ("index", "filter") or parts[-1].endswith(".pf_meta")
                 or parts[-1] == "pagefind-entry.json"))


def _decoded(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind file")
    return cbor2.loads(data[len(SIGNATURE):])


def bundle(folder: Path) -> dict:
    """A Pagefind bundle (SITE/pagefind/<lang>/) as what it says: its entry file but the
    names it gives by their bytes; per language, its pages (fragment, word count), every
    word's and variant's places on each page, each filter's pages per value, each sort's
    order of pages, and the metadata fields; and how many of its numbered files nothing
    names (left by an earlier build: there should be none)."""
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    said = {"entry": {key: value for key, value in entry.items() if key != "languages"}}
    named = set()
    for lang, about in sorted(entry["languages"].items()):
        named.add(f"pagefind.{about['hash']}.pf_meta")
        version, pages, chunks, filters, sorts, fields = _decoded(
            folder / f"pagefind.{about['hash']}.pf_meta")
        named |= {f"index/{chunk}.pf_index" for _first, _last, chunk in chunks}
        named |= {f"filter/{chunk}.pf_filter" for _name, chunk in filters}
        names = [fragment for fragment, _words in pages]

        def places(packed: list) -> dict[str, list]:
            """A word's pages, whose numbers Pagefind writes as the difference from the
            one before (pagefind/src/index/mod.rs, "Delta-encode page numbers")."""
            found, number = {}, 0
            for delta, locs, meta_locs in packed:
                number += delta
                found[names[number]] = [locs, meta_locs]
            return found

        words = {}
        for _first, _last, chunk in chunks:
            for word, packed, variants in _decoded(folder / "index" / f"{chunk}.pf_index")[0]:
                words[word] = {"pages": places(packed),
                               "variants": {form: places(on) for form, on in variants}}
        values = {}
        for name, chunk in filters:
            name_again, packed = _decoded(folder / "filter" / f"{chunk}.pf_filter")
            assert name_again == name, folder
            values[name] = {value: sorted(names[n] for n in on) for value, on in packed}
        said[lang] = {
            "about": {key: value for key, value in about.items() if key != "hash"},
            "version": version,
            "pages": sorted(map(tuple, pages)), "meta_fields": fields,
            "words": dict(sorted(words.items())), "filters": dict(sorted(values.items())),
            "sorts": {name: [names[n] for n in order] for name, order in sorts}}
    numbered = {rel for rel in (p.relative_to(folder).as_posix() for p in folder.rglob("*")
                                if p.is_file())
                if rel.startswith(("index/", "filter/")) or rel.endswith(".pf_meta")}
    said["not named"] = len(numbered - named)
    return said


def digest(folder: Path, under: str = "") -> dict[str, str]:
    """{path: SHA-256} of every file of the site at `folder` (or in its subfolder `under`)
    but Pagefind's numbered ones (_numbered), and for each Pagefind bundle, under "<its
    folder>/ (decoded)", the SHA-256 of what it says (bundle)."""
    found = {}
    for path in sorted((folder / under).rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not _numbered(rel):
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_file() and rel.endswith("/pagefind-entry.json"):
            said = json.dumps(bundle(path.parent), ensure_ascii=False, sort_keys=True)
            found[f"{path.parent.relative_to(folder).as_posix()}/ (decoded)"] = (
                hashlib.sha256(said.encode("utf-8")).hexdigest())
    return found
