"""One view of each record: what the page, the card, the embed and the data files show of it,
computed once from the Library. Renderers and templates read these; none rebuilds them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TypeVar
from urllib.parse import urlsplit

from markupsafe import Markup

from .errors import counted
from .figures import FittedFigure, fault_svg, fitted_pose_svg, key_position, pose_svg
from .library import Library, chosen_fix
from .licenses import LICENSES, UNKNOWN
from .media import MediaFiles, video_player
from .model import EDITORS, LEVEL_NAMES, Exercise, Fault, Fix, Ladder, Media, Menu, Prescription, Source
from .pose import Position

BODYWEIGHT = "Bodyweight"
EDITORS_LABEL = "Editors' suggestion"
ICON = "assets/drillbook-icon.svg"
DOSE_COLUMNS = ("Goal", "Sets × reps", "Load", "Tempo", "Rest", "Note", "From")
LIFTED_FROM_LABELS = {"floor": "The floor", "pins": "Pins in a rack", "blocks": "Blocks or a platform"}

Named = TypeVar("Named", Fault, Ladder, Menu)


def exercises_in_order(library: Library) -> list[Exercise]:
    """The exercises as every list shows them (indexes, browse pages, cards, decks): by
    level, then by name."""
    return sorted(library.exercises.values(), key=lambda e: (e.level, e.name.lower(), e.id))


def by_name(records: Iterable[Named]) -> list[Named]:
    """Faults, ladders or menus as every list shows them: by name."""
    return sorted(records, key=lambda record: (record.name.lower(), record.id))


def level_label(level: int) -> str:
    return f"{level} · {LEVEL_NAMES[level]}"


def dose(prescription: Prescription) -> str:
    """'3 × 8–12', '12–15 reps', '3 × 20 s', with 'each side' where it applies."""
    if prescription.seconds:
        amount, unit = prescription.seconds.replace("-", "–") + " s", ""
    else:
        amount, unit = prescription.reps.replace("-", "–"), " reps"
    text = f"{prescription.sets} × {amount}" if prescription.sets else f"{amount}{unit}"
    return f"{text} each side" if prescription.per_side else text


def equipment_label(exercise: Exercise) -> str:
    """'Barbell or dumbbell' when any one item will do, 'Barbell and power rack' when all
    are needed, 'Bodyweight' when the list is empty."""
    items = exercise.equipment
    if not items:
        return BODYWEIGHT
    words = [items[0], *(item[0].lower() + item[1:] for item in items[1:])]
    if len(words) == 1:
        return words[0]
    joiner = " or " if exercise.equipment_mode == "any" else " and "
    return ", ".join(words[:-1]) + joiner + words[-1]


def source_name(source: Source) -> str:
    """The name a reader knows a source by: its publisher, else its title."""
    return source.publisher or source.title


def dose_origin(prescription: Prescription, library: Library, editors_label: str) -> str:
    """'from Balance Guy Training' for a dose an article gave, the site's `editors_label`
    ("Editors' suggestion") for the editors'."""
    if prescription.source == EDITORS:
        return editors_label
    return f"from {source_name(library.sources[prescription.source])}"


def credit_line(sources: list[Source]) -> str:
    """'Title, Publisher; Title, Author': every source with who published or wrote it."""
    return "; ".join(
        f"{source.title}, {source.publisher or source.author}"
        if source.publisher or source.author
        else source.title
        for source in sources
    )


@dataclass(frozen=True)
class Dose:
    """One prescription as every output shows it."""

    prescription: Prescription
    amount: str
    origin: str

    @classmethod
    def of(cls, prescription: Prescription, library: Library, editors_label: str) -> Dose:
        return cls(prescription, dose(prescription), dose_origin(prescription, library, editors_label))

    @property
    def cells(self) -> list[str]:
        """Its row of the Prescriptions table (DOSE_COLUMNS)."""
        p = self.prescription
        return [p.goal, self.amount, p.load or "", p.tempo or "", p.rest or "", p.note or "", self.origin]


@dataclass(frozen=True)
class Difference:
    """A point on which the sources disagree, with the sources named."""

    topic: str
    note: str
    sources: list[tuple[str, str]]  # (id, the name a reader knows it by)


def differences(record: Exercise | Fault, library: Library) -> list[Difference]:
    return [
        Difference(
            item.topic, item.note, [(source, source_name(library.sources[source])) for source in item.sources]
        )
        for item in record.sources_differ
    ]


@dataclass(frozen=True)
class Figure:
    """A drawn position (or a fault's correct and faulty pair), with its caption lines."""

    svg: Markup
    captions: list[str]
    # The same position on a canvas cut to the drawing, for the card (the key figure only).
    fitted: FittedFigure | None = None


def position_figure(position: Position) -> Figure:
    return Figure(pose_svg(position), [position.caption])


def fault_figure(fault: Fault) -> Figure | None:
    if not fault.positions:
        return None
    poses = fault.positions
    return Figure(fault_svg(poses), [poses.correct.caption, poses.faulty.caption])


@dataclass(frozen=True)
class FaultCheck:
    """One line of an exercise's fault checklist: the fault as every output shows it, the
    exercise's own note on it, and the one fix that fits the exercise (library.chosen_fix),
    which the page, the card, the embed and the fragment all show."""

    view: FaultView
    note: str | None
    fix: Fix

    @property
    def fault(self) -> Fault:
        return self.view.fault

    @property
    def drills(self) -> list[Exercise]:
        return self.view.drills

    @property
    def figure(self) -> Figure | None:
        return self.view.figure


@dataclass(frozen=True)
class LadderStepView:
    """One step of a ladder: its exercise, the dose for this step and when to move on."""

    number: int
    exercise: Exercise
    figure: Figure | None
    dose: Dose | None
    move_on: str
    step_back: str | None
    last: bool

    @property
    def move_on_label(self) -> str:
        return "Goal reached when:" if self.last else "Move on when:"


@dataclass(frozen=True)
class LadderView:
    ladder: Ladder
    steps: list[LadderStepView]
    sources: list[Source]

    @property
    def step_count(self) -> str:
        return counted(len(self.steps), "step")


@dataclass(frozen=True)
class LadderPlace:
    """Where an exercise stands on one ladder, with its neighbours."""

    ladder: Ladder
    step: LadderStepView
    count: int
    previous: Exercise | None
    next: Exercise | None


@dataclass(frozen=True)
class MediaView:
    """One photo or video as every output shows it. Paths (`src`, `srcset`) are under the
    site's root; `at(root)` and `srcset_at(root)` put them below a page's way to the root."""

    kind: str
    alt: str
    caption: str | None
    credit: str | None
    license: str
    license_name: str
    license_url: str | None
    source_url: str | None
    card: bool
    src: str | None = None
    width: int | None = None
    height: int | None = None
    srcset: tuple[tuple[str, int], ...] = ()
    url: str | None = None
    host: str | None = None
    player: str | None = None

    @property
    def local(self) -> bool:
        return self.src is not None

    @property
    def known_license(self) -> bool:
        return self.license != UNKNOWN

    @property
    def credit_line(self) -> str:
        """'Photo: Ana Ruiz · CC BY 4.0', 'Free Exercise DB · license unknown'."""
        return " · ".join(filter(None, (self.credit, self.license_name)))

    def at(self, root: str) -> str:
        return f"{root}{self.src}" if self.src else (self.url or "")

    def srcset_at(self, root: str) -> str:
        return ", ".join(f"{root}{path} {width}w" for path, width in self.srcset)


def media_view(item: Media, files: MediaFiles) -> MediaView:
    """A media item with its license spelled out, and for a photo in `content/media/` its
    size and web copies, for a video its host and player."""
    name, url = LICENSES.get(item.license, ("license unknown", None))
    host = urlsplit(item.url).hostname.removeprefix("www.") if item.url else None
    common = dict(
        kind=item.kind,
        alt=item.alt or item.caption or f"Video on {host}",
        caption=item.caption,
        credit=item.credit,
        license=item.license,
        license_name=name,
        license_url=url,
        source_url=item.source_url,
        card=item.card,
    )
    if item.kind == "video":
        player = video_player(item.url)
        return MediaView(**common, url=item.url, host=player.host, player=player.embed)
    if item.file is None:
        return MediaView(**common, url=item.url, host=host)
    image = files.images[item.file]
    srcset = tuple((image.web_name(width), width) for width in image.web_widths())
    return MediaView(**common, src=image.name, width=image.width, height=image.height, srcset=srcset)


@dataclass(frozen=True)
class ExerciseView:
    """What every output shows of one exercise."""

    exercise: Exercise
    level: str
    equipment: str
    doses: list[Dose]
    glance: list[tuple[str, str]]
    checks: list[FaultCheck]
    figures: list[Figure]
    key_figure: Figure | None
    places: list[LadderPlace]
    menus: list[Menu]
    differences: list[Difference]
    sources: list[Source]
    credit: str
    tags: list[str]
    media: list[MediaView]

    @property
    def card_photo(self) -> MediaView | None:
        return next((item for item in self.media if item.card), None)

    @property
    def dose_table(self) -> tuple[list[str], list[list[str]]]:
        """The Prescriptions table, headers and rows, without the columns no dose fills."""
        rows = [dose.cells for dose in self.doses]
        kept = [index for index in range(len(DOSE_COLUMNS)) if any(row[index] for row in rows)]
        return [DOSE_COLUMNS[index] for index in kept], [[row[index] for index in kept] for row in rows]


@dataclass(frozen=True)
class FaultView:
    """What every output shows of one fault."""

    fault: Fault
    figure: Figure | None
    drills: list[Exercise]
    prone: list[Exercise]
    differences: list[Difference]
    sources: list[Source]
    media: list[MediaView]


def fault_view(library: Library, fault: Fault) -> FaultView:
    return FaultView(
        fault,
        fault_figure(fault),
        [library.exercises[drill] for drill in fault.drills],
        library.exercises_prone_to(fault),
        differences(fault, library),
        [library.sources[source] for source in fault.sources],
        [media_view(item, library.media) for item in fault.media],
    )


@dataclass(frozen=True)
class Views:
    """The view of every exercise, fault and ladder, by id."""

    exercises: dict[str, ExerciseView]
    faults: dict[str, FaultView]
    ladders: dict[str, LadderView]
    names: SiteNames


@dataclass(frozen=True)
class SiteNames:
    """Whose site it is: the names generated files carry (doses, oEmbed, decks, manifest),
    from `mkdocs.yml` (`site_name`, `site_author`, the plugin's `editors_label` and `icon`)."""

    site: str = "Exercise library"
    author: str = ""
    editors_label: str = EDITORS_LABEL
    icon: str = ICON

    @property
    def author_or_site(self) -> str:
        return self.author or self.site


DEFAULT_NAMES = SiteNames()


def library_views(library: Library, names: SiteNames = DEFAULT_NAMES) -> Views:
    figures = {
        exercise.id: [position_figure(position) for position in exercise.positions]
        for exercise in library.exercises.values()
    }
    key_figures = {
        exercise.id: _key_figure(exercise, figures[exercise.id]) for exercise in library.exercises.values()
    }
    faults = {fault.id: fault_view(library, fault) for fault in library.faults.values()}
    ladders = {
        ladder.id: ladder_view(library, ladder, key_figures, names.editors_label)
        for ladder in library.ladders.values()
    }
    places: dict[str, list[LadderPlace]] = {}
    for ladder in by_name(library.ladders.values()):
        view = ladders[ladder.id]
        steps = view.steps
        for index, step in enumerate(steps):
            places.setdefault(step.exercise.id, []).append(
                LadderPlace(
                    ladder=view.ladder,
                    step=step,
                    count=len(steps),
                    previous=steps[index - 1].exercise if index > 0 else None,
                    next=steps[index + 1].exercise if index + 1 < len(steps) else None,
                )
            )
    exercises = {
        exercise.id: exercise_view(
            library,
            exercise,
            places.get(exercise.id, []),
            figures[exercise.id],
            key_figures[exercise.id],
            faults,
            names.editors_label,
        )
        for exercise in library.exercises.values()
    }
    return Views(exercises, faults, ladders, names)


def exercise_view(
    library: Library,
    exercise: Exercise,
    places: list[LadderPlace],
    figures: list[Figure],
    key_figure: Figure | None,
    faults: dict[str, FaultView],
    editors_label: str,
) -> ExerciseView:
    doses = [Dose.of(prescription, library, editors_label) for prescription in exercise.prescriptions]
    level = level_label(exercise.level)
    equipment = equipment_label(exercise)
    glance = [
        ("Level", level),
        ("Pattern", exercise.pattern),
        ("Equipment", equipment),
        ("Main muscles", ", ".join(exercise.muscles.primary)),
    ]
    if exercise.lifted_from:
        glance.insert(3, ("Lifted from", LIFTED_FROM_LABELS[exercise.lifted_from]))
    if exercise.muscles.secondary:
        glance.append(("Also works", ", ".join(exercise.muscles.secondary)))
    glance += [("Sets × reps", f"{d.amount} ({d.prescription.goal}; {d.origin})") for d in doses]
    checks = [
        FaultCheck(faults[link.fault], link.note, chosen_fix(exercise, link, library.faults[link.fault]))
        for link in exercise.faults
    ]
    sources = [library.sources[source] for source in exercise.sources]
    tags = [
        f"Level {exercise.level}: {LEVEL_NAMES[exercise.level]}",
        f"Pattern: {exercise.pattern}",
        *(f"Equipment: {item}" for item in exercise.equipment or [BODYWEIGHT]),
        *(f"Muscle: {muscle}" for muscle in exercise.muscles.primary),
    ]
    media = [media_view(item, library.media) for item in exercise.media]
    return ExerciseView(
        exercise,
        level,
        equipment,
        doses,
        glance,
        checks,
        figures,
        key_figure,
        places,
        library.menus_offering(exercise),
        differences(exercise, library),
        sources,
        credit_line(sources),
        tags,
        media,
    )


def _key_figure(exercise: Exercise, figures: list[Figure]) -> Figure | None:
    """The figure of the position that teaches the lift, drawn where there is room for one
    (card, embed, ladder and menu posters): the exercise's `card_position`; else, for a lift
    from the floor, pins or blocks, its `start`, the set-up; else the bottom of the movement."""
    key = card_position(exercise)
    if not key:
        return None
    return replace(figures[exercise.positions.index(key)], fitted=fitted_pose_svg(key))


def card_position(exercise: Exercise) -> Position | None:
    named = exercise.card_position or ("start" if exercise.lifted_from else None)
    positions = {position.name: position for position in exercise.positions}
    return positions.get(named) or key_position(exercise.positions)


def ladder_view(
    library: Library, ladder: Ladder, key_figures: dict[str, Figure | None], editors_label: str
) -> LadderView:
    """A ladder's steps; a step without its own prescription takes its exercise's first."""
    steps = []
    for number, step in enumerate(ladder.steps, start=1):
        exercise = library.exercises[step.exercise]
        prescription = step.prescription or (exercise.prescriptions[0] if exercise.prescriptions else None)
        steps.append(
            LadderStepView(
                number=number,
                exercise=exercise,
                figure=key_figures[exercise.id],
                dose=Dose.of(prescription, library, editors_label) if prescription else None,
                move_on=step.move_on,
                step_back=step.step_back,
                last=number == len(ladder.steps),
            )
        )
    return LadderView(ladder, steps, [library.sources[source] for source in ladder.sources])
