"""offline: what the service worker keeps, and the version that renews it with each build."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import ROOT, drillbook

from drillbook.offline import MANIFEST, SERVICE_WORKER, web_app_manifest, write_offline_files
from drillbook.pipeline import read_library
from drillbook.views import SiteNames


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
        "cards/pick/",
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


def test_manifest_says_the_sites_language(built_site):
    assert json.loads((built_site / MANIFEST).read_text("utf-8"))["lang"] == "en"
    german = json.loads(web_app_manifest(SiteNames("Übungen · Hüftbeuge", language="de")))
    assert (german["lang"], german["name"], german["short_name"]) == ("de", "Übungen · Hüftbeuge", "Übungen")


def version_of(site) -> str:
    return re.search(r'const VERSION = "([0-9a-f]+)";', (site / SERVICE_WORKER).read_text("utf-8"))[1]


def test_version_changes_with_a_kept_file_and_only_then(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<h1>Home</h1>", "utf-8")
    (tmp_path / "assets" / "site.css").write_text("h1 { color: red }", "utf-8")
    first, _ = write_offline_files(tmp_path, SiteNames("Club drills"))
    assert write_offline_files(tmp_path, SiteNames("Club drills"))[0] == first == version_of(tmp_path)
    (tmp_path / "deck.pdf").write_bytes(b"%PDF-1.7")
    assert write_offline_files(tmp_path, SiteNames("Club drills"))[0] == first
    (tmp_path / "assets" / "site.css").write_text("h1 { color: blue }", "utf-8")
    assert write_offline_files(tmp_path, SiteNames("Club drills"))[0] != first


def test_the_budget_keeps_what_a_reader_needs_first(tmp_path):
    """Each file is 100 bytes; a 700-byte budget keeps the theme's files, the home page, the
    hand-written pages, the search index, the pick page and the exercise pages, and leaves
    cards and embeds to be kept once opened."""
    for name in (
        "embed/a/index.html",
        "cards/a/index.html",
        "cards/pick/index.html",
        "exercises/a/index.html",
        "exercises/index.html",
        "search/search_index.json",
        "coaching/index.html",
        "index.html",
        "assets/site.css",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x" * 100)
    _, precache = write_offline_files(tmp_path, SiteNames("Club drills"), budget_mb=0.0007)
    assert precache.urls == precache_of(tmp_path)
    assert precache.urls == [
        "assets/site.css",
        "./",
        "coaching/",
        "search/search_index.json",
        "cards/pick/",
        "exercises/",
        "exercises/a/",
    ]
    assert (precache.size, precache.left_out) == (700, 2)
    assert precache.summary() == (
        "7 files, 0.0 MB kept for offline use; "
        "2 more are kept once opened (the budget, `offline_mb`, is full)"
    )
    _, everything = write_offline_files(tmp_path, SiteNames("Club drills"))
    assert (len(everything.urls), everything.left_out) == (9, 0)


def test_offline_mb_in_mkdocs_yml_sets_the_budget(built_site, project, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("  - drillbook:\n", "  - drillbook:\n      offline_mb: 1\n"),
        "utf-8",
    )
    assert "offline_mb: 1" in config.read_text("utf-8")
    result = drillbook("finish", "--site", str(site), "--no-decks", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "more are kept once opened" in result.stderr
    kept = precache_of(site)
    assert "assets/offline.js" in kept and "./" in kept
    assert not any(url.startswith("embed/") for url in kept)
    size = sum(
        (site / url / "index.html" if url.endswith("/") else site / url).stat().st_size for url in kept
    )
    assert size <= 1_000_000


def test_finish_without_a_built_site_says_so(tmp_path, project):
    result = drillbook("finish", "--site", str(tmp_path / "nowhere"), cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and "build the site first" in result.stderr
