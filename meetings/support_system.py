"""The support system as a picture: its levels, the arenas on each, and where a case is lifted next.

What municipalities draw by hand. `support_system(plan)` lays it out once for
the plan page and the PDF, which draw it as SVG (meetings/_support_diagram.html)
with the same content in words beside it for those who do not see the picture.
An arena stands on the first of its levels; one without a level stands apart.
"""

import textwrap
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

BOX_WIDTH = 170
BOX_HEIGHT = 58
GAP = 16
LABEL_WIDTH = 150
BAND_PADDING = 14
PER_ROW = 4
LINE_CHARS = 24


@dataclass
class Box:
    arena: object
    x: int
    y: int
    lines: list

    @property
    def centre_x(self):
        return self.x + BOX_WIDTH // 2

    @property
    def text_y(self):
        """Baseline of the first line, so that the lines sit in the middle of the box."""
        return self.y + BOX_HEIGHT // 2 - (len(self.lines) - 1) * 7 + 4


@dataclass
class Band:
    label: str
    y: int
    height: int
    boxes: list = field(default_factory=list)


@dataclass
class Step:
    source: Box
    target: Box
    criterion: str

    @property
    def path(self):
        """From the edge of the source box to the edge of the target, down, up or sideways."""
        source, target = self.source, self.target
        if target.y > source.y:
            return source.centre_x, source.y + BOX_HEIGHT, target.centre_x, target.y
        if target.y < source.y:
            return source.centre_x, source.y, target.centre_x, target.y + BOX_HEIGHT
        if target.x > source.x:
            return source.x + BOX_WIDTH, source.y + BOX_HEIGHT // 2, target.x, target.y + BOX_HEIGHT // 2
        return source.x, source.y + BOX_HEIGHT // 2, target.x + BOX_WIDTH, target.y + BOX_HEIGHT // 2


@dataclass
class SupportSystem:
    bands: list
    steps: list
    width: int
    height: int
    box_width: int = BOX_WIDTH
    box_height: int = BOX_HEIGHT

    @property
    def title(self):
        return _("The support system: levels, arenas and where a case is lifted next")


def _lines(name):
    lines = textwrap.wrap(name, LINE_CHARS) or [""]
    if len(lines) > 3:
        lines = [*lines[:2], textwrap.shorten(" ".join(lines[2:]), LINE_CHARS, placeholder="…")]
    return lines


def support_system(plan):
    """The laid-out diagram, or None when no arena has a level or a next step (nothing to draw).

    Reads `plan.arenas.all()` (with `escalates_to`), so the plan's prefetch serves it.
    """
    arenas = list(plan.arenas.all())
    if not any(arena.bti_levels or arena.escalates_to_id for arena in arenas):
        return None
    groups = [(label, [a for a in arenas if a.bti_levels and min(a.bti_levels) == n]) for n, label in plan.levels]
    apart = [arena for arena in arenas if not arena.bti_levels]
    if apart:
        groups.append((_("Without a level"), apart))
    bands, boxes, y = [], {}, 0
    for label, members in groups:
        rows = max(1, -(-len(members) // PER_ROW))
        band = Band(label=label, y=y, height=rows * (BOX_HEIGHT + GAP) - GAP + 2 * BAND_PADDING)
        for index, arena in enumerate(members):
            row, column = divmod(index, PER_ROW)
            box = Box(
                arena=arena,
                x=LABEL_WIDTH + GAP + column * (BOX_WIDTH + GAP),
                y=y + BAND_PADDING + row * (BOX_HEIGHT + GAP),
                lines=_lines(arena.name),
            )
            band.boxes.append(box)
            boxes[arena.pk] = box
        bands.append(band)
        y += band.height + GAP
    steps = [
        Step(boxes[arena.pk], boxes[arena.escalates_to_id], arena.escalation_criterion)
        for arena in arenas
        if arena.escalates_to_id in boxes
    ]
    width = LABEL_WIDTH + GAP + PER_ROW * (BOX_WIDTH + GAP)
    return SupportSystem(bands=bands, steps=steps, width=width, height=max(y - GAP, BOX_HEIGHT))
