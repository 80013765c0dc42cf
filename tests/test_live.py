"""Live authoring renders only what a save changes, and ends with the same files as a full
generation: every page that shows the edited record, every index and data list."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, owned_files

from drillbook.listing import LISTING_LIMIT
from drillbook.live import LiveGenerator
from drillbook.pipeline import generate
from drillbook.views import DEFAULT_NAMES

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_library  # noqa: E402

SITE_URL = "https://example.org/hinge/"


@pytest.fixture(scope="module")
def synthetic_content(tmp_path_factory) -> Path:
    """260 exercises with faults, ladders and sources: sparse enough that one exercise's
    neighbourhood is a small part of the library, and long enough that its lists are split
    into pages (listing.py)."""
    content = tmp_path_factory.mktemp("synthetic") / "content"
    write_library(content, LISTING_LIMIT + 60)
    return content


def edit_line(path: Path, key: str, suffix: str) -> None:
    text = path.read_text("utf-8")
    edited, count = re.subn(rf"^{key}: (.*)$", rf"{key}: \1{suffix}", text, count=1, flags=re.MULTILINE)
    assert count == 1, f"no `{key}:` line in {path}"
    path.write_text(edited, "utf-8")


EDITS = [
    ("exercises/exercise-00020.yml", "name", " renamed"),
    ("exercises/exercise-00021.yml", "summary", " One more sentence."),
    ("faults/fault-00003.yml", "name", " (renamed)"),
    ("ladders/ladder-00002.yml", "goal", " Slowly."),
    ("sources/source-00001.yml", "title", ", revised"),
]


@pytest.mark.parametrize("record, key, suffix", EDITS, ids=[f"{r}:{k}" for r, k, _ in EDITS])
def test_a_live_edit_renders_part_of_the_library_and_ends_as_a_full_generation(
    tmp_path, synthetic_content, record, key, suffix
):
    content = shutil.copytree(synthetic_content, tmp_path / "content")
    live_docs, full_docs = tmp_path / "live-docs", tmp_path / "full-docs"
    live = LiveGenerator()
    _, first, note = live.generate(content, live_docs, SITE_URL, DEFAULT_NAMES)
    assert note == "every record" and first.written

    edit_line(content / record, key, suffix)
    _, report, note = live.generate(content, live_docs, SITE_URL, DEFAULT_NAMES)
    rendered = int(re.match(r"the (\d+) records within 2 links of", note).group(1))
    records = len(list(content.rglob("*.yml")))
    assert rendered < (records / 2 if record.startswith("exercises/") else records), note
    assert report.written and not report.removed

    generate(content, full_docs, SITE_URL)
    assert owned_files(live_docs) == owned_files(full_docs)


def test_saves_in_a_row_end_as_a_full_generation_after_each(tmp_path, synthetic_content):
    """Each live run views again only the records a save reached and keeps the last run's
    views of the others; after each of several saves in a row, reaching different records,
    the files are those of a full generation."""
    content = shutil.copytree(synthetic_content, tmp_path / "content")
    live_docs, full_docs = tmp_path / "live-docs", tmp_path / "full-docs"
    live = LiveGenerator()
    live.generate(content, live_docs, SITE_URL, DEFAULT_NAMES)
    for record, key, suffix in EDITS:
        edit_line(content / record, key, suffix)
        _, _, note = live.generate(content, live_docs, SITE_URL, DEFAULT_NAMES)
        assert "records within 2 links" in note
        generate(content, full_docs, SITE_URL)
        assert owned_files(live_docs) == owned_files(full_docs), f"after the edit of {record}"


def test_nothing_changed_writes_nothing_and_a_new_record_renders_everything(tmp_path, synthetic_content):
    content = shutil.copytree(synthetic_content, tmp_path / "content")
    docs = tmp_path / "docs"
    live = LiveGenerator()
    live.generate(content, docs, SITE_URL, DEFAULT_NAMES)
    _, report, note = live.generate(content, docs, SITE_URL, DEFAULT_NAMES)
    assert (note, report.written) == ("nothing changed", [])

    copy = content / "exercises" / "exercise-00199.yml"
    text = copy.read_text("utf-8").replace("exercise-00199", "exercise-00999")
    (content / "exercises" / "exercise-00999.yml").write_text(text, "utf-8")
    _, report, note = live.generate(content, docs, SITE_URL, DEFAULT_NAMES)
    assert note == "every record: a record was added, removed or renamed"
    assert "exercises/exercise-00999.md" in report.written

    (content / "exercises" / "exercise-00999.yml").unlink()
    _, report, note = live.generate(content, docs, SITE_URL, DEFAULT_NAMES)
    assert "exercises/exercise-00999.md" in report.removed
    generate(content, tmp_path / "full-docs", SITE_URL)
    assert owned_files(docs) == owned_files(tmp_path / "full-docs")


def test_a_new_initial_adds_its_list_page_and_renaming_back_removes_it(tmp_path, synthetic_content):
    """No synthetic name starts with Z: the rename makes the Z pages of the split exercise
    index and list of cards in a live run, and the rename back takes them away again."""
    content = shutil.copytree(synthetic_content, tmp_path / "content")
    docs = tmp_path / "docs"
    live = LiveGenerator()
    live.generate(content, docs, SITE_URL, DEFAULT_NAMES)
    record = content / "exercises" / "exercise-00020.yml"
    original = record.read_text("utf-8")
    record.write_text(re.sub(r"(?m)^name: ", "name: Zercher ", original, count=1), "utf-8")
    _, report, _ = live.generate(content, docs, SITE_URL, DEFAULT_NAMES)
    assert {"exercises/by-letter/z.md", "cards/by-letter/z.md"} <= set(report.written)
    assert "Zercher" in (docs / "exercises" / "by-letter" / "z.md").read_text("utf-8")

    record.write_text(original, "utf-8")
    _, report, note = live.generate(content, docs, SITE_URL, DEFAULT_NAMES)
    assert note.startswith("the ") and "records within 2 links" in note
    assert {"exercises/by-letter/z.md", "cards/by-letter/z.md"} <= set(report.removed)
    generate(content, tmp_path / "full-docs", SITE_URL)
    assert owned_files(docs) == owned_files(tmp_path / "full-docs")
