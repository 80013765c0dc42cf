"""Menus, ladder order, dose provenance, timed holds and card cues, through `drillbook check`
and the linked library."""

import shutil
from pathlib import Path

import pytest
from conftest import drillbook

from drillbook.errors import ContentError
from drillbook.i18n import words_for
from drillbook.model import Exercise, Prescription
from drillbook.pipeline import read_library
from drillbook.views import dose

EN = words_for("en")
LIBRARY = Path(__file__).parent / "data" / "library"

MENU = """\
id: test-menu
name: Test menu
goal: Pick a drill for your problem
summary: Two drills, each for its own problem.
options:
  - exercise: first-drill
    group: Hips
    choose_when: The hips do not go back.
  - exercise: {second}
    choose_when: The back rounds.
sources: [test-article]
"""


def small_library(tmp_path: Path, menu: str | None = None) -> Path:
    shutil.copytree(LIBRARY, tmp_path / "content")
    if menu is not None:
        (tmp_path / "content" / "menus").mkdir(exist_ok=True)
        (tmp_path / "content" / "menus" / "test-menu.yml").write_text(menu, "utf-8")
    return tmp_path


def edit(root: Path, record: str, old: str, new: str) -> None:
    path = root / "content" / record
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_a_menu_is_linked_and_cited(tmp_path):
    library = read_library(small_library(tmp_path, MENU.format(second="second-drill")) / "content")
    menu = library.menus["test-menu"]
    assert [option.exercise for option in menu.options] == ["first-drill", "second-drill"]
    assert library.menus_offering(library.exercises["second-drill"]) == [menu]
    assert menu in library.records_citing(library.sources["test-article"])
    assert library.summary() == "5 exercises, 1 fault, 1 ladder, 1 menu, 2 sources"


def test_a_menu_option_must_name_an_exercise_once(tmp_path):
    root = small_library(tmp_path, MENU.format(second="no-such-drill"))
    result = drillbook("check", cwd=root)
    assert result.returncode == 1
    assert "content/menus/test-menu.yml:9:15: unknown exercise `no-such-drill`" in result.stderr
    (root / "content" / "menus" / "test-menu.yml").write_text(MENU.format(second="first-drill"), "utf-8")
    result = drillbook("check", cwd=root)
    assert "option 2 repeats `first-drill` (already option 1); a menu offers each exercise once" in (
        result.stderr
    )


def test_check_warns_when_a_ladders_levels_go_down(tmp_path):
    root = small_library(tmp_path)
    edit(root, "exercises/second-drill.yml", "level: 2", "level: 1")
    edit(root, "exercises/first-drill.yml", "level: 1", "level: 2")
    result = drillbook("check", cwd=root)
    assert result.returncode == 0
    assert result.stderr.startswith(
        "Warning: content/ladders/test-ladder.yml:9:15: step 2 (`second-drill`, level 1) comes after "
        "a level 2 step; a ladder's levels never go down"
    )


def test_a_dose_names_a_known_source_or_the_editors(tmp_path):
    root = small_library(tmp_path)
    edit(
        root,
        "exercises/first-drill.yml",
        "{goal: Groove, sets: 3, reps: 15}",
        "{goal: Groove, sets: 3, reps: 15, source: editors}",
    )
    edit(root, "ladders/test-ladder.yml", "{goal: Finish,", "{goal: Finish, source: no-such-article,")
    result = drillbook("check", cwd=root)
    assert result.returncode == 1
    assert "unknown source `no-such-article`: no file sources/no-such-article.yml" in result.stderr
    assert "first-drill" not in result.stderr


def test_a_timed_hold_reads_in_seconds():
    assert dose(Prescription(goal="Hold", sets=3, seconds=20), EN) == "3 × 20 s"
    assert dose(Prescription(goal="Hold", seconds="15-20", per_side=True), EN) == "15–20 s each side"
    assert dose(Prescription(goal="Groove", sets=3, reps=15), EN) == "3 × 15"


def test_a_dose_gives_reps_or_seconds_not_both(tmp_path):
    root = small_library(tmp_path)
    edit(root, "exercises/first-drill.yml", "reps: 15}", "reps: 15, seconds: 20}")
    result = drillbook("check", cwd=root)
    assert result.returncode == 1
    assert "give `reps` or `seconds` (for a timed hold), not both and not neither" in result.stderr


EXERCISE = {
    "id": "drill",
    "name": "Drill",
    "pattern": "hinge",
    "level": 1,
    "muscles": {"primary": ["Glutes"]},
    "summary": "A drill.",
    "steps": ["Hinge."],
    "sources": ["test-article"],
}


def test_the_card_carries_the_cues_the_author_marked():
    cues = [{"text": f"Cue {n}", "card": n in (2, 6)} for n in range(1, 8)]
    exercise = Exercise(**EXERCISE, cues=cues)
    assert [cue.text for cue in exercise.card_cues] == ["Cue 2", "Cue 6"]
    unmarked = Exercise(**EXERCISE, cues=[{"text": f"Cue {n}"} for n in range(1, 8)])
    assert [cue.text for cue in unmarked.card_cues] == [f"Cue {n}" for n in range(1, 6)]


def test_check_refuses_more_card_cues_than_a_card_holds(tmp_path):
    root = small_library(tmp_path)
    marked = "".join(f"  - {{text: Cue {n}, card: true}}\n" for n in range(6))
    edit(root, "exercises/second-drill.yml", "cues:\n", "cues:\n" + marked)
    result = drillbook("check", cwd=root)
    assert result.returncode == 1
    assert "6 cues are marked `card: true`; a card holds 5" in result.stderr


def test_loaded_means_equipment_beyond_props():
    assert not Exercise(**EXERCISE, equipment=["Dowel", "Wall"]).loaded
    assert Exercise(**EXERCISE, equipment=["Kettlebell", "Box"]).loaded


def test_the_shipped_library_has_no_warnings():
    library = read_library(Path(__file__).parent.parent / "content")
    assert library.warnings == []


def test_a_broken_menu_stops_the_build(tmp_path):
    root = small_library(tmp_path, MENU.format(second="second-drill").replace("options:", "choices:"))
    with pytest.raises(ContentError, match="unknown key `choices`"):
        read_library(root / "content")
