"""The schema: one pydantic model per record kind. JSON Schema is generated from these."""

from __future__ import annotations

import difflib
import functools
import json
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .licenses import LICENSES, UNKNOWN
from .pose import HELD, FaultPoses, Position

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
REPS_PATTERN = r"^[1-9][0-9]{0,2}(?:-[1-9][0-9]{0,2})?$"

# Length limits, shared by the schema, the authoring guide and the card layout.
LIMITS = {
    "slug": 64,
    "name": 80,
    "cue": 90,
    "line": 200,
    "text": 600,
    "list": 12,
    "card_cues": 5,
}

# Text is stripped before its length is checked; the JSON Schema says "not blank" as a pattern.
NOT_BLANK = {"pattern": r"\S"}


def _text(limit: int):
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=limit),
        Field(json_schema_extra=NOT_BLANK),
    ]


def _reps_as_text(value, handler) -> str:
    """A whole number or a range, always kept as text ('15', '8-12'), with one message if neither."""
    try:
        return str(handler(value))
    except ValidationError:
        raise PydanticCustomError("reps", "must be a number of reps or a range such as 8-12") from None


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=LIMITS["slug"])]
Name = _text(LIMITS["name"])
CueText = _text(LIMITS["cue"])
Line = _text(LIMITS["line"])
Text = _text(LIMITS["text"])
Reps = Annotated[
    Annotated[int, Field(ge=1, le=999)] | Annotated[str, StringConstraints(pattern=REPS_PATTERN)],
    WrapValidator(_reps_as_text),
]
PositionName = Annotated[str, StringConstraints(pattern=r"^[a-z]+(?:-[a-z]+)*$", max_length=24)]
Level = Annotated[int, Field(ge=1, le=5, description="1 beginner … 5 expert")]
MAX = LIMITS["list"]

# Equipment that positions or checks the body without loading it: an exercise with only these
# (or none) is unloaded; any other kit (a band, a kettlebell, a bar) makes it loaded.
PROPS = frozenset({"Dowel", "Wall", "Foam roller", "Box", "Bench", "Mat"})
# The `source` of a prescription that no article gave: the editors suggest it.
EDITORS = "editors"

# Version of the published data shape (JSON Schemas and api/*.json); raised when a change
# could break a program that reads them. 2: a fault's `fix` items are `{text, needs}`.
# 3: positions carry their computed `geometry` (joints, load, props, centre of mass).
SCHEMA_VERSION = 3

# Where a lift starts from when the load rests on something: its card shows the set-up.
LIFTED_FROM = ("floor", "pins", "blocks")
# The need a fix has when the lifter's hands must be free to rest on the body.
FREE_HANDS = "free-hands"
# Kit names that mean the same thing as another one.
SAME_KIT = {"dowel": "stick"}


class Model(BaseModel):
    # Strict: a number where the schema says number, text where it says text; no "3" for 3.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Muscles(Model):
    primary: list[Name] = Field(min_length=1, max_length=8)
    secondary: list[Name] = Field(default=[], max_length=8)


class Cue(Model):
    text: CueText = Field(description="A short imperative phrase: 'Push the hips back to the wall'.")
    kind: Literal["setup", "movement", "feel"] = "movement"
    card: bool = Field(default=False, description="Print this cue on the exercise's card.")


@functools.cache
def kit_word(name: str) -> str:
    """A piece of kit or a need as it is compared: lowercase, hyphens as spaces, each word's
    plural `s` dropped ('Foam rollers' and `foam-roller` are one thing), 'dowel' as 'stick'."""
    word = " ".join(_singular(word) for word in re.split(r"[\s_-]+", name.lower()) if word)
    return SAME_KIT.get(word, word)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith(("xes", "ses", "zes", "shes", "ches")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


class Fix(Model):
    """A cue that fixes a fault, and what the lifter must have to follow it."""

    text: CueText = Field(description="A short imperative phrase: 'Keep the stick on your head'.")
    needs: list[Slug] = Field(
        default=[],
        max_length=4,
        description="What the lifter must have: `stick`, `wall`, `box`, `band`, `foam-roller`, "
        "`free-hands`, …; left out when the fix needs nothing.",
    )

    def fits(self, kit: frozenset[str]) -> bool:
        return all(kit_word(need) in kit for need in self.needs)

    @property
    def needs_label(self) -> str:
        return needs_phrase(self.needs)


def needs_phrase(needs: list[str]) -> str:
    """'a stick', 'a wall and free hands': what a fix needs, as a phrase; '' for nothing."""
    words = []
    for need in needs:
        word = need.replace("-", " ")
        last = word.rsplit(" ", 1)[-1]
        article = "" if _singular(last) != last else "an " if word[0] in "aeiou" else "a "
        words.append(article + word)
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def _fix_shorthand(value):
    """`Brace the trunk` for `{text: Brace the trunk}`. Anything but text or `text:` lines is
    refused as text: `- Fix: brace first` is text whose `: ` YAML reads as a key, and the
    message says to quote it."""
    if isinstance(value, str):
        return {"text": value}
    if not isinstance(value, dict) or (len(value) == 1 and not value.keys() & Fix.model_fields):
        raise PydanticCustomError("string_type", "Input should be a valid string")
    return value


def _fix_choice(value):
    """A fault's fix chosen by its number (1 for the first) or its text."""
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX:
        return value
    if isinstance(value, str) and value.strip() and len(value.strip()) <= LIMITS["cue"]:
        return " ".join(value.split())
    raise PydanticCustomError(
        "fix", "must be the number of one of the fault's fixes (1 for the first) or its text"
    )


FixChoice = Annotated[
    int | str,
    BeforeValidator(_fix_choice),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": MAX},
                {"type": "string", "minLength": 1, "maxLength": LIMITS["cue"], **NOT_BLANK},
            ],
        }
    ),
]


class FaultLink(Model):
    fault: Slug = Field(description="id of a fault record")
    note: Line | None = Field(default=None, description="How the fault shows in this exercise.")
    fix: FixChoice | None = Field(
        default=None,
        description="The fault's fix to show here, by number (1 for the first) or text; left out, "
        "the first fix whose needs the exercise has.",
    )


class Prescription(Model):
    goal: Name = Field(description="What this dose is for: 'groove the pattern', 'strength'.")
    sets: int | None = Field(default=None, ge=1, le=20)
    reps: Reps | None = Field(default=None, description="A number or a range: 15, '8-12'.")
    seconds: Reps | None = Field(
        default=None, description="For a timed hold instead of reps: seconds, a number or a range."
    )
    source: Slug = Field(
        default=EDITORS,
        description="Where the dose comes from: a source id, or `editors` for the editors' own suggestion.",
    )
    per_side: bool = False
    load: Name | None = None
    tempo: Annotated[str, StringConstraints(max_length=20)] | None = None
    rest: Annotated[str, StringConstraints(max_length=40)] | None = None
    note: Line | None = None

    @model_validator(mode="after")
    def _reps_or_seconds(self):
        if (self.reps is None) == (self.seconds is None):
            raise ValueError("give `reps` or `seconds` (for a timed hold), not both and not neither")
        return self


class SourceDifference(Model):
    topic: Name = Field(description="What the sources disagree on: 'Heels or mid-foot'.")
    note: Line = Field(description="What each source says and what this library teaches.")
    sources: list[Slug] = Field(min_length=2, max_length=MAX, description="ids of the sources that differ")


class Variation(Model):
    name: Name
    change: Line = Field(description="What the variation changes, and what it is for.")
    exercise: Slug | None = Field(default=None, description="id of the exercise record, if any")


HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://[^\s]+$", max_length=LIMITS["line"])]


def _known_license(value: str) -> str:
    if value in LICENSES or value == UNKNOWN:
        return value
    close = difflib.get_close_matches(value, list(LICENSES), n=1, cutoff=0.6)
    hint = f" (did you mean `{close[0]}`?)" if close else ""
    raise PydanticCustomError(
        "license",
        "`{value}` is not an SPDX license id Drillbook knows{hint}; write an id such as CC-BY-4.0 or "
        "CC0-1.0, or `unknown` (the list is in generator/licenses.py)",
        {"value": value, "hint": hint},
    )


class Media(Model):
    """A photo or a video, with who made it and under which license it may be shown."""

    kind: Literal["image", "video"]
    file: Annotated[str, StringConstraints(max_length=LIMITS["line"])] | None = Field(
        default=None, description="An image in content/media/, written from content/: 'media/hinge.jpg'."
    )
    url: HttpsUrl | None = Field(
        default=None,
        description="An https address: the video (YouTube, Vimeo, other hosts) or an image kept elsewhere.",
    )
    alt: Line | None = Field(default=None, description="What the image shows, for readers who cannot see it.")
    caption: Line | None = None
    credit: Name | None = Field(default=None, description="Who made it: 'Photo: Ana Ruiz'.")
    license: Annotated[str, AfterValidator(_known_license)] = Field(
        default=UNKNOWN,
        description="An SPDX license id (CC-BY-4.0, CC0-1.0, …) or `unknown`, which leaving it out means.",
        json_schema_extra={"enum": [*LICENSES, UNKNOWN]},
    )
    source_url: HttpsUrl | None = Field(default=None, description="Where the original was found.")
    card: bool = Field(default=False, description="The photo printed on the exercise's card.")

    @model_validator(mode="after")
    def _complete(self) -> Media:
        if self.kind == "image":
            if (self.file is None) == (self.url is None):
                raise PydanticCustomError(
                    "media", "an image needs either `file` (in content/media/) or `url`"
                )
            if self.alt is None:
                raise PydanticCustomError("media", "an image needs `alt`: what it shows, in a sentence")
        else:
            if self.url is None or self.file is not None:
                raise PydanticCustomError("media", "a video needs `url` (YouTube, Vimeo or an https address)")
        if self.card and (self.kind != "image" or self.file is None):
            raise PydanticCustomError("media", "`card: true` marks a photo in content/media/ for the card")
        return self


class Exercise(Model):
    """An exercise or drill, with the coaching around it."""

    id: Slug
    name: Name
    aliases: list[Name] = Field(default=[], max_length=MAX)
    pattern: Slug = Field(description="Movement pattern: hinge, squat, push, pull, carry, …")
    level: Level
    equipment: list[Name] = Field(default=[], max_length=8, description="Empty means bodyweight.")
    equipment_mode: Literal["all", "any"] = Field(
        default="all", description="`all`: every item is needed; `any`: one of them will do."
    )
    lifted_from: Literal[LIFTED_FROM] | None = Field(
        default=None,
        description="Where the load rests before each rep: `floor`, `pins` or `blocks`; left out "
        "when the lift starts standing.",
    )
    muscles: Muscles
    summary: Text
    why: Text | None = None
    setup: list[Line] = Field(default=[], max_length=MAX)
    steps: list[Line] = Field(min_length=1, max_length=MAX)
    bracing: list[Line] = Field(
        default=[], max_length=6, description="How to breathe and brace; needed when the exercise is loaded."
    )
    cues: list[Cue] = Field(default=[], max_length=MAX)
    sources_differ: list[SourceDifference] = Field(
        default=[], max_length=6, description="Where the sources disagree, and what this library teaches."
    )
    faults: list[FaultLink] = Field(default=[], max_length=MAX)
    prescriptions: list[Prescription] = Field(default=[], max_length=6)
    variations: list[Variation] = Field(default=[], max_length=MAX)
    safety: list[Line] = Field(default=[], max_length=6)
    media: list[Media] = Field(default=[], max_length=6)
    sources: list[Slug] = Field(min_length=1, max_length=MAX)
    positions: list[Position] = Field(
        default=[], max_length=6, description="Side-view poses drawn as figures: start, bottom, finish, …"
    )
    card_position: PositionName | None = Field(
        default=None,
        description="The position the card (and embed, ladder and menu) draws; left out, `start` "
        "for a lift from the floor, pins or blocks, else the bottom of the movement.",
    )

    @field_validator("card_position")
    @classmethod
    def _names_a_position(cls, name: str | None, info: ValidationInfo) -> str | None:
        positions = info.data.get("positions")
        if name is None or positions is None:
            return name
        names = [position.name for position in positions]
        if name not in names:
            known = ", ".join(f"`{known}`" for known in names) or "none: add `positions`"
            raise PydanticCustomError(
                "card_position",
                "`{name}` is not one of this exercise's positions ({known}); name one of them, or "
                "leave `card_position` out",
                {"name": name, "known": known},
            )
        return name

    @field_validator("positions")
    @classmethod
    def _names_unique(cls, positions: list[Position]) -> list[Position]:
        names = [position.name for position in positions]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise PydanticCustomError(
                "positions", f"position names must differ; `{repeated[0]}` is used twice"
            )
        return positions

    @field_validator("cues")
    @classmethod
    def _card_holds_the_marked_cues(cls, cues: list[Cue]) -> list[Cue]:
        marked = sum(cue.card for cue in cues)
        if marked > LIMITS["card_cues"]:
            raise ValueError(f"{marked} cues are marked `card: true`; a card holds {LIMITS['card_cues']}")
        return cues

    @property
    def loaded(self) -> bool:
        """Whether the exercise moves a load: any equipment that is not a prop."""
        return any(item not in PROPS for item in self.equipment)

    @functools.cached_property
    def kit(self) -> frozenset[str]:
        """What the lifter has (see kit_word): the equipment, the props of the positions, each
        kit's last word ('Resistance band' is a band), and free hands when nothing is held."""
        names = {*self.equipment, *(prop.kind for position in self.positions for prop in position.props)}
        words = {kit_word(name) for name in names}
        words |= {word.rsplit(" ", 1)[-1] for word in words}
        held = {kit_word(name) for name in HELD} | {"stick"}
        if not self.loaded and not words & held:
            words.add(kit_word(FREE_HANDS))
        return frozenset(words)

    @property
    def card_cues(self) -> list[Cue]:
        """The cues the card prints: those marked `card`, else the first ones written."""
        marked = [cue for cue in self.cues if cue.card]
        return marked or self.cues[: LIMITS["card_cues"]]


class Fault(Model):
    """A way the movement goes wrong, and the drills that fix it."""

    id: Slug
    name: Name
    aliases: list[Name] = Field(default=[], max_length=MAX, description="Everyday wording.")
    look: Text = Field(description="What a coach sees.")
    feel: Text = Field(description="What the lifter feels.")
    why: Text = Field(description="Why it matters.")
    fix: list[Annotated[Fix, BeforeValidator(_fix_shorthand, json_schema_input_type=CueText | Fix)]] = Field(
        min_length=1,
        max_length=MAX,
        description="Cues that fix it: text, or `text` with the `needs` the lifter must have.",
    )
    sources_differ: list[SourceDifference] = Field(
        default=[], max_length=6, description="Where the sources disagree, and what this library teaches."
    )
    drills: list[Slug] = Field(default=[], max_length=MAX, description="ids of corrective drills")
    media: list[Media] = Field(default=[], max_length=6, description="Photos or video of the fault.")
    sources: list[Slug] = Field(min_length=1, max_length=MAX)
    positions: FaultPoses | None = Field(default=None, description="The faulty pose beside the correct one.")


class LadderStep(Model):
    exercise: Slug = Field(description="id of the exercise on this step")
    move_on: Line = Field(
        description="When to move on: sets × reps, a number of sessions, or a check the lifter can do."
    )
    step_back: Line | None = Field(default=None, description="When to go back to the previous step.")
    prescription: Prescription | None = None


class Ladder(Model):
    """A progression: exercises in order, each with a rule for moving on."""

    id: Slug
    name: Name
    goal: Line
    summary: Text
    steps: list[LadderStep] = Field(min_length=2, max_length=20)
    sources: list[Slug] = Field(min_length=1, max_length=MAX)


class MenuOption(Model):
    exercise: Slug = Field(description="id of the exercise offered")
    choose_when: Line = Field(description="Choose this when …: the problem or goal it answers.")
    group: Name | None = Field(default=None, description="Heading the option is listed under.")


class Menu(Model):
    """Alternatives to choose from by problem or by goal; not a progression."""

    id: Slug
    name: Name
    goal: Line
    summary: Text
    options: list[MenuOption] = Field(min_length=2, max_length=20)
    sources: list[Slug] = Field(min_length=1, max_length=MAX)


class Source(Model):
    """An article or dataset the records draw their facts from."""

    id: Slug
    title: Line
    publisher: Name | None = None
    author: Name | None = None
    url: Line | None = None
    drew: Text = Field(description="What the library took from it.")


MODELS: dict[str, type[Model]] = {
    "exercises": Exercise,
    "faults": Fault,
    "ladders": Ladder,
    "menus": Menu,
    "sources": Source,
}

SCHEMA_NAMES = {
    "exercises": "exercise",
    "faults": "fault",
    "ladders": "ladder",
    "menus": "menu",
    "sources": "source",
}


def json_schemas() -> dict[str, str]:
    """{file name: JSON Schema text} for every record kind, as editors read them."""
    schemas = {}
    for kind, model in MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{SCHEMA_NAMES[kind]}.schema.json"
        schema["schema_version"] = SCHEMA_VERSION
        schemas[f"{SCHEMA_NAMES[kind]}.schema.json"] = json.dumps(schema, indent=2) + "\n"
    return schemas
