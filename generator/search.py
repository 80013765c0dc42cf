"""Fields of the site's search index that Material cannot fill from a page: a record's name
and aliases, under its kind (`exercise`, `fault`, `ladder`), and an exercise's cues.

Material indexes each page's title, text and tags, and weighs every field named in its
`fields` option; the plugin names these there, unless `mkdocs.yml` already does. The record
templates list the values in front matter (`search: {exercise: [name, *aliases], cues: [...]}`);
once the search plugin has written its index, they are added to the page's first entry."""

from __future__ import annotations

import json
from pathlib import Path

# Material weighs a title 1000 and text 1, and tags 1000000 unless told otherwise: here tags
# weigh as a title does (a muscle or equipment tag), and a name or alias outweighs them all, so
# it ranks above pages that only mention the word; an exercise's outweighs a fault's by 3.5,
# which covers a rarer word form in a fault's alias ("deadlifts" against "deadlift"). Cues sit
# just under names, so a typed cue still finds its exercise. tests/browser/test_search.py
# holds the queries these were tuned on.
FIELD_BOOSTS = {"exercise": 100_000, "fault": 28_000, "ladder": 26_000, "cues": 24_000, "tags": 1000}
FIELDS = ("exercise", "fault", "ladder", "cues")  # filled from front matter


def weigh_fields(config) -> None:
    """Name the fields in the search plugin's options, before it reads them."""
    for name, plugin in config.plugins.items():
        if name.endswith("search") and isinstance(getattr(plugin.config, "fields", None), dict):
            for field, boost in FIELD_BOOSTS.items():
                plugin.config.fields.setdefault(field, {"boost": boost})


class SearchFields:
    """The extra fields of each page, noted while pages build, written into the index after."""

    def __init__(self) -> None:
        self.by_url: dict[str, dict[str, list[str]]] = {}

    def note(self, page) -> None:
        search = page.meta.get("search") or {}
        fields = {name: [str(value) for value in search[name]] for name in FIELDS if search.get(name)}
        if fields:
            self.by_url[page.url] = fields
        else:
            self.by_url.pop(page.url, None)

    def add_to_index(self, site_dir: str) -> None:
        path = Path(site_dir) / "search" / "search_index.json"
        if not path.is_file():  # no search plugin, or it is disabled
            return
        index = json.loads(path.read_text("utf-8"))
        for entry in index["docs"]:
            entry.update(self.by_url.get(entry["location"], {}))
        path.write_text(json.dumps(index, separators=(",", ":")), "utf-8")
