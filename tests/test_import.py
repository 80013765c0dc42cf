"""`drillbook import free-exercise-db`: a dataset file in, records that check and build out."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, drillbook, mkdocs_build

from drillbook.load import load_record
from drillbook.model import LIMITS
from drillbook.pipeline import read_library
from drillbook.validate import validate_record

LONG_SENTENCE = ("Keeping the bar close to the legs the whole way down " * 6).strip() + "."
RAMBLING = " ".join(f"Move number {n} is done slowly and with care." for n in range(1, 41))


def entry(name, **fields):
    base = {
        "id": name.replace(" ", "_") if isinstance(name, str) else "x",
        "name": name,
        "force": "pull",
        "level": "beginner",
        "mechanic": "compound",
        "equipment": "barbell",
        "primaryMuscles": ["hamstrings"],
        "secondaryMuscles": ["glutes", "lower back"],
        "instructions": ["Stand tall with the bar at the hips.", "Push the hips back."],
        "category": "strength",
        "images": [f"{name}/0.jpg"],
    }
    return {**base, **fields}


DATASET = [
    entry("Barbell Deadlift"),
    entry(
        "Push-Up",
        force="push",
        equipment="body only",
        primaryMuscles=["chest"],
        secondaryMuscles=["triceps", "chest"],
        mechanic=None,
    ),
    entry("Push Up", force="push", equipment=None, level="intermediate", primaryMuscles=["chest", "triceps"]),
    entry(
        "Goblet Squat",
        force=None,
        equipment="kettlebells",
        primaryMuscles=["quadriceps"],
        mechanic=None,
        level="expert",
    ),
    entry(
        "Plank",
        force="static",
        equipment="body only",
        primaryMuscles=["abdominals"],
        instructions=[LONG_SENTENCE],
    ),
    entry("Hamstring Stretch", category="stretching", force="pull"),
    entry("Écarté Fly", force="push", equipment="dumbbell", primaryMuscles=["chest"]),
    entry("深蹲", id="Chinese_Squat", force="push", equipment="other"),
    {
        "id": "Bare",
        "name": "Bare Minimum Row",
        "level": "beginner",
        "primaryMuscles": ["middle back"],
        "instructions": ["Pull the handle to the ribs."],
    },
    ["not", "an", "object"],
    entry("No Level Curl", level=None),
    entry("Muscle-free Thing", primaryMuscles=[]),
    {"name": "No Steps Press", "level": "beginner", "primaryMuscles": ["shoulders"]},
    entry("Many Moves", instructions=[RAMBLING]),
    entry("Endless Moves", instructions=[f"Step {n} " + "x" * 150 + "." for n in range(1, 20)]),
    entry("Tab\tand\nnewline Swing", category="strength", instructions=["Swing\tthe bell\nto chest height."]),
    "just a string",
]


def write_dataset(folder: Path, data=DATASET) -> Path:
    path = folder / "exercises.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


RECORD_LINK = re.compile(r"\[([^\]]+)\]\((?:exercises|faults|ladders|menus)/(?!index\.md)[^)]+\.md\)")


@pytest.fixture
def empty_project(tmp_path: Path) -> Path:
    """The project with no records; hand-written pages keep their text but lose links to
    the shipped records, which a new library does not have."""
    content = tmp_path / "empty-content"
    for kind in ("exercises", "faults", "ladders", "sources"):
        (content / kind).mkdir(parents=True)
    project = copy_project(tmp_path / "project", content=content)
    for page in (project / "docs").glob("*.md"):
        page.write_text(RECORD_LINK.sub(r"\1", page.read_text("utf-8")), "utf-8")
    return project


def run_import(project: Path, dataset: Path, *extra: str) -> subprocess.CompletedProcess:
    return drillbook("import", "free-exercise-db", str(dataset), "--into", "content", *extra, cwd=project)


def test_import_into_empty_library_checks_and_builds_strictly(empty_project, tmp_path):
    result = run_import(empty_project, write_dataset(tmp_path))
    assert result.returncode == 0, result.stderr
    records = sorted(p.name for p in (empty_project / "content" / "exercises").glob("*.yml"))
    assert records == [
        "barbell-deadlift.yml",
        "bare-minimum-row.yml",
        "chinese-squat.yml",
        "ecarte-fly.yml",
        "goblet-squat.yml",
        "hamstring-stretch.yml",
        "many-moves.yml",
        "plank.yml",
        "push-up-2.yml",
        "push-up.yml",
        "tab-and-newline-swing.yml",
    ]
    assert (empty_project / "content" / "sources" / "free-exercise-db.yml").is_file()
    check = drillbook("check", cwd=empty_project)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout == "OK: 11 exercises, 0 faults, 0 ladders, 0 menus, 1 source\n"
    mkdocs_build(empty_project)
    page = (empty_project / "site" / "exercises" / "ecarte-fly" / "index.html").read_text("utf-8")
    assert "Écarté Fly" in page
    patterns = (empty_project / "site" / "browse" / "patterns" / "index.html").read_text("utf-8")
    for pattern in ("Hinge", "Push", "Squat", "Static", "Stretch", "Pull"):
        assert f">{pattern}<" in patterns or f"{pattern}</" in patterns


def test_import_reports_every_skip_rename_and_cut(empty_project, tmp_path):
    result = run_import(empty_project, write_dataset(tmp_path))
    lines = result.stdout.splitlines()
    assert lines == [
        "renamed entry 3 (Push Up) to `push-up-2`: `push-up` is taken by entry 2 (Push-Up)",
        f"changed entry 5 (Plank): a {len(LONG_SENTENCE)}-character sentence of "
        "instruction 1 split over 2 steps",
        "skipped entry 10: not an object but a list",
        "skipped entry 11 (No Level Curl): `level` is null; expected beginner, intermediate or expert",
        "skipped entry 12 (Muscle-free Thing): no `primaryMuscles`; a record needs at least one main muscle",
        "skipped entry 13 (No Steps Press): no `instructions` to make steps from",
        "skipped entry 15 (Endless Moves): the instructions need 19 steps of at most 200 "
        "characters; a record holds 12",
        "skipped entry 17: not an object but a string",
        "Imported 11 exercises; 1 renamed, 1 changed, 6 skipped; "
        "credited in content/sources/free-exercise-db.yml",
    ]
    assert result.stderr == ""  # a small file shows no progress


def test_records_carry_the_dataset_and_invent_nothing(empty_project, tmp_path):
    run_import(empty_project, write_dataset(tmp_path))
    exercises = empty_project / "content" / "exercises"
    for path in exercises.glob("*.yml"):
        text = path.read_text("utf-8")
        assert text.startswith("# yaml-language-server: $schema=../../docs/schemas/exercise.schema.json\n")
        record, problems = load_record("exercises", path)
        assert problems == []
        model, invalid = validate_record(record)
        assert invalid == [], path
        assert model.cues == [] and model.faults == [] and model.prescriptions == []
        assert model.sources == ["free-exercise-db"]
        assert all(len(step) <= LIMITS["line"] for step in model.steps)
    deadlift = validate_record(load_record("exercises", exercises / "barbell-deadlift.yml")[0])[0]
    assert deadlift.name == "Barbell Deadlift"
    assert deadlift.pattern == "hinge" and deadlift.level == 1
    assert deadlift.equipment == ["Barbell"]
    assert deadlift.muscles.primary == ["Hamstrings"]
    assert deadlift.muscles.secondary == ["Glutes", "Lower back"]
    assert deadlift.steps == ["Stand tall with the bar at the hips.", "Push the hips back."]

    def model(stem):
        return validate_record(load_record("exercises", exercises / f"{stem}.yml")[0])[0]

    push_up = model("push-up")
    assert (push_up.pattern, push_up.equipment, push_up.muscles.secondary) == ("push", [], ["Triceps"])
    assert model("push-up-2").level == 3
    assert (model("goblet-squat").pattern, model("goblet-squat").level, model("goblet-squat").equipment) == (
        "squat",
        5,
        ["Kettlebell"],
    )
    assert model("plank").pattern == "static"
    assert " ".join(model("plank").steps) == LONG_SENTENCE  # split between words, nothing lost
    assert model("hamstring-stretch").pattern == "stretch"
    assert model("chinese-squat").name == "深蹲"
    assert model("chinese-squat").equipment == ["Other"]
    assert model("bare-minimum-row").equipment == []
    assert model("tab-and-newline-swing").pattern == "hinge"
    assert model("tab-and-newline-swing").steps == ["Swing the bell to chest height."]
    many = model("many-moves")
    assert len(many.steps) <= LIMITS["list"]
    assert " ".join(many.steps) == RAMBLING  # split between sentences, nothing lost
    source = (empty_project / "content" / "sources" / "free-exercise-db.yml").read_text("utf-8")
    assert source.startswith("# yaml-language-server: $schema=../../docs/schemas/source.schema")
    assert "url: https://github.com/yuhonas/free-exercise-db" in source


def test_existing_records_are_kept_unless_forced(empty_project, tmp_path):
    dataset = write_dataset(tmp_path)
    run_import(empty_project, dataset)
    deadlift = empty_project / "content" / "exercises" / "barbell-deadlift.yml"
    deadlift.write_text(deadlift.read_text("utf-8").replace("Barbell Deadlift", "My deadlift"))
    again = run_import(empty_project, dataset)
    assert again.returncode == 0
    assert (
        "skipped entry 1 (Barbell Deadlift): content/exercises/barbell-deadlift.yml "
        "already exists; use --force to overwrite it"
    ) in again.stdout.splitlines()
    assert "Imported 0 exercises" in again.stdout
    assert "My deadlift" in deadlift.read_text("utf-8")
    forced = run_import(empty_project, dataset, "--force")
    assert forced.stdout.splitlines()[-1].startswith("Imported 11 exercises")
    assert "My deadlift" not in deadlift.read_text("utf-8")


def test_import_into_the_shipped_library_builds_strictly(project, tmp_path):
    result = run_import(project, write_dataset(tmp_path))
    assert result.returncode == 0, result.stderr
    library = read_library(project / "content")
    shipped = read_library(ROOT / "content")
    assert len(library.exercises) == len(shipped.exercises) + 11
    assert set(shipped.exercises) <= set(library.exercises)
    mkdocs_build(project)
    assert (project / "site" / "exercises" / "goblet-squat" / "index.html").is_file()
    data = json.loads((project / "site" / "api" / "exercises.json").read_text("utf-8"))
    assert {"goblet-squat", "wall-hip-hinge"} <= {item["id"] for item in data["exercises"]}


@pytest.mark.parametrize(
    "text, message",
    [
        ("{]", "exercises.json:1:2: not valid JSON: Expecting property name enclosed in double quotes"),
        (
            '{"name": "Deadlift"}',
            "exercises.json holds an object; a free-exercise-db file is a JSON array of exercise objects",
        ),
    ],
)
def test_a_file_that_is_not_a_dataset_stops_with_one_error(empty_project, tmp_path, text, message):
    dataset = empty_project / "exercises.json"
    dataset.write_text(text, "utf-8")
    result = drillbook("import", "free-exercise-db", "exercises.json", cwd=empty_project)
    assert result.returncode == 1
    assert result.stderr == f"Error: {message}\n"
    assert list((empty_project / "content" / "exercises").iterdir()) == []


def test_a_missing_content_folder_stops_before_reading(tmp_path):
    result = drillbook(
        "import", "free-exercise-db", str(write_dataset(tmp_path)), "--into", "nowhere", cwd=tmp_path
    )
    assert result.returncode == 1
    assert result.stderr == "Error: content folder nowhere not found; create it or pass --into\n"
    assert not (tmp_path / "nowhere").exists()


def large_dataset(count: int) -> list[dict]:
    return [entry(f"Drill {n}") for n in range(count)]


def test_large_file_prints_a_few_progress_lines_when_not_a_terminal(empty_project, tmp_path):
    result = run_import(empty_project, write_dataset(tmp_path, large_dataset(200)))
    assert result.stderr.splitlines() == [f"Importing: {n}/200 entries read" for n in (50, 100, 150, 200)]
    assert result.stdout.splitlines()[-1].startswith("Imported 200 exercises")


def test_large_file_shows_a_counter_on_a_terminal(empty_project, tmp_path):
    dataset = write_dataset(tmp_path, large_dataset(120))
    leader, follower = pty.openpty()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "drillbook.cli", "import", "free-exercise-db", str(dataset)],
        cwd=empty_project,
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    process.wait()
    os.close(leader)
    text = shown.decode()
    assert process.returncode == 0
    assert text.count("\r") >= 120 and text.endswith("Importing 120/120\r\n")
