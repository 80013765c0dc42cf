"""Zensical, Material's successor, builds the shipped library from `mkdocs.yml` after
`drillbook generate`; `drillbook finish` then adds what the MkDocs plugin would (PDF decks,
manifest, service worker). Zensical runs no MkDocs plugin, so the generator's output and the
theme overrides are all it sees. Installed by the `zensical` extra (tests/run.sh)."""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, drillbook, run

from drillbook.pipeline import read_library
from drillbook.site_setup import config_without_plugin

pytest.importorskip("zensical", reason="the zensical extra is not installed: pip install '.[zensical]'")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    """The shipped library: `drillbook generate`, `zensical build`, `drillbook finish`. Zensical
    runs no plugins, so mkdocs.yml names the theme parts the plugin adds under MkDocs."""
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    config = project / "mkdocs.yml"
    config.write_text(config_without_plugin(config.read_text("utf-8")), "utf-8")
    drillbook("generate", cwd=project)
    built = run(sys.executable, "-m", "zensical", "build", cwd=project)
    assert built.returncode == 0, built.stdout + built.stderr
    finished = drillbook("finish", cwd=project)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    return project / "site"


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
