"""The schema: one pydantic model per record kind. JSON Schema is generated from these."""

from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from .pose import FaultPoses, Position

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
}

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=LIMITS["slug"])]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=LIMITS["name"])]
CueText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=LIMITS["cue"])]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=LIMITS["line"])]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=LIMITS["text"])]
Reps = Annotated[
    str,
    BeforeValidator(lambda value: str(value) if type(value) is int else value),
    StringConstraints(pattern=REPS_PATTERN),
]
Level = Annotated[int, Field(ge=1, le=5, description="1 beginner … 5 expert")]
MAX = LIMITS["list"]

LEVEL_NAMES = {1: "Beginner", 2: "Novice", 3: "Intermediate", 4: "Advanced", 5: "Expert"}

# Version of the published data shape (JSON Schemas and api/*.json); raised when a change
# could break a program that reads them.
SCHEMA_VERSION = 1


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class Muscles(Model):
    primary: list[Name] = Field(min_length=1, max_length=8)
    secondary: list[Name] = Field(default=[], max_length=8)


class Cue(Model):
    text: CueText = Field(description="A short imperative phrase: 'Push the hips back to the wall'.")
    kind: Literal["setup", "movement", "feel"] = "movement"


class FaultLink(Model):
    fault: Slug = Field(description="id of a fault record")
    note: Line | None = Field(default=None, description="How the fault shows in this exercise.")


class Prescription(Model):
    goal: Name = Field(description="What this dose is for: 'groove the pattern', 'strength'.")
    sets: int | None = Field(default=None, ge=1, le=20)
    reps: Reps = Field(description="A number or a range: 15, '8-12'.")
    per_side: bool = False
    load: Name | None = None
    tempo: Annotated[str, StringConstraints(max_length=20)] | None = None
    rest: Annotated[str, StringConstraints(max_length=40)] | None = None
    note: Line | None = None


class Variation(Model):
    name: Name
    change: Line = Field(description="What the variation changes, and what it is for.")
    exercise: Slug | None = Field(default=None, description="id of the exercise record, if any")


class Media(Model):
    kind: Literal["image", "video"]
    url: Line
    alt: Line
    caption: Line | None = None


class Exercise(Model):
    """An exercise or drill, with the coaching around it."""

    id: Slug
    name: Name
    aliases: list[Name] = Field(default=[], max_length=MAX)
    pattern: Slug = Field(description="Movement pattern: hinge, squat, push, pull, carry, …")
    level: Level
    equipment: list[Name] = Field(default=[], max_length=8, description="Empty means bodyweight.")
    muscles: Muscles
    summary: Text
    why: Text | None = None
    setup: list[Line] = Field(default=[], max_length=MAX)
    steps: list[Line] = Field(min_length=1, max_length=MAX)
    cues: list[Cue] = Field(default=[], max_length=MAX)
    faults: list[FaultLink] = Field(default=[], max_length=MAX)
    prescriptions: list[Prescription] = Field(default=[], max_length=6)
    variations: list[Variation] = Field(default=[], max_length=MAX)
    safety: list[Line] = Field(default=[], max_length=6)
    media: list[Media] = Field(default=[], max_length=6)
    sources: list[Slug] = Field(min_length=1, max_length=MAX)
    positions: list[Position] = Field(
        default=[], max_length=6, description="Side-view poses drawn as figures: start, bottom, finish, …"
    )

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


class Fault(Model):
    """A way the movement goes wrong, and the drills that fix it."""

    id: Slug
    name: Name
    aliases: list[Name] = Field(default=[], max_length=MAX, description="Everyday wording.")
    look: Text = Field(description="What a coach sees.")
    feel: Text = Field(description="What the lifter feels.")
    why: Text = Field(description="Why it matters.")
    fix: list[CueText] = Field(min_length=1, max_length=MAX, description="Cues that fix it.")
    drills: list[Slug] = Field(default=[], max_length=MAX, description="ids of corrective drills")
    sources: list[Slug] = Field(min_length=1, max_length=MAX)
    positions: FaultPoses | None = Field(default=None, description="The faulty pose beside the correct one.")


class LadderStep(Model):
    exercise: Slug = Field(description="id of the exercise on this step")
    move_on: Line = Field(description="When to move to the next step.")
    prescription: Prescription | None = None


class Ladder(Model):
    """A progression: exercises in order, each with a rule for moving on."""

    id: Slug
    name: Name
    goal: Line
    summary: Text
    steps: list[LadderStep] = Field(min_length=2, max_length=20)
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
    "sources": Source,
}

SCHEMA_NAMES = {"exercises": "exercise", "faults": "fault", "ladders": "ladder", "sources": "source"}


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
