"""offline: what the service worker keeps, and the version that renews it with each build."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, drillbook

from generator.offline import MANIFEST, SERVICE_WORKER, write_offline_files
from generator.pipeline import read_library


@pytest.fixture(scope="module")
def library():
    return read_library(ROOT / "content")


def precache_of(site) -> list[str]:
    return json.loads(
        re.search(r"const PRECACHE = (\[.*?\]);", (site / SERVICE_WORKER).read_text("utf-8"))[1]
    )


def test_the_build_keeps_pages_cards_embeds_search_and_assets_but_not_decks_or_data(built_site, library):
    kept = set(precache_of(built_site))
    exercise, ladder = min(library.exercises), min(library.ladders)
    for url in (
        "./",
        f"exercises/{exercise}/",
        f"faults/{min(library.faults)}/",
        f"ladders/{ladder}/",
        f"cards/{exercise}/",
        f"cards/ladders/{ladder}/",
        f"embed/{exercise}/",
        "search/search_index.json",
        "assets/offline.js",
        "404.html",
    ):
        assert url in kept, url
    assert [url for url in kept if url.endswith((".pdf", ".xml", ".gz", ".map"))] == []
    assert [
        url for url in kept if url.startswith(("api/", "schemas/")) or re.match(r"embed/[^/]+\.", url)
    ] == []
    assert all((built_site / url).exists() for url in kept)


def test_manifest_installs_the_site_where_it_is_served(built_site):
    manifest = json.loads((built_site / MANIFEST).read_text("utf-8"))
    assert manifest["name"] == "Drillbook · Hip hinge"
    assert (manifest["start_url"], manifest["scope"]) == ("./", "./")
    assert (built_site / manifest["icons"][0]["src"]).is_file()


def version_of(site) -> str:
    return re.search(r'const VERSION = "([0-9a-f]+)";', (site / SERVICE_WORKER).read_text("utf-8"))[1]


def test_version_changes_with_a_kept_file_and_only_then(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<h1>Home</h1>", "utf-8")
    (tmp_path / "assets" / "site.css").write_text("h1 { color: red }", "utf-8")
    first = write_offline_files(tmp_path, "Club drills")
    assert write_offline_files(tmp_path, "Club drills") == first == version_of(tmp_path)
    (tmp_path / "deck.pdf").write_bytes(b"%PDF-1.7")
    assert write_offline_files(tmp_path, "Club drills") == first
    (tmp_path / "assets" / "site.css").write_text("h1 { color: blue }", "utf-8")
    assert write_offline_files(tmp_path, "Club drills") != first


def test_finish_without_a_built_site_says_so(tmp_path, project):
    result = drillbook("finish", "--site", str(tmp_path / "nowhere"), cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and "build the site first" in result.stderr
