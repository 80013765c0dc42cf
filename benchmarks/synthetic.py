"""Synthetic libraries of N exercises, valid against `drillbook.model`, for the benchmark.

The records look like the shipped ones: every exercise has five cues, three faults, two
prescriptions and variations; faults name three corrective drills; ladders have six steps;
texts are as long as a coach would write them. Counts of faults, ladders and sources grow
with N, so no single record page grows with the library (only the indexes do)."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

PATTERNS = ["hinge", "squat", "push", "pull", "carry", "lunge", "rotation"]
EQUIPMENT = [
    "Barbell",
    "Dumbbell",
    "Kettlebell",
    "Dowel",
    "Bench",
    "Box",
    "Band",
    "Cable",
    "Trap bar",
    "Medicine ball",
    "Wall",
    "Pull-up bar",
    "Sandbag",
    "Landmine",
]
MUSCLES = [
    "Hamstrings",
    "Glutes",
    "Quadriceps",
    "Spinal erectors",
    "Core",
    "Lats",
    "Upper back",
    "Chest",
    "Shoulders",
    "Triceps",
    "Biceps",
    "Calves",
    "Adductors",
    "Obliques",
    "Forearms",
    "Hip flexors",
]
WORDS = (
    "brace the trunk and keep the ribs stacked over the pelvis while the hips travel back "
    "slowly with the shins close to vertical and the weight spread over the whole foot "
    "so the hamstrings lengthen under control before the glutes drive the return to a "
    "tall standing finish without leaning back or letting the knees drift in"
).split()
CUE_VERBS = [
    "Push",
    "Reach",
    "Squeeze",
    "Keep",
    "Drive",
    "Brace",
    "Spread",
    "Lock",
    "Lead",
    "Hold",
    "Press",
    "Breathe",
]
CUE_TARGETS = [
    "the hips back to the wall",
    "the floor away",
    "the ribs down",
    "a long spine",
    "the knees soft",
    "through the mid-foot",
    "the bar close to the legs",
    "the chest proud",
    "the glutes at the top",
    "the shoulders down and back",
]
FAULT_NAMES = [
    "Rounding the lower back",
    "Knees drifting forward",
    "Hips rising first",
    "Bar drifting away",
    "Over-arching at lockout",
    "Heels lifting",
    "Knees caving in",
    "Shrugging the shoulders",
    "Losing the brace",
    "Rushing the descent",
]
EXERCISE_BASES = [
    "hip hinge",
    "Romanian deadlift",
    "goblet squat",
    "split squat",
    "row",
    "push-up",
    "carry",
    "step-up",
    "bridge",
    "good morning",
    "press",
    "pulldown",
]
VARIANTS = [
    "Wall",
    "Stick",
    "Tempo",
    "Paused",
    "Single-leg",
    "Banded",
    "Elevated",
    "Deficit",
    "Kickstand",
    "Offset",
    "Isometric",
    "Half-kneeling",
]


def _text(rng: random.Random, length: int) -> str:
    """About `length` characters of plain prose, ending with a full stop."""
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _cue(rng: random.Random) -> str:
    return f"{rng.choice(CUE_VERBS)} {rng.choice(CUE_TARGETS)}"


def counts(size: int) -> dict[str, int]:
    """How many records of each kind a library of `size` exercises holds."""
    return {
        "exercises": size,
        "faults": max(3, size // 5),
        "ladders": max(1, size // 6),
        "sources": max(2, size // 20),
    }


def exercise_id(index: int) -> str:
    return f"exercise-{index:05d}"


def write_library(content_dir: Path, size: int, seed: int = 8) -> dict[str, int]:
    """Write a library of `size` exercises into `content_dir`; return the record counts."""
    rng = random.Random(seed)
    number = counts(size)
    exercises = [exercise_id(i) for i in range(size)]
    faults = [f"fault-{i:05d}" for i in range(number["faults"])]
    sources = [f"source-{i:05d}" for i in range(number["sources"])]
    records: dict[str, dict[str, dict]] = {kind: {} for kind in number}

    for i, source in enumerate(sources):
        records["sources"][source] = {
            "id": source,
            "title": f"Coaching the {rng.choice(EXERCISE_BASES)}, part {i + 1}",
            "publisher": "Synthetic Strength Journal",
            "author": f"Coach {i + 1}",
            "url": f"https://example.org/articles/{source}",
            "drew": _text(rng, 200),
        }

    for i, fault in enumerate(faults):
        records["faults"][fault] = {
            "id": fault,
            "name": f"{FAULT_NAMES[i % len(FAULT_NAMES)]} ({i + 1})",
            "aliases": [f"Fault alias {i + 1}"],
            "look": _text(rng, 160),
            "feel": _text(rng, 120),
            "why": _text(rng, 180),
            "fix": [_cue(rng) for _ in range(3)],
            "drills": rng.sample(exercises, min(3, size)),
            "sources": [rng.choice(sources)],
        }

    for i, exercise in enumerate(exercises):
        base = EXERCISE_BASES[i % len(EXERCISE_BASES)]
        others = [e for e in rng.sample(exercises, min(3, size)) if e != exercise][:2]
        records["exercises"][exercise] = {
            "id": exercise,
            "name": f"{rng.choice(VARIANTS)} {base} {i + 1}",
            "aliases": [f"{base.capitalize()} drill {i + 1}", f"Variant {i + 1}"],
            "pattern": rng.choice(PATTERNS),
            "level": rng.randint(1, 5),
            "equipment": rng.sample(EQUIPMENT, rng.randint(0, 2)),
            "muscles": {"primary": rng.sample(MUSCLES, 2), "secondary": rng.sample(MUSCLES, 2)},
            "summary": _text(rng, 200),
            "why": _text(rng, 250),
            "setup": [_text(rng, 100) for _ in range(2)],
            "steps": [_text(rng, 110) for _ in range(4)],
            "cues": [
                {"text": _cue(rng), "kind": kind}
                for kind in ("setup", "setup", "movement", "movement", "feel")
            ],
            "faults": [{"fault": fault, "note": _text(rng, 90)} for fault in rng.sample(faults, 3)],
            "prescriptions": [
                {"goal": "Groove the pattern", "sets": 3, "reps": "12-15", "tempo": "3-1-1", "rest": "60 s"},
                {
                    "goal": "Strength",
                    "sets": 4,
                    "reps": "6-8",
                    "load": "Moderate",
                    "rest": "2 min",
                    "note": _text(rng, 60),
                },
            ],
            "variations": [
                {"name": f"Variation of {other}", "change": _text(rng, 100), "exercise": other}
                for other in others
            ]
            + [{"name": "Slower lowering", "change": _text(rng, 80)}],
            "safety": [_text(rng, 120)],
            "sources": rng.sample(sources, 2),
        }

    order = exercises[:]
    rng.shuffle(order)
    for i in range(number["ladders"]):
        ladder = f"ladder-{i:05d}"
        steps = order[i * 6 : (i + 1) * 6] if size >= 12 else rng.sample(exercises, min(6, size))
        records["ladders"][ladder] = {
            "id": ladder,
            "name": f"Ladder {i + 1}: towards the {rng.choice(EXERCISE_BASES)}",
            "goal": _text(rng, 70),
            "summary": _text(rng, 180),
            "steps": [{"exercise": step, "move_on": _text(rng, 100)} for step in steps],
            "sources": [rng.choice(sources)],
        }

    schema_names = {"exercises": "exercise", "faults": "fault", "ladders": "ladder", "sources": "source"}
    for kind, by_id in records.items():
        folder = content_dir / kind
        folder.mkdir(parents=True, exist_ok=True)
        header = f"# yaml-language-server: $schema=../../docs/schemas/{schema_names[kind]}.schema.json\n"
        for record_id, data in by_id.items():
            text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
            (folder / f"{record_id}.yml").write_text(header + text, "utf-8")
    return {kind: len(by_id) for kind, by_id in records.items()}
