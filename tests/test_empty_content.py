"""A content folder with no records yet: every command says what to do next, in one line,
without a traceback, and exits 1."""

import pytest
from conftest import copy_project, drillbook, mkdocs_build

MESSAGE = (
    "content/ holds no records yet: add a YAML file under content/exercises/ "
    "(`drillbook new DIR` writes a project with one example of each kind)"
)


@pytest.mark.parametrize("folders", [(), ("exercises", "faults", "ladders", "menus", "sources")])
def test_check_on_an_empty_content_folder_says_what_to_do_next(tmp_path, folders):
    for folder in folders:
        (tmp_path / "content" / folder).mkdir(parents=True)
    (tmp_path / "content").mkdir(exist_ok=True)
    result = drillbook("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: {MESSAGE}\n"


def test_a_file_that_is_not_a_record_does_not_count(tmp_path):
    (tmp_path / "content" / "exercises").mkdir(parents=True)
    (tmp_path / "content" / "exercises" / "notes.txt").write_text("ideas\n", "utf-8")
    result = drillbook("check", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, f"Error: {MESSAGE}\n")


def test_missing_content_folder_keeps_its_own_message(tmp_path):
    result = drillbook("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: content folder content not found")


def test_build_and_the_plugin_give_the_same_message(tmp_path):
    empty = tmp_path / "empty"
    (empty / "exercises").mkdir(parents=True)
    project = copy_project(tmp_path / "project", content=empty)
    build = drillbook("build", "--strict", cwd=project)
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert f"Error: {MESSAGE}" in build.stderr.splitlines()
    mkdocs = mkdocs_build(project, check=False)
    assert mkdocs.returncode == 1
    assert "Traceback" not in mkdocs.stderr
    assert any(line.endswith(f" {MESSAGE}") for line in mkdocs.stderr.splitlines())
    assert not (project / "site").exists()
