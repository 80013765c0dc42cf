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
SEPARATORS = (",", ":")


def weigh_fields(config) -> None:
    """Name the fields in the search plugin's options, before it reads them."""
    for name, plugin in config.plugins.items():
        if name.endswith("search") and isinstance(getattr(plugin.config, "fields", None), dict):
            for field, boost in FIELD_BOOSTS.items():
                plugin.config.fields.setdefault(field, {"boost": boost})


class SearchFields:
    """The extra fields of each page, noted while pages build, written into the index after.

    A dirty build (`drillbook serve`, `mkdocs serve --dirty`) builds only the pages whose files
    changed, and Material's index then holds those pages only (or, when serving, keeps one
    page's old entries): the entries of the other pages are taken from the last index, kept
    as each page's JSON text so that a rebuild serialises only the pages it built."""

    def __init__(self) -> None:
        self.by_url: dict[str, dict[str, list[str]]] = {}
        self.built: set[str] = set()
        self.last_pages: dict[str, str] | None = None

    def start(self, site_dir: str, dirty: bool) -> None:
        """Before a build: forget which pages were built; in a dirty build with no index
        of this process yet, take the one the last build left in `site_dir`."""
        self.built = set()
        path = index_path(site_dir)
        if dirty and self.last_pages is None and path.is_file():
            self.last_pages = _page_texts(json.loads(path.read_text("utf-8"))["docs"])
        if not dirty:
            self.last_pages = None

    def note(self, page) -> None:
        self.built.add(page.url)
        search = page.meta.get("search") or {}
        fields = {name: [str(value) for value in search[name]] for name in FIELDS if search.get(name)}
        if fields:
            self.by_url[page.url] = fields
        else:
            self.by_url.pop(page.url, None)

    def add_to_index(self, site_dir: str, page_urls: set[str]) -> None:
        """Write the fields into the index; after a dirty build, first put back the entries
        of the pages in `page_urls` (the site's pages) that this build did not build."""
        path = index_path(site_dir)
        if not path.is_file():  # no search plugin, or it is disabled
            return
        index = json.loads(path.read_text("utf-8"))
        entries = index["docs"]
        pages = {}
        if self.last_pages is not None:
            entries = _fresh_entries(entries, self.built)
            unbuilt = page_urls - self.built
            pages = {url: text for url, text in self.last_pages.items() if url in unbuilt}
        for entry in entries:
            entry.update(self.by_url.get(entry["location"], {}))
        pages.update(_page_texts(entries))
        self.last_pages = pages
        config = json.dumps(index["config"], separators=SEPARATORS)
        path.write_text(f'{{"config":{config},"docs":[{",".join(pages.values())}]}}', "utf-8")


def index_path(site_dir: str) -> Path:
    return Path(site_dir) / "search" / "search_index.json"


def _fresh_entries(entries: list[dict], built: set[str]) -> list[dict]:
    """The entries this build made for the pages in `built`. Material, serving, puts its last
    index before them, holding old entries of those pages too; a page's entries start with
    the one at the page's own location, so its fresh ones start at the last such entry."""
    starts = {
        entry["location"]: position for position, entry in enumerate(entries) if entry["location"] in built
    }
    return [entry for at, entry in enumerate(entries) if at >= starts.get(_page_of(entry), len(entries))]


def _page_texts(entries: list[dict]) -> dict[str, str]:
    """Each page's entries, in order, as the JSON text between a list's brackets, by page."""
    pages: dict[str, list[dict]] = {}
    for entry in entries:
        pages.setdefault(_page_of(entry), []).append(entry)
    return {url: json.dumps(group, separators=SEPARATORS)[1:-1] for url, group in pages.items()}


def _page_of(entry: dict) -> str:
    """The page an index entry belongs to: its location without the section."""
    return entry["location"].partition("#")[0]
