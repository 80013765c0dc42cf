"""Every field of every model reaches a reader: its value in tests/data/library shows on a
page, card or embed (the data files under api/ dump every field, so they do not count), or
the field is listed in HIDDEN with the reason it is not shown."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from drillbook.model import MODELS
from drillbook.pipeline import read_library, render_site
from drillbook.render import escape_text

LIBRARY = Path(__file__).parent / "data" / "library"
SITE_URL = "https://drillbook.example.org/"

# (model, field): why a reader does not see the value as written.
HIDDEN = {
    ("Exercise", "id"): "the page's address",
    ("Fault", "id"): "the page's address",
    ("Ladder", "id"): "the page's address",
    ("Source", "id"): "an anchor on the sources page",
    ("Exercise", "pattern"): "shown capitalised on the browse page and as written in the glance",
    ("FaultLink", "fault"): "a link to the fault, shown by its name",
    ("Variation", "exercise"): "a link to the exercise, shown by the variation's name",
    ("LadderStep", "exercise"): "a link to the exercise, shown by its name",
    ("Exercise", "sources"): "links to the sources, shown by their titles",
    ("Fault", "sources"): "links to the sources, shown by their titles",
    ("Ladder", "sources"): "links to the sources, shown by their titles",
    ("Fault", "drills"): "links to the drills, shown by their names",
    ("Exercise", "level"): "shown as its name, '1 · Beginner'",
    ("Prescription", "sets"): "part of the dose, '3 × 15'",
    ("Prescription", "reps"): "part of the dose, '3 × 15'",
    ("Prescription", "per_side"): "part of the dose, 'each side'",
    ("Prescription", "seconds"): "part of the dose, '2 × 20–30 s'",
    ("Cue", "card"): "shown as 'on the card' beside the cue, and by the card itself",
    ("Source", "url"): "the link target of the source's title",
    ("Media", "license"): "shown by the license's name ('CC BY 4.0'), linked to its text",
    ("Media", "card"): "chooses the photo printed on the card",
    ("Exercise", "card_position"): "chooses the figure drawn on the card, the embed and the posters",
    ("FaultLink", "fix"): "chooses the fix shown, by its text (shown) or its number",
}


# The value noted for a field that holds models: their own fields are checked instead.
HOLDS_MODELS = object()


# Models whose fields are drawn, not written: the figure shows the angles and props, and
# the figure gallery lists them (tests/test_figures.py checks the drawing). Their captions
# and names are text, and are checked like any other field.
DRAWN = {"Pose", "Position", "Prop", "Spine"}
WRITTEN = {"caption", "name"}


def drawn(key: tuple[str, str]) -> bool:
    return key[0] in DRAWN and key[1] not in WRITTEN


def field_values(model: BaseModel):
    """(model name, field name, value) for every field set in `model` and the models in it."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                yield type(model).__name__, name, HOLDS_MODELS
                yield from field_values(item)
            elif item is not None:
                yield type(model).__name__, name, item


def all_fields(model: type[BaseModel]) -> set[tuple[str, str]]:
    """(model name, field name) of `model` and every model its fields hold."""
    found = set()
    for name, info in model.model_fields.items():
        found.add((model.__name__, name))
        for inner in _models_in(info.annotation):
            found |= all_fields(inner)
    return found


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [inner for arg in getattr(annotation, "__args__", ()) for inner in _models_in(arg)]


def test_every_field_is_shown_or_listed_as_hidden():
    library = read_library(LIBRARY)
    shown_text = "\n".join(
        text
        for path, text in render_site(library, SITE_URL).items()
        if not path.startswith("api/") and isinstance(text, str)
    )
    records = [record for kind in MODELS for record in getattr(library, kind).values()]
    values: dict[tuple[str, str], list] = {}
    for record in records:
        for model, field, value in field_values(record):
            values.setdefault((model, field), []).append(value)
    expected = set().union(*(all_fields(model) for model in MODELS.values()))
    unset = sorted(key for key in expected - set(values) if not drawn(key))
    assert not unset, f"give these fields a value in tests/data/library so they are checked: {unset}"
    unseen = sorted(
        key
        for key, found in values.items()
        if key not in HIDDEN
        and not drawn(key)
        and HOLDS_MODELS not in found
        and not any(str(escape_text(str(value))) in shown_text for value in found)
    )
    assert not unseen, f"fields whose values no page, card or embed shows: {unseen}"
