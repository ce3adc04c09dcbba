"""Rules inside one case that its model alone cannot check, each problem with its position:
unique anchors, events inside the case's period, routes through the case's own places."""
from __future__ import annotations

from pathlib import Path

from . import model
from .load import Loaded
from .messages import quote
from .problems import Problem


def case_rules(path: Path, loaded: Loaded, case: model.Case) -> list[Problem]:
    """Rules inside one case: unique anchors, events inside the case's period, routes through
    the case's own places."""
    problems = []
    seen: dict[str, tuple] = {}
    for group in ("timeline", "updates", "appeals"):
        for i, item in enumerate(getattr(case, group)):
            loc = (group, i, "id")
            if item.id in seen:
                line, col = loaded.where(loc)
                first = loaded.where(seen[item.id])[0]
                problems.append(Problem(path, line, col, loc,
                                        f"the id {quote(item.id)} is already used on line "
                                        f"{first}; each entry needs its own id"))
            seen.setdefault(item.id, loc)
    lo, hi = case.period.parsed.bounds()
    for i, event in enumerate(case.timeline):
        elo, ehi = event.date.parsed.bounds()
        if elo < lo or ehi > hi:
            loc = ("timeline", i, "date")
            line, col = loaded.where(loc)
            problems.append(Problem(
                path, line, col, loc,
                f"{quote(event.date.edtf)} is outside the case's period "
                f"{quote(case.period.edtf)} (line {loaded.where(('period',))[0]}); "
                "correct the date or widen the period"))
    listed = {p.place for p in case.places}
    for i, route in enumerate(case.routes):
        for j, stop in enumerate(route.stops):
            if stop not in listed:
                loc = ("routes", i, "stops", j)
                line, col = loaded.where(loc)
                problems.append(Problem(
                    path, line, col, loc,
                    f"{quote(stop)} is not one of the case's places; add it under places, "
                    "with what happened there, or correct the id"))
    return problems
