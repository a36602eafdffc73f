"""The plan's outline: its chapters in the municipality's order, each with its text and the parts placed in it.

The outline is the plan's sections in their order (routines.models.Section):
a section is a chapter or part of the chapter above it, and may show one of
the plan's structured parts (actors, arenas, milestones, the progress plan,
routines …) after its text. The PDF, the reading page and the public page
are all drawn from `plan_outline`, so they cannot disagree.

A plan whose sections place nothing still shows everything: its introduction
and focus areas come first, and every part no section shows follows the
sections as a chapter of its own, as the plans were printed before they had
an outline. A text section titled like such a chapter ("Fremdriftsplan")
becomes that chapter's opening instead of a second chapter of the same name.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from routines.models import Section

Part = Section.Part

# Unplaced parts: the introduction and focus areas open the plan, the rest follow the sections in this order.
LEADING_PARTS = [Part.INTRO, Part.FOCUS_AREAS]
TRAILING_PARTS = [Part.ACTORS, Part.ARENAS, Part.MILESTONES, Part.PROGRESS, Part.COMMON_ROUTINES, Part.UNIT_ROUTINES]
# Unplaced, the support-system diagram stays with the arenas it draws, as before there was an outline,
# and the year wheel with the progress plan it draws.
FOLLOWS = {Part.SUPPORT_SYSTEM: Part.ARENAS, Part.YEAR_WHEEL: Part.PROGRESS}
# Parts that start a fresh page in the PDF: one big table or a long list.
BIG_PARTS = {Part.ACTORS, Part.ARENAS, Part.PROGRESS, Part.COMMON_ROUTINES, Part.UNIT_ROUTINES}


def default_title(part):
    """The heading of a part that has no section of its own."""
    return {
        Part.INTRO: _("Introduction"),
        Part.FOCUS_AREAS: _("Vision and focus areas"),
        Part.ACTORS: _("The team around the child: roles and responsibilities"),
        Part.ARENAS: _("Groups and meeting arenas"),
        Part.SUPPORT_SYSTEM: _("The support system"),
        Part.MILESTONES: _("Milestones"),
        Part.PROGRESS: _("Progress plan"),
        Part.YEAR_WHEEL: _("Year wheel"),
        Part.COMMON_ROUTINES: _("Common routines"),
        Part.UNIT_ROUTINES: _("Unit-specific routines"),
    }[part]


@dataclass
class Entry:
    """A chapter (level 1, numbered) or a part of the chapter above it (level 2)."""

    title: str
    anchor: str
    level: int = 1
    section: Section | None = None
    part: str = ""
    number: int | None = None
    new_page: bool = False
    children: list = field(default_factory=list)

    @property
    def part_template(self):
        return f"documents/outline/part_{self.part}.html" if self.part else ""

    @property
    def entries(self):
        """The chapter and its parts, in reading order."""
        return [self, *self.children]


def plan_outline(plan, present):
    """The numbered chapters of a plan loaded with all its parts.

    `present`: the parts that have content (an unplaced part without any is
    left out; a placed one is shown where its section puts it).
    """
    sections = list(plan.sections.all())
    placed = {section.part for section in sections if section.part}
    unplaced = [part for part in [*LEADING_PARTS, *TRAILING_PARTS] if part in present and part not in placed]
    openings = _openings(sections, unplaced)
    unplaced = [part for part in unplaced if part not in openings.values()]

    flat = [_part_entry(part) for part in LEADING_PARTS if part in unplaced]
    for section in sections:
        part = section.part or openings.get(section.pk, "")
        level = section.level if flat else Section.Level.CHAPTER
        flat.append(Entry(section.title, f"section-{section.pk}", level, section, part))
    flat.extend(_part_entry(part) for part in TRAILING_PARTS if part in unplaced)
    flat = _with_followers(flat, present, placed | set(openings.values()))
    return _numbered(flat)


def _openings(sections, unplaced):
    """{section pk: part} for text sections titled like an unplaced part's own chapter."""
    by_title = {default_title(part).casefold(): part for part in unplaced}
    openings = {}
    for section in sections:
        part = by_title.get(section.title.strip().casefold())
        if not section.part and part and part not in openings.values():
            openings[section.pk] = part
    return openings


def _part_entry(part, level=1):
    return Entry(default_title(part), f"part-{part.replace('_', '-')}", level, None, part)


def _with_followers(flat, present, shown):
    result = []
    for entry in flat:
        result.append(entry)
        for follower, leader in FOLLOWS.items():
            if entry.part == leader and follower in present and follower not in shown:
                result.append(_part_entry(follower, level=2))
    return result


def _numbered(flat):
    chapters = []
    for entry in flat:
        if entry.level == Section.Level.CHAPTER or not chapters:
            entry.level = Section.Level.CHAPTER
            entry.number = len(chapters) + 1
            chapters.append(entry)
        else:
            chapters[-1].children.append(entry)
    for chapter in chapters:
        chapter.new_page = chapter.number == 1 or any(entry.part in BIG_PARTS for entry in chapter.entries)
    return chapters
