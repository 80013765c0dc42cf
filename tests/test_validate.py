"""validate and link, through the real `drillbook check` command."""

import shutil
from pathlib import Path

from conftest import drillbook

LIBRARY = Path(__file__).parent / "data" / "library"


def small_library(tmp_path: Path) -> Path:
    shutil.copytree(LIBRARY, tmp_path / "content")
    return tmp_path


def test_check_passes_with_a_summary(tmp_path):
    result = drillbook("check", cwd=small_library(tmp_path))
    assert result.returncode == 0
    assert result.stdout == "OK: 5 exercises, 1 fault, 1 ladder, 1 menu, 2 sources\n"


def test_wrong_type_unknown_key_and_dangling_fault_give_three_located_errors(tmp_path):
    root = small_library(tmp_path)
    path = root / "content" / "exercises" / "second-drill.yml"
    text = path.read_text("utf-8")
    text = text.replace("level: 2", "level: two")
    text = text.replace("cues:\n", "cue_list: [x]\ncues:\n")
    text = text.replace("prescriptions:", "faults:\n  - fault: no-such-fault\nprescriptions:")
    path.write_text(text, "utf-8")
    result = drillbook("check", cwd=root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "content/exercises/second-drill.yml:5:8: `level` must be a whole number, not `two`",
        "content/exercises/second-drill.yml:11:1: unknown key `cue_list`; did you mean `cues`?",
        "content/exercises/second-drill.yml:17:12: unknown fault `no-such-fault`: "
        "no file faults/no-such-fault.yml",
        "3 problems in the content; nothing was written",
    ]


def test_id_must_match_file_name(tmp_path):
    root = small_library(tmp_path)
    path = root / "content" / "faults" / "test-fault.yml"
    path.write_text(path.read_text("utf-8").replace("id: test-fault", "id: Test/Fault"), "utf-8")
    result = drillbook("check", cwd=root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert (
        "content/faults/test-fault.yml:2:5: id `Test/Fault` must match the file name "
        "`test-fault.yml`; use `id: test-fault`" in lines
    )
    assert (
        "content/faults/test-fault.yml:2:5: `id`: must be a lowercase slug: letters a-z, "
        "digits and single hyphens" in lines
    )
    assert not any("unknown fault" in line for line in lines), "no cascade from a broken record"


def test_ladder_repeating_a_step_and_duplicate_ids(tmp_path):
    root = small_library(tmp_path)
    ladder = root / "content" / "ladders" / "test-ladder.yml"
    ladder.write_text(
        ladder.read_text("utf-8").replace("exercise: second-drill", "exercise: first-drill"), "utf-8"
    )
    twin = root / "content" / "exercises" / "more"
    twin.mkdir()
    shutil.copy(root / "content" / "exercises" / "first-drill.yml", twin / "first-drill.yml")
    result = drillbook("check", cwd=root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert (
        "content/ladders/test-ladder.yml:9:15: step 2 repeats `first-drill` (already "
        "step 1); a ladder visits each exercise once" in lines
    )
    assert any(
        line.startswith("content/exercises/more/first-drill.yml:2:5: id `first-drill` is already used by")
        for line in lines
    )
