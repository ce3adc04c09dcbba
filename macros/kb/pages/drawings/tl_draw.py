"""The pieces of a timeline drawing: the shapes of one mark, its label, the axis, the legend.

Everything here is geometry and text in SVG user units; the template
overrides/partials/kb/timeline-drawing.html writes the SVG elements. Shapes take their colour
from the link's class through `currentColor` (docs/assets/kb-drawings.css), so roles and the
light and dark palettes are CSS only. Fades are luminance masks (works with any colour),
whose ids carry the drawing's prefix so two drawings on a page never clash.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup

from .tl_layout import Axis
from .tl_model import Mark, fit, num, text_width

FONT = 12.0  # label size, user units
SMALL = 10.5  # axis label size
BAR_H = 8.0
FADE_W = 36.0  # length of the fading open end of "from" marks
ARROW_W = 6.0  # the chevron after a fading open end
RING_BELOW = 9.0  # a range narrower than this is drawn as a dashed ring, not a tiny box

MONTH_STEPS = (1, 2, 3, 6, 12)  # label every n-th month or year when they are narrow
YEAR_STEPS = (1, 2, 5, 10, 20, 50)
DAY_TICKS_FROM = 110.0  # a month this wide gets ticks and numbers on its 10th and 20th
LEGEND_ORDER = ("point", "span", "unsure", "fade", "deadline", "today", "context", "case",
                "count")


# Each shape's element: geometry only (numbers from num(), fixed class names, and the mask id
# from the drawing's prefix, which timeline._prefix checks), never text from the data, so it
# is written here rather than by the template: a page has dozens of shapes, and a template
# writing each number through its escaping costs more than the rest of the drawing.
SHAPE_SVG = {
    "bar": '<rect class="kb-tl-bar" x="{x}" y="{y}" width="{w}" height="{h}"{mask}/>',
    "range": '<rect class="kb-tl-range" x="{x}" y="{y}" width="{w}" height="{h}"{mask}/>',
    "dot": '<circle class="kb-tl-dot" cx="{x}" cy="{y}" r="4.5"/>',
    "ring": '<circle class="kb-tl-range" cx="{x}" cy="{y}" r="4"/>',
    "diamond": '<path class="kb-tl-diamond" d="M{x} {y}m0-6l6 6-6 6-6-6z"/>',
    "open": '<path class="kb-tl-open" d="M{x} {y}m0-4l4 4-4 4"/>',
    "rule": '<path class="kb-tl-rule" d="M{x} {y}v{h}"/>',
    "today": '<path class="kb-tl-today" d="M{x} {y}v{h}"/>',
}


@dataclass(frozen=True)
class Shape:
    """One SVG shape. kind: "bar" (solid), "range" (hollow, dashed), "ring" (a small range),
    "dot", "diamond" (a deadline), "open" (the chevron of an open end), "rule" (a deadline's
    dashed line down to the axis, h long), "today" (the today line of a legend swatch);
    x, y: its left edge (bars) or centre, and its vertical middle; mask: "in" or "out"."""

    kind: str
    x: str
    y: str
    w: str = "0"
    h: str = "0"
    mask: str = ""

    def svg(self, prefix: str) -> str:
        """The shape's element; a mask refers to the drawing's `<prefix>-in` or `-out`."""
        mask = f' mask="url(#{prefix}-{self.mask})"' if self.mask else ""
        return SHAPE_SVG[self.kind].format(x=self.x, y=self.y, w=self.w, h=self.h, mask=mask)


def shapes_svg(shapes_: tuple[Shape, ...], prefix: str) -> Markup:
    """Shapes' elements, one after the other, ready for the template (geometry only)."""
    return Markup("".join(s.svg(prefix) for s in shapes_))


def bar(kind: str, x0: float, x1: float, cy: float, mask: str = "") -> Shape:
    return Shape(kind, num(x0), num(cy - BAR_H / 2), num(x1 - x0), num(BAR_H), mask)


def point(kind: str, cx: float, cy: float) -> Shape:
    return Shape(kind, num(cx), num(cy))


@dataclass(frozen=True)
class Label:
    """A line of text at (x, y); tag: a bold word before it ("deadline")."""

    x: str
    y: str
    text: str
    cls: str = ""
    anchor: str = ""
    tag: str = ""


@dataclass(frozen=True)
class Drawn:
    """A mark as drawn: a link to its list entry holding its tooltip, shapes and texts."""

    classes: str
    href: str
    title: str
    shapes: tuple[Shape, ...]
    texts: tuple[Label, ...]

    def svg(self, prefix: str) -> Markup:
        """Its shapes' elements (shapes_svg); the template writes the link and the texts."""
        return shapes_svg(self.shapes, prefix)


def is_day(mark: Mark) -> bool:
    """Whether the mark's start is one exact day drawn as a dot (or a diamond)."""
    return mark.kind in ("point", "from") and mark.start[2] is not None


def shapes(mark: Mark, cy: float, x0: float, x1: float, solid: tuple[float, float],
           used: set[str]) -> list[Shape]:
    """The shapes of a mark whose days run from x0 to x1 (for "from": its start's days);
    `solid` is the surely-covered part of a span. Records the legend entries it needs."""
    if mark.role == "count":
        used.add("count")
        return [bar("bar", x0, x1, cy)]
    out = []
    if mark.kind == "span":
        a, b = solid
        if a - x0 > 0.5:
            out.append(bar("bar", x0, a, cy, "in"))
        if b - a > 0.05 or (a - x0 <= 0.5 and x1 - b <= 0.5):
            out.append(bar("bar", a, b, cy))
            used.add("unsure" if mark.approximate_or_uncertain else "span")
        if x1 - b > 0.5:
            out.append(bar("bar", b, x1, cy, "out"))
        if a - x0 > 0.5 or x1 - b > 0.5:
            used.add("fade")
    elif is_day(mark):
        out.append(point("diamond" if mark.role == "deadline" else "dot", (x0 + x1) / 2, cy))
        used.add("unsure" if mark.approximate_or_uncertain else
                 "deadline" if mark.role == "deadline" else "point")
    elif x1 - x0 < RING_BELOW:
        out.append(point("ring", (x0 + x1) / 2, cy))
        used.add("unsure")
    else:
        out.append(bar("range", x0, x1, cy))
        used.add("unsure")
    if mark.kind == "from":
        end = x1 + FADE_W
        out.append(bar("bar", x1, end, cy, "out"))
        out.append(point("open", end, cy))
        used.add("fade")
    if mark.role == "deadline" and not is_day(mark):
        out.append(point("diamond", x1, cy))
        used.add("deadline")
    if mark.role in ("context", "case-span"):
        used.add("context" if mark.role == "context" else "case")
    return out


def linked(mark: Mark, shapes_: list[Shape], texts: list[Label]) -> Drawn:
    """A mark as a link to its list entry, with its full text as <title>. The template puts it
    out of the tab order: the drawing is hidden from assistive technology and the list is the
    accessible version."""
    classes = f"kb-tl-mark kb-tl-{mark.kind} kb-tl-{mark.role}"
    if mark.unsure:
        classes += " kb-tl-unsure"
    if mark.approximate_or_uncertain:
        classes += " kb-tl-approx"
    return Drawn(classes, mark.link, mark.title, tuple(shapes_), tuple(texts))


def _label_parts(mark: Mark, width: float, texts: dict) -> tuple[str, str]:
    """(tag, text): a deadline's label is led by the word "deadline"; both fit `width`."""
    tag = f"{texts['deadline']} " if mark.role == "deadline" else ""
    return tag, fit(mark.label, width - text_width(tag, FONT), FONT)


def label(mark: Mark, x: float, y: float, width: float, texts: dict, anchor: str = "") -> Label:
    """The mark's label, shortened to `width`."""
    tag, text = _label_parts(mark, width, texts)
    return Label(num(x), num(y), text, "kb-tl-label", anchor, tag.strip())


def label_width(mark: Mark, width: float, texts: dict) -> float:
    """The drawn width of the label `label()` writes within `width`."""
    return text_width("".join(_label_parts(mark, width, texts)), FONT)


@dataclass(frozen=True)
class AxisDrawn:
    """The axis: its grid lines, line with ticks, "//" breaks (path data) and labels."""

    grid: str
    line: str
    breaks: str
    labels: tuple[Label, ...]


def axis_parts(axis: Axis, y: float, top: float, texts: dict) -> tuple[AxisDrawn, float]:
    """The axis line at y with ticks, month or year labels (and a year row under months),
    faint grid lines up to `top`, and a "//" at each break; returns (axis, bottom)."""
    line, ticks, grid, minor, labels = [], [], [], [], []
    month_label: Callable = texts["month_label"]
    year_label: Callable = texts["year_label"]
    for seg in axis.segments:
        line.append(f"M{num(seg.x0)} {num(y)}H{num(seg.x1)}")
        ticks.append(f"M{num(seg.x1)} {num(y)}v5")
    years: dict[int, list[float]] = {}
    bands = [(seg, lo, hi, year, month, seg.x(lo), seg.x(hi))
             for seg, lo, hi, year, month in axis.bands()]
    days = axis.unit == "month" and any(x1 - x0 >= DAY_TICKS_FROM for *_, x0, x1 in bands)
    label_y = y + (26 if days else 15)
    for seg, lo, hi, year, month, x0, x1 in bands:
        ticks.append(f"M{num(x0)} {num(y)}v5")
        grid.append(f"M{num(x0)} {num(top)}V{num(y)}")
        text = str(month_label(year, month) if month else year_label(year))
        need = (text_width(text, SMALL) + 6) / max(x1 - x0, 0.1)
        step = next((s for s in (MONTH_STEPS if month else YEAR_STEPS) if s >= need), 100)
        if ((month - 1) if month else year) % step == 0:
            labels.append(Label(num((x0 + x1) / 2), num(label_y), text))
        years.setdefault(year, [x0, x1])[1] = x1
        if days and x1 - x0 >= DAY_TICKS_FROM:
            for day in (10, 20):
                x = seg.x(lo + day - 1)
                minor.append(f"M{num(x)} {num(y)}v3")
                labels.append(Label(num(x), num(y + 12), str(texts["day_label"](day)),
                                    "kb-tl-day"))
        elif not month and x1 - x0 >= 80:
            minor.extend(f"M{num(x0 + (x1 - x0) * k / 12)} {num(y)}v3" for k in range(1, 12))
    bottom = label_y + 6
    if axis.unit == "month":
        for year, (x0, x1) in years.items():
            labels.append(Label(num((x0 + x1) / 2), num(label_y + 14), str(year_label(year)),
                                "kb-tl-year"))
        bottom += 14
    breaks = "".join(f"M{num(a.x1 + 6)} {num(y + 5)}l4-10M{num(a.x1 + 12)} {num(y + 5)}l4-10"
                     for a in axis.segments[:-1])
    return AxisDrawn("".join(grid), "".join(line + ticks + minor), breaks, tuple(labels)), bottom


@dataclass(frozen=True)
class Key:
    """One legend entry: a 28 x 12 swatch drawn with the drawing's own classes, and its text."""

    role: str
    shapes: tuple[Shape, ...]
    text: str

    def svg(self, prefix: str) -> Markup:
        return shapes_svg(self.shapes, prefix)


SWATCHES = {  # each legend entry's role (its colour) and shapes, in a 28 x 12 box
    "point": ("event", (point("dot", 14, 6),)),
    "span": ("event", (bar("bar", 3, 25, 6),)),
    "unsure": ("event", (bar("range", 2, 26, 6),)),
    "fade": ("event", (bar("bar", 2, 12, 6), bar("bar", 12, 26, 6, "out"))),
    "deadline": ("deadline", (point("diamond", 14, 6),)),
    "today": ("event", (Shape("today", "14", "0", "0", "12"),)),
    "context": ("context", (point("dot", 14, 6),)),
    "case": ("case-span", (bar("bar", 3, 25, 6),)),
    "count": ("count", (bar("bar", 3, 25, 6),)),
}


def legend(used: set[str], texts: dict) -> tuple[Key, ...]:
    """The encodings the drawing uses, in a fixed order, each with its swatch and text (an
    HTML list, hidden from assistive technology with the drawing: it explains shapes, not
    events)."""
    return tuple(Key(*SWATCHES[key], str(texts["legend_" + key]))
                 for key in LEGEND_ORDER if key in used)
