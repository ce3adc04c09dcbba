"""A new case file from the commented template (`scripts/kb.py new-case`): its id, what is
wrong with what the maintainer gave, and the template filled in."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from . import dates, model
from .messages import date_problem, quote, suggest
from .problems import display_path

STOPWORDS = {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "with"}


def default_id(title: str, date: str) -> str:
    """A short id from the title's first words and the year: group-held-ashbrook-may-2013."""
    words = [w for w in re.findall(r"[a-z0-9]+", title.lower())
             if w not in STOPWORDS and not re.fullmatch(r"\d{4}", w)]
    year = re.match(r"\d{4}", date)
    return "-".join(words[:4] + ([year.group()] if year else []))


def problems(folder: Path, title: str, date: str, sources: list[str], rid: str) -> list[str]:
    """Why the case cannot be written as given (empty when it can)."""
    errors = []
    if not title:
        errors.append("the title is empty")
    try:
        dates.parse(date)
    except dates.DateError as exc:
        errors.append(date_problem(date, str(exc)))
    known = {p.stem for p in (folder / "sources").glob("*.yml")}
    for sid in sources or [""]:
        if sid not in known:
            errors.append(f"no source with the id {quote(sid)} in data/sources/"
                          f"{suggest(sid, known)}; add data/sources/{sid or '<id>'}.yml first")
    if not re.fullmatch(model.ID_PATTERN, rid):
        errors.append(f"{quote(rid)} is not a valid id: use lower-case letters, digits and "
                      "single hyphens (--id)")
    target = folder / "cases" / f"{rid}.yml"
    if target.exists():
        errors.append(f"{display_path(target)} already exists: choose another id with --id")
    return errors


def fill(template: str, title: str, date: str, sources: list[str], today: dt.date) -> str:
    """The template with the maintainer's title, first date, sources and today's date."""
    for key, value in {"title": json.dumps(title, ensure_ascii=False), "date": date,
                       "source": ", ".join(sources), "today": today.isoformat()}.items():
        template = template.replace(f"<<{key}>>", value)
    return template
