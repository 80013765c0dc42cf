"""Which records' own outputs a run renders: every record, or, after a live edit, the records
it touched and their neighbours. Pages that list records (indexes, browse pages, the cards
index, data lists, credits) are rendered in every run."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .library import record_references
from .load import Record

Key = tuple[str, str]  # (kind, id), as ("exercises", "rdl")

# A record's own outputs show records up to two links away: an exercise's card names the
# previous and next steps of its ladder (exercise, ladder, step), its page names the drills
# that fix each of its faults (exercise, fault, drill).
REACH = 2


@dataclass(frozen=True)
class Scope:
    """`keys` None: every record. Otherwise only these records' own pages, cards, embeds,
    figures and data files are rendered; the writer keeps the others as they are."""

    keys: frozenset[Key] | None = None

    def __contains__(self, key: Key) -> bool:
        return self.keys is None or key in self.keys

    @property
    def partial(self) -> bool:
        return self.keys is not None


EVERY_RECORD = Scope()


def neighbourhood(changed: set[Key], graphs: list[dict[Key, set[Key]]]) -> Scope:
    """The changed records and every record within REACH links of one, following links both
    ways in each of `graphs` (the library before and after the edit, so a link the edit
    removed still counts). A source ends a path: a page shows the sources it cites, not the
    other records that cite them."""
    reached, edge = set(changed), set(changed)
    for _ in range(REACH):
        passing = {key for key in edge if key[0] != "sources" or key in changed}
        edge = {other for key in passing for graph in graphs for other in graph.get(key, ())} - reached
        reached |= edge
    return Scope(frozenset(reached))


def link_graph(records: list[Record]) -> dict[Key, set[Key]]:
    """Every record's links, both ways: the records it names and those that name it."""
    graph: dict[Key, set[Key]] = defaultdict(set)
    for record in records:
        key = (record.kind, record.stem)
        for target in record_references(record):
            graph[key].add(target)
            graph[target].add(key)
    return dict(graph)
