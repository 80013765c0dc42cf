"""PDF decks, made after the site build from the built card pages with WeasyPrint.

Cards are laid out a chunk at a time: one WeasyPrint document of CHUNK card articles, each
starting a new page. That is far faster than a document per card, and the layout's working
memory is that of one chunk whatever the size of the library. WeasyPrint writes a PDF only
from pages that are all in memory, so the laid-out pages of one paper size are kept until
its decks are written; a page then costs about 0.6 MB."""

from __future__ import annotations

import gc
import logging
import multiprocessing
import re
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from logging.handlers import QueueHandler, QueueListener
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from .errors import DrillbookError
from .library import Library
from .views import by_name, exercises_in_order

if TYPE_CHECKING:
    from weasyprint import Document, Page

log = logging.getLogger("mkdocs.plugins.drillbook")

# Cards per WeasyPrint document: 10 to 50 lay out equally fast (about 27 ms a card); more
# only costs memory.
CHUNK = 50
# Seconds between two progress lines while cards are laid out.
PROGRESS_S = 10

# The decks made after the site build, and their paper sizes (CSS @page size names).
PAPERS = {"a4": "A4", "letter": "letter"}
ALL_CARDS = "all-cards"

_ARTICLE = re.compile(r'<article class="db-card.*?</article>', re.DOTALL)


@dataclass(frozen=True)
class Deck:
    """One PDF made after the build: a list of card (or poster) pages, on one paper size."""

    name: str
    title: str
    paper: str
    pages: list[str]

    @property
    def file(self) -> str:
        return f"cards/pdf/{self.name}-{self.paper}.pdf"


def library_decks(library: Library, site_name: str) -> list[Deck]:
    """Every deck: all cards, then one per ladder (its poster, then its steps' cards) and one
    per menu (its poster, then its options' cards). A deck's title, the PDF's, names the site."""
    all_cards = [f"cards/{exercise.id}" for exercise in exercises_in_order(library)]
    found = []
    for paper in PAPERS:
        found.append(Deck(ALL_CARDS, f"{site_name}: all cards", paper, all_cards))
        for ladder in by_name(library.ladders.values()):
            found.append(
                Deck(
                    f"ladder-{ladder.id}",
                    f"{site_name}: {ladder.name}",
                    paper,
                    [f"cards/ladders/{ladder.id}", *(f"cards/{step.exercise}" for step in ladder.steps)],
                )
            )
        for menu in by_name(library.menus.values()):
            pages = [f"cards/menus/{menu.id}", *(f"cards/{option.exercise}" for option in menu.options)]
            found.append(Deck(f"menu-{menu.id}", f"{site_name}: {menu.name}", paper, pages))
    return found


def deck_links(name: str, prefix: str) -> Markup:
    """Raw-HTML links to the A4 and Letter PDFs of deck `name`, relative to a page's URL.

    Raw HTML because the PDFs only exist after the build, so MkDocs cannot check them."""
    links = " · ".join(
        f'<a href="{prefix}cards/pdf/{name}-{paper}.pdf" download>'
        f"{'A4' if paper == 'a4' else 'US Letter'}</a>"
        for paper in PAPERS
    )
    return Markup(f'<p class="db-actions">Download cards (PDF): {links}</p>')


def card_html(site_dir: Path, page: str, directory_urls: bool = True) -> str:
    """The card article of a built page (`cards/<id>` or `cards/ladders/<id>`)."""
    path = site_dir / (f"{page}/index.html" if directory_urls else f"{page}.html")
    found = _ARTICLE.search(path.read_text("utf-8"))
    if not found:
        raise DrillbookError(f"{path} holds no card; was it built with overrides/card.html?")
    return found.group(0)


def paper_document(site_dir: Path, pages: list[str], paper: str, directory_urls: bool = True) -> str:
    """One HTML document holding `pages` (card articles), each on its own sheet of `paper`."""
    css = (site_dir / "assets" / "card.css").read_text("utf-8")
    cards = "\n".join(card_html(site_dir, page, directory_urls) for page in pages)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Cards</title><style>{css}\n"
        f"@page {{ size: {PAPERS[paper]} portrait; }}\n"
        ".db-card + .db-card { break-before: page; }</style></head>"
        f"<body>{cards}</body></html>"
    )


def build_decks(
    site_dir: Path, decks: list[Deck], directory_urls: bool = True, chunk_size: int = CHUNK
) -> list[Path]:
    """Write every deck into `site_dir`, logging one line per deck.

    Each paper size is made in a process of its own, both at once: each page any deck of
    that size uses is laid out once, and each deck of that size is then written from its
    pages of that layout. The laid-out pages go with their process. What the processes log
    is logged here as it comes, so progress shows and MkDocs counts their warnings."""
    jobs, first = [], 1
    for paper in PAPERS:
        paper_decks = [deck for deck in decks if deck.paper == paper]
        jobs.append((site_dir, paper_decks, paper, directory_urls, first, len(decks), chunk_size))
        first += len(paper_decks)
    context = multiprocessing.get_context("spawn")  # safe beside the threads of `mkdocs serve`
    records = context.Queue()
    listener = QueueListener(records, _LoggedHere())
    listener.start()
    try:
        with ProcessPoolExecutor(
            len(jobs), mp_context=context, initializer=_log_to, initargs=(records,)
        ) as pool:
            results = [pool.submit(write_paper, *job) for job in jobs]
            return [path for result in results for path in result.result()]
    finally:
        listener.stop()


def _log_to(records) -> None:
    """In a deck process: send what this module logs to the parent's queue."""
    log.addHandler(QueueHandler(records))
    log.setLevel(logging.INFO)
    log.propagate = False


class _LoggedHere(logging.Handler):
    """Log a record that came from a deck process through its logger in this process."""

    def emit(self, record: logging.LogRecord) -> None:
        logging.getLogger(record.name).handle(record)


def write_paper(
    site_dir: Path,
    decks: list[Deck],
    paper: str,
    directory_urls: bool,
    first: int,
    total: int,
    chunk_size: int,
) -> list[Path]:
    """Lay out and write the `decks` of one paper size; log them as deck `first`, … of `total`."""
    pages = list(dict.fromkeys(page for deck in decks for page in deck.pages))
    if not pages:  # an empty library: no card to print
        return []
    document, laid_out = lay_out(site_dir, pages, paper, directory_urls, chunk_size)
    written = []
    for number, deck in enumerate(decks, start=first):
        started = time.perf_counter()
        target = site_dir / deck.file
        target.parent.mkdir(parents=True, exist_ok=True)
        # Pages from several documents make one PDF: the copy takes only the pages.
        pdf = document.copy([laid_out[page] for page in deck.pages])
        pdf.metadata.title = deck.title
        pdf.write_pdf(target)
        written.append(target)
        log.info(
            f"drillbook: deck {number}/{total} {deck.file} "
            f"({len(deck.pages)} pages, {time.perf_counter() - started:.1f} s)"
        )
    return written


def lay_out(
    site_dir: Path, pages: list[str], paper: str, directory_urls: bool, chunk_size: int
) -> tuple[Document, dict[str, Page]]:
    """Each of `pages` laid out on one sheet of `paper`, `chunk_size` a document, and a
    document to copy them into.

    After each chunk every object the process holds, the pages laid out so far among them,
    is frozen out of the garbage collector's reach: the pages stay alive until the decks
    are written, and the full collections that a chunk's layout triggers would scan them
    all again, making every chunk slower than the last. This runs in a deck process of its
    own, so what is frozen goes with that process."""
    started = reported = time.perf_counter()
    laid_out: dict[str, Page] = {}
    for start in range(0, len(pages), chunk_size):
        chunk = pages[start : start + chunk_size]
        document = lay_out_chunk(site_dir, chunk, paper, directory_urls)
        if len(document.pages) != len(chunk):
            raise DrillbookError(
                overflow_message(site_dir, chunk, len(document.pages), paper, directory_urls)
            )
        laid_out.update(zip(chunk, document.pages, strict=True))
        gc.collect()
        gc.freeze()
        if len(laid_out) == len(pages) or time.perf_counter() - reported > PROGRESS_S:
            reported = time.perf_counter()
            log.info(
                f"drillbook: laid out {len(laid_out)}/{len(pages)} cards on {paper} "
                f"({reported - started:.1f} s)"
            )
    return document, laid_out


def lay_out_chunk(site_dir: Path, pages: list[str], paper: str, directory_urls: bool) -> Document:
    """`pages` (built card pages) laid out by WeasyPrint as one document on `paper`."""
    from weasyprint import HTML

    html = paper_document(site_dir, pages, paper, directory_urls)
    # Cards sit at cards/<id>/, so their relative links (the photo) resolve from there.
    return HTML(string=html, base_url=f"{site_dir / 'cards' / 'deck'}/").render()


def overflow_message(site_dir: Path, chunk: list[str], taken: int, paper: str, directory_urls: bool) -> str:
    """The error for a `chunk` of cards that took `taken` pages, naming each card that takes
    more than one page when laid out on its own."""
    counts = {page: len(lay_out_chunk(site_dir, [page], paper, directory_urls).pages) for page in chunk}
    found = ", ".join(f"{page} takes {count}" for page, count in counts.items() if count != 1)
    return (
        f"{len(chunk)} cards took {taken} {paper} pages"
        f"{f' ({found})' if found else ''}; a card must fit one page"
    )
