"""What a built site weighs, for scripts/bench.py: pages, output, the search index, the
average case page, the largest page, and the drawings in the case and home pages."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

from macros.kb.common.editions import EDITIONS


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def site_figures(site: Path) -> dict:
    """Pages, output size, the search index on disk (Material's lunr index and worker, or
    Pagefind's folder), the average case page (English edition) and the largest page."""
    pages = [p for p in site.rglob("*.html")]
    cases = list((site / "cases").glob("*/index.html"))
    lunr = site / "search" / "search_index.json"
    if lunr.is_file():  # the baseline: one search downloads the whole index and the worker
        worker = next((site / "assets/javascripts/workers").glob("search.*.min.js"))
        search, search_gz = lunr.stat().st_size + worker.stat().st_size, gz(lunr) + gz(worker)
    else:
        search = size_of(site / "pagefind")
        search_gz = search  # Pagefind's files are gzip already; what a search loads: `probe`
    return {"pages": len(pages), "output": size_of(site), "search": search,
            "search_gz": search_gz,
            "case_html": sum(p.stat().st_size for p in cases) / max(1, len(cases)),
            "largest": max((p.stat().st_size, str(p.relative_to(site))) for p in pages),
            "drawings": drawing_figures(site)}


SVG_OF = {"timeline": re.compile(r'<div class="kb-tl".*?</ul>\n</div>', re.S),
          "map": re.compile(r'<svg[^>]*class="kb-map".*?</svg>', re.S)}


def drawing_figures(site: Path) -> dict:
    """Per edition built: the average case page and, in it, its timeline drawing (with its
    legend) and its map; the home page and its map. Bytes as written (no gzip)."""
    out = {}
    for lang, edition in EDITIONS.items():
        cases = sorted((site / edition.prefix / "cases").glob("*/index.html"))
        home = site / edition.prefix / "index.html"
        if not cases or not home.exists():
            continue
        sizes = {"case_html": 0, "timeline": 0, "map": 0}
        for page in cases:
            html = page.read_text(encoding="utf-8")
            sizes["case_html"] += len(html.encode())
            for name, pattern in SVG_OF.items():
                found = pattern.search(html)
                sizes[name] += len(found.group().encode()) if found else 0
        html = home.read_text(encoding="utf-8")
        found = SVG_OF["map"].search(html)
        out[lang] = {**{k: v / len(cases) for k, v in sizes.items()},
                     "home_html": len(html.encode()),
                     "home_map": len(found.group().encode()) if found else 0}
    return out
