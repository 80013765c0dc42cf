"""PDF decks laid out in chunks: pages in deck order, one per card, a card too long named, and
the same pages, bookmarks and links whatever the chunk size."""

from __future__ import annotations

import gc
import logging
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from drillbook.decks import Deck, build_decks
from drillbook.errors import DrillbookError

ROOT = Path(__file__).resolve().parent.parent
CARDS = [f"cards/card-{number}" for number in range(8)]


def write_card(site: Path, page: str, lines: int = 1) -> None:
    """A built card page: a title and a section (two bookmarks), a link out and one within."""
    text = "".join(f"<p>Line {number} of {page}</p>" for number in range(lines))
    anchor = page.replace("/", "-")
    (site / page).mkdir(parents=True, exist_ok=True)
    (site / page / "index.html").write_text(
        f'<html><body><article class="db-card"><h1>Title of {page}.</h1>'
        f'<p><a href="https://example.org/{page}/">Open</a> <a href="#{anchor}">Cues</a></p>'
        f'<h2 id="{anchor}">Cues of {page}</h2>{text}</article></body></html>',
        "utf-8",
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A built site of eight cards and a poster."""
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    shutil.copy(ROOT / "overrides" / "assets" / "card.css", site / "assets" / "card.css")
    for page in [*CARDS, "cards/ladders/ladder"]:
        write_card(site, page)
    return site


def titles(pdf: Path) -> list[list[str]]:
    """The card titles printed on each page of `pdf`."""
    return [re.findall(r"Title of (\S+?)\.", page.extract_text()) for page in PdfReader(pdf).pages]


def test_decks_from_several_chunks_have_one_page_per_card_in_deck_order(site, caplog):
    ladder = ["cards/ladders/ladder", "cards/card-7", "cards/card-1", "cards/card-4"]
    decks = [Deck("all-cards", "All cards", "a4", CARDS), Deck("ladder-ladder", "Ladder", "a4", ladder)]
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.drillbook"):
        written = build_decks(site, decks, chunk_size=3)
    assert written == [site / deck.file for deck in decks]
    assert titles(written[0]) == [[page] for page in CARDS]
    assert titles(written[1]) == [[page] for page in ladder]
    assert "drillbook: laid out 9/9 cards on a4" in caplog.text
    assert "drillbook: deck 2/2 cards/pdf/ladder-ladder-a4.pdf (4 pages" in caplog.text
    assert gc.get_freeze_count() == 0


def test_a_card_too_long_for_a_page_in_a_later_chunk_is_named(site):
    write_card(site, "cards/card-7", lines=200)
    with pytest.raises(DrillbookError) as raised:
        build_decks(site, [Deck("all-cards", "All cards", "letter", CARDS)], chunk_size=3)
    assert "cards/card-7 takes " in str(raised.value)
    assert "cards/card-6" not in str(raised.value)
    assert "a card must fit one page" in str(raised.value)
    assert gc.get_freeze_count() == 0  # the pages laid out before the error are not kept


def contents(pdf: Path) -> dict:
    """What a reader of `pdf` gets: its title, the text of each page, the bookmarks (depth,
    title, page) and the links on each page (the address, or the page a link goes to)."""
    reader = PdfReader(pdf)

    def bookmarks(items, depth=0):
        for item in items:
            if isinstance(item, list):
                yield from bookmarks(item, depth + 1)
            else:
                yield depth, item.title, reader.get_destination_page_number(item)

    named = reader.named_destinations
    links = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if "/A" in annotation:
                links.append((number, annotation["/A"]["/URI"]))
            else:
                links.append((number, reader.get_destination_page_number(named[annotation["/Dest"]])))
    return {
        "title": reader.metadata.title,
        "text": [page.extract_text() for page in reader.pages],
        "bookmarks": list(bookmarks(reader.outline)),
        "links": links,
    }


def test_a_deck_made_in_several_chunks_reads_as_one_made_whole(site):
    """Chunks of two put the ladder's pages in four part PDFs; one chunk puts the poster after
    its first step. Both decks read the same: pages, title, bookmarks and links."""
    ladder = ["cards/ladders/ladder", "cards/card-7", "cards/card-1", "cards/card-4"]
    decks = [Deck("all-cards", "All cards", "a4", CARDS), Deck("ladder-ladder", "Ladder", "a4", ladder)]
    whole = [contents(made) for made in build_decks(site, decks, chunk_size=len(CARDS) + 1)]
    chunked = [contents(made) for made in build_decks(site, decks, chunk_size=2)]
    assert chunked == whole
    assert chunked[1]["title"] == "Ladder"
    assert [re.findall(r"Title of (\S+?)\.", text) for text in chunked[1]["text"]] == [
        [page] for page in ladder
    ]
    assert chunked[1]["bookmarks"] == [
        entry
        for number, page in enumerate(ladder)
        for entry in [(0, f"Title of {page}.", number), (1, f"Cues of {page}", number)]
    ]
    assert chunked[1]["links"] == [
        link
        for number, page in enumerate(ladder)
        for link in [(number, f"https://example.org/{page}/"), (number, number)]
    ]
