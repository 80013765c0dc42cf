"""Cards: what a card holds, its QR code, the cards index and the PDF decks."""

from __future__ import annotations

import html
import importlib.util
import json
import logging
import re
import shutil
from pathlib import Path

import pytest
import segno
from PIL import Image
from pypdf import PdfReader

from drillbook.cards import (
    CARD,
    CARD_CUES,
    CARD_FAULTS,
    CUE_LINES_TOTAL,
    ELLIPSIS,
    FIGURE_GAP_MM,
    FIGURE_MAX_HEIGHT_MM,
    FIGURE_MAX_MM,
    FIGURE_SPARE_MM,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    POSTER,
    POSTER_LAYOUTS,
    SHEET,
    SHEET_CUES,
    SHEET_HEAD_MM,
    SHEET_ROW_MM,
    SHEET_ROW_PADDING_MM,
    SHEET_ROWS,
    STATION,
    STATION_CUES,
    STATION_FAULTS,
    STATION_HEIGHT_MM,
    Box,
    Card,
    card_labels,
    fit,
    fit_poster,
    make_card,
    make_sheet_row,
    make_station,
    menu_poster_options,
    poster_steps,
    render_cards,
    text_width,
    wrap,
)
from drillbook.decks import library_decks
from drillbook.figures import fitted_pose_svg
from drillbook.i18n import SHIPPED, words_for
from drillbook.model import LIMITS, Exercise
from drillbook.pipeline import read_library, render_site
from drillbook.pose import HELD
from drillbook.qr import QR_MASK
from drillbook.views import SiteNames, card_position, library_views


def _shared_helpers():
    """tests/conftest.py by its path: `import conftest` from tests/browser/ (which imports
    this module) would find tests/browser/conftest.py instead."""
    spec = importlib.util.spec_from_file_location(
        "drillbook_test_helpers", Path(__file__).with_name("conftest.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_helpers = _shared_helpers()
ROOT, copy_project, mkdocs_build = _helpers.ROOT, _helpers.copy_project, _helpers.mkdocs_build
SITE_URL = "https://drillbook.example.org/"
ENGLISH = words_for("en")
# The languages whose cards are checked to fit: every shipped one (German's and French's
# labels are the longest; tests/browser/test_print.py prints their cards).
LANGUAGES = SHIPPED

WIDE_WORD = "WMWMWMW"


def longest(limit: int, seed: str = "") -> str:
    """A string of exactly `limit` characters of wide capital letters in words."""
    words = " ".join([seed, *[WIDE_WORD] * limit]).strip()
    return words[:limit].rstrip() + "W" * (limit - len(words[:limit].rstrip()))


def slug_of(n: int, prefix: str) -> str:
    base = f"{prefix}-{n}-"
    return base + "x" * (LIMITS["slug"] - len(base))


def write_longest_library(content: Path, exercises: int = 20) -> dict[str, list[str]]:
    """A library whose every string is at its schema maximum and every list full.

    Returns the ids written, by kind. Ladders of 6, 12 and 20 steps cover each poster layout."""
    many = LIMITS["list"]
    ids = {
        "exercises": [slug_of(n, "exercise") for n in range(1, exercises + 1)],
        "faults": [slug_of(n, "fault") for n in range(1, many + 1)],
        "sources": [slug_of(n, "source") for n in range(1, many + 1)],
        "ladders": [slug_of(n, "ladder") for n in (6, 12, 20)],
    }
    name, cue, line, text = (longest(LIMITS[key]) for key in ("name", "cue", "line", "text"))
    prescription = {
        "goal": name,
        "sets": 20,
        "reps": "999-999",
        "per_side": True,
        "load": name,
        "tempo": "W" * 20,
        "rest": "W" * 40,
        "note": line,
    }
    for kind in ids:
        (content / kind).mkdir(parents=True, exist_ok=True)
    for source_id in ids["sources"]:
        record = {
            "id": source_id,
            "title": line,
            "publisher": name,
            "author": name,
            "url": line,
            "drew": text,
        }
        (content / "sources" / f"{source_id}.yml").write_text(json.dumps(record), "utf-8")
    for fault_id in ids["faults"]:
        record = {
            "id": fault_id,
            "name": name,
            "aliases": [name] * many,
            "look": text,
            "feel": text,
            "why": text,
            "fix": [cue] * many,
            "drills": ids["exercises"][:many],
            "sources": ids["sources"],
        }
        (content / "faults" / f"{fault_id}.yml").write_text(json.dumps(record), "utf-8")
    for number, exercise_id in enumerate(ids["exercises"], start=1):
        record = {
            "id": exercise_id,
            "name": name,
            "aliases": [name] * many,
            "pattern": "w" * LIMITS["slug"],
            "level": 5,
            "equipment": [name] * 8,
            "muscles": {"primary": [name] * 8, "secondary": [name] * 8},
            "summary": text,
            "why": text,
            "setup": [line] * many,
            "steps": [line] * many,
            "cues": [{"text": cue, "kind": "feel"}] * many,
            "faults": [{"fault": fault_id, "note": line} for fault_id in ids["faults"]],
            "prescriptions": [prescription] * 6,
            "variations": [{"name": name, "change": line, "exercise": ids["exercises"][0]}] * many,
            "safety": [line] * 6,
            "media": [
                {
                    "kind": "image",
                    "url": "https://example.org/" + "x" * (LIMITS["line"] - 20),
                    "alt": line,
                    "caption": line,
                }
            ]
            * 6,
            "sources": ids["sources"],
        }
        if number % 2:  # half the cards carry the large key figure beside their cues
            bottom = {"name": "bottom", "caption": longest(120), "knee": 20, "trunk": 70, "shoulder": 47}
            record["positions"] = [bottom]
        (content / "exercises" / f"{exercise_id}.yml").write_text(json.dumps(record), "utf-8")
    for ladder_id, steps in zip(ids["ladders"], (6, 12, 20), strict=True):
        record = {
            "id": ladder_id,
            "name": name,
            "goal": line,
            "summary": text,
            "steps": [
                {"exercise": exercise_id, "move_on": line, "prescription": prescription}
                for exercise_id in ids["exercises"][:steps]
            ],
            "sources": ids["sources"],
        }
        (content / "ladders" / f"{ladder_id}.yml").write_text(json.dumps(record), "utf-8")
    return ids


@pytest.fixture(scope="module")
def longest_library(tmp_path_factory):
    content = tmp_path_factory.mktemp("longest") / "content"
    write_longest_library(content)
    return read_library(content)


@pytest.fixture(scope="module")
def shipped():
    return read_library(ROOT / "content")


@pytest.fixture(params=LANGUAGES)
def names(request) -> SiteNames:
    """The site in each language whose cards must fit (its words: `names.words`)."""
    return SiteNames(language=request.param)


def card_boxes(card: Card) -> list[tuple[Box, str]]:
    """Each text of a full card that is fitted, as printed (label and text), with its box."""
    labels = card.labels
    beside = "_by_photo" if card.photo else ""
    ladder = []
    if card.ladder:
        ladder = [
            (CARD["ladder"], f"{card.step} · {card.ladder}"),
            (CARD["step"], labels.previous + card.previous),
            (CARD["step"], labels.next + card.next),
            (CARD["move_on"], f"{card.move_on_label} {card.move_on}"),
            *([(CARD["step_back"], labels.step_back + card.step_back)] if card.step_back else []),
        ]
    return [
        (CARD[f"title{beside}"], card.title),
        (CARD[f"equipment{beside}"], labels.equipment + card.equipment),
        *((card.cue_box, cue) for cue in card.cues),
        *((CARD["fault"], fault.name) for fault in card.faults),
        *((CARD["fix"], labels.fix + fault.fix) for fault in card.faults),
        *ladder,
        (CARD["credit"], labels.source + card.credit),
    ]


def assert_card_fits(exercise_id: str, card: Card) -> None:
    """Every text of the card within its box's lines."""
    for box, text in card_boxes(card):
        assert box.lines_of(text) <= box.lines, (exercise_id, text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_section_headings_take_one_line_in_every_language(language):
    """cards.py counts one line for each heading in capitals: the cues' beside the widest
    figure, the faults' across the page, and the station card's faults."""
    words = words_for(language)
    narrowest = Box(PAGE_WIDTH_MM - FIGURE_MAX_MM - FIGURE_GAP_MM, 12, 1, caps=True)
    for text in (words("card.cues"), words("card.watch_for")):
        assert narrowest.lines_of(text) == 1, text
    assert STATION["faults_heading"].lines_of(words("card.watch_for")) == 1


def test_fit_keeps_text_that_fits_and_cuts_longer_text_at_a_word():
    assert fit("Push the hips back", 30, 1) == "Push the hips back"
    cut = fit("Push the hips back to the wall and keep going", 12, 1)
    assert cut == "Push the hips back…"
    assert "Push the hips back to the wall".startswith(cut.removesuffix(ELLIPSIS))
    assert len(wrap(cut, 12)) == 1


def test_fit_breaks_a_word_longer_than_a_line():
    cut = fit("W" * 90, 10, 2)
    assert cut.endswith(ELLIPSIS) and len(wrap(cut, 10)) <= 2


def test_widths_never_undercount_wide_letters():
    assert text_width("W") > text_width("i")
    assert text_width("ж") >= 1  # outside the table: counted wide
    assert text_width("é") == text_width("e") and text_width("Ü") == text_width("U")
    assert text_width("ß", caps=True) >= text_width("SS", caps=True)  # CSS prints "SS"
    assert text_width("AB", caps=True) > text_width("AB")  # the headings' letter-spacing


def test_a_line_never_breaks_at_a_no_break_space_and_keeps_it(shipped):
    """French sets a no-break space before a colon: the label stays whole on its line, as
    a browser keeps it, and the page prints the no-break space."""
    label = "Corrige\u00a0:"
    assert wrap(f"{label} Reach back", text_width(label) + 0.1) == [label, "Reach", "back"]
    pages = render_cards(shipped, library_views(shipped, SiteNames(language="fr")), SITE_URL)
    assert f"<dd>{label} Reach back for the wall with your backside</dd>" in pages["cards/wall-hip-hinge.md"]


def test_longest_record_card_holds_at_most_its_cues_and_faults(longest_library, names):
    exercise = next(iter(longest_library.exercises.values()))
    card = make_card(library_views(longest_library, names).exercises[exercise.id], SITE_URL, names.words)
    assert len(exercise.cues) == LIMITS["list"] and len(card.cues) == CARD_CUES
    assert len(card.faults) == CARD_FAULTS
    assert card.figure, "the longest card shows the key figure beside its cues"
    assert sum(card.cue_box.lines_of(cue) for cue in card.cues) <= CUE_LINES_TOTAL
    # Its figure, cut to the height the text leaves, is no taller than the cues beside it.
    assert card.figure.height_mm <= card.cues_mm
    assert all(cue.endswith(ELLIPSIS) for cue in card.cues)
    assert len(wrap(card.title, CARD["title"].em)) <= CARD["title"].lines
    for fault in card.faults:
        assert CARD["fault"].lines_of(fault.name) == 1
        assert CARD["fix"].lines_of(card.labels.fix + fault.fix) <= CARD["fix"].lines
    assert CARD["move_on"].lines_of(f"{card.move_on_label} {card.move_on}") <= 2


def test_every_longest_record_card_fits_as_in_english(longest_library, names):
    """Records at the schema's longest lengths, with and without a key figure: each label in
    the language is fitted with the text it introduces, so the card is no taller than in
    English, which the browser prints on one page (tests/browser/test_print.py)."""
    views, english = library_views(longest_library, names), library_views(longest_library)
    for exercise_id, view in views.exercises.items():
        card = make_card(view, SITE_URL, names.words)
        assert_card_fits(exercise_id, card)
        assert card.height_mm <= make_card(english.exercises[exercise_id], SITE_URL, ENGLISH).height_mm + 0.01


def test_longest_ladder_posters_take_the_smallest_type_and_cut_each_rule(longest_library, names):
    views = library_views(longest_library, names)
    for ladder in longest_library.ladders.values():
        layout, steps = fit_poster(poster_steps(views.ladders[ladder.id], names.words))
        assert layout == POSTER_LAYOUTS[-1] and layout.columns == 2
        assert len(steps) == len(ladder.steps)
        assert all(step.rule.endswith(ELLIPSIS) for step in steps)
        assert all(layout.line.lines_of(step.name) == 1 for step in steps)


def test_shipped_posters_show_every_rule_whole_in_the_largest_type_that_fits(shipped):
    """No step-back rule or 'choose this when' is cut on the wall: the wall-to-RDL ladder
    takes 12 pt, as 14 pt would not hold it."""
    views = library_views(shipped)
    posters = {
        **{ladder: poster_steps(view, ENGLISH) for ladder, view in views.ladders.items()},
        **{menu.id: menu_poster_options(menu, views) for menu in shipped.menus.values()},
    }
    for name, entries in posters.items():
        layout, fitted = fit_poster(entries)
        assert fitted == entries, name
        assert layout.shows_whole(entries), name
        larger = POSTER_LAYOUTS[: POSTER_LAYOUTS.index(layout)]
        assert not any(earlier.shows_whole(entries) for earlier in larger), name
    assert fit_poster(posters["wall-to-rdl"])[0].size_pt == 12
    assert "Step back when:" in posters["wall-to-rdl"][0].rule


def test_every_poster_fits_its_page_in_every_language(shipped, longest_library, names):
    """Each ladder's and menu's entries, labels in the language, fit the poster's columns
    (cut when no layout shows them whole), under a title and goal within their lines."""
    for library in (shipped, longest_library):
        views = library_views(library, names)
        posters = [
            *((view.ladder, poster_steps(view, names.words)) for view in views.ladders.values()),
            *((menu, menu_poster_options(menu, views)) for menu in library.menus.values()),
        ]
        for record, entries in posters:
            layout, fitted = fit_poster(entries)
            assert layout.shows_whole(fitted), record.id
            label = card_labels(names.words).goal
            title, goal = POSTER["title"].fit(record.name), POSTER["goal"].fit(record.goal, prefix=label)
            assert POSTER["title"].lines_of(title) <= POSTER["title"].lines, record.id
            assert POSTER["goal"].lines_of(label + goal) <= POSTER["goal"].lines, record.id


def test_shipped_card_keeps_short_text_whole(shipped):
    exercise = shipped.exercises["wall-hip-hinge"]
    card = make_card(library_views(shipped).exercises[exercise.id], SITE_URL, ENGLISH)
    assert card.title == exercise.name
    assert card.cues == [cue.text for cue in exercise.cues[:CARD_CUES]]
    assert [fault.id for fault in card.faults] == [link.fault for link in exercise.faults[:CARD_FAULTS]]


# The key figure's height on the shipped cards at their smallest (single-leg RDL, banded hip
# hinge: wide drawings), in mm; most are 95 to 160 mm tall.
SHIPPED_FIGURE_MM = 68


def test_every_shipped_card_prints_its_key_figure_large_in_the_height_left_free(shipped, names):
    views = library_views(shipped, names)
    for exercise_id in shipped.exercises:
        card = make_card(views.exercises[exercise_id], SITE_URL, names.words)
        assert_card_fits(exercise_id, card)
        assert card.height_mm <= PAGE_HEIGHT_MM - FIGURE_SPARE_MM + 0.01, exercise_id
        figure = card.figure
        assert figure, exercise_id
        assert SHIPPED_FIGURE_MM <= figure.height_mm <= FIGURE_MAX_HEIGHT_MM, exercise_id
        assert figure.width_mm <= (PAGE_WIDTH_MM if figure.under else FIGURE_MAX_MM), exercise_id
        fitted = views.exercises[exercise_id].key_figure.fitted
        assert figure.width_mm / figure.height_mm == pytest.approx(fitted.aspect), exercise_id
        assert card.height_mm <= PAGE_HEIGHT_MM - FIGURE_SPARE_MM + 0.01, exercise_id
        # A bigger figure never cuts a cue the page's full width keeps whole.
        assert card.cues == [cue.text for cue in shipped.exercises[exercise_id].card_cues][: len(card.cues)]


def test_record_text_on_a_card_is_escaped(tmp_path):
    content = tmp_path / "content"
    ids = write_longest_library(content, exercises=20)
    path = content / "exercises" / f"{ids['exercises'][0]}.yml"
    record = json.loads(path.read_text("utf-8"))
    record["name"] = "<script>alert(1)</script>"
    record["cues"] = [{"text": "**bold** <b>tag</b>"}]
    path.write_text(json.dumps(record), "utf-8")
    library = read_library(content)
    page = render_cards(library, library_views(library), SITE_URL)[f"cards/{ids['exercises'][0]}.md"]
    assert "<script>" not in page and "<b>" not in page and "**bold**" not in page
    assert "&#60;script&#62;alert(1)&#60;/script&#62;" in page


def test_without_site_url_cards_warn_and_have_no_qr(shipped, caplog):
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.drillbook"):
        pages = render_cards(shipped, library_views(shipped), None)
    assert "site_url is not set" in caplog.text
    assert not any("db-card__qr" in text or "db-qr" in text for text in pages.values())
    assert "cards/wall-hip-hinge.md" in pages


def qr_matrix(svg: str) -> list[list[int]]:
    """The dark modules of a segno SVG path (`M x y` then `h n` runs, `m dx dy` moves)."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    path = re.search(r'<path stroke="#000"[^>]* d="([^"]+)"', svg).group(1)
    grid = [[0] * size for _ in range(size)]
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                grid[int(y)][column] = 1
            x += float(a)
    return grid


@pytest.mark.parametrize(
    "card, page",
    [("wall-hip-hinge", "exercises/wall-hip-hinge/"), ("ladders/wall-to-rdl", "ladders/wall-to-rdl/")],
)
def test_card_and_poster_qr_codes_encode_their_page_url(built_site, card, page):
    import zxingcpp

    html = (built_site / "cards" / card / "index.html").read_text("utf-8")
    svg = re.search(r"<svg viewBox=.*?</svg>", html, re.DOTALL).group(0)
    url = SITE_URL + page
    grid = qr_matrix(svg)
    expected = segno.make(url, error="m", micro=False, mask=QR_MASK).matrix
    border = (len(grid) - len(expected)) // 2
    assert [row[border:-border] for row in grid[border:-border]] == [list(r) for r in expected]
    scale = 8
    image = Image.new("L", (len(grid) * scale, len(grid) * scale), 255)
    for y, row in enumerate(grid):
        for x, dark in enumerate(row):
            if dark:
                image.paste(0, (x * scale, y * scale, (x + 1) * scale, (y + 1) * scale))
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [url]
    assert (built_site / page / "index.html").is_file()


def test_cards_index_lists_every_card_poster_and_deck(built_site, shipped):
    html = (built_site / "cards" / "index.html").read_text("utf-8")
    for exercise_id in shipped.exercises:
        assert f'href="{exercise_id}/"' in html
    for ladder_id in shipped.ladders:
        assert f'href="ladders/{ladder_id}/"' in html
        assert f'href="../cards/pdf/ladder-{ladder_id}-letter.pdf"' in html
    assert 'href="../cards/pdf/all-cards-a4.pdf"' in html
    page = (built_site / "exercises" / "wall-hip-hinge" / "index.html").read_text("utf-8")
    assert re.search(r'<a class="md-button" href="../../cards/wall-hip-hinge/"[^>]*>Print card', page)
    ladder = (built_site / "ladders" / "wall-to-rdl" / "index.html").read_text("utf-8")
    assert 'href="../../cards/pdf/ladder-wall-to-rdl-a4.pdf"' in ladder
    card = (built_site / "cards" / "wall-hip-hinge" / "index.html").read_text("utf-8")
    assert 'class="md-header' not in card and 'class="md-footer' not in card
    search = (built_site / "search" / "search_index.json").read_text("utf-8")
    assert '"location":"cards/wall-hip-hinge/' not in search.replace(" ", "")


PAGE_SIZES = {"a4": (595, 842), "letter": (612, 792)}


def deck_pages(site: Path, library) -> dict[str, int]:
    counts = {}
    for deck in library_decks(library, SiteNames("Hinge club")):
        reader = PdfReader(site / deck.file)
        for page in reader.pages:
            size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
            assert size == PAGE_SIZES[deck.paper], deck.file
        counts[deck.file] = len(reader.pages)
        assert len(reader.pages) == len(deck.pages), deck.file
    return counts


def test_every_deck_has_one_page_per_card(built_site, shipped):
    counts = deck_pages(built_site, shipped)
    assert counts["cards/pdf/all-cards-a4.pdf"] == len(shipped.exercises)
    assert counts["cards/pdf/all-cards-letter.pdf"] == len(shipped.exercises)
    for ladder in shipped.ladders.values():
        assert counts[f"cards/pdf/ladder-{ladder.id}-a4.pdf"] == len(ladder.steps) + 1
    for menu in shipped.menus.values():
        assert counts[f"cards/pdf/menu-{menu.id}-letter.pdf"] == len(menu.options) + 1
    assert len(counts) == 2 * (1 + len(shipped.ladders) + len(shipped.menus))


def test_decks_can_be_switched_off(project, monkeypatch):
    monkeypatch.setenv("DRILLBOOK_DECKS", "0")
    result = mkdocs_build(project)
    assert not (project / "site" / "cards" / "pdf").exists()
    assert (project / "site" / "cards" / "wall-hip-hinge" / "index.html").is_file()
    assert "drillbook: deck" not in result.stderr


def longest_project(target: Path) -> Path:
    """A project with the shipped library plus the longest-possible records."""
    content = target / "longest-content"
    shutil.copytree(ROOT / "content", content)
    write_longest_library(content)
    return copy_project(target / "project", content=content)


def test_a_menu_poster_lists_every_option_with_when_to_choose_it(shipped):
    pages = render_cards(shipped, library_views(shipped), SITE_URL)
    menu = shipped.menus["drills-by-problem"]
    poster = pages["cards/menus/drills-by-problem.md"]
    assert poster.count("<li value=") == len(menu.options)
    assert "Choose this when:" in poster and 'class="db-poster__figure"' in poster
    assert 'aria-label="QR code: https://drillbook.example.org/menus/drills-by-problem/"' in poster
    assert "menu-drills-by-problem" in pages["cards/index.md"]


def test_a_card_names_whole_sources_and_counts_the_rest(shipped):
    """The credit line never stops inside a title: it names the sources that fit whole and
    says how many more the page lists."""
    views = library_views(shipped)
    credits = {
        exercise: make_card(view, SITE_URL, ENGLISH).credit for exercise, view in views.exercises.items()
    }
    assert credits["stick-hip-hinge"] == "Part 4 – Hinge, Balance Guy Training and 4 more"
    assert credits["wall-hip-hinge"] == "Part 4 – Hinge, Balance Guy Training"
    assert not [credit for credit in credits.values() if credit.endswith(ELLIPSIS)]
    assert all(CARD["credit"].lines_of(f"Source: {credit}") == 1 for credit in credits.values())


def test_print_cards_page_has_no_empty_headings_for_a_library_without_menus_or_ladders(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(Path(__file__).parent / "data" / "library", content)
    shutil.rmtree(content / "menus")
    shutil.rmtree(content / "ladders")
    library = read_library(content)
    page = render_cards(library, library_views(library), None)["cards/index.md"]
    assert "## Menus" not in page and "## Ladders" not in page
    assert "## Exercise cards" in page


def has(exercise, need: str) -> bool:
    """Whether an exercise has what a fix needs, read from its record as a coach would: the
    prop drawn in a position or the kit in its equipment; free hands when it holds nothing."""
    props = {prop.kind for position in exercise.positions for prop in position.props}
    equipment = {item.lower() for item in exercise.equipment}
    if need == "free-hands":
        return not exercise.loaded and not props & {*HELD, "stick"}
    named = {need, need.replace("-", " ")} | ({"dowel"} if need == "stick" else set())
    return bool(named & (props | equipment))


def printed_fixes(pages: dict[str, str], exercise_id: str) -> dict[str, list[str]]:
    """The fix printed for each fault, by output: the card, the station card, the page's
    checklist, the embed and the HTML fragment."""
    card_page = pages[f"cards/{exercise_id}.md"]
    card, station = (
        re.search(rf'<article class="{name}.*?</article>', card_page, re.S).group(0)
        for name in ("db-card", "db-station")
    )
    found = {
        "card": re.findall(r"<dd>Fix: (.+?)</dd>", card),
        "station": re.findall(r"<dd>Fix: (.+?)</dd>", station),
        "page": re.findall(r"^- \*\*Fix:\*\* (.+)$", pages[f"exercises/{exercise_id}.md"], re.M),
        "embed": re.findall(r"</span> Fix: (.+)$", pages[f"embed/{exercise_id}.md"], re.M),
        "fragment": re.findall(r"<li>Fix: (.+?)</li>", pages[f"embed/{exercise_id}.fragment.html"]),
    }
    return {output: [html.unescape(text) for text in texts] for output, texts in found.items()}


def test_no_shipped_card_page_or_embed_prints_a_fix_the_exercise_cannot_use(shipped):
    """The issue's count: 'Keep the stick on…' was on 23 of 29 cards, the wall fix on four
    lifts without a wall. Each printed fix is found among its fault's fixes, and whatever it
    needs is in the exercise's record."""
    pages = render_site(shipped, SITE_URL)
    for exercise in shipped.exercises.values():
        faults = [shipped.faults[link.fault] for link in exercise.faults]
        for output, texts in printed_fixes(pages, exercise.id).items():
            shown = faults[: {"card": CARD_FAULTS, "station": STATION_FAULTS}.get(output, len(faults))]
            assert len(texts) == len(shown), (exercise.id, output)
            for fault, text in zip(shown, texts, strict=True):
                [fix] = [fix for fix in fault.fix if fix.text.startswith(text.removesuffix(ELLIPSIS))]
                lacking = [need for need in fix.needs if not has(exercise, need)]
                assert not lacking, f"{exercise.id} {output} prints {fix.text!r}, which needs {lacking}"


def test_drills_that_bend_the_knees_on_purpose_do_not_print_keep_the_knees_soft(shipped):
    pages = render_site(shipped, SITE_URL)
    for exercise_id in ("seated-box-squat", "wall-touches"):
        printed = printed_fixes(pages, exercise_id)
        assert all("knees soft" not in text for texts in printed.values() for text in texts)
        link = next(
            link for link in shipped.exercises[exercise_id].faults if link.fault == "too-much-knee-bend"
        )
        assert link.note and link.fix


def exercise_with_positions(names: list[str], **fields) -> Exercise:
    bent = {"knee": 20, "trunk": 50}
    positions = [
        {"name": name, "caption": f"{name.title()}: a pose", **(bent if name != "finish" else {})}
        for name in names
    ]
    record = {
        "id": "a-lift",
        "name": "A lift",
        "pattern": "hinge",
        "level": 1,
        "muscles": {"primary": ["Glutes"]},
        "summary": "A lift.",
        "steps": ["Lift."],
        "sources": ["a-source"],
        "positions": positions,
    }
    return Exercise.model_validate(record | fields)


def test_the_card_position_is_the_bottom_or_for_a_lift_from_the_floor_the_start():
    def shown(names, **fields):
        return card_position(exercise_with_positions(names, **fields)).name

    assert shown(["start", "bottom", "finish"]) == "bottom"
    assert shown(["start", "finish"]) == "finish"
    for lifted_from in ("floor", "pins", "blocks"):
        assert shown(["start", "finish"], lifted_from=lifted_from) == "start"
    # The author's choice wins over both defaults.
    assert shown(["start", "bottom", "finish"], card_position="start") == "start"
    assert shown(["start", "finish"], lifted_from="floor", card_position="finish") == "finish"


@pytest.mark.parametrize(
    "exercise_id",
    [
        "rack-pull",
        "trap-bar-deadlift",
        "dumbbell-deadlift",
        "elevated-kettlebell-deadlift",
        "elevated-double-kettlebell-deadlift",
    ],
)
def test_a_lift_from_the_floor_pins_or_blocks_prints_its_set_up(shipped, exercise_id):
    view = library_views(shipped).exercises[exercise_id]
    names = [position.name for position in view.exercise.positions]
    assert view.exercise.lifted_from
    start = view.exercise.positions[names.index("start")]
    assert make_card(view, SITE_URL, ENGLISH).figure.svg == fitted_pose_svg(start).svg


def station_and_row_boxes(station, row) -> list[tuple[Box, str]]:
    """Each text of a station card and a sheet row with the box it is printed in."""
    cue_box = STATION["cue_by_figure" if station.figure else "cue"]
    dose = [(STATION["dose"], f"{station.dose} () {station.dose_origin}")] if station.dose else []
    row_dose = [(SHEET["dose"], f"{row.dose} () {row.dose_origin}")] if row.dose else []
    return [
        (STATION["title"], station.title),
        *dose,
        *((cue_box, cue) for cue in station.cues),
        *((STATION["fault"], fault.name) for fault in station.faults),
        *((STATION["fix"], station.labels.fix + fault.fix) for fault in station.faults),
        (SHEET["name"], row.name),
        *row_dose,
        *((SHEET["cue"], cue) for cue in row.cues),
    ]


def assert_fits(exercise_id: str, station, row) -> None:
    """A station card within its half page, a sheet row within its sixth, every text within
    its box's lines."""
    assert station.height_mm <= STATION_HEIGHT_MM, exercise_id
    assert row.height_mm <= SHEET_ROW_MM - 2 * SHEET_ROW_PADDING_MM, exercise_id
    for box, text in station_and_row_boxes(station, row):
        assert box.lines_of(text) <= box.lines, (exercise_id, text)


def test_every_shipped_station_card_and_sheet_row_fits_and_shows_its_text_whole(shipped, names):
    """On both papers: a station card within its half, a sheet row within its sixth, and
    nothing of a shipped card cut: its name, first cues, first faults with the fix the full
    card shows, and its first dose with where it comes from."""
    assert SHEET_HEAD_MM + SHEET_ROWS * SHEET_ROW_MM <= PAGE_HEIGHT_MM
    views = library_views(shipped, names)
    for exercise_id, view in views.exercises.items():
        station, row = make_station(view, SITE_URL, names.words), make_sheet_row(view, SITE_URL)
        assert_fits(exercise_id, station, row)
        cues = [cue.text for cue in view.exercise.card_cues]
        assert station.title == row.name == view.exercise.name
        assert station.cues == cues[:STATION_CUES] and row.cues == cues[:SHEET_CUES]
        card = make_card(view, SITE_URL, names.words)
        assert [(f.id, f.name, f.fix) for f in station.faults] == [
            (f.id, f.name, f.fix) for f in card.faults[:STATION_FAULTS]
        ]
        assert (station.dose, station.dose_origin) == (row.dose, row.dose_origin)
        assert (station.dose, station.dose_origin) == (view.doses[0].amount, view.doses[0].origin)
        assert station.qr and station.figure and row.qr and row.figure, exercise_id


def test_longest_station_cards_and_sheet_rows_are_cut_to_fit(longest_library, names):
    views = library_views(longest_library, names)
    for exercise_id, view in views.exercises.items():
        station, row = make_station(view, SITE_URL, names.words), make_sheet_row(view, SITE_URL)
        assert_fits(exercise_id, station, row)
        assert len(station.cues) == STATION_CUES and len(station.faults) == STATION_FAULTS
        assert len(row.cues) == SHEET_CUES
        assert all(text.endswith(ELLIPSIS) for text in [station.title, *station.cues, row.name, *row.cues])


def test_card_page_holds_its_station_card_and_sheet_row_hidden(shipped):
    pages = render_cards(shipped, library_views(shipped), SITE_URL)
    page = pages["cards/wall-hip-hinge.md"]
    assert '<article class="db-station" data-card-id="wall-hip-hinge" hidden>' in page
    assert '<section class="db-sheet-row" data-card-id="wall-hip-hinge" hidden>' in page
    url = "https://drillbook.example.org/exercises/wall-hip-hinge/"
    assert page.count(f'aria-label="QR code: {url}"') == 3
    assert page.index('<article class="db-card">') < page.index('class="db-station"')
