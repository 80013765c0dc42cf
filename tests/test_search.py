"""The plugin fills and weighs the search fields itself: a site's mkdocs.yml lists `drillbook`
and Material's `search`, nothing else of ours (the ranking is tested in tests/browser/)."""

from __future__ import annotations

import json
import re

from conftest import ROOT, copy_project, mkdocs_build

from drillbook.search import FIELD_BOOSTS


def build_with_plugins(tmp_path, plugins: str):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(re.sub(r"(?ms)^plugins:\n.*?(?=^\S)", plugins, text), "utf-8")
    mkdocs_build(project, check=True)
    return json.loads((project / "site" / "search" / "search_index.json").read_text("utf-8"))


def test_a_plain_plugin_list_gets_names_and_aliases_weighed_in_search(tmp_path):
    index = build_with_plugins(
        tmp_path,
        "plugins:\n  - drillbook\n  - search:\n      fields:\n"
        "        fault:\n          boost: 5\n  - tags\n\n",
    )
    assert index["config"]["fields"]["exercise"] == {"boost": FIELD_BOOSTS["exercise"]}
    assert index["config"]["fields"]["fault"] == {"boost": 5}  # the site's own choice stays
    first = next(entry for entry in index["docs"] if entry["location"] == "exercises/romanian-deadlift/")
    assert first["exercise"][0] == "Romanian deadlift" and "RDL" in first["exercise"]
    assert first["cues"]


def test_the_shipped_config_has_no_hooks():
    assert "hooks:" not in (ROOT / "mkdocs.yml").read_text("utf-8")
    assert not (ROOT / "overrides" / "hooks").exists()
