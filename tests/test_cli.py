"""cli: every command has help, is documented, and reports errors without a traceback."""

import re
from pathlib import Path

import pytest
from conftest import ROOT, drillbook

from drillbook.cli import COMMANDS


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_and_is_in_the_readme(command):
    result = drillbook(command, "--help", cwd=ROOT)
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: drillbook {command}")
    readme = (ROOT / "README.md").read_text("utf-8")
    assert re.search(rf"drillbook {command}\b", readme), f"`drillbook {command}` not in README"


def test_schemas_on_disk_match_the_models():
    result = drillbook("schema", "--check", cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_every_shipped_record_points_its_editor_at_an_existing_schema():
    for path in sorted((ROOT / "content").rglob("*.yml")):
        first = path.read_text("utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema.is_file(), f"{path}: {schema} missing"


def test_missing_content_folder_is_an_error_not_a_traceback(tmp_path):
    result = drillbook("check", "--content", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: ")


def test_authoring_guide_names_every_field():
    from drillbook.model import MODELS

    guide = (ROOT / "docs" / "authoring.md").read_text("utf-8")
    for kind, model in MODELS.items():
        for name in model.model_fields:
            assert f"`{name}`" in guide, f"{kind}.{name} is not in docs/authoring.md"


def test_readme_starts_with_the_two_commands():
    lines = (ROOT / "README.md").read_text("utf-8").splitlines()
    block = lines[lines.index("```sh") + 1 : lines.index("```sh") + 3]
    assert "mkdocs build" in block[0] and "tests/run.sh" in block[1]
    assert "tests/run.sh" in Path(ROOT / ".ci" / "run").read_text("utf-8")


def test_generate_reads_site_url_and_folders_from_mkdocs_yml(project):
    """`drillbook generate` with the shipped mkdocs.yml writes what `mkdocs build` would:
    embeds and QR codes need its site_url, and no warning says it is missing."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "docs_dir: pages\n", "utf-8")
    (project / "docs").rename(project / "pages")
    result = drillbook("generate", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "site_url" not in result.stderr
    oembed = project / "pages" / "embed" / "romanian-deadlift.json"
    assert '"provider_url": "https://drillbook.example.org/"' in oembed.read_text("utf-8")
    assert "<svg" in (project / "pages" / "cards" / "romanian-deadlift.md").read_text("utf-8")
    assert not (project / "docs").exists()


def test_build_without_mkdocs_yml_says_where_to_run_it(tmp_path):
    result = drillbook("build", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: mkdocs.yml not found: run this in your project's folder, "
        "or start a project with `drillbook new DIR`\n"
    )


def test_version_is_the_package_version():
    from importlib.metadata import version

    result = drillbook("--version", cwd=ROOT)
    assert result.stdout == f"drillbook {version('drillbook')}\n"


def test_build_without_a_home_page_names_the_missing_file(tmp_path):
    assert drillbook("new", "club", cwd=tmp_path).returncode == 0
    (tmp_path / "club" / "docs" / "index.md").unlink()
    result = drillbook("build", "--strict", cwd=tmp_path / "club")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "Error: docs/index.md not found: the site needs a home page; write one "
        "(`drillbook new DIR` starts a project with one)\n"
    ) in result.stderr
