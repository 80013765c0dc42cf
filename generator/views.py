"""One view of each record: what the page, the card, the embed and the data files show of it,
computed once from the Library. Renderers and templates read these; none rebuilds them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from markupsafe import Markup

from .figures import FittedFigure, fault_svg, fitted_pose_svg, key_position, pose_svg
from .i18n import ENGLISH, Words, words_for
from .library import Library, chosen_fix
from .licenses import LICENSES, UNKNOWN
from .media import MediaFiles, video_player
from .model import EDITORS, Exercise, Fault, Fix, Ladder, Media, Menu, Prescription, Source
from .pose import Position
from .scope import EVERY_RECORD, Scope

EDITORS_LABEL = words_for(ENGLISH)("common.editors")
ICON = "assets/drillbook-icon.svg"
DOSE_COLUMNS = ("goal", "sets_reps", "load", "tempo", "rest", "note", "origin")

Named = TypeVar("Named", Fault, Ladder, Menu)


def exercises_in_order(library: Library) -> list[Exercise]:
    """The exercises as every list shows them (indexes, browse pages, cards, decks): by
    level, then by name."""
    return sorted(library.exercises.values(), key=lambda e: (e.level, e.name.lower(), e.id))


def by_name(records: Iterable[Named]) -> list[Named]:
    """Faults, ladders or menus as every list shows them: by name."""
    return sorted(records, key=lambda record: (record.name.lower(), record.id))


def level_label(level: int, words: Words) -> str:
    """'2 · Novice'."""
    return words("common.level_label", level=level, name=words(f"common.level.{level}"))


def dose(prescription: Prescription, words: Words) -> str:
    """'3 × 8–12', '12–15 reps', '3 × 20 s', with 'each side' where it applies."""
    if prescription.seconds:
        amount = words("common.seconds", amount=words.number(prescription.seconds))
    else:
        reps = str(prescription.reps)
        amount = words.number(reps if "-" in reps else int(reps))
        if not prescription.sets:
            amount = words("common.reps", count=int(reps.split("-")[-1]), amount=amount)
    if prescription.sets:
        amount = words("common.sets_by", sets=words.number(prescription.sets), amount=amount)
    return words("common.each_side", dose=amount) if prescription.per_side else amount


def equipment_label(exercise: Exercise, words: Words) -> str:
    """'Barbell or dumbbell' when any one item will do, 'Barbell and power rack' when all
    are needed, 'Bodyweight' when the list is empty."""
    items = exercise.equipment
    if not items:
        return words("common.bodyweight")
    lower = words("common.list_case") == "lower"  # German keeps its nouns' capitals
    names = [items[0], *(item[0].lower() + item[1:] if lower else item for item in items[1:])]
    return word_list(
        names, words, "common.list_or" if exercise.equipment_mode == "any" else "common.list_and"
    )


def word_list(names: list[str], words: Words, joiner: str = "common.list_and") -> str:
    """'a, b and c' (or with `joiner` common.list_or, 'a, b or c') in the site's language."""
    if len(names) == 1:
        return names[0]
    return words(joiner, items=words("common.list_separator").join(names[:-1]), last=names[-1])


def source_name(source: Source) -> str:
    """The name a reader knows a source by: its publisher, else its title."""
    return source.publisher or source.title


def dose_origin(prescription: Prescription, library: Library, names: SiteNames) -> str:
    """'from Balance Guy Training' for a dose an article gave, the site's `editors_label`
    ("Editors' suggestion") for the editors'."""
    if prescription.source == EDITORS:
        return names.editors_label
    return names.words("common.from_source", source=source_name(library.sources[prescription.source]))


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
    def of(cls, prescription: Prescription, library: Library, names: SiteNames) -> Dose:
        return cls(prescription, dose(prescription, names.words), dose_origin(prescription, library, names))

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


def fault_figure(fault: Fault, words: Words) -> Figure | None:
    if not fault.positions:
        return None
    poses = fault.positions
    return Figure(fault_svg(poses, words), [poses.correct.caption, poses.faulty.caption])


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
    move_on_label: str  # "Move on when:", or on the last step "Goal reached when:"


@dataclass(frozen=True)
class LadderView:
    ladder: Ladder
    steps: list[LadderStepView]
    sources: list[Source]
    step_count: str  # "6 steps"


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


def media_view(item: Media, files: MediaFiles, words: Words) -> MediaView:
    """A media item with its license spelled out, and for a photo in `content/media/` its
    size and web copies, for a video its host and player."""
    name, url = LICENSES.get(item.license, (words("common.license_unknown"), None))
    host = urlsplit(item.url).hostname.removeprefix("www.") if item.url else None
    common = dict(
        kind=item.kind,
        alt=item.alt or item.caption or words("common.video_on", host=host),
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
    fixes: list[tuple[Fix, str]]  # each fix with what it needs ("needs a stick"), "" for nothing


def fault_view(library: Library, fault: Fault, words: Words) -> FaultView:
    return FaultView(
        fault,
        fault_figure(fault, words),
        [library.exercises[drill] for drill in fault.drills],
        library.exercises_prone_to(fault),
        differences(fault, library),
        [library.sources[source] for source in fault.sources],
        [media_view(item, library.media, words) for item in fault.media],
        [(fix, needs_label(fix, words)) for fix in fault.fix],
    )


def needs_label(fix: Fix, words: Words) -> str:
    """What a fix needs, in the site's words: 'needs a stick and a wall', 'braucht: Stab und
    Wand'; '' for nothing. The needs are the coach's words; only English puts an article before
    each (model.needs_phrase, which `check` also uses)."""
    if not fix.needs:
        return ""
    if words.locale.language == ENGLISH:
        phrase = fix.needs_label
    else:
        phrase = word_list([need.replace("-", " ") for need in fix.needs], words)
    return words("pages.fault.needs", needs=phrase)


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
    from `mkdocs.yml` (`site_name`, `site_author`, the plugin's `editors_label` and `icon`),
    the language they are written in, and the form of its page addresses."""

    site: str = "Exercise library"
    author: str = ""
    editors_label: str = EDITORS_LABEL
    icon: str = ICON
    language: str = ENGLISH
    catalogue: Path | None = None
    directory_urls: bool = True  # MkDocs' use_directory_urls: `exercises/rdl/`, not `exercises/rdl.html`

    @property
    def words(self) -> Words:
        """Drillbook's own words in the site's language (i18n.py)."""
        return words_for(self.language, self.catalogue)

    @property
    def author_or_site(self) -> str:
        return self.author or self.site

    def record_url(self, kind: str, record_id: str) -> str:
        """The built address, from the site's root, of a record's page of `kind` (`exercises`,
        `cards`, `embed`, …)."""
        return built_url(f"{kind}/{record_id}.md", self.directory_urls)


def built_url(path: str, directory_urls: bool) -> str:
    """The address MkDocs gives the page at `path` under docs/ (its File.url):
    `exercises/rdl.md` is `exercises/rdl/`, or `exercises/rdl.html` without directory URLs."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index") if directory_urls else f"{stem}.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


DEFAULT_NAMES = SiteNames()


def library_views(
    library: Library, names: SiteNames = DEFAULT_NAMES, scope: Scope = EVERY_RECORD, kept: Views | None = None
) -> Views:
    """The view of every record. With `kept`, the last run's views, only the records in a
    partial `scope` are viewed again: a view shows records up to REACH links away, as the
    record's own outputs do (scope.py), so the view of a record outside it is unchanged."""

    def renewed(kind: str, record_id: str) -> bool:
        return kept is None or (kind, record_id) in scope

    figures, key_figures = {}, {}
    for exercise in library.exercises.values():
        if renewed("exercises", exercise.id):
            figures[exercise.id] = [position_figure(position) for position in exercise.positions]
            key_figures[exercise.id] = _key_figure(exercise, figures[exercise.id])
        else:
            figures[exercise.id] = kept.exercises[exercise.id].figures
            key_figures[exercise.id] = kept.exercises[exercise.id].key_figure
    faults = {
        fault.id: fault_view(library, fault, names.words)
        if renewed("faults", fault.id)
        else kept.faults[fault.id]
        for fault in library.faults.values()
    }
    ladders = {
        ladder.id: ladder_view(library, ladder, key_figures, names)
        if renewed("ladders", ladder.id)
        else kept.ladders[ladder.id]
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
            names,
        )
        if renewed("exercises", exercise.id)
        else kept.exercises[exercise.id]
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
    names: SiteNames,
) -> ExerciseView:
    words = names.words
    doses = [Dose.of(prescription, library, names) for prescription in exercise.prescriptions]
    level = level_label(exercise.level, words)
    equipment = equipment_label(exercise, words)
    listed = words("common.list_separator").join
    glance = [
        (words("common.glance.level"), level),
        (words("common.glance.pattern"), exercise.pattern),
        (words("common.glance.equipment"), equipment),
        (words("common.glance.main_muscles"), listed(exercise.muscles.primary)),
    ]
    if exercise.lifted_from:
        glance.insert(
            3, (words("common.glance.lifted_from"), words(f"common.lifted_from.{exercise.lifted_from}"))
        )
    if exercise.muscles.secondary:
        glance.append((words("common.glance.also_works"), listed(exercise.muscles.secondary)))
    glance += [
        (
            words("common.glance.sets_reps"),
            words("common.glance.dose", amount=d.amount, goal=d.prescription.goal, origin=d.origin),
        )
        for d in doses
    ]
    checks = [
        FaultCheck(faults[link.fault], link.note, chosen_fix(exercise, link, library.faults[link.fault]))
        for link in exercise.faults
    ]
    sources = [library.sources[source] for source in exercise.sources]
    tags = [
        words("common.tag.level", level=exercise.level, name=words(f"common.level.{exercise.level}")),
        words("common.tag.pattern", value=exercise.pattern),
        *(
            words("common.tag.equipment", value=item)
            for item in exercise.equipment or [words("common.bodyweight")]
        ),
        *(words("common.tag.muscle", value=muscle) for muscle in exercise.muscles.primary),
    ]
    media = [media_view(item, library.media, words) for item in exercise.media]
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
    library: Library, ladder: Ladder, key_figures: dict[str, Figure | None], names: SiteNames
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
                dose=Dose.of(prescription, library, names) if prescription else None,
                move_on=step.move_on,
                step_back=step.step_back,
                move_on_label=names.words(
                    "common.goal_reached_when" if number == len(ladder.steps) else "common.move_on_when"
                ),
            )
        )
    sources = [library.sources[source] for source in ladder.sources]
    return LadderView(ladder, steps, sources, names.words("common.steps", count=len(steps)))
