"""One view of each record: what the page, the card, the embed and the data files show of it,
computed once from the Library. Renderers and templates read these; none rebuilds them."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from .errors import counted
from .library import Library
from .licenses import LICENSES, UNKNOWN
from .media import MediaFiles, video_player
from .model import LEVEL_NAMES, Exercise, Fault, Ladder, Media, Prescription, Source

BODYWEIGHT = "Bodyweight"


def level_label(level: int) -> str:
    return f"{level} · {LEVEL_NAMES[level]}"


def dose(prescription: Prescription) -> str:
    """'3 × 8–12', '12–15 reps', with 'each side' where it applies."""
    reps = prescription.reps.replace("-", "–")
    text = f"{prescription.sets} × {reps}" if prescription.sets else f"{reps} reps"
    return f"{text} each side" if prescription.per_side else text


def equipment_label(exercise: Exercise) -> str:
    return ", ".join(exercise.equipment) or BODYWEIGHT


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

    @classmethod
    def of(cls, prescription: Prescription) -> Dose:
        return cls(prescription, dose(prescription))


@dataclass(frozen=True)
class FaultCheck:
    """One line of an exercise's fault checklist."""

    fault: Fault
    note: str | None
    drills: list[Exercise]


@dataclass(frozen=True)
class LadderStepView:
    """One step of a ladder: its exercise, the dose for this step and when to move on."""

    number: int
    exercise: Exercise
    dose: str
    move_on: str
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
    places: list[LadderPlace]
    sources: list[Source]
    credit: str
    tags: list[str]
    media: list[MediaView]

    @property
    def card_photo(self) -> MediaView | None:
        return next((item for item in self.media if item.card), None)


@dataclass(frozen=True)
class Views:
    """The view of every exercise and ladder, by id."""

    exercises: dict[str, ExerciseView]
    ladders: dict[str, LadderView]
    fault_media: dict[str, list[MediaView]]


def library_views(library: Library) -> Views:
    ladders = {ladder.id: ladder_view(library, ladder) for ladder in library.ladders.values()}
    places: dict[str, list[LadderPlace]] = {}
    for ladder_id in sorted(ladders, key=lambda key: library.ladders[key].name.lower()):
        view = ladders[ladder_id]
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
        exercise.id: exercise_view(library, exercise, places.get(exercise.id, []))
        for exercise in library.exercises.values()
    }
    fault_media = {
        fault.id: [media_view(item, library.media) for item in fault.media]
        for fault in library.faults.values()
    }
    return Views(exercises, ladders, fault_media)


def exercise_view(library: Library, exercise: Exercise, places: list[LadderPlace]) -> ExerciseView:
    doses = [Dose.of(prescription) for prescription in exercise.prescriptions]
    level = level_label(exercise.level)
    equipment = equipment_label(exercise)
    glance = [
        ("Level", level),
        ("Pattern", exercise.pattern),
        ("Equipment", equipment),
        ("Main muscles", ", ".join(exercise.muscles.primary)),
    ]
    if exercise.muscles.secondary:
        glance.append(("Also works", ", ".join(exercise.muscles.secondary)))
    glance += [("Sets × reps", f"{d.amount} ({d.prescription.goal})") for d in doses]
    checks = [
        FaultCheck(
            library.faults[link.fault],
            link.note,
            [library.exercises[drill] for drill in library.faults[link.fault].drills],
        )
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
        exercise, level, equipment, doses, glance, checks, places, sources, credit_line(sources), tags, media
    )


def ladder_view(library: Library, ladder: Ladder) -> LadderView:
    """A ladder's steps; a step without its own prescription takes its exercise's first."""
    steps = []
    for number, step in enumerate(ladder.steps, start=1):
        exercise = library.exercises[step.exercise]
        prescription = step.prescription or (exercise.prescriptions[0] if exercise.prescriptions else None)
        steps.append(
            LadderStepView(
                number=number,
                exercise=exercise,
                dose=dose(prescription) if prescription else "",
                move_on=step.move_on,
                last=number == len(ladder.steps),
            )
        )
    return LadderView(ladder, steps, [library.sources[source] for source in ladder.sources])
