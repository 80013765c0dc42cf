"""What a coach reads on the built site: menus, step-back rules, where each dose comes from,
either-or equipment, bracing, and the notes where the articles differ."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from drillbook.pipeline import read_library, render_site
from drillbook.views import SiteNames


def text_of(site: Path, page: str) -> str:
    """The page's article as plain text, tags removed and whitespace collapsed."""
    html = (site / page / "index.html").read_text("utf-8")
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


def test_a_menu_page_groups_its_options_by_problem(built_site):
    text = text_of(built_site, "menus/drills-by-problem")
    assert "these are alternatives, not steps to climb in order" in text
    for group in ("The hips don't go back", "The hips don't bend or open", "The back rounds"):
        assert group in text
    assert "Rack pull (3 · Intermediate · 3 × 5) Choose this when: You can't yet reach a bar" in text
    html = (built_site / "menus" / "drills-by-problem" / "index.html").read_text("utf-8")
    assert 'href="../../exercises/rack-pull/"' in html


def test_the_menus_index_lists_both_menus_and_is_in_the_nav(built_site):
    text = text_of(built_site, "menus")
    assert "Drills by problem, then the loaded lifts" in text and "Hinge variations by goal" in text
    home = (built_site / "index.html").read_text("utf-8")
    assert 'href="menus/"' in home


def test_a_ladder_page_says_when_to_step_back_and_where_each_dose_comes_from(built_site):
    text = text_of(built_site, "ladders/bodyweight-to-barbell-rdl")
    assert "Kettlebell hinge · 3 × 10–12 (Drillbook suggestion)" in text
    assert "Romanian deadlift · 3 × 12–15 (from Balance Guy Training)" in text
    assert "Step back when: The back stops being straight, or you feel it more than the hamstrings" in text


def test_an_exercise_page_reads_its_equipment_doses_bracing_and_differences(built_site):
    rdl = text_of(built_site, "exercises/romanian-deadlift")
    assert "Equipment Barbell or dumbbell" in rdl
    assert "3 × 12–15 (Learn the lift light; from Balance Guy Training)" in rdl
    assert "Breathing and bracing" in rdl and "brace as if about to take a punch" in rdl
    assert "Sources differ: Heels or mid-foot" in rdl
    assert "Core tight, chin tucked setup · on the card" in rdl
    assert "Step back when:" in rdl
    assert "In the menus" in rdl and "Drills by problem, then the loaded lifts : Find the drills" in rdl
    assert "Equipment Barbell and power rack" in text_of(built_site, "exercises/rack-pull")
    hold = text_of(built_site, "exercises/wall-hip-hinge-with-stick")
    assert "2 × 20 s" in hold and "Drillbook suggestion" in hold


def test_a_fault_page_says_the_sources_differ(built_site):
    text = text_of(built_site, "faults/weight-off-midfoot")
    assert "Sources differ: Heels or mid-foot" in text
    assert "Drillbook teaches mid-foot" in text


def test_the_sources_page_credits_the_menus(built_site):
    html = (built_site / "browse" / "sources" / "index.html").read_text("utf-8")
    assert 'href="../../menus/hinge-variations-by-goal/"' in html


def prescriptions_header(site: Path, page: str) -> list[str]:
    html = (site / page / "index.html").read_text("utf-8")
    table = html.split('id="prescriptions"', 1)[1].split("</thead>", 1)[0]
    return [unescape(cell) for cell in re.findall(r"<th[^>]*>([^<]*)</th>", table)]


def test_the_prescriptions_table_leaves_out_columns_no_dose_fills(built_site):
    """The RDL's doses give no tempo or rest, so those columns are not shown empty."""
    assert prescriptions_header(built_site, "exercises/romanian-deadlift") == [
        "Goal",
        "Sets × reps",
        "Load",
        "Note",
        "From",
    ]


def test_a_german_site_writes_the_coaching_pages_in_german():
    """Drillbook's words on the fault, ladder, menu, index, browse, sources, credits and gallery
    pages follow the site's language; the coach's text stays as she wrote it."""
    library = read_library(Path(__file__).parent / "data" / "library")
    pages = render_site(library, None, SiteNames(language="de"))
    owned = [
        "faults/test-fault.md",
        "faults/index.md",
        "ladders/test-ladder.md",
        "ladders/index.md",
        "menus/test-menu.md",
        "menus/index.md",
        "exercises/index.md",
        "browse/index.md",
        "browse/sources.md",
        "browse/credits.md",
        "figures/index.md",
    ]
    text = "\n".join(pages[page] for page in owned)
    for german in (
        "## Was du siehst",
        "<small>Hilfsmittel: stick</small>",
        "**Ziel:** Climb two steps",
        "Zurück, wenn: The back rounds in any rep.",
        "Nimm das, wenn: The hips do not move back.",
        "title: Fehlerbilder",
        "<th>Übung</th><th>Niveau</th><th>Ausrüstung</th><th>Auch bekannt als</th>",
        "Ohne bekannte Lizenz: 2 (stehen oben).",
        "(Video auf video.example.org)",
        "Verwendet für:",
        "# Abbildungsgalerie",
    ):
        assert german in text, german
    for english in (
        "What you see",
        "How to fix it",
        "needs ",
        "Goal:",
        "Print poster",
        "Step back when:",
        "Choose this when:",
        "Also known as",
        "Drawn on by:",
        "Photo or video",
        "not given",
        "Figure gallery",
        "A ladder is a progression",
    ):
        assert english not in text, english
