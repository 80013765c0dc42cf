"""render: golden pages, and the one escaping filter every record value goes through.

Refresh the golden files after an intended change with DRILLBOOK_UPDATE_GOLDEN=1."""

import os
from pathlib import Path

import pytest

from generator.embeds import render_embeds
from generator.model import Prescription
from generator.pipeline import read_library
from generator.render import dose, escape_text, render_exercise_pages, render_fault_ladder_and_browse_pages

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "golden"
SITE_URL = "https://drillbook.example.org/"


def pages_of(content: Path) -> dict[str, str]:
    """The record and index pages of the library in `content`, Embed sections included."""
    library = read_library(content)
    return render_exercise_pages(
        library, render_embeds(library, SITE_URL)[1]
    ) | render_fault_ladder_and_browse_pages(library)


@pytest.mark.parametrize(
    "page", ["exercises/first-drill.md", "ladders/test-ladder.md", "faults/test-fault.md"]
)
def test_rendered_page_matches_golden_file(page):
    text = pages_of(DATA / "library")[page]
    golden = GOLDEN / page
    if os.environ.get("DRILLBOOK_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, "utf-8")
    assert text == golden.read_text("utf-8"), (
        f"{page} changed; if on purpose, rerun with DRILLBOOK_UPDATE_GOLDEN=1 and review the diff"
    )


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
    assert dose(Prescription(**prescription)) == shown
