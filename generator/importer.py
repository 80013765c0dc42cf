"""Turn another dataset's exercises into Drillbook records in `content/`.

Only what the dataset says is carried over: steps, muscles, equipment, level. Cues, faults
and prescriptions are coaching, and a coach writes them; nothing here invents them."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TextIO

import yaml
from pydantic import ValidationError

from .errors import DrillbookError, counted, display_path
from .licenses import UNKNOWN
from .load import record_files
from .media import MAX_IMAGE_BYTES, MEDIA_FOLDER, RASTER_FORMATS, image_format
from .model import LIMITS, Exercise, Source
from .write import atomic_write

MAX_DATASET_BYTES = 64 * 1024 * 1024
PROGRESS_FROM = 100  # entries or photos; fewer go too fast for progress to matter
MAX_MEDIA = Exercise.model_fields["media"].metadata[-1].max_length

FREE_EXERCISE_DB = Source(
    id="free-exercise-db",
    title="Free Exercise DB",
    author="yuhonas",
    url="https://github.com/yuhonas/free-exercise-db",
    drew="The imported exercises: their names, levels, equipment, primary and secondary "
    "muscles, and step-by-step instructions. The dataset is public domain (Unlicense).",
)
LEVELS = {"beginner": 1, "intermediate": 3, "expert": 5}
EQUIPMENT = {
    "body only": None,
    "e-z curl bar": "EZ curl bar",
    "foam roll": "Foam roller",
    "kettlebells": "Kettlebell",
    "bands": "Band",
}
# Name keywords that say more about the movement than `force` does, tried in order.
PATTERN_WORDS = [
    (
        "hinge",
        (
            "deadlift",
            "good morning",
            "hip thrust",
            "glute bridge",
            "swing",
            "hyperextension",
            "pull through",
            "pull-through",
        ),
    ),
    ("lunge", ("lunge", "split squat", "step-up", "step up")),
    ("squat", ("squat", "leg press")),
    ("carry", ("carry", "farmer")),
    ("olympic-lift", ("clean", "snatch", "jerk")),
]
CATEGORY_PATTERNS = {"stretching": "stretch", "cardio": "cardio", "plyometrics": "plyometric"}
FORCE_PATTERNS = {"push": "push", "pull": "pull", "static": "static"}
SCHEMA_LINE = "# yaml-language-server: $schema=../../docs/schemas/{}.schema.json\n"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass
class ImportReport:
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    source: Path | None = None
    photos: int = 0

    def lines(self) -> list[str]:
        """One line per record that was not imported as it stood, then a summary."""
        summary = (
            f"Imported {counted(len(self.written), 'exercise')}"
            f"; {len(self.renamed)} renamed, {len(self.changed)} changed, "
            f"{len(self.skipped)} skipped"
        )
        if self.photos:
            summary += (
                f"; {counted(self.photos, 'photo')} copied into content/{MEDIA_FOLDER}/ (license unknown)"
            )
        if self.source:
            summary += f"; credited in {display_path(self.source)}"
        return [*self.renamed, *self.changed, *self.skipped, summary]


class Skip(Exception):
    """This entry cannot become a valid record; the message says why."""


def import_free_exercise_db(
    dataset: Path,
    content_dir: Path,
    *,
    force: bool = False,
    progress: TextIO | None = None,
    images: Path | None = None,
) -> ImportReport:
    """Write one exercise record per usable entry of a free-exercise-db JSON file; with
    `images` (the dataset's `exercises/` folder), copy each entry's photos too.

    Every record is built and validated before the first file is written. Ids come from
    the names, so the same file always gives the same ids; an existing record is kept
    unless `force` is set."""
    if not content_dir.is_dir():
        raise DrillbookError(
            f"content folder {display_path(content_dir)} not found; create it or pass --into"
        )
    if images is not None and not images.is_dir():
        raise DrillbookError(
            f"image folder {display_path(images)} not found; pass the dataset's `exercises/` folder"
        )
    entries = _read_dataset(dataset)
    report = ImportReport()
    existing = {(kind, path.stem): path for kind, path in record_files(content_dir)}
    taken: dict[str, str] = {}
    planned: list[tuple[Path, str]] = []
    photos: list[tuple[Path, Path]] = []
    tick = _progress(len(entries), progress)
    for number, entry in enumerate(entries, start=1):
        tick(number)
        label = _label(number, entry)
        try:
            if not isinstance(entry, dict):
                raise Skip(f"not an object but {_json_type(entry)}")
            data, notes = exercise_data(entry)
        except Skip as reason:
            report.skipped.append(f"skipped {label}: {reason}")
            continue
        base = data["id"]
        record_id = _unused(base, taken)
        if record_id != base:
            report.renamed.append(f"renamed {label} to `{record_id}`: `{base}` is {taken[base]}")
        taken[record_id] = f"taken by {label}"
        data["id"] = record_id
        target = existing.get(("exercises", record_id), content_dir / "exercises" / f"{record_id}.yml")
        if ("exercises", record_id) in existing and not force:
            report.skipped.append(
                f"skipped {label}: {display_path(target)} already exists; use --force to overwrite it"
            )
            continue
        if images is not None:
            copies, photo_notes = dataset_photos(entry, record_id, images)
            notes += photo_notes
            data["media"] = [media for _, _, media in copies]
            photos += [(source, content_dir / media["file"]) for source, _, media in copies]
        try:
            exercise = Exercise.model_validate(data)
        except ValidationError:
            report.skipped.append(f"skipped {label}: no free id is left for `{base}`")
            continue
        report.changed += [f"changed {label}: {note}" for note in notes]
        planned.append((target, record_text("exercise", exercise)))
    source_target = existing.get(
        ("sources", FREE_EXERCISE_DB.id), content_dir / "sources" / f"{FREE_EXERCISE_DB.id}.yml"
    )
    if planned and (force or ("sources", FREE_EXERCISE_DB.id) not in existing):
        planned.append((source_target, record_text("source", FREE_EXERCISE_DB)))
    if planned:
        report.source = source_target
    copying = _progress(len(photos), progress, "Copying photos", "photos copied")
    for number, (source, target) in enumerate(photos, start=1):
        copying(number)
        atomic_write(target, source.read_bytes())
    report.photos = len(photos)
    for target, text in planned:
        atomic_write(target, text.encode("utf-8"))
        if target != source_target:
            report.written.append(target)
    return report


def dataset_photos(
    entry: dict, record_id: str, folder: Path
) -> tuple[list[tuple[Path, str, dict]], list[str]]:
    """(file in the dataset, name, media item) for each usable photo the entry's `images`
    names, at most as many as a record holds; a note for each one left out."""
    copies, notes = [], []
    named = [item for item in entry.get("images") or [] if isinstance(item, str)]
    name = _text(entry.get("name"))
    for number, relative in enumerate(named[:MAX_MEDIA], start=1):
        source = folder / relative
        pure = PurePosixPath(relative)
        suffix = pure.suffix.lower()
        if pure.is_absolute() or ".." in pure.parts or suffix not in RASTER_FORMATS:
            notes.append(f"photo `{relative}` left out: not a photo inside the image folder")
        elif not source.is_file():
            notes.append(f"photo `{relative}` left out: no such file in {display_path(folder)}")
        elif source.stat().st_size > MAX_IMAGE_BYTES:
            notes.append(f"photo `{relative}` left out: larger than {MAX_IMAGE_BYTES // 1024 // 1024} MB")
        elif image_format(source) != RASTER_FORMATS[suffix]:
            notes.append(f"photo `{relative}` left out: not a readable {RASTER_FORMATS[suffix]} image")
        else:
            file = f"{MEDIA_FOLDER}/{FREE_EXERCISE_DB.id}/{record_id}-{number - 1}{suffix}"
            alt = _shorten(f"{name}: photo {number} of {min(len(named), MAX_MEDIA)} in Free Exercise DB", 200)
            media = {
                "kind": "image",
                "file": file,
                "alt": alt,
                "credit": FREE_EXERCISE_DB.title,
                "license": UNKNOWN,
                "source_url": FREE_EXERCISE_DB.url,
            }
            copies.append((source, file, media))
    if len(named) > MAX_MEDIA:
        notes.append(f"{len(named) - MAX_MEDIA} photos left out: a record holds {MAX_MEDIA}")
    return copies, notes


def exercise_data(entry: dict) -> tuple[dict, list[str]]:
    """The record for one dataset entry, and a note for each text that had to be cut or split."""
    name = _text(entry.get("name"))
    if not name:
        raise Skip("no `name`")
    notes: list[str] = []
    if len(name) > LIMITS["name"]:
        notes.append(f"name cut to {LIMITS['name']} characters")
        name = _shorten(name, LIMITS["name"])
    level = LEVELS.get(_text(entry.get("level")).lower())
    if level is None:
        raise Skip(f"`level` is {json.dumps(entry.get('level'))}; expected beginner, intermediate or expert")
    primary = _muscles(entry.get("primaryMuscles"))
    if not primary:
        raise Skip("no `primaryMuscles`; a record needs at least one main muscle")
    secondary = [m for m in _muscles(entry.get("secondaryMuscles")) if m not in primary]
    steps, step_notes = _steps(entry.get("instructions"))
    notes += step_notes
    equipment = _equipment(entry.get("equipment"))
    data = {
        "id": slugify(name) or slugify(_text(entry.get("id"))) or _hashed_id(name),
        "name": name,
        "pattern": movement_pattern(entry, name),
        "level": level,
        "equipment": [equipment] if equipment else [],
        "muscles": {"primary": primary, "secondary": secondary},
        "summary": _summary(entry, primary, equipment),
        "steps": steps,
        "sources": [FREE_EXERCISE_DB.id],
    }
    try:
        Exercise.model_validate(data)
    except ValidationError as error:
        detail = error.errors()[0]
        where = ".".join(str(part) for part in detail["loc"])
        raise Skip(f"`{where}`: {detail['msg']}") from None
    return data, notes


def slugify(text: str) -> str:
    """A record id from a name: ASCII letters and digits joined by single hyphens,
    cut at a hyphen to fit the id limit."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    limit = LIMITS["slug"] - 3  # room for a "-99" suffix when names collide
    if len(slug) > limit:
        slug = slug[: limit + 1].rsplit("-", 1)[0] if "-" in slug[: limit + 1] else slug[:limit]
    return slug.strip("-")


def movement_pattern(entry: dict, name: str) -> str:
    """A pattern slug from what the entry says: the category for stretches and cardio,
    then words in the name, then the force, then the category."""
    category = _text(entry.get("category")).lower()
    if category in CATEGORY_PATTERNS:
        return CATEGORY_PATTERNS[category]
    lowered = name.lower()
    for pattern, words in PATTERN_WORDS:
        if any(re.search(rf"\b{re.escape(word)}", lowered) for word in words):
            return pattern
    force = _text(entry.get("force")).lower()
    if force in FORCE_PATTERNS:
        return FORCE_PATTERNS[force]
    return slugify(category) or "other"


def record_text(schema: str, model) -> str:
    """The YAML file for a record, with the schema line editors read first."""
    data = json.loads(model.model_dump_json(exclude_defaults=True))  # fresh objects: no aliases
    for item in data.get("media", []):
        item["license"] = item.get("license", UNKNOWN)  # written out: a reader should see it
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return SCHEMA_LINE.format(schema) + body


def _read_dataset(path: Path) -> list:
    try:
        size = path.stat().st_size
        if size > MAX_DATASET_BYTES:
            raise DrillbookError(
                f"{display_path(path)} is {size:,} bytes; the import reads at most {MAX_DATASET_BYTES:,}"
            )
        data = json.loads(path.read_text("utf-8"))
    except OSError as error:
        raise DrillbookError(f"cannot read {display_path(path)}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise DrillbookError(f"{display_path(path)} is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise DrillbookError(
            f"{display_path(path)}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
        ) from None
    if not isinstance(data, list):
        raise DrillbookError(
            f"{display_path(path)} holds {_json_type(data)}; a free-exercise-db "
            "file is a JSON array of exercise objects"
        )
    return data


def _progress(
    total: int, stream: TextIO | None, doing: str = "Importing", done: str = "entries read"
) -> Callable[[int], None]:
    """A counter on one line when `stream` is a terminal, else a line at each quarter."""
    if stream is None or total < PROGRESS_FROM:
        return lambda number: None
    if stream.isatty():

        def tick(number: int) -> None:
            stream.write(f"\r{doing} {number}/{total}")
            if number == total:
                stream.write("\n")
            stream.flush()
    else:
        marks = {max(1, total * quarter // 4) for quarter in range(1, 5)}

        def tick(number: int) -> None:
            if number in marks:
                print(f"{doing}: {number}/{total} {done}", file=stream, flush=True)

    return tick


def _label(number: int, entry) -> str:
    name = entry.get("name") if isinstance(entry, dict) else None
    return f"entry {number}" + (f" ({_text(name)[: LIMITS['name']]})" if _text(name) else "")


def _json_type(value) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "an object"


def _text(value) -> str:
    """A string value with its whitespace (tabs and line breaks too) collapsed; else ''."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _muscles(value) -> list[str]:
    muscles: list[str] = []
    for item in value if isinstance(value, list) else []:
        muscle = _sentence_case(_shorten(_text(item), LIMITS["name"]))
        if muscle and muscle not in muscles:
            muscles.append(muscle)
    return muscles[:8]


def _equipment(value) -> str | None:
    text = _text(value).lower()
    if not text or (text in EQUIPMENT and EQUIPMENT[text] is None):
        return None
    return EQUIPMENT.get(text) or _sentence_case(_shorten(text, LIMITS["name"]))


def _steps(value) -> tuple[list[str], list[str]]:
    """Instructions as steps of at most LIMITS['line'] characters, with no word lost: long
    instructions are split between sentences, a sentence longer than a step between
    clauses or words, and steps are joined again when there are more than a record holds."""
    limit, notes, pieces = LIMITS["line"], [], []
    instructions = [_text(item) for item in (value if isinstance(value, list) else [value])]
    for index, instruction in enumerate(filter(None, instructions), start=1):
        for sentence in _SENTENCE_END.split(instruction):
            parts = _split_sentence(sentence, limit)
            if len(parts) > 1:
                notes.append(
                    f"a {len(sentence)}-character sentence of instruction {index} "
                    f"split over {len(parts)} steps"
                )
            pieces += parts
    if not pieces:
        raise Skip("no `instructions` to make steps from")
    steps = _pack(pieces, limit) if len(pieces) > LIMITS["list"] else pieces
    if len(steps) > LIMITS["list"]:
        raise Skip(
            f"the instructions need {len(steps)} steps of at most {limit} characters; "
            f"a record holds {LIMITS['list']}"
        )
    return steps, notes


def _pack(pieces: list[str], limit: int) -> list[str]:
    steps: list[str] = []
    for piece in pieces:
        if steps and len(steps[-1]) + 1 + len(piece) <= limit:
            steps[-1] += " " + piece
        else:
            steps.append(piece)
    return steps


def _split_sentence(sentence: str, limit: int) -> list[str]:
    """`sentence` in pieces of at most `limit` characters, broken after the last clause
    (`;` or `,`) that fits, else after the last word; a word longer than `limit` is cut."""
    parts = []
    while len(sentence) > limit:
        head = sentence[: limit + 1]
        cut = max(head.rfind("; "), head.rfind(", "))
        cut = cut + 1 if cut > limit // 3 else head.rfind(" ")
        if cut <= 0:
            parts.append(_shorten(sentence.split(" ", 1)[0], limit))
            sentence = sentence.split(" ", 1)[1] if " " in sentence else ""
            continue
        parts.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    return [*parts, sentence] if sentence else parts


def _shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, ending with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def _summary(entry: dict, primary: list[str], equipment: str | None) -> str:
    kind = " ".join(filter(None, (_text(entry.get("mechanic")).lower(), _text(entry.get("force")).lower())))
    category = _text(entry.get("category")).lower()
    muscles = ", ".join(m.lower() for m in primary)
    text = f"A {kind} exercise" if kind else "An exercise"
    text += f" for the {muscles}. Equipment: {equipment.lower() if equipment else 'bodyweight'}."
    if category:
        text += f" Category in the dataset: {category}."
    return _shorten(text, LIMITS["text"])


def _unused(base: str, taken: dict[str, str]) -> str:
    number = 2
    record_id = base
    while record_id in taken:
        record_id = f"{base}-{number}"
        number += 1
    return record_id


def _hashed_id(name: str) -> str:
    return "exercise-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
