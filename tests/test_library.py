"""library: derived relations, computed once from the linked records."""

from pathlib import Path

from generator.pipeline import read_library

LIBRARY = Path(__file__).parent / "data" / "library"


def test_relations_are_derived():
    library = read_library(LIBRARY)
    fault = library.faults["test-fault"]
    assert [e.id for e in library.exercises_prone_to(fault)] == ["first-drill"]
    [first] = library.ladder_places(library.exercises["first-drill"])
    [second] = library.ladder_places(library.exercises["second-drill"])
    assert (first.number, first.previous, first.next.exercise) == (1, None, "second-drill")
    assert (second.number, second.previous.exercise, second.next) == (2, "first-drill", None)
    cited = library.records_citing(library.sources["test-article"])
    assert {model.id for model in cited} == {"first-drill", "second-drill", "test-fault", "test-ladder"}
    assert library.summary() == "2 exercises, 1 faults, 1 ladders, 1 sources"
