"""Bad input: each broken record in tests/data/invalid/ stops `drillbook check`, `drillbook
build` and `mkdocs build` with exit 1, one `file:line:col: message` line per problem, no
traceback, and the generated folders of docs/ exactly as they were.

A case is a folder holding record files at their place under content/ and `expected.txt`,
the exact problem lines as printed when run in the project folder. `_base/` holds valid
records the cases point at, so no case depends on the shipped library's ids."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, drillbook

from drillbook import cli
from drillbook.load import MAX_DEPTH, MAX_FILE_BYTES
from drillbook.media import MAX_IMAGE_BYTES
from drillbook.model import LIMITS, json_schemas
from drillbook.write import OWNED_FOLDERS

CASES_DIR = Path(__file__).parent / "data" / "invalid"
BASE = CASES_DIR / "_base"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir() and not p.name.startswith("_"))
# Files too big to commit, written by the test: case -> (path under content/, bytes).
GENERATED = {
    "oversize-file": ("exercises/oversize.yml", b"id: oversize\n" + b"#" * (10 * 1024 * 1024 - 14) + b"\n"),
    "media-too-large": ("media/huge.jpg", b"\xff\xd8\xff\xe0" + bytes(MAX_IMAGE_BYTES)),
}
COMMANDS = {
    "drillbook check": [sys.executable, "-m", "drillbook.cli", "check"],
    "drillbook build": [sys.executable, "-m", "drillbook.cli", "build", "--strict"],
    "mkdocs build": [sys.executable, "-m", "mkdocs", "build", "--strict"],
}
# Any line that names a place in a record, wherever it starts: a log prefix in front of it
# would make it differ from the expected line.
PLACE = re.compile(r"\.ya?ml:\d+:\d+: ")


def generated_project(target: Path, content: Path | None = None) -> Path:
    """A copy of the project with the base records added and its pages generated in docs/."""
    project = copy_project(target, content=content)
    shutil.copytree(BASE, project / "content", dirs_exist_ok=True)
    result = drillbook("generate", cwd=project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="session")
def small_project(tmp_path_factory) -> Path:
    """Only the base records: cheap to copy and check once per case."""
    empty = tmp_path_factory.mktemp("invalid-empty")
    return generated_project(tmp_path_factory.mktemp("invalid-small") / "project", empty)


@pytest.fixture(scope="session")
def shipped_project(tmp_path_factory) -> Path:
    """The shipped library and the base records."""
    return generated_project(tmp_path_factory.mktemp("invalid-shipped") / "project")


def with_cases(project: Path, cases: list[str], target: Path) -> Path:
    """A copy of `project` with the files of `cases` added to its content."""
    shutil.copytree(project, target)
    for case in cases:
        shutil.copytree(
            CASES_DIR / case,
            target / "content",
            dirs_exist_ok=True,
            ignore=lambda folder, names: ["expected.txt"],
        )
        if case in GENERATED:
            name, data = GENERATED[case]
            (target / "content" / name).parent.mkdir(exist_ok=True)
            (target / "content" / name).write_bytes(data)
    return target


def expected_lines(case: str) -> list[str]:
    return (CASES_DIR / case / "expected.txt").read_text("utf-8").splitlines()


def generated_state(docs: Path) -> dict[str, tuple[str, int]]:
    """{path: (sha256, mtime_ns)} of every file in the generated folders of `docs`."""
    return {
        str(path.relative_to(docs)): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        for folder in OWNED_FOLDERS
        if (docs / folder).is_dir()
        for path in sorted((docs / folder).rglob("*"))
        if path.is_file()
    }


def test_corpus_is_large_enough():
    assert len(CASES) >= 25
    assert all(expected_lines(case) for case in CASES)


@pytest.mark.parametrize("case", CASES)
def test_each_broken_input_alone_stops_generate(case, small_project, tmp_path, monkeypatch, capsys):
    """`drillbook generate`, run in the project folder, for one case at a time."""
    project = with_cases(small_project, [case], tmp_path / "project")
    before = generated_state(project / "docs")
    monkeypatch.chdir(project)
    assert cli.main(["generate"]) == 1
    out, err = capsys.readouterr()
    assert [line for line in err.splitlines() if PLACE.search(line)] == expected_lines(case)
    assert not PLACE.search(out)
    assert generated_state(project / "docs") == before


def test_every_command_refuses_the_whole_corpus(shipped_project, tmp_path):
    """All cases at once through the three commands a person runs, each in its own process:
    the problems of every case, each on one line exactly as expected, no traceback, exit 1,
    docs/ untouched. (Each case alone is checked above; one run per command keeps this fast.)"""
    project = with_cases(shipped_project, CASES, tmp_path / "project")
    expected = sorted(line for case in CASES for line in expected_lines(case))
    before = generated_state(project / "docs")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    running = {
        name: subprocess.Popen(
            command, cwd=project, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for name, command in COMMANDS.items()
    }
    for name, process in running.items():
        out, err = process.communicate(timeout=120)
        shown = f"{name} printed:\n{err}"
        assert process.returncode == 1, shown
        assert "Traceback" not in err + out, shown
        printed = [line for line in err.splitlines() if PLACE.search(line)]
        assert sorted(printed) == expected, shown
        assert len(printed) == len(expected), shown
        assert not PLACE.search(out), f"{name} printed problems on stdout:\n{out}"
    assert generated_state(project / "docs") == before
    assert not (project / "site").exists()


# Field names the Limits table qualifies because two record kinds use them differently.
QUALIFIED = {
    ("Exercise", "steps", "chars"): "`steps` of an exercise",
    ("Exercise", "steps", "items"): "`steps` of an exercise",
    ("Ladder", "steps", "items"): "`steps` of a ladder",
    ("Prescription", "goal", "chars"): "`goal` of a prescription",
    ("Ladder", "goal", "chars"): "`goal` of a ladder",
    ("Cue", "text", "chars"): "`text` of a cue",
}


def schema_limits() -> set[tuple[str, str, str, int]]:
    """(model, field, "chars" or "items", limit) for every limited field of every record kind."""
    found = set()

    def visit(model: str, properties: dict) -> None:
        for name, spec in properties.items():
            for option in spec.get("anyOf", [spec]):
                if "maxLength" in option:
                    found.add((model, name, "chars", option["maxLength"]))
                if "maxLength" in option.get("items", {}):
                    found.add((model, name, "chars", option["items"]["maxLength"]))
                if "maxItems" in option:
                    found.add((model, name, "items", option["maxItems"]))

    for text in json_schemas().values():
        schema = json.loads(text)
        visit(schema["title"], schema["properties"])
        for definition in schema.get("$defs", {}).values():
            visit(definition["title"], definition.get("properties", {}))
    return found


def test_authoring_guide_lists_every_limit_of_the_schema():
    """docs/authoring.md's Limits table says what generator/model.py and load.py enforce."""
    guide = (ROOT / "docs" / "authoring.md").read_text("utf-8")
    section = guide.split("## Limits", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| (.+?) \| (.+?) \|$", section, re.M)[1:])
    lists = rows.pop("lists")
    assert lists.startswith(f"{LIMITS['list']} items;")
    record_file = rows.pop("record file")
    assert record_file.startswith(f"{MAX_FILE_BYTES // 1024} KiB")
    assert f"nested at most {MAX_DEPTH} levels" in record_file
    undocumented = []
    for model, field, kind, limit in sorted(schema_limits()):
        label = QUALIFIED.get((model, field, kind), f"`{field}`")
        if kind == "chars":
            ok = any(
                label in fields and text.startswith(f"{limit} characters") for fields, text in rows.items()
            )
        elif limit == LIMITS["list"]:
            ok = label not in lists
        else:
            ok = any(label in part and str(limit) in part for part in lists.split(";"))
        if not ok:
            undocumented.append(f"{model}.{field}: {limit} {kind}")
    assert undocumented == []
