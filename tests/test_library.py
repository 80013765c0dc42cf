"""library: derived relations, computed once from the linked records."""

from pathlib import Path

from drillbook.library import chosen_fix
from drillbook.model import Exercise, Fault, FaultLink
from drillbook.pipeline import read_library, render_site
from drillbook.views import library_views

LIBRARY = Path(__file__).parent / "data" / "library"


def test_relations_are_derived():
    library = read_library(LIBRARY)
    fault = library.faults["test-fault"]
    assert [e.id for e in library.exercises_prone_to(fault)] == ["first-drill"]
    views = library_views(library).exercises
    [first] = views["first-drill"].places
    [second] = views["second-drill"].places
    assert (first.step.number, first.previous, first.next.id) == (1, None, "second-drill")
    assert (second.step.number, second.previous.id, second.next) == (2, "first-drill", None)
    assert second.step.move_on_label == "Goal reached when:"
    cited = library.records_citing(library.sources["test-article"])
    assert {model.id for model in cited} == {
        "first-drill",
        "second-drill",
        # Examples of the stances beyond the hinge, for the figure gallery.
        "split-squat",
        "front-squat-to-press",
        "push-pull-superset",
        "test-fault",
        "test-ladder",
        "test-menu",
    }
    assert library.summary() == "5 exercises, 1 fault, 1 ladder, 1 menu, 2 sources"


def exercise_with(**fields) -> Exercise:
    record = {
        "id": "a-drill",
        "name": "A drill",
        "pattern": "hinge",
        "level": 1,
        "muscles": {"primary": ["Glutes"]},
        "summary": "A drill.",
        "steps": ["Hinge."],
        "sources": ["a-source"],
    }
    return Exercise.model_validate(record | fields)


FAULT = Fault.model_validate(
    {
        "id": "rounded-back",
        "name": "Rounding the back",
        "look": "The back rounds.",
        "feel": "The back tires.",
        "why": "The spine takes the load.",
        "fix": [
            {"text": "Keep the stick on your head, upper back and pelvis", "needs": ["stick"]},
            {"text": "Keep the hands the same distance apart", "needs": ["free-hands"]},
            {"text": "Reach back for the wall", "needs": ["wall"]},
            "Brace the trunk before you move",
        ],
        "sources": ["a-source"],
    }
)


def shown_fix(exercise: Exercise, choice=None) -> str | None:
    link = FaultLink(fault=FAULT.id) if choice is None else FaultLink(fault=FAULT.id, fix=choice)
    fix = chosen_fix(exercise, link, FAULT)
    return fix.text if fix else None


def test_an_exercise_shows_the_first_fix_whose_needs_its_kit_has():
    """The kit is the equipment and the positions' props, compared in lowercase, singular,
    with a dowel as a stick and a kit's last word ('Resistance band' is a band)."""
    assert shown_fix(exercise_with(equipment=["Dowel"])) == FAULT.fix[0].text
    stick = {"name": "start", "caption": "Start: stick on the back", "props": ["stick"]}
    assert shown_fix(exercise_with(positions=[stick])) == FAULT.fix[0].text
    assert shown_fix(exercise_with()) == FAULT.fix[1].text  # bodyweight: both hands free
    assert shown_fix(exercise_with(equipment=["Barbell", "Wall"])) == FAULT.fix[2].text
    held = {"name": "start", "caption": "Start: bell in the hands", "props": ["kettlebell"]}
    assert shown_fix(exercise_with(equipment=["Kettlebell"], positions=[held])) == FAULT.fix[3].text
    assert shown_fix(exercise_with(equipment=["Resistance band"])) == FAULT.fix[3].text
    assert "band" in exercise_with(equipment=["Resistance bands"]).kit
    assert "foam roller" in exercise_with(equipment=["Foam rollers"]).kit


def test_an_exercise_chooses_its_fix_by_number_or_text():
    barbell = exercise_with(equipment=["Barbell", "Wall"])
    assert shown_fix(barbell, 4) == "Brace the trunk before you move"
    assert shown_fix(barbell, "brace the trunk  before you move") == "Brace the trunk before you move"
    assert shown_fix(barbell, 3) == "Reach back for the wall"
    # A choice must still fit the kit, and must name one of the fault's fixes.
    assert shown_fix(barbell, 1) is None
    assert shown_fix(barbell, 5) is None
    assert shown_fix(barbell, "Keep the chest up") is None


def test_no_fix_fits_when_every_fix_needs_what_the_exercise_lacks():
    only_props = FAULT.model_copy(update={"fix": FAULT.fix[:1] + FAULT.fix[2:3]})
    fix = chosen_fix(exercise_with(equipment=["Barbell"]), FaultLink(fault=FAULT.id), only_props)
    assert fix is None


def test_the_fault_page_lists_every_fix_numbered_with_what_it_needs_and_the_exercise_one_fix():
    pages = render_site(read_library(LIBRARY), None)
    assert (
        "1. **Brace first**\n2. **Keep the stick on** <small>needs a stick</small>\n"
        in pages["faults/test-fault.md"]
    )
    page = pages["exercises/first-drill.md"]
    assert "- **Fix:** Keep the stick on\n" in page and "Brace first" not in page
