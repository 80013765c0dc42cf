"""Link validated records into one Library: references resolved, relations derived once."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from .errors import Problem, counted, display_path
from .load import Record
from .media import MediaFiles
from .model import (
    EDITORS,
    SLUG_PATTERN,
    Exercise,
    Fault,
    FaultLink,
    Fix,
    Ladder,
    Menu,
    Model,
    Source,
    kit_word,
    needs_phrase,
)


@dataclass
class Library:
    """All records, by id, with the relations between them."""

    exercises: dict[str, Exercise] = field(default_factory=dict)
    faults: dict[str, Fault] = field(default_factory=dict)
    ladders: dict[str, Ladder] = field(default_factory=dict)
    menus: dict[str, Menu] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    media: MediaFiles = field(default_factory=MediaFiles)
    _prone: dict[str, list[Exercise]] = field(default_factory=dict)
    _citing: dict[str, list[Model]] = field(default_factory=dict)
    _offering: dict[str, list[Menu]] = field(default_factory=dict)

    def exercises_prone_to(self, fault: Fault) -> list[Exercise]:
        return self._prone.get(fault.id, [])

    def records_citing(self, source: Source) -> list[Model]:
        return self._citing.get(source.id, [])

    def menus_offering(self, exercise: Exercise) -> list[Menu]:
        return self._offering.get(exercise.id, [])

    def summary(self) -> str:
        kinds = {
            "exercise": self.exercises,
            "fault": self.faults,
            "ladder": self.ladders,
            "menu": self.menus,
            "source": self.sources,
        }
        return ", ".join(counted(len(records), kind) for kind, records in kinds.items())


# Where each kind of record refers to others: (path pattern, target kind); "*" is any index.
REFERENCES: dict[str, list[tuple[tuple, str]]] = {
    "exercises": [
        (("faults", "*", "fault"), "faults"),
        (("variations", "*", "exercise"), "exercises"),
        (("sources_differ", "*", "sources", "*"), "sources"),
        (("prescriptions", "*", "source"), "sources"),
        (("sources", "*"), "sources"),
    ],
    "faults": [
        (("drills", "*"), "exercises"),
        (("sources_differ", "*", "sources", "*"), "sources"),
        (("sources", "*"), "sources"),
    ],
    "ladders": [
        (("steps", "*", "exercise"), "exercises"),
        (("steps", "*", "prescription", "source"), "sources"),
        (("sources", "*"), "sources"),
    ],
    "menus": [(("options", "*", "exercise"), "exercises"), (("sources", "*"), "sources")],
    "sources": [],
}


# Ids whose pages would land on a page or folder the generator makes itself: the index of
# each kind (`exercises/index.md`, `cards/index.md`, `embed/index.md`), the folders of
# ladder and menu posters and PDF decks beside the cards (`cards/ladders/`, `cards/menus/`,
# `cards/pdf/`), and the pick page (`cards/pick/`).
RESERVED_IDS: dict[str, set[str]] = {
    "exercises": {"index", "ladders", "menus", "pdf", "pick"},
    "faults": {"index"},
    "ladders": {"index"},
    "menus": {"index"},
    "sources": set(),
}


def link(
    records: list[Record], entries: list[tuple[Record, Model]], present: set[tuple[str, str]]
) -> tuple[Library, list[Problem]]:
    """Check every reference and id, then index the valid records and derive relations.

    References are read from every record's raw data, so a record with other problems
    still has its references checked; `present` holds (kind, file stem) of every record
    file, so a reference to a record that exists but is broken is not reported again."""
    problems: list[Problem] = []
    first_of: dict[tuple[str, str], Record] = {}
    for record in records:
        key = (record.kind, record.stem)
        if key in first_of:
            first = display_path(first_of[key].path)
            problems.append(
                record.problem(("id",), f"id `{record.stem}` is already used by {first}; ids must be unique")
            )
        first_of.setdefault(key, record)
        if record.stem in RESERVED_IDS[record.kind]:
            taken = ", ".join(f"`{name}`" for name in sorted(RESERVED_IDS[record.kind]))
            problems.append(
                record.problem(
                    ("id",),
                    f"id `{record.stem}` is taken by a page the site makes; {record.kind} cannot be "
                    f"called {taken}: rename the file and its id",
                )
            )
        for loc, target_kind, target in _references(record):
            # A reference that is not a slug is reported by validation, not again here.
            if (
                isinstance(target, str)
                and target != EDITORS
                and re.fullmatch(SLUG_PATTERN, target)
                and (target_kind, target) not in present
            ):
                problems.append(
                    record.problem(
                        loc, f"unknown {target_kind[:-1]} `{target}`: no file {target_kind}/{target}.yml"
                    )
                )
        if record.kind == "ladders":
            problems += _repeated(
                record, ("steps", "*", "exercise"), "step", "a ladder visits each exercise once"
            )
        if record.kind == "menus":
            problems += _repeated(
                record, ("options", "*", "exercise"), "option", "a menu offers each exercise once"
            )
    library = Library()
    for record, model in entries:
        if first_of[(record.kind, record.stem)] is record:
            getattr(library, record.kind)[model.id] = model
    problems += _unfit_fixes(library, first_of)
    if not problems:
        _derive(library)
        library.warnings = _descending_ladders(library, first_of)
    return library, problems


def _references(record: Record):
    """(loc, target kind, target id) of every reference written in the record."""
    for pattern, target_kind in REFERENCES[record.kind]:
        for loc, value in _walk(record.data, pattern, ()):
            yield loc, target_kind, value


def record_references(record: Record) -> set[tuple[str, str]]:
    """(kind, id) of every record this one names."""
    return {(kind, target) for _, kind, target in _references(record) if isinstance(target, str)}


def _walk(data, pattern: tuple, loc: tuple):
    if not pattern:
        yield loc, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*" and isinstance(data, list):
        for index, item in enumerate(data):
            yield from _walk(item, rest, (*loc, index))
    elif isinstance(data, dict) and head in data:
        yield from _walk(data[head], rest, (*loc, head))


def _repeated(record: Record, pattern: tuple, noun: str, rule: str) -> list[Problem]:
    problems, seen = [], {}
    for (_, index, _), exercise in _walk(record.data, pattern, ()):
        if not isinstance(exercise, str):
            continue
        if exercise in seen:
            problems.append(
                record.problem(
                    (pattern[0], index, "exercise"),
                    f"{noun} {index + 1} repeats `{exercise}` (already {noun} {seen[exercise] + 1}); {rule}",
                )
            )
        seen.setdefault(exercise, index)
    return problems


def _descending_ladders(library: Library, records: dict[tuple[str, str], Record]) -> list[Problem]:
    """A warning for every ladder step whose exercise is a lower level than the step before:
    a ladder is a progression, and alternatives belong in a menu."""
    warnings = []
    for ladder in library.ladders.values():
        if any(step.exercise not in library.exercises for step in ladder.steps):
            continue  # an invalid exercise was reported already
        levels = [library.exercises[step.exercise].level for step in ladder.steps]
        for index in range(1, len(levels)):
            if levels[index] < levels[index - 1]:
                warnings.append(
                    records[("ladders", ladder.id)].problem(
                        ("steps", index, "exercise"),
                        f"step {index + 1} (`{ladder.steps[index].exercise}`, level {levels[index]}) comes "
                        f"after a level {levels[index - 1]} step; a ladder's levels never go down, "
                        "so make alternatives a menu (content/menus/)",
                    )
                )
    return warnings


def chosen_fix(exercise: Exercise, link: FaultLink, fault: Fault) -> Fix | None:
    """The fix an exercise shows for one of its faults: the one its entry chooses with `fix:`,
    else the fault's first fix whose needs are in the exercise's kit; None when the choice
    names no fix or needs what the exercise lacks, or when no fix fits (`check` says which)."""
    kit = exercise.kit
    if link.fix is None:
        return next((fix for fix in fault.fix if fix.fits(kit)), None)
    chosen = _named_fix(fault, link.fix)
    return chosen if chosen and chosen.fits(kit) else None


def _named_fix(fault: Fault, choice: int | str) -> Fix | None:
    if isinstance(choice, int):
        return fault.fix[choice - 1] if choice <= len(fault.fix) else None
    return next((fix for fix in fault.fix if fix.text.lower() == choice.lower()), None)


def _unfit_fixes(library: Library, records: dict[tuple[str, str], Record]) -> list[Problem]:
    """A problem for every fault entry of an exercise that has no fix it can show: a `fix:`
    that names no fix of the fault or one needing what the exercise lacks, or, without
    `fix:`, a fault whose every fix needs something the exercise lacks."""
    problems = []
    for exercise in library.exercises.values():
        record = records[("exercises", exercise.id)]
        for index, link in enumerate(exercise.faults):
            fault = library.faults.get(link.fault)
            if fault is None or chosen_fix(exercise, link, fault):
                continue
            where = f"faults[{index}]"
            if link.fix is None:
                needs = "; ".join(f'"{fix.text}" needs {fix.needs_label}' for fix in fault.fix)
                message = (
                    f"`{where}`: no fix of `{fault.id}` fits this exercise ({_kit_label(exercise)}): "
                    f"{needs}; add a fix that needs nothing to faults/{fault.id}.yml, or add what a "
                    "fix needs to this exercise's `equipment`"
                )
                problems.append(record.problem(("faults", index), message))
                continue
            chosen = _named_fix(fault, link.fix)
            if chosen is None:
                message = f"`{where}.fix`: {_no_such_fix(fault, link.fix)}"
            else:
                number = fault.fix.index(chosen) + 1
                missing = [need for need in chosen.needs if kit_word(need) not in exercise.kit]
                message = (
                    f'`{where}.fix`: fix {number} of `{fault.id}`, "{chosen.text}", needs '
                    f"{needs_phrase(missing)}, which this exercise lacks ({_kit_label(exercise)}); "
                    "choose a fix it can use, or leave out `fix:` to take the first that fits"
                )
            problems.append(record.problem(("faults", index, "fix"), message))
    return problems


def _no_such_fix(fault: Fault, choice: int | str) -> str:
    count = len(fault.fix)
    if isinstance(choice, int):
        fixes = "1 fix; write 1" if count == 1 else f"{count} fixes; write a number from 1 to {count}"
        return f"`{fault.id}` has {fixes} or a fix's text"
    texts = [fix.text for fix in fault.fix]
    close = difflib.get_close_matches(choice, texts, n=1, cutoff=0.5)
    hint = f'; did you mean "{close[0]}"?' if close else f" (its fixes: {'; '.join(texts)})"
    return f'`{fault.id}` has no fix "{choice}"{hint}'


def _kit_label(exercise: Exercise) -> str:
    """'it has barbell, dumbbell': its equipment and props, as written, in lowercase."""
    props = [prop.kind for position in exercise.positions for prop in position.props]
    names = list(dict.fromkeys(name.lower() for name in [*exercise.equipment, *props]))
    return f"it has {', '.join(names)}" if names else "it uses no equipment"


def _derive(library: Library) -> None:
    prone: dict[str, list[Exercise]] = defaultdict(list)
    citing: dict[str, list[Model]] = defaultdict(list)
    for exercise in library.exercises.values():
        for link_ in exercise.faults:
            prone[link_.fault].append(exercise)
    for kind in ("exercises", "faults", "ladders", "menus"):
        for model in getattr(library, kind).values():
            for source in model.sources:
                citing[source].append(model)
    offering: dict[str, list[Menu]] = defaultdict(list)
    for menu in library.menus.values():
        for option in menu.options:
            offering[option.exercise].append(menu)
    library._offering = dict(offering)
    library._prone = dict(prone)
    library._citing = dict(citing)
