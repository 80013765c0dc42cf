"""write: only changed pages are rewritten, stale ones go, hand-written ones stay."""

import os
import shutil
from pathlib import Path

import pytest

from drillbook.pipeline import generate
from drillbook.write import ForeignFileError, sync_pages

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


def test_a_handwritten_help_page_replaces_the_generated_one_and_is_never_deleted(tmp_path):
    shutil.copytree(LIBRARY, tmp_path / "content")
    docs = tmp_path / "docs"
    mine = docs / "help" / "printing.md"
    mine.parent.mkdir(parents=True)
    text = b"# Printing at our gym\n\nAsk at the desk.\n"
    mine.write_bytes(text)

    _, report = generate(tmp_path / "content", docs)
    assert mine.read_bytes() == text
    assert "help/printing.md" not in report.written
    assert {"help/embedding.md", "help/figures.md"} <= set(report.written)
    assert (docs / "help" / "embedding.md").read_text("utf-8").startswith("---\ntitle: Embed in your blog")

    _, report = generate(tmp_path / "content", docs)
    assert (report.written, report.removed) == ([], [])
    report = sync_pages({}, docs)  # nothing generated any more: every generated file goes
    assert sorted(name for name in report.removed if name.startswith("help/")) == [
        "help/embedding.md",
        "help/figures.md",
    ]
    assert mine.read_bytes() == text


def test_a_handwritten_help_page_does_not_make_other_folders_accept_foreign_files(site):
    docs = site / "docs"
    (docs / "help" / "extra.md").write_text("# Ours\n", "utf-8")
    (docs / "cards" / "extra.md").write_text("# Ours\n", "utf-8")
    with pytest.raises(ForeignFileError, match="docs/cards/extra.md was not written by it"):
        generate(site / "content", docs)


def test_a_generated_help_page_edited_by_hand_is_kept_as_hand_written(site):
    docs = site / "docs"
    page = docs / "help" / "printing.md"
    text = page.read_text("utf-8").replace("# How to print", "# How to print at our gym")
    page.write_text(text, "utf-8")

    _, report = generate(site / "content", docs)
    assert page.read_text("utf-8") == text
    assert report.written == [] and report.removed == []
    sync_pages({}, docs)
    assert page.read_text("utf-8") == text
    assert sorted(p.name for p in (docs / "help").iterdir()) == [".drillbook-generated", "printing.md"]
