"""A record's aliases and cues in the site's search index, weighed like a title.

Material indexes a page's title, text and tags, and its `fields` option (`mkdocs.yml`, under
`search:`) weighs any field an index entry holds. The record templates list a record's
aliases and cues in front matter (`search: {aliases: [...], cues: [...]}`); once the search
plugin has written its index, they are added to the page's first entry, so "RDL" finds the
exercise called that, and a cue finds the exercise that uses it."""

from __future__ import annotations

import json
from pathlib import Path

FIELDS = ("exercise", "fault", "ladder", "cues")


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
