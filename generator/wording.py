"""How a record's coaching fields read on a page: the equipment list, where a dose comes from."""

from __future__ import annotations

from .library import Library
from .model import EDITORS, Exercise, Prescription

BODYWEIGHT = "None (bodyweight)"
EDITORS_DOSE = "Drillbook suggestion"


def equipment_label(exercise: Exercise) -> str:
    """'Barbell or dumbbell' when any one item will do, 'Barbell and power rack' when all are
    needed, 'None (bodyweight)' when the list is empty."""
    items = exercise.equipment
    if not items:
        return BODYWEIGHT
    words = [items[0], *(item[0].lower() + item[1:] for item in items[1:])]
    if len(words) == 1:
        return words[0]
    joiner = " or " if exercise.equipment_mode == "any" else " and "
    return ", ".join(words[:-1]) + joiner + words[-1]


def source_names(library: Library) -> dict[str, str]:
    """{source id: the name a reader knows it by}: the publisher, else the title."""
    return {source.id: source.publisher or source.title for source in library.sources.values()}


def dose_origin(prescription: Prescription, names: dict[str, str]) -> str:
    """'from Balance Guy Training' for a dose an article gave, 'Drillbook suggestion' for the editors'."""
    if prescription.source == EDITORS:
        return EDITORS_DOSE
    return f"from {names[prescription.source]}"
