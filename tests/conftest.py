"""Shared fixtures: copies of the project in tmp_path, and builds of them."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drillbook.render import Hrefs
from drillbook.write import MANIFEST, OWNED_FOLDERS, REPLACEABLE_FOLDERS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def copy_project(target: Path, *, content: Path | None = None) -> Path:
    """A copy of the project's site sources (hand-written docs only) in `target`."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs", ignore=_generated)
    shutil.copytree(content or ROOT / "content", target / "content")
    return target


def _generated(folder: str, names: list[str]) -> list[str]:
    """The generated files among `names` in `folder` of docs/: whole generated folders, and in
    a folder where hand-written pages replace generated ones, the files its manifest lists."""
    folder = Path(folder)
    if folder == ROOT / "docs":
        return [n for n in names if n in OWNED_FOLDERS and n not in REPLACEABLE_FOLDERS]
    if folder.parent == ROOT / "docs" and folder.name in REPLACEABLE_FOLDERS:
        manifest = folder / MANIFEST
        written = set(json.loads(manifest.read_text("utf-8"))) if manifest.is_file() else set()
        return [n for n in names if n in written or n == MANIFEST]
    return []


MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
HTML_LINK = re.compile(r'<a href="([^"]+)"')


def missing_markdown_links(pages: dict[str, str], paths: list[str]) -> tuple[int, list[str]]:
    """How many Markdown links of the pages at `paths` lead to another file, and those whose
    target is not among `pages` (links to anchors and to other sites are not counted)."""
    checked, missing = 0, []
    for path in paths:
        for target in MARKDOWN_LINK.findall(pages[path]):
            if target.startswith("#") or re.match(r"[a-z]+:", target):
                continue
            checked += 1
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target.partition("#")[0]))
            if resolved not in pages:
                missing.append(f"{path} links to {target}")
    return checked, missing


def missing_html_links(
    pages: dict[str, str], paths: list[str], directory_urls: bool
) -> tuple[int, list[str]]:
    """How many HTML links of the pages at `paths` carry a page's built address (render.Hrefs),
    and those that are not the address of one of `pages` (decks, made after the pages, and
    links to anchors and other sites are not counted)."""
    urls = {Hrefs(path, directory_urls).url(path) for path in pages if path.endswith(".md")}
    checked, missing = 0, []
    for path in paths:
        folder = posixpath.dirname(Hrefs(path, directory_urls).url(path))
        for target in HTML_LINK.findall(pages[path]):
            if re.match(r"[a-z]+:|#", target) or target.endswith(".pdf"):
                continue
            checked += 1
            resolved = posixpath.normpath(posixpath.join(folder, target)) + (
                "/" if target.endswith("/") else ""
            )
            if resolved not in urls:
                missing.append(f"{path} links to {target}")
    return checked, missing


def owned_files(docs: Path) -> dict[str, bytes]:
    """{path: bytes} of every file in the generated folders, temporary files included."""
    return {
        str(path.relative_to(docs)): path.read_bytes()
        for folder in OWNED_FOLDERS
        if (docs / folder).is_dir()
        for path in sorted((docs / folder).rglob("*"))
        if path.is_file()
    }


def run(*args: str, cwd: Path, check: bool = False) -> subprocess.CompletedProcess:
    """Run a command the way a person would, capturing its output."""
    env = {**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def drillbook(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run(sys.executable, "-m", "drillbook.cli", *args, cwd=cwd)


def mkdocs_build(project: Path, *extra: str, check: bool = True) -> subprocess.CompletedProcess:
    return run(sys.executable, "-m", "mkdocs", "build", "--strict", *extra, cwd=project, check=check)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the project, with the shipped content."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped library, built once with the strict MkDocs build; returns `site/`."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    mkdocs_build(project)
    return project / "site"


TEST_LIBRARY = ROOT / "tests" / "data" / "library"
# A record in German, so that a German site's search can be tried on German words.
GERMAN_RECORD = """\
id: rumaenisches-kreuzheben
name: Rumänisches Kreuzheben
aliases: [Kreuzheben mit gestreckten Beinen]
pattern: kreuzheben
level: 3
muscles:
  primary: [Gesäß, Beinbeuger]
summary: Die Stange gleitet an den Oberschenkeln hinab, während die Hüfte nach hinten schiebt.
steps:
  - Hüfte nach hinten schieben, bis die Oberschenkelrückseite spannt.
cues:
  - text: Hüfte zur Wand
  - text: Stange am Bein
prescriptions:
  - {goal: Kraft, sets: 3, reps: 6-8}
sources: [test-article]
"""


def coach_project(
    target: Path, content: Path, *, site_name: str = "Coach", options: str = "", **settings
) -> Path:
    """A project made by `drillbook new` (`settings`: site_url, language) holding the records
    in `content`, with the drillbook plugin's `options` (YAML flow mapping entries such as
    `decks: false`)."""
    from drillbook.new import new_project

    new_project(target, site_name, **settings)
    shutil.rmtree(target / "content")
    shutil.copytree(content, target / "content")
    if options:
        config = target / "mkdocs.yml"
        text = config.read_text("utf-8")
        assert "\n  - drillbook\n" in text
        config.write_text(text.replace("\n  - drillbook\n", f"\n  - drillbook: {{{options}}}\n", 1), "utf-8")
    return target


def language_project(target: Path, language: str, *, options: str = "") -> Path:
    """A project made by `drillbook new --language language` around the test library (and
    one German record), with the drillbook plugin's `options` (YAML flow mapping
    entries such as `catalogue: markers.yml`)."""
    coach_project(target, TEST_LIBRARY, site_name="Testbibliothek", options=options, language=language)
    (target / "content" / "exercises" / "rumaenisches-kreuzheben.yml").write_text(GERMAN_RECORD, "utf-8")
    return target


@pytest.fixture(scope="session")
def german_site(tmp_path_factory) -> Path:
    """The test library built in German with the strict MkDocs build; returns `site/`."""
    project = language_project(tmp_path_factory.mktemp("german") / "project", "de")
    mkdocs_build(project)
    return project / "site"
