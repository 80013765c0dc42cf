"""The JSON Schemas in docs/schemas/ say what `drillbook check` accepts, read by an independent
validator (`jsonschema`) on the YAML as any editor loads it: every valid record passes, every
record refused for a reason a schema can state is refused by the schema too. That the files on
disk match the models (`drillbook schema --check`) is tested in test_cli.py."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT
from pydantic import ValidationError

from drillbook.model import MODELS, SCHEMA_NAMES

SCHEMAS = ROOT / "docs" / "schemas"
INVALID = ROOT / "tests" / "data" / "invalid"
VALID_FOLDERS = [ROOT / "content", ROOT / "tests" / "data" / "library", INVALID / "_base"]

# Invalid cases that no JSON Schema can refuse, and why; the authoring guide says the same.
NOT_A_SCHEMA_RULE = {
    "billion-laughs": "YAML aliases are refused while reading; the schema sees the expanded values",
    "control-character-escape": "control characters are refused while reading the file",
    "dangling-drill": "a reference must name an existing record",
    "dangling-fault": "a reference must name an existing record",
    "dangling-ladder-step": "a reference must name an existing record",
    "dangling-source": "a reference must name an existing record",
    "dangling-variation": "a reference must name an existing record",
    "card-position-unknown": "`card_position` names one of the record's positions: a rule across fields",
    "fault-no-fix-fits": "a fault's fixes must fit the exercise's kit: a rule across records",
    "fault-chosen-fix-needs-a-prop": "the chosen fix is one of the fault's and fits the kit: across records",
    "deep-nesting": "nesting depth is limited while reading the file",
    "duplicate-id": "ids are unique across the library",
    "fault-pose-free-leg-on-two-feet": "free-leg angles only for a one-leg stance: a rule across fields",
    "pose-hip-and-trunk-disagree": "the hip and trunk angles must agree: geometry across fields",
    "pose-centre-of-mass-past-toes": "the centre of mass is computed from the whole body: physics",
    "pose-touches-box-gap": "a contact's gap is measured on the drawn body: physics",
    "pose-load-through-floor": "a load must clear the floor: the body's geometry, not one field",
    "pose-repeated-name": "position names are unique within a record: uniqueness by one key of an item",
    "media-fault-not-an-image": "a file's content is read from disk, which a schema does not see",
    "media-image-without-alt": "alt is required for images only: a rule across fields",
    "media-missing-file": "a file must exist under content/media/, which a schema does not see",
    "media-outside-content": "where a path leads is resolved on disk, which a schema does not see",
    "media-too-large": "an image's size is read from the file, which a schema does not see",
    "media-two-card-photos": "one photo per card: a rule across items",
    "reserved-id": "ids taken by generated pages (such as `index`) depend on the site layout",
    "duplicate-key": "a YAML key written twice is refused while reading; a parser keeps one",
    "id-mismatch": "the id must match the file name, which a schema does not see",
    "ladder-repeats-step": "a ladder visits each exercise once: uniqueness by one key of an item",
    "mapping-key": "YAML keys must be plain words, refused while reading",
    "not-utf8": "the file must be UTF-8, refused while reading",
    "nul-byte": "a NUL character is refused while reading",
    "oversize-file": "the file size is limited while reading",
    "python-tag": "YAML tags are refused while reading",
    "second-document": "a file holds one YAML document, refused while reading",
    "tab-indentation": "tabs for indentation are refused while reading",
    "yaml-bad-indentation": "not YAML at all",
    "yaml-unclosed-quote": "not YAML at all",
    "yaml-colon-in-value": "not YAML at all",
    "yaml-key-indented-under-key": "not YAML at all",
    "yaml-unclosed-quote-mid-file": "not YAML at all",
}


def schema_for(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{SCHEMA_NAMES[kind]}.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def records_under(content: Path) -> list[tuple[str, Path]]:
    return [(kind, path) for kind in MODELS for path in sorted((content / kind).rglob("*.yml"))]


VALID_RECORDS = [item for folder in VALID_FOLDERS for item in records_under(folder)]


def test_there_are_valid_records_of_every_kind():
    assert {kind for kind, _ in VALID_RECORDS} == set(MODELS)
    assert len(VALID_RECORDS) > 50


@pytest.mark.parametrize(
    ("kind", "path"), VALID_RECORDS, ids=[str(path.relative_to(ROOT)) for _, path in VALID_RECORDS]
)
def test_every_valid_record_validates_against_its_schema(kind, path):
    record = yaml.safe_load(path.read_text("utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in schema_for(kind).iter_errors(record)]
    assert errors == []


CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir() and not p.name.startswith("_"))


@pytest.mark.parametrize("case", [case for case in CASES if case not in NOT_A_SCHEMA_RULE])
def test_a_record_refused_for_a_schema_reason_is_refused_by_the_schema(case):
    records = records_under(INVALID / case)
    assert records, f"{case} holds no record"
    refused = [
        path.name
        for kind, path in records
        if not schema_for(kind).is_valid(yaml.safe_load(path.read_text("utf-8")))
    ]
    assert refused, f"{case}: `drillbook check` refuses it, the schema accepts it"


def test_every_exemption_names_a_case():
    assert set(NOT_A_SCHEMA_RULE) <= set(CASES)


# One valid record of each kind, then single changes to it: the checker and the schema must
# agree on every one, in both directions.
BASE_RECORDS = {
    kind: yaml.safe_load(path.read_text("utf-8"))
    for kind, path in records_under(ROOT / "tests" / "data" / "library")
    if path.stem in ("first-drill", "test-fault", "test-ladder", "test-article")
}
CHANGES = [
    ("exercises", ("prescriptions", 0, "reps"), 15),
    ("exercises", ("prescriptions", 0, "reps"), "8-12"),
    ("exercises", ("prescriptions", 0, "reps"), "15"),
    ("exercises", ("prescriptions", 0, "reps"), 999),
    ("exercises", ("prescriptions", 0, "reps"), 0),
    ("exercises", ("prescriptions", 0, "reps"), 1000),
    ("exercises", ("prescriptions", 0, "reps"), "12-"),
    ("exercises", ("prescriptions", 0, "reps"), True),
    ("exercises", ("prescriptions", 0, "reps"), 12.5),
    ("exercises", ("prescriptions", 0, "sets"), 20),
    ("exercises", ("prescriptions", 0, "sets"), 21),
    ("exercises", ("prescriptions", 0, "sets"), "3"),
    ("exercises", ("prescriptions", 0, "sets"), None),
    ("exercises", ("prescriptions", 0, "per_side"), True),
    ("exercises", ("prescriptions", 0, "per_side"), "yes"),
    ("exercises", ("prescriptions", 0, "per_side"), 1),
    ("exercises", ("prescriptions", 0, "tempo"), "3-1-1"),
    ("exercises", ("prescriptions", 0, "tempo"), "x" * 21),
    ("exercises", ("level",), 5),
    ("exercises", ("level",), 0),
    ("exercises", ("level",), "3"),
    ("exercises", ("level",), True),
    ("exercises", ("name",), "   "),
    ("exercises", ("name",), ""),
    ("exercises", ("name",), 42),
    ("exercises", ("name",), None),
    ("exercises", ("aliases",), ["RDL"]),
    ("exercises", ("aliases",), "RDL"),
    ("exercises", ("cues",), [{"text": "Hips back", "kind": "feel"}]),
    ("exercises", ("cues",), [{"text": "Hips back", "kind": "feeling"}]),
    ("exercises", ("cues",), [{"text": "Hips back"}]),
    ("exercises", ("muscles",), {"primary": []}),
    ("exercises", ("muscles",), {"primary": ["Glutes"], "tertiary": ["Calves"]}),
    ("exercises", ("equipment",), ["Band"] * 9),
    ("exercises", ("media",), [{"kind": "image", "url": "a.jpg", "alt": "A hinge"}]),
    ("exercises", ("media",), [{"kind": "gif", "url": "a.gif", "alt": "A hinge"}]),
    ("exercises", ("pattern",), "Hinge"),
    ("faults", ("fix",), []),
    ("faults", ("drills",), ["corpus-drill", "corpus-drill-two"]),
    ("faults", ("look",), "x" * 601),
    ("ladders", ("steps",), []),
    ("ladders", ("steps", 0, "prescription"), {"goal": "Groove", "reps": 10}),
    ("ladders", ("steps", 0, "move_on"), None),
    ("sources", ("url",), None),
    ("sources", ("publisher",), "x" * 81),
    ("sources", ("extra",), "anything"),
]


def changed(kind: str, where: tuple, value) -> dict:
    record = json.loads(json.dumps(BASE_RECORDS[kind]))
    holder = record
    for part in where[:-1]:
        holder = holder[part]
    holder[where[-1]] = value
    return record


@pytest.mark.parametrize(
    ("kind", "where", "value"), CHANGES, ids=[f"{k}-{w[-1]}-{v!r}"[:60] for k, w, v in CHANGES]
)
def test_the_checker_and_the_schema_agree(kind, where, value):
    record = changed(kind, where, value)
    try:
        MODELS[kind].model_validate(record)
        checker = "accepts"
    except ValidationError:
        checker = "refuses"
    schema = "accepts" if schema_for(kind).is_valid(record) else "refuses"
    assert schema == checker
