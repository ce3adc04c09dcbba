"""What the Korean and Chinese editions still lack, in words: per language, the data's texts
(data/translations/) and the interface's strings (pages/locales/) missing or stale, and who
reviewed it. `scripts/kb.py translations` prints it, and so does the test command."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .data import translations
from .common import catalogues


def lines(records, data_dir: Path, status: dict, site: Mapping[str, str],
          limit: int = 20) -> list[str]:
    """site: the site's strings to translate (catalogues.site_english() of mkdocs.yml)."""
    out = []
    for rep in translations.report(records, data_dir, status):
        ui = catalogues.report(rep.lang, site)
        out.append(f"{rep.lang}: data {rep.translated} of {rep.total} texts translated, "
                   f"{len(rep.missing)} missing, {len(rep.stale)} stale; interface "
                   f"{ui.translated} of {ui.total} strings, {len(ui.missing)} missing, "
                   f"{len(ui.stale)} stale; reviewed by a native speaker: "
                   f"{rep.reviewed_by or 'not yet'}")
        for label, items in (("missing", rep.missing), ("stale", rep.stale)):
            out += [f"  {label}: {_where(where)}: {english[:70]}"
                    for english, where in items[:limit]]
            if len(items) > limit:
                out.append(f"  ... and {len(items) - limit} more {label}")
        for label, keys in (("missing", ui.missing), ("stale", ui.stale)):
            out += [f"  interface {label}: {key}" for key in keys[:limit]]
            if len(keys) > limit:
                out.append(f"  ... and {len(keys) - limit} more interface {label}")
    return out


def _where(locations: list) -> str:
    return f"{locations[0][0]}:{locations[0][1]}" if locations else "?"
