"""A coach's own library, made the way she makes it: the built wheel installed in a fresh
virtual environment that cannot see this repository, `drillbook new`, a second exercise of
her own, then `mkdocs build --strict`. Her site carries her names, prints, embeds and
searches, and says nothing of Drillbook but the footer link she can turn off."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import serve

ROOT = Path(__file__).resolve().parents[2]
NAME = "Squat School"
URL = "https://coach.example.net/squats/"
BOX_SQUAT = """\
id: box-squat
name: Box squat
aliases: [Squat to a box]
pattern: squat
level: 2
equipment: [Plyo box]
muscles:
  primary: [Quadriceps, Glutes]
summary: Squat back until you sit lightly on a box, then stand up without rocking.
steps:
  - Stand a foot in front of a box, feet shoulder-width apart.
  - Sit back and down until you touch the box, then stand.
cues:
  - text: Touch the box, do not flop
    kind: movement
sources: [coaching-notes]
"""


def run(*args, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The wheel and sdist, built from this repository as a release would be."""
    out = tmp_path_factory.mktemp("dist")
    run(
        sys.executable,
        "-m",
        "build",
        "--outdir",
        str(out),
        str(ROOT),
        cwd=ROOT,
        env=os.environ,
    )
    return out


@pytest.fixture(scope="module")
def venv(dist, tmp_path_factory) -> tuple[Path, dict]:
    """A fresh virtual environment with only the wheel (and what it depends on) installed,
    run from a folder outside this repository with nothing pointing back into it."""
    folder = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", str(folder / "env"), cwd=folder, env=os.environ)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
    }
    env |= {"PATH": f"{folder / 'env' / 'bin'}:{env['PATH']}", "NO_MKDOCS_2_WARNING": "1"}
    wheel = next(dist.glob("drillbook-*.whl"))
    run("pip", "install", "-q", "--disable-pip-version-check", str(wheel), cwd=folder, env=env)
    return folder, env


@pytest.fixture(scope="module")
def her_project(venv) -> tuple[Path, dict]:
    """`drillbook new`, one more exercise, and a strict build with the PDF decks."""
    folder, env = venv
    run("drillbook", "new", "squat-school", "--name", NAME, "--site-url", URL, cwd=folder, env=env)
    project = folder / "squat-school"
    (project / "content" / "exercises" / "box-squat.yml").write_text(BOX_SQUAT, "utf-8")
    run("mkdocs", "build", "--strict", cwd=project, env=env)
    return project, env


@pytest.fixture(scope="module")
def her_site(her_project) -> Path:
    return her_project[0] / "site"


@pytest.fixture(scope="module")
def her_url(her_site):
    base, server = serve(her_site)
    yield base
    server.shutdown()


def test_wheel_and_sdist_carry_templates_theme_and_starter_and_no_generator_module(dist):
    names = zipfile.ZipFile(next(dist.glob("drillbook-*.whl"))).namelist()
    assert not [name for name in names if name.startswith("generator/")]
    for expected in (
        "drillbook/cli.py",
        "drillbook/templates/exercise.md.j2",
        "drillbook/theme/card.html",
        "drillbook/theme/partials/copyright.html",
        "drillbook/theme/assets/card.css",
        "drillbook/starter/mkdocs.yml",
        "drillbook/starter/.gitignore",
        "drillbook/starter/.github/workflows/pages.yml",
    ):
        assert expected in names
    sdist = next(dist.glob("drillbook-*.tar.gz"))
    listed = subprocess.run(["tar", "-tzf", str(sdist)], capture_output=True, text=True, check=True).stdout
    assert "/overrides/card.html" in listed and "/generator/templates/card.md.j2" in listed
    check = subprocess.run(
        [sys.executable, "-m", "twine", "check", *map(str, dist.iterdir())], capture_output=True, text=True
    )
    assert check.returncode == 0 and "PASSED" in check.stdout, check.stdout + check.stderr


def test_installed_package_is_drillbook_with_one_version(venv):
    folder, env = venv
    found = run("python", "-c", "import drillbook, sys; print(drillbook.__file__)", cwd=folder, env=env)
    assert str(folder / "env") in found.stdout
    assert (
        run(
            "python", "-c", "import importlib.util as u; print(u.find_spec('generator'))", cwd=folder, env=env
        ).stdout.strip()
        == "None"
    )
    version = run("drillbook", "--version", cwd=folder, env=env).stdout.strip()
    assert re.fullmatch(r"drillbook \d+\.\d+\.\d+", version)


def exercise_cards(site: Path) -> list[str]:
    return sorted(
        path.parent.name
        for path in (site / "cards").glob("*/index.html")
        if path.parent.name not in ("ladders", "menus", "pick")
    )


def test_her_site_has_her_pages_cards_and_decks(her_site):
    for page in ("exercises/box-squat", "exercises", "cards/box-squat", "ladders", "help/printing"):
        assert (her_site / page / "index.html").is_file(), page
    assert "Box squat" in (her_site / "exercises" / "index.html").read_text("utf-8")
    cards = exercise_cards(her_site)
    assert "box-squat" in cards and len(cards) >= 3
    for paper in ("a4", "letter"):
        deck = PdfReader(her_site / "cards" / "pdf" / f"all-cards-{paper}.pdf")
        assert len(deck.pages) == len(cards)
        assert deck.metadata.title == f"{NAME}: all cards"


def test_her_cards_print_one_page_on_a4_and_letter(page, her_url, her_site):
    for card in exercise_cards(her_site):
        for paper in ("A4", "Letter"):
            page.goto(f"{her_url}/cards/{card}/")
            assert len(PdfReader(io.BytesIO(page.pdf(format=paper))).pages) == 1, (card, paper)


def test_embeds_and_oembed_name_her_site(her_site):
    oembed = json.loads((her_site / "embed" / "box-squat.json").read_text("utf-8"))
    assert oembed["provider_name"] == NAME and oembed["author_name"] == NAME
    assert oembed["provider_url"] == URL and f"{URL}embed/box-squat/" in oembed["html"]
    page = (her_site / "exercises" / "box-squat" / "index.html").read_text("utf-8")
    assert f'href="{URL}embed/box-squat.json"' in page
    manifest = json.loads((her_site / "manifest.webmanifest").read_text("utf-8"))
    assert manifest["name"] == NAME


def test_search_finds_her_exercise_by_alias(page, her_url):
    page.goto(her_url + "/")
    box = page.get_by_role("textbox", name="Search")
    box.click()
    box.fill("Squat to a box")
    box.press("End")
    first = page.locator(".md-search-result__item > a.md-search-result__link").first
    first.wait_for()
    assert first.get_attribute("href").rstrip("/").endswith("exercises/box-squat")


def text_files(site: Path):
    for path in sorted(site.rglob("*")):
        if path.suffix in {".html", ".json", ".webmanifest", ".xml", ".svg", ".js", ".css", ".md"}:
            yield path, path.read_text("utf-8", errors="replace")


def test_her_site_names_neither_drillbook_nor_the_hip_hinge(her_site):
    credit = re.compile(r'Made with\s*<a href="[^"]+"[^>]*>Drillbook</a>')
    found = []
    for path, text in text_files(her_site):
        text = credit.sub("", text)
        if "Drillbook" in text or "hip hinge" in text.lower():
            found.append(str(path.relative_to(her_site)))
    assert found == []
    assert credit.search((her_site / "index.html").read_text("utf-8"))


def test_footer_credit_false_removes_the_link(her_project):
    project, env = her_project
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("  - drillbook\n", "  - drillbook:\n      footer_credit: false\n"),
        "utf-8",
    )
    assert "footer_credit: false" in config.read_text("utf-8")
    run(
        "mkdocs",
        "build",
        "--strict",
        "-d",
        "site-without-credit",
        cwd=project,
        env={**env, "DRILLBOOK_DECKS": "0"},
    )
    site = project / "site-without-credit"
    assert [path for path, text in text_files(site) if "Drillbook" in text] == []
