"""write: only changed pages are rewritten, stale ones go, hand-written ones stay."""

import os
import shutil
from pathlib import Path

import pytest

from generator.pipeline import generate
from generator.write import ForeignFileError, sync_pages

LIBRARY = Path(__file__).parent / "data" / "library"


@pytest.fixture
def site(tmp_path):
    shutil.copytree(LIBRARY, tmp_path / "content")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", "utf-8")
    generate(tmp_path / "content", docs)
    return tmp_path


def mtimes(docs: Path) -> dict[str, int]:
    return {str(p.relative_to(docs)): p.stat().st_mtime_ns for p in docs.rglob("*.md")}


def age(docs: Path) -> None:
    """Push every mtime into the past so a rewrite is visible whatever the clock's grain."""
    for path in docs.rglob("*"):
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))


def test_editing_one_record_rewrites_only_the_pages_whose_text_changed(site):
    docs = site / "docs"
    age(docs)
    before = mtimes(docs)
    drill = site / "content" / "exercises" / "second-drill.yml"
    drill.write_text(drill.read_text("utf-8").replace("Chest up", "Chest tall"), "utf-8")
    _, report = generate(site / "content", docs)
    after = mtimes(docs)
    changed = sorted(name for name in after if after[name] != before[name])
    assert changed == ["cards/second-drill.md", "embed/second-drill.md", "exercises/second-drill.md"]
    assert sorted(name for name in report.written if name.endswith(".md")) == changed
    assert "Chest tall" in (docs / "exercises" / "second-drill.md").read_text("utf-8")


def test_nothing_changed_means_nothing_written(site):
    _, report = generate(site / "content", site / "docs")
    assert report.written == [] and report.removed == []


def test_removed_record_loses_its_page_and_handwritten_pages_survive(site):
    docs = site / "docs"
    ladder = site / "content" / "ladders" / "test-ladder.yml"
    ladder.unlink()
    _, report = generate(site / "content", docs)
    assert not (docs / "ladders" / "test-ladder.md").exists()
    assert "ladders/test-ladder.md" in report.removed
    assert (docs / "index.md").read_text("utf-8") == "# Home\n"


def test_a_foreign_file_in_an_owned_folder_stops_the_run_before_any_write(site):
    docs = site / "docs"
    mine = docs / "exercises" / "my-notes.md"
    mine.write_text("# Mine\n", "utf-8")
    age(docs)
    before = mtimes(docs)
    with pytest.raises(ForeignFileError, match="docs/exercises/my-notes.md was not written by it"):
        sync_pages({"exercises/new.md": "# New\n"}, docs)
    assert mtimes(docs) == before
    assert mine.read_text("utf-8") == "# Mine\n"


def test_pages_outside_owned_folders_are_refused(tmp_path):
    for path in ["index.md", "../escape.md", "exercises/../../x.md", "/etc/x.md"]:
        with pytest.raises(ValueError, match="not inside a generated folder"):
            sync_pages({path: "x"}, tmp_path)
