"""`drillbook new`: a coach's own project that checks at once, in her words and her site's name.
(Its strict MkDocs build, from the installed wheel, is tested in tests/browser/test_new_project.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT, drillbook
from mkdocs.config import load_config

from drillbook.model import MODELS, SCHEMA_NAMES
from drillbook.write import OWNED_FOLDERS

STARTER = ROOT / "generator" / "starter"
RECORDS = [
    "content/exercises/bodyweight-squat.yml",
    "content/exercises/goblet-squat.yml",
    "content/faults/heels-lifting.yml",
    "content/ladders/bodyweight-to-goblet-squat.yml",
    "content/menus/squat-by-goal.yml",
    "content/sources/coaching-notes.yml",
]
FILES = sorted(
    [
        ".github/workflows/pages.yml",
        ".gitignore",
        "README.md",
        "docs/index.md",
        "mkdocs.yml",
        *RECORDS,
        *(f"docs/schemas/{name}.schema.json" for name in SCHEMA_NAMES.values()),
    ]
)


@pytest.fixture(autouse=True)
def no_site_url_from_the_environment(monkeypatch):
    monkeypatch.delenv("DRILLBOOK_SITE_URL", raising=False)


def new(tmp_path: Path, *options: str) -> Path:
    result = drillbook("new", "her-site", *options, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Created her-site: {len(FILES)} files. Next: cd her-site && drillbook serve\n"
    return tmp_path / "her-site"


def written(project: Path) -> list[str]:
    return sorted(str(path.relative_to(project)) for path in project.rglob("*") if path.is_file())


def test_new_writes_a_project_mkdocs_reads(tmp_path):
    project = new(tmp_path)
    assert written(project) == FILES
    config = load_config(str(project / "mkdocs.yml"))
    assert config.site_name == "My exercise library"
    assert config.theme.name == "material"
    assert list(config.plugins) == ["material/search", "drillbook"]
    assert (
        not config.nav and not config.extra_css and "custom_dir" not in (project / "mkdocs.yml").read_text()
    )
    # Without --site-url, builds still make QR codes and embeds (a missing site_url is a
    # warning, which fails `mkdocs build --strict`); the Pages workflow gives the real one.
    assert config.site_url == "http://127.0.0.1:8000/"
    assert "site_url: !ENV [DRILLBOOK_SITE_URL," in (project / "mkdocs.yml").read_text()
    assert (project / "docs" / "index.md").read_text().startswith("# My exercise library\n")


def test_new_into_an_existing_empty_folder(tmp_path):
    (tmp_path / "her-site").mkdir()
    assert written(new(tmp_path)) == FILES


def test_name_and_site_url_are_hers(tmp_path):
    url = "https://coach.example.net/squats/"
    project = new(tmp_path, "--name", "Squat School", "--site-url", url)
    config = load_config(str(project / "mkdocs.yml"))
    assert (config.site_name, config.site_url) == ("Squat School", url)
    assert "DRILLBOOK_SITE_URL" not in (project / "mkdocs.yml").read_text()
    assert (project / "docs" / "index.md").read_text().startswith("# Squat School\n")
    assert (project / "README.md").read_text().startswith("# Squat School\n")


def test_a_project_in_german(tmp_path):
    """`--language de`: Material's and Drillbook's words in German, and the home page too."""
    project = new(tmp_path, "--language", "de")
    config = load_config(str(project / "mkdocs.yml"))
    assert config.theme["language"] == "de"
    assert config.site_name == "Meine Übungsbibliothek"
    assert [scheme["toggle"]["name"] for scheme in config.theme["palette"]] == [
        "Zum dunklen Modus wechseln",
        "Zum hellen Modus wechseln",
    ]
    home = (project / "docs" / "index.md").read_text("utf-8")
    assert "- [Übungen](exercises/index.md): jede Übung" in home
    assert "Exercises" not in home


def test_new_refuses_a_language_it_does_not_speak(tmp_path):
    result = drillbook("new", str(tmp_path / "site"), "--language", "it", cwd=tmp_path)
    assert result.returncode != 0
    assert "--language it: Drillbook speaks de, en, es, fr" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_name_with_yaml_punctuation_stays_one_value(tmp_path):
    project = new(tmp_path, "--name", 'Coach\'s drills: "squats" & more #1')
    assert load_config(str(project / "mkdocs.yml")).site_name == 'Coach\'s drills: "squats" & more #1'


def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "her-site").mkdir()
    (tmp_path / "her-site" / "notes.txt").write_text("mine")
    result = drillbook("new", "her-site", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "Error: her-site is not empty; choose a new folder\n"
    assert result.stdout == ""
    assert written(tmp_path / "her-site") == ["notes.txt"]


def test_new_refuses_a_site_url_that_is_not_an_address(tmp_path):
    result = drillbook("new", "her-site", "--site-url", "coach.example.net", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: --site-url coach.example.net: give the full address")
    assert not (tmp_path / "her-site").exists()


def test_the_starter_passes_check_without_a_warning(tmp_path):
    project = new(tmp_path)
    result = drillbook("check", "--content", str(project / "content"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "OK: 2 exercises, 1 fault, 1 ladder, 1 menu, 1 source\n"
    assert result.stderr == ""


def test_the_starter_shows_positions_and_every_kind_of_link(tmp_path):
    project = new(tmp_path)
    records = {path: yaml.safe_load((project / path).read_text()) for path in RECORDS}
    exercises = [record for path, record in records.items() if "/exercises/" in path]
    assert all(record.get("positions") for record in exercises)
    fault = records["content/faults/heels-lifting.yml"]
    assert fault["fix"] and fault["drills"] and fault["positions"]
    steps = records["content/ladders/bodyweight-to-goblet-squat.yml"]["steps"]
    assert len(steps) >= 2 and all(step["move_on"] and step["step_back"] for step in steps)
    assert len(records["content/menus/squat-by-goal.yml"]["options"]) == 2


def test_each_record_points_its_editor_at_a_schema_in_her_project(tmp_path):
    project = new(tmp_path)
    kinds = {f"content/{kind}": kind for kind in MODELS}
    for path in RECORDS:
        text = (project / path).read_text()
        first = text.splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema_path = (project / path).parent / first.split("=", 1)[1]
        schema = json.loads(schema_path.read_text())
        kind = kinds[str(Path(path).parent)]
        assert schema_path.name == f"{SCHEMA_NAMES[kind]}.schema.json"
        errors = [
            e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(text))
        ]
        assert errors == [], path


def starter_texts() -> dict[str, str]:
    return {str(path.relative_to(STARTER)): path.read_text() for path in STARTER.rglob("*") if path.is_file()}


def test_the_starter_is_hers_not_ours():
    """No starter file names Drillbook or the hip hinge; `drillbook` is the plugin and the package."""
    texts = starter_texts()
    assert {".gitignore", ".github/workflows/pages.yml", "mkdocs.yml", "README.md", "docs/index.md"} <= set(
        texts
    )
    assert [path for path, text in texts.items() if "Drillbook" in text] == []
    assert [path for path, text in texts.items() if "hip hinge" in text.lower()] == []


def test_written_files_are_hers_not_ours(tmp_path):
    project = new(tmp_path, "--name", "Squat School")
    for path in FILES:
        if not path.startswith("docs/schemas/"):  # the models' own descriptions, for editors
            text = (project / path).read_text()
            assert "Drillbook" not in text and "hip hinge" not in text.lower(), path
            assert not re.search(r"\{\{|\{%", text) or path.endswith("pages.yml"), path


def test_gitignore_keeps_the_built_site_and_every_generated_folder_out(tmp_path):
    lines = (new(tmp_path) / ".gitignore").read_text().splitlines()
    assert "/site/" in lines and ".cache/" in lines and "__pycache__/" in lines
    for folder in OWNED_FOLDERS:
        assert f"/docs/{folder}/" in lines or f"/docs/{folder}/*" in lines, folder


def test_workflow_installs_the_package_and_gives_the_pages_address(tmp_path):
    workflow = (new(tmp_path) / ".github" / "workflows" / "pages.yml").read_text()
    steps = yaml.safe_load(workflow)["jobs"]["build"]["steps"]
    build = next(step for step in steps if step.get("name") == "Build the site")
    assert build["run"] == "python3 -m pip install drillbook && mkdocs build --strict"
    assert build["env"]["DRILLBOOK_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"


def test_home_page_links_to_the_generated_indexes(tmp_path):
    home = (new(tmp_path) / "docs" / "index.md").read_text()
    for page in ("exercises", "ladders", "faults", "menus", "cards"):
        assert f"]({page}/index.md)" in home
