"""PDF decks, made after the site build from the built card pages with WeasyPrint.

All pages of a deck go into ONE WeasyPrint document (the card articles one after another,
each starting a new page), which is far faster than a document per card."""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from .cards import PAPERS, Deck
from .errors import DrillbookError

log = logging.getLogger("mkdocs.plugins.drillbook")

_ARTICLE = re.compile(r'<article class="db-card.*?</article>', re.DOTALL)


def card_html(site_dir: Path, page: str, directory_urls: bool = True) -> str:
    """The card article of a built page (`cards/<id>` or `cards/ladders/<id>`)."""
    path = site_dir / (f"{page}/index.html" if directory_urls else f"{page}.html")
    found = _ARTICLE.search(path.read_text("utf-8"))
    if not found:
        raise DrillbookError(f"{path} holds no card; was it built with overrides/card.html?")
    return found.group(0)


def paper_document(site_dir: Path, pages: list[str], paper: str,
                   directory_urls: bool = True) -> str:
    """One HTML document holding `pages` (card articles), each on its own sheet of `paper`."""
    css = (site_dir / "assets" / "card.css").read_text("utf-8")
    cards = "\n".join(card_html(site_dir, page, directory_urls) for page in pages)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>Drillbook cards</title><style>{css}\n"
            f"@page {{ size: {PAPERS[paper]} portrait; }}\n"
            ".db-card + .db-card { break-before: page; }</style></head>"
            f"<body>{cards}</body></html>")


def build_decks(site_dir: Path, decks: list[Deck], directory_urls: bool = True) -> list[Path]:
    """Write every deck into `site_dir`, logging one line per deck.

    Each paper size is laid out once, as one WeasyPrint document of every page any deck
    uses; each deck is then written from its pages of that layout."""
    from weasyprint import HTML

    written = []
    for paper in PAPERS:
        started = time.perf_counter()
        paper_decks = [deck for deck in decks if deck.paper == paper]
        pages = list(dict.fromkeys(page for deck in paper_decks for page in deck.pages))
        html = paper_document(site_dir, pages, paper, directory_urls)
        document = HTML(string=html, base_url=str(site_dir)).render()
        if len(document.pages) != len(pages):
            raise DrillbookError(f"{len(pages)} cards took {len(document.pages)} {paper} pages; "
                             "a card must fit one page")
        index = {page: number for number, page in enumerate(pages)}
        log.info(f"drillbook: laid out {len(pages)} cards on {paper} "
                 f"({time.perf_counter() - started:.1f} s)")
        for deck in paper_decks:
            started = time.perf_counter()
            target = site_dir / deck.file
            target.parent.mkdir(parents=True, exist_ok=True)
            document.copy([document.pages[index[page]] for page in deck.pages]).write_pdf(target)
            written.append(target)
            log.info(f"drillbook: deck {len(written)}/{len(decks)} {deck.file} "
                     f"({len(deck.pages)} pages, {time.perf_counter() - started:.1f} s)")
    return written
