"""render: golden pages, and the one escaping filter every record value goes through.

Refresh the golden files after an intended change with DRILLBOOK_UPDATE_GOLDEN=1."""

import difflib
import os
import shutil
from pathlib import Path

import pytest

from drillbook.errors import DrillbookError
from drillbook.i18n import words_for
from drillbook.model import Prescription
from drillbook.pipeline import read_library, render_site
from drillbook.render import escape_text
from drillbook.views import dose
from drillbook.write import Outputs

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "golden"
SITE_URL = "https://drillbook.example.org/"


def pages_of(content: Path) -> dict[str, str]:
    """Every file generated for the library in `content`, by path under docs/."""
    return render_site(read_library(content), SITE_URL)


def test_generated_folders_match_the_golden_tree():
    """Every file generated for tests/data/library, compared with the committed tree in
    tests/data/golden/. After a change on purpose: `DRILLBOOK_UPDATE_GOLDEN=1 python3 -m
    pytest tests/test_render.py`, then review `git diff tests/data/golden`."""
    # Text files only: the image copies are bytes from Pillow, checked in test_media.py.
    pages = {path: text for path, text in pages_of(DATA / "library").items() if isinstance(text, str)}
    if os.environ.get("DRILLBOOK_UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, "utf-8")
    golden = {
        str(path.relative_to(GOLDEN)): path.read_text("utf-8") for path in GOLDEN.rglob("*") if path.is_file()
    }
    assert sorted(pages) == sorted(golden), "files added or removed; see the update command in this test"
    for path in sorted(pages):
        if pages[path] != golden[path]:
            diff = difflib.unified_diff(
                golden[path].splitlines(), pages[path].splitlines(), f"golden/{path}", path, lineterm=""
            )
            pytest.fail("\n".join([f"{path} changed (update command in this test's docstring):", *diff][:60]))


def test_two_outputs_for_one_path_are_refused_naming_both():
    outputs = Outputs()
    outputs.add("exercises/index.md", "list", "the exercise index")
    with pytest.raises(
        DrillbookError,
        match="docs/exercises/index.md would be written twice: for "
        "the exercise index and for the exercise `index`",
    ):
        outputs.add("exercises/index.md", "page", "the exercise `index`")


def test_every_page_of_the_library_is_rendered():
    pages = pages_of(DATA / "library")
    assert {
        "exercises/first-drill.md",
        "exercises/second-drill.md",
        "faults/test-fault.md",
        "ladders/test-ladder.md",
        "exercises/index.md",
        "browse/levels.md",
        "browse/sources.md",
    } <= set(pages)


@pytest.mark.parametrize(
    "text, shown",
    [
        ("<script>alert(1)</script>", "&#60;script&#62;alert(1)&#60;/script&#62;"),
        ("[x](javascript:alert(1))", "&#91;x&#93;(javascript:alert(1))"),
        ("**bold** _em_ `code`", "&#42;&#42;bold&#42;&#42; &#95;em&#95; &#96;code&#96;"),
        ("{{ config }} {% if %}", "&#123;&#123; config &#125;&#125; &#123;% if %&#125;"),
        ("- not a list", "&#45; not a list"),
        ("1. not a list", "&#49;. not a list"),
        ("two\n\nparagraphs", "two paragraphs"),
        ('"><img onerror=x>', "&#34;&#62;&#60;img onerror&#61;x&#62;"),
        ("Hips back, chest up.", "Hips back, chest up."),
    ],
)
def test_escape_text_makes_record_text_inert(text, shown):
    assert escape_text(text) == shown


@pytest.mark.parametrize(
    "prescription, shown",
    [
        ({"goal": "g", "sets": 3, "reps": 15}, "3 × 15"),
        ({"goal": "g", "sets": 3, "reps": "8-12"}, "3 × 8–12"),
        ({"goal": "g", "reps": "12-15"}, "12–15 reps"),
        ({"goal": "g", "sets": 2, "reps": 10, "per_side": True}, "2 × 10 each side"),
    ],
)
def test_dose_reads_as_sets_by_reps(prescription, shown):
    assert dose(Prescription(**prescription), words_for("en")) == shown
