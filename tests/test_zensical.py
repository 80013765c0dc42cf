"""Zensical, Material's successor, builds the shipped library from `mkdocs.yml` after
`drillbook generate`; `drillbook finish` then adds what the MkDocs plugin would (PDF decks,
manifest, service worker). Zensical runs no MkDocs plugin, so the generator's output and the
theme overrides are all it sees. It also builds a synthetic library of 1000 exercises, whose
listing pages would break its search index if they were in it. Installed by the `zensical`
extra (tests/run.sh)."""

from __future__ import annotations

import json
import sys
from html import escape
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, drillbook, run

from drillbook.pipeline import read_library
from drillbook.site_setup import config_without_plugin

pytest.importorskip("zensical", reason="the zensical extra is not installed: pip install '.[zensical]'")

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import exercise_id, write_library  # noqa: E402

# Zensical refuses a search entry whose text is longer than this (in bytes).
SEARCH_TEXT_LIMIT = 32768
LARGE = 1000


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    """The shipped library: `drillbook generate`, `zensical build`, `drillbook finish`. Zensical
    runs no plugins, so mkdocs.yml names the theme parts the plugin adds under MkDocs."""
    project = zensical_build(copy_project(tmp_path_factory.mktemp("zensical") / "project"))
    finished = drillbook("finish", cwd=project)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    return project / "site"


@pytest.fixture(scope="module")
def large_site(tmp_path_factory) -> Path:
    """A synthetic library of 1000 exercises (benchmarks/synthetic.py), generated and built by
    Zensical (no decks: they are the benchmark's business)."""
    folder = tmp_path_factory.mktemp("zensical-large")
    write_library(folder / "content", LARGE)
    return zensical_build(copy_project(folder / "project", content=folder / "content")) / "site"


def zensical_build(project: Path) -> Path:
    """`project` with its mkdocs.yml naming the theme parts, generated and built by Zensical."""
    config = project / "mkdocs.yml"
    config.write_text(config_without_plugin(config.read_text("utf-8")), "utf-8")
    generated = drillbook("generate", cwd=project)
    assert generated.returncode == 0, generated.stdout + generated.stderr
    built = run(sys.executable, "-m", "zensical", "build", cwd=project)
    assert built.returncode == 0, built.stdout + built.stderr
    return project


@pytest.fixture(scope="module")
def library():
    return read_library(ROOT / "content")


def page_html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text("utf-8")


def test_every_exercise_fault_and_ladder_page_is_built(zensical_site, library):
    pages = {f"exercises/{key}": record.name for key, record in library.exercises.items()}
    pages |= {f"faults/{key}": record.name for key, record in library.faults.items()}
    pages |= {f"ladders/{key}": record.name for key, record in library.ladders.items()}
    missing = [
        page
        for page, name in pages.items()
        if not (zensical_site / page / "index.html").is_file()
        or escape(name, quote=False) not in page_html(zensical_site, page)
    ]
    assert missing == []


def test_same_pages_as_the_mkdocs_build(zensical_site, built_site):
    def pages(site: Path) -> set[str]:
        return {str(path.relative_to(site)) for path in site.rglob("*.html")}

    assert pages(zensical_site) == pages(built_site)


def test_overrides_shape_cards_embeds_and_oembed_discovery(zensical_site, library):
    exercise = min(library.exercises)
    assert f'type="application/json+oembed" href="https://drillbook.example.org/embed/{exercise}.json"' in (
        page_html(zensical_site, f"exercises/{exercise}")
    )
    assert '<article class="db-card' in page_html(zensical_site, f"cards/{exercise}")
    embed = page_html(zensical_site, f"embed/{exercise}")
    assert "assets/embed.js" in embed and "bundle" not in embed
    assert 'rel="manifest"' in page_html(zensical_site, "")


def test_drillbook_finish_adds_decks_and_offline_files(zensical_site, library):
    assert (zensical_site / "cards" / "pdf" / "all-cards-a4.pdf").stat().st_size > 10_000
    worker = (zensical_site / "sw.js").read_text("utf-8")
    assert '"search.json"' in worker and f'"exercises/{min(library.exercises)}/"' in worker
    assert (zensical_site / "manifest.webmanifest").is_file()


def test_1000_exercises_build_with_each_exercise_found_by_its_own_page(large_site):
    """Listing pages (indexes, browse pages, gallery, sources, credits) name every record, so
    they stay out of the search index; each exercise is found through its own page."""
    entries = json.loads((large_site / "search.json").read_text("utf-8"))["items"]
    pages = {entry["location"].split("#")[0] for entry in entries}
    exercise = exercise_id(LARGE // 2)
    assert (large_site / "exercises" / exercise / "index.html").is_file()
    assert f"exercises/{exercise}/" in pages
    listings = ["exercises/", "faults/", "ladders/", "menus/", "cards/", "figures/", "browse/levels/"]
    listings += [
        "browse/equipment/",
        "browse/muscles/",
        "browse/patterns/",
        "browse/sources/",
        "browse/credits/",
    ]
    # The pages those lists are split into at this size (listing.py)
    parts = ["exercises/by-letter/b/", "cards/by-letter/b/", "browse/muscles/hamstrings/"]
    parts.append("browse/sources/source-00001/")
    assert [page for page in parts if not (large_site / page / "index.html").is_file()] == []
    assert [page for page in listings + parts if page in pages] == []
    longest = max(entries, key=lambda entry: len(entry["text"].encode("utf-8")))
    assert len(longest["text"].encode("utf-8")) < SEARCH_TEXT_LIMIT, longest["location"]
