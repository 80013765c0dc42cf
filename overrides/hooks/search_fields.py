"""Search fields for a record's aliases and cues, weighed like a title.

Material indexes a page's title, text and tags, and its `fields` option (mkdocs.yml) weighs
any field the index holds. The generator lists a record's aliases and cues in front matter
(`search: {aliases: [...], cues: [...]}`); after the search plugin has written its index,
this hook adds them to the page's first entry, so "RDL" finds the exercise called that, and
a cue finds the exercise that uses it, before pages that merely mention the words.
(MkDocs does not copy `.py` files from the theme folder into the site.)"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import event_priority

FIELDS = ("aliases", "cues")
_fields: dict[str, dict[str, list[str]]] = {}


def on_page_markdown(markdown, *, page, **kwargs):
    search = page.meta.get("search") or {}
    _fields[page.url] = {name: [str(v) for v in search[name]] for name in FIELDS if search.get(name)}


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(*, config, **kwargs):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text("utf-8"))
    for entry in index["docs"]:
        entry.update(_fields.get(entry["location"], {}))
    path.write_text(json.dumps(index, separators=(",", ":")), "utf-8")
