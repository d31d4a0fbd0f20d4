"""Class diagrams of the schema as static SVG, one per class, for the schema reference pages.

gen-doc writes Mermaid class diagrams, but Mermaid is JavaScript that the site theme fetches from a
CDN when the page is viewed, so an offline reader (a site office without internet, a file://
copy of the site) would see only the diagram's source text. These SVGs need nothing but the
browser: the class in the middle with its own slots, its parent above, the classes it points to
on the right and the classes that point to it on the left. Layout is a fixed grid and text
widths come from a monospace font, so the output is deterministic and the drift test covers it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from linkml_runtime.utils.schemaview import SchemaView

CHAR_W = 7.2  # width of one character of 12px monospace, in px
LINE_H = 18
PAD = 8
GAP = 90  # horizontal room between columns, for edge labels
FONT = "font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\""


@dataclass
class _Box:
    title: str
    lines: list[str]
    x: float = 0.0
    y: float = 0.0

    @property
    def width(self) -> float:
        longest = max([len(self.title), *(len(line) for line in self.lines)])
        return round(longest * CHAR_W + 2 * PAD, 1)

    @property
    def height(self) -> float:
        return LINE_H * (1 + len(self.lines)) + 2 * PAD - (0 if self.lines else PAD)


def _cardinality(slot: Any) -> str:
    low = "1" if slot.required else "0"
    high = "*" if slot.multivalued else "1"
    return f"{low}..{high}"


def _edges(view: SchemaView, name: str) -> list[tuple[str, str, str]]:
    """(slot, cardinality, target class) for each slot of ``name`` whose range is a class."""
    classes = view.all_classes()
    found = []
    for slot in view.class_induced_slots(name):
        if slot.range in classes and slot.range != name:
            found.append((slot.name, _cardinality(slot), slot.range))
        elif slot.range == name:
            found.append((slot.name, _cardinality(slot), name))
    return found


def _own_lines(view: SchemaView, name: str) -> list[str]:
    classes = view.all_classes()
    lines = []
    for slot in view.class_induced_slots(name):
        mark = "*" if slot.multivalued else ""
        arrow = "-> " if slot.range in classes else ""
        lines.append(f"{slot.name}: {arrow}{slot.range}{mark} [{_cardinality(slot)}]")
    return lines


def _column(boxes: list[_Box], x: float, top: float) -> float:
    y = top
    for box in boxes:
        box.x, box.y = x, y
        y += box.height + 20
    return y


def _box_svg(box: _Box, emphasis: bool) -> list[str]:
    fill = "#e8eaf6" if emphasis else "#f5f5f5"
    parts = [
        f'<a href="{escape(box.title)}.html"><rect x="{box.x}" y="{box.y}" width="{box.width}" '
        f'height="{box.height}" rx="4" fill="{fill}" stroke="#3f51b5"/>',
        f'<text x="{box.x + PAD}" y="{box.y + PAD + 12}" {FONT} font-size="12" font-weight="bold" '
        f'fill="#1a237e">{escape(box.title)}</text></a>',
    ]
    if box.lines:
        rule_y = box.y + PAD + LINE_H
        parts.append(f'<line x1="{box.x}" y1="{rule_y}" x2="{box.x + box.width}" y2="{rule_y}" '
                     'stroke="#3f51b5"/>')
    for i, line in enumerate(box.lines):
        parts.append(f'<text x="{box.x + PAD}" y="{box.y + PAD + 12 + LINE_H * (i + 1) + 4}" '
                     f'{FONT} font-size="12" fill="#212121">{escape(line)}</text>')
    return parts


def _edge_svg(x1: float, y1: float, x2: float, y2: float, label: str, hollow: bool = False,
              label_at: tuple[float, float, str] | None = None) -> list[str]:
    """A line with an arrow head; the label sits beside the neighbour box, clear of the lines."""
    marker = "url(#isa)" if hollow else "url(#ref)"
    lx, ly, anchor = label_at or ((x1 + x2) / 2 + 4, (y1 + y2) / 2, "start")
    return [
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#5c6bc0" '
        f'marker-end="{marker}"/>',
        f'<text x="{lx:.1f}" y="{ly - 4:.1f}" {FONT} font-size="11" text-anchor="{anchor}" '
        f'fill="#37474f">{escape(label)}</text>' if label else "",
    ]


def class_diagram(view: SchemaView, name: str) -> str:
    """The SVG diagram of one class and its neighbours."""
    centre = _Box(name, _own_lines(view, name))
    cls = view.get_class(name)
    parent = _Box(cls.is_a, []) if cls.is_a else None
    outgoing: dict[str, list[str]] = {}
    for slot, card, target in _edges(view, name):
        if target != name:
            outgoing.setdefault(target, []).append(f"{slot} {card}")
    incoming: dict[str, list[str]] = {}
    for other in sorted(view.all_classes()):
        if other == name:
            continue
        for slot, card, target in _edges(view, other):
            if target == name:
                incoming.setdefault(other, []).append(f"{slot} {card}")
    left = [_Box(other, []) for other in sorted(incoming)]
    right = [_Box(target, []) for target in sorted(outgoing)]

    margin = 20
    left_w = max([b.width for b in left], default=0)
    label_room = max([len(", ".join(v)) for v in [*incoming.values(), *outgoing.values()]], default=0)
    gap = max(GAP, label_room * 6.6 + 30)
    x_centre = margin + (left_w + gap if left else 0)
    top = margin + (parent.height + 50 if parent else 0)
    if parent:
        parent.x, parent.y = x_centre, margin
    centre.x, centre.y = x_centre, top
    left_bottom = _column(left, margin, top)
    x_right = x_centre + centre.width + gap
    right_bottom = _column(right, x_right, top)
    width = (x_right + max([b.width for b in right], default=0)) if right else x_centre + centre.width
    width = max(width, x_centre + (parent.width if parent else 0)) + margin
    height = max(top + centre.height, left_bottom, right_bottom) + margin

    body: list[str] = []
    if parent:
        body += _edge_svg(centre.x + 30, centre.y, parent.x + 30, parent.y + parent.height, "is_a",
                          hollow=True, label_at=(centre.x + 36, centre.y - 14, "start"))
    def attach(i: int, count: int) -> float:
        # Spread the ends along the side of the centre box, so the lines do not bunch.
        span = max(centre.height - 2 * LINE_H, 1)
        return centre.y + LINE_H + span * (i + 0.5) / max(count, 1)

    for i, box in enumerate(right):
        mid = box.y + box.height / 2
        body += _edge_svg(centre.x + centre.width, attach(i, len(right)), box.x, mid,
                          ", ".join(outgoing[box.title]), label_at=(box.x - 6, mid, "end"))
    for i, box in enumerate(left):
        mid = box.y + box.height / 2
        body += _edge_svg(box.x + box.width, mid, centre.x, attach(i, len(left)),
                          ", ".join(incoming[box.title]),
                          label_at=(box.x + box.width + 6, mid, "start"))
    for box in [*left, *right, *([parent] if parent else [])]:
        body += _box_svg(box, emphasis=False)
    body += _box_svg(centre, emphasis=True)
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img">',
        f"<title>Class diagram of {escape(name)}</title>",
        "<defs>",
        '<marker id="ref" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
        'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#5c6bc0"/></marker>',
        '<marker id="isa" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="12" markerHeight="12" '
        'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="white" stroke="#5c6bc0"/></marker>',
        "</defs>",
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>',
    ]
    return "\n".join([*head, *[part for part in body if part], "</svg>"]) + "\n"


def class_diagrams(view: SchemaView) -> dict[str, str]:
    """Class name -> SVG text, for every class of the schema."""
    return {name: class_diagram(view, name) for name in sorted(view.all_classes())}
