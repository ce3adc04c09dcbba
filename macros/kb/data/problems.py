"""A problem found in the data: which file, which line and column, which field, and what."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def field_path(loc: tuple) -> str:
    """('timeline', 2, 'date') -> 'timeline[2].date'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def display_path(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    column: int
    loc: tuple
    message: str

    def __str__(self) -> str:
        where = f"{display_path(self.path)}:{self.line}:{self.column}"
        field = field_path(self.loc)
        return f"{where}: {field}: {self.message}" if field else f"{where}: {self.message}"


class DataError(Exception):
    """Raised when the data has problems; carries all of them, sorted by file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line, p.column, p.message))
        super().__init__(self.report())

    def report(self, outcome: str = "nothing was built") -> str:
        """Every problem on its own line, then how many there are and what that stopped."""
        n = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{n} problem{'s' if n != 1 else ''} in the data; {outcome}.")
        return "\n".join(lines)

    def github_annotations(self) -> str:
        """The same problems as GitHub Actions workflow commands (shown on the pull request)."""
        def esc(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        out = []
        for p in self.problems:
            field = field_path(p.loc)
            message = f"{field}: {p.message}" if field else p.message
            out.append(f"::error file={display_path(p.path)},line={p.line},col={p.column}::"
                       f"{esc(message)}")
        return "\n".join(out)
