"""library: derived relations, computed once from the linked records."""

from pathlib import Path

from drillbook.pipeline import read_library
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
        "test-fault",
        "test-ladder",
        "test-menu",
    }
    assert library.summary() == "2 exercises, 1 fault, 1 ladder, 1 menu, 2 sources"
