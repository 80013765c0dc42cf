"""The site's JSON data under `api/`: every record, its URLs, and a schema_version."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT

from drillbook.export import export_files
from drillbook.model import SCHEMA_VERSION, json_schemas
from drillbook.pipeline import generate, read_library
from drillbook.views import SiteNames, library_views

SCHEMAS = {name: json.loads(text) for name, text in json_schemas().items()}


def data(files: dict[str, str], path: str) -> dict:
    return json.loads(files[path])


@pytest.fixture(scope="module")
def library():
    return read_library(ROOT / "content")


@pytest.fixture(scope="module")
def files(library):
    return export_files(library, library_views(library), "https://coach.example.org/hinge")


def test_every_exercise_has_a_file_that_validates_against_the_exercise_schema(library, built_site):
    api = built_site / "api"
    validator = jsonschema.Draft202012Validator(SCHEMAS["exercise.schema.json"])
    paths = sorted((api / "exercises").glob("*.json"))
    assert sorted(p.stem for p in paths) == sorted(library.exercises)
    for path in paths:
        item = json.loads(path.read_text("utf-8"))
        assert item["schema_version"] == SCHEMA_VERSION
        validator.validate(item["record"])
        assert item["record"]["id"] == item["id"] == path.stem


def test_the_lists_validate_against_their_schemas(built_site):
    for kind, schema in (("faults", "fault"), ("ladders", "ladder"), ("sources", "source")):
        listing = json.loads((built_site / "api" / f"{kind}.json").read_text("utf-8"))
        assert listing["schema_version"] == SCHEMA_VERSION
        validator = jsonschema.Draft202012Validator(SCHEMAS[f"{schema}.schema.json"])
        assert listing[kind], kind
        for item in listing[kind]:
            validator.validate(item["record"])


def test_the_exercise_catalogue_matches_each_exercise_file(library, built_site):
    api = built_site / "api"
    catalogue = json.loads((api / "exercises.json").read_text("utf-8"))
    assert catalogue["schema_version"] == SCHEMA_VERSION
    assert [item["id"] for item in catalogue["exercises"]] == sorted(library.exercises)
    for item in catalogue["exercises"]:
        record = json.loads((api / "exercises" / f"{item['id']}.json").read_text("utf-8"))
        assert item["urls"] == record["urls"]
        shared = ("id", "name", "level", "pattern", "equipment")
        assert {key: item[key] for key in shared} == {key: record["record"][key] for key in shared}


def test_editing_an_exercise_text_changes_only_its_own_data_file(library):
    before = export_files(library, library_views(library), None)
    exercise = library.exercises["wall-hip-hinge"]
    edited = library.exercises | {
        exercise.id: exercise.model_copy(update={"summary": exercise.summary + " Edited."})
    }
    edited_library = dataclasses.replace(library, exercises=edited)
    after = export_files(edited_library, library_views(edited_library), None)
    assert [path for path in after if after[path] != before[path]] == ["api/exercises/wall-hip-hinge.json"]


def test_the_published_schemas_carry_the_schema_version(built_site):
    for name in SCHEMAS:
        schema = json.loads((built_site / "schemas" / name).read_text("utf-8"))
        assert schema["schema_version"] == SCHEMA_VERSION
        jsonschema.Draft202012Validator.check_schema(schema)


def test_urls_are_absolute_from_site_url_and_point_at_built_pages(library, built_site):
    listing = json.loads((built_site / "api" / "exercises.json").read_text("utf-8"))
    assert len(listing["exercises"]) == len(library.exercises)
    site_url = "https://drillbook.example.org/"  # mkdocs.yml
    for item in listing["exercises"]:
        record_id = item["id"]
        assert item["urls"] == {
            "page": f"{site_url}exercises/{record_id}/",
            "card": f"{site_url}cards/{record_id}/",
            "embed": f"{site_url}embed/{record_id}/",
            "json": f"{site_url}api/exercises/{record_id}.json",
        }
        for name in ("page", "json"):
            local = item["urls"][name].removeprefix(site_url)
            target = built_site / local / ("index.html" if local.endswith("/") else "")
            assert target.is_file(), local
    faults = json.loads((built_site / "api" / "faults.json").read_text("utf-8"))
    for item in faults["faults"]:
        assert (built_site / "faults" / item["id"] / "index.html").is_file()
        assert item["urls"]["page"] == f"{site_url}faults/{item['id']}/"


def test_site_url_without_trailing_slash_still_joins(files):
    item = data(files, "api/exercises/wall-hip-hinge.json")
    assert item["urls"]["page"] == "https://coach.example.org/hinge/exercises/wall-hip-hinge/"
    assert item["record_schema"] == "https://coach.example.org/hinge/schemas/exercise.schema.json"


def test_without_site_url_urls_are_relative_to_the_file(library):
    files = export_files(library, library_views(library), None)
    listing = data(files, "api/exercises.json")
    wall = next(item for item in listing["exercises"] if item["id"] == "wall-hip-hinge")
    assert wall["urls"]["page"] == "../exercises/wall-hip-hinge/"
    assert wall["urls"]["card"] == "../cards/wall-hip-hinge/"
    single = data(files, "api/exercises/wall-hip-hinge.json")
    assert single["urls"]["embed"] == "../../embed/wall-hip-hinge/"
    assert single["record_schema"] == "../../schemas/exercise.schema.json"
    ladders = data(files, "api/ladders.json")
    assert all(item["urls"]["page"].startswith("../ladders/") for item in ladders["ladders"])


def test_record_text_is_inert_json(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    record = content / "exercises" / "wall-hip-hinge.yml"
    text = record.read_text("utf-8")
    record.write_text(
        text.replace("name: Wall hip hinge", 'name: "<script>alert(1)</script> & co"', 1), "utf-8"
    )
    generate(content, tmp_path / "docs")
    raw = (tmp_path / "docs" / "api" / "exercises" / "wall-hip-hinge.json").read_text("utf-8")
    assert "<script>" not in raw and "&" not in raw
    assert json.loads(raw)["record"]["name"] == "<script>alert(1)</script> & co"


def test_unchanged_data_files_are_not_rewritten(tmp_path):
    docs = tmp_path / "docs"
    generate(ROOT / "content", docs, "https://example.org/")
    listing = docs / "api" / "exercises.json"
    before = listing.stat().st_mtime_ns
    _, report = generate(ROOT / "content", docs, "https://example.org/")
    assert report.written == []
    assert listing.stat().st_mtime_ns == before


def test_the_data_page_documents_every_api_file(files):
    page = (ROOT / "docs" / "data.md").read_text("utf-8")
    for path in (
        "api/exercises.json",
        "api/faults.json",
        "api/ladders.json",
        "api/sources.json",
        "schema_version",
        "`lang`",
        "drillbook import free-exercise-db",
    ):
        assert path in page, path
    assert "api/exercises/<id>.json" in page or "api/exercises/&lt;id&gt;.json" in page
    nav = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert "data.md" in nav


def test_readme_shows_the_import_command():
    assert "drillbook import free-exercise-db" in Path(ROOT / "README.md").read_text("utf-8")


def test_each_position_carries_its_joints_load_props_and_centre_of_mass(files, library):
    """In centimetres, the floor at y = 0 and the standing ankle at x = 0, x towards the toes."""
    entry = data(files, "api/exercises/romanian-deadlift.json")
    assert set(entry["geometry"]) == {
        position.name for position in library.exercises["romanian-deadlift"].positions
    }
    start = entry["geometry"]["start"]
    joints = start["joints"]
    for name in ("ankle", "heel", "toe", "knee", "hip", "shoulder", "elbow", "hand", "head"):
        assert len(joints[name]) == 2, name
    assert joints["ankle"] == [0.0, 6.8]
    assert joints["heel"][0] < 0 < joints["toe"][0]
    assert joints["heel"][1] == joints["toe"][1] == 2.5
    # Standing tall: hip over the ankle, shoulder over the hip, head on top.
    assert abs(joints["hip"][0]) < 3 and joints["knee"][1] < joints["hip"][1] < joints["shoulder"][1]
    assert joints["head"][1] > joints["shoulder"][1]
    assert joints["heel"][0] <= start["com"][0] <= joints["toe"][0]
    assert 85 < start["com"][1] < 110
    assert start["load"] == {"kind": "barbell", "mass_kg": 40, "center": joints["hand"]}
    assert start["props"] == [{"kind": "barbell", "center": joints["hand"], "radius": 22.5}]
    assert "free_knee" not in joints


def test_a_second_leg_and_the_props_standing_on_the_floor_are_exported():
    library = read_library(ROOT / "tests" / "data" / "library")
    files = export_files(library, library_views(library), None)
    split = data(files, "api/exercises/split-squat.json")["geometry"]
    bottom = split["bottom"]["joints"]
    for name in ("free_ankle", "free_knee", "free_toe", "free_heel"):
        assert len(bottom[name]) == 2, name
    assert bottom["free_toe"][1] == 2.5 and bottom["free_toe"][0] < bottom["heel"][0]
    assert bottom["free_toe"][0] <= split["bottom"]["com"][0] <= bottom["toe"][0]
    assert split["bottom"]["load"] is None and split["bottom"]["props"] == []
    bench = split["rear-foot-on-bench"]
    left, bottom_y, right, top = bench["props"][0]["rect"]
    assert bench["props"][0]["kind"] == "bench" and bottom_y == 0 and top == 40
    assert left < bench["joints"]["free_ankle"][0] < right
    hang = data(files, "api/exercises/push-pull-superset.json")["geometry"]["hang"]
    assert hang["props"] == [{"kind": "pull-up-bar", "center": hang["joints"]["hand"], "radius": 1.2}]
    assert abs(hang["com"][0] - hang["joints"]["hand"][0]) <= 3
    faults = data(files, "api/faults.json")["faults"]
    pair = next(item for item in faults if item["id"] == "test-fault")["geometry"]
    assert set(pair) == {"correct", "faulty"}
    assert pair["correct"]["props"][0]["kind"] == "stick" and len(pair["correct"]["props"][0]["ends"]) == 2


def test_every_data_file_says_the_language_its_words_are_in(library, files):
    """`lang` in every file: the site's language, in which `shown` is written (record text is
    the coach's)."""
    assert {data(files, path)["lang"] for path in files} == {"en"}
    german = export_files(
        library, library_views(library, SiteNames(language="de")), "https://coach.example.org/"
    )
    assert {data(german, path)["lang"] for path in german} == {"de"}
    shown = data(german, "api/exercises/wall-hip-hinge.json")["shown"]
    english = data(files, "api/exercises/wall-hip-hinge.json")["shown"]
    assert shown["level"] == "1 · Einsteiger" and english["level"] == "1 · Beginner"
    assert [dose["amount"] for dose in shown["doses"]] == [
        dose["amount"].replace("reps", "Wdh.") for dose in english["doses"]
    ]
    assert (
        data(german, "api/exercises/wall-hip-hinge.json")["record"]
        == data(files, "api/exercises/wall-hip-hinge.json")["record"]
    )
