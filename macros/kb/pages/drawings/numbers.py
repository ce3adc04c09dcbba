"""Numbers in SVG: coordinates rounded to 0.1 unit and written as briefly as SVG allows."""
from __future__ import annotations


def tenths(tenths: int) -> str:
    """A coordinate held in tenths of a unit: -.5, 3, 12.4 (no trailing .0, no -0)."""
    text = str(tenths // 10) if tenths % 10 == 0 else f"{tenths / 10:.1f}"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def num(value: float) -> str:
    """A coordinate in user units, rounded to 0.1."""
    return tenths(round(value * 10))
