"""Printing from Chromium: every card and poster is exactly one A4 and one Letter page,
also for records at the schema's longest lengths and in German and French; ordinary pages
print without chrome."""

from __future__ import annotations

import functools
import http.server
import io
import threading

import pytest
from PIL import Image
from pypdf import PdfReader
from test_cards import ROOT, deck_pages, longest_project, mkdocs_build

from drillbook.cards import SHEET_ROWS
from drillbook.decks import ALL_CARDS
from drillbook.i18n import words_for
from drillbook.pipeline import read_library

from .test_print_forms import SHEET_ROW, STATION, forms, longest, print_sheet, print_stations, title_of

PAPERS = ("A4", "Letter")


@pytest.fixture(scope="module")
def longest_site(tmp_path_factory):
    """The shipped library plus the longest-possible records, built with decks."""
    project = longest_project(tmp_path_factory.mktemp("longest"))
    result = mkdocs_build(project)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(project / "site"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield project, f"http://127.0.0.1:{server.server_address[1]}", result
    server.shutdown()


def printed_pages(page, url: str, paper: str) -> list[str]:
    """The text of each page Chromium prints for `url` on `paper`."""
    page.goto(url)
    reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
    return [pdf_page.extract_text() for pdf_page in reader.pages]


def card_paths(library) -> list[str]:
    return [
        *(f"cards/{e}/" for e in library.exercises),
        *(f"cards/ladders/{ladder}/" for ladder in library.ladders),
        *(f"cards/menus/{menu}/" for menu in library.menus),
    ]


def test_every_shipped_card_and_poster_prints_on_one_page(page, site_url):
    library = read_library(ROOT / "content")
    for path in card_paths(library):
        for paper in PAPERS:
            assert len(printed_pages(page, f"{site_url}/{path}", paper)) == 1, (path, paper)


def test_every_card_and_poster_prints_on_one_page_in_german_and_french(page, language_site):
    """The labels in the language are fitted with the text they introduce, so each card
    and poster still takes exactly one page of either paper."""
    language, _, base = language_site
    words = words_for(language)
    library = read_library(ROOT / "content")
    for path in card_paths(library):
        for paper in PAPERS:
            pages = printed_pages(page, f"{base}/{path}", paper)
            assert len(pages) == 1, (language, path, paper)
    # The card prints the language's labels.
    (text,) = printed_pages(page, f"{base}/cards/wall-hip-hinge/", "A4")
    for key in ("card.watch_for", "card.fix", "card.no_previous", "common.move_on_when"):
        assert " ".join(words(key).split()).upper() in " ".join(text.split()).upper(), (language, key)


def test_german_and_french_station_cards_and_session_sheets_keep_to_their_half_and_row(
    page, language_site, tmp_path
):
    """The twenty station cards and six sheet rows with the most text, as the pick page
    prints them: two cards to a sheet, six rows to a page, on both papers."""
    language, site, base = language_site
    stations, rows = forms(site, STATION), forms(site, SHEET_ROW)
    chosen, sheet = longest(stations, 20), longest(rows, SHEET_ROWS)
    for paper in PAPERS:
        printed = print_stations(page, site, base, chosen, paper)
        assert len(printed) == 10, (language, paper)
        assert all(title_of(stations[card]) in printed[number // 2] for number, card in enumerate(chosen))
        (tmp_path / paper).mkdir()
        printed, codes = print_sheet(page, site, base, sheet, paper, tmp_path / paper)
        assert len(printed) == 1, (language, paper)
        assert sorted(codes) == sorted(f"https://drillbook.example.org/exercises/{card}/" for card in sheet)


def test_german_and_french_decks_have_one_page_per_card_and_the_languages_title(language_site):
    language, site, _ = language_site
    deck_pages(site, read_library(ROOT / "content"))
    reader = PdfReader(site / "cards" / "pdf" / f"{ALL_CARDS}-a4.pdf")
    assert reader.metadata.title == words_for(language)("print.deck.all_cards", site="Drillbook · Hip hinge")
    assert reader.trailer["/Root"]["/Lang"] == language


def test_longest_possible_cards_and_posters_print_on_one_page(page, longest_site):
    project, base, _ = longest_site
    library = read_library(project / "content")
    longest = [path for path in card_paths(library) if "-xxxx" in path]
    assert len(longest) == 23
    for path in longest:
        for paper in PAPERS:
            pages = printed_pages(page, f"{base}/{path}", paper)
            assert len(pages) == 1, (path, paper)
            assert "…" in pages[0]


def test_longest_possible_station_cards_and_session_sheets_keep_to_their_half_and_row(
    page, longest_site, tmp_path
):
    """Station cards and session-sheet rows of records at the schema's longest lengths, cut
    to fit: two cards to a sheet, six rows to a page, on both papers."""
    project, base, _ = longest_site
    site = project / "site"
    longest = sorted(card for card in forms(site, STATION) if "-xxxx" in card)
    assert len(longest) == 20 and sorted(forms(site, SHEET_ROW)) == sorted(forms(site, STATION))
    for paper in PAPERS:
        assert len(print_stations(page, site, base, longest, paper)) == 10, paper
        (tmp_path / paper).mkdir()
        printed, codes = print_sheet(page, site, base, longest[:6], paper, tmp_path / paper)
        assert len(printed) == 1, paper
        assert sorted(codes) == [f"https://drillbook.example.org/exercises/{card}/" for card in longest[:6]]


def test_longest_possible_decks_have_one_page_per_card(longest_site):
    project, _, result = longest_site
    assert "drillbook: deck 1/" in result.stderr
    deck_pages(project / "site", read_library(project / "content"))


def test_card_qr_code_scans_to_the_exercise_page(page, site_url):
    import zxingcpp

    page.goto(f"{site_url}/cards/wall-hip-hinge/")
    shot = page.locator(".db-card__qr svg").screenshot()
    codes = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))
    assert [code.text for code in codes] == ["https://drillbook.example.org/exercises/wall-hip-hinge/"]


def test_card_type_is_large_enough_to_read_from_two_metres(page, site_url):
    page.goto(f"{site_url}/cards/wall-hip-hinge/")
    page.emulate_media(media="print")
    size = "el => Math.round(parseFloat(getComputedStyle(el).fontSize) * 72 / 96 * 10) / 10"
    assert page.locator(".db-card__title").evaluate(size) >= 28
    cues = page.locator(".db-card__cues li")
    assert cues.count() >= 3
    assert all(cues.nth(i).evaluate(size) >= 14 for i in range(cues.count()))


@pytest.mark.parametrize(
    "path", ["exercises/wall-hip-hinge/", "faults/rounded-back/", "ladders/wall-to-rdl/", "start-here/"]
)
def test_ordinary_page_prints_without_chrome_or_blank_pages(page, site_url, path):
    page.goto(f"{site_url}/{path}")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".db-actions"):
        locator = page.locator(selector)
        assert locator.count() == 0 or not locator.first.is_visible(), selector
    assert page.locator("article h1").first.is_visible()
    for paper in PAPERS:
        pages = printed_pages(page, f"{site_url}/{path}", paper)
        assert all(text.strip() for text in pages), (path, paper, len(pages))
