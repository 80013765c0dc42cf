"""PDF decks, made after the site build from the built card pages with WeasyPrint.

Cards are laid out a chunk at a time: one WeasyPrint document of CHUNK card articles, each
starting a new page, written at once to a part PDF in a temporary folder and let go. Each
deck is then joined from the pages of those parts with pypdf, bookmarks and links included.
So the step holds the layout of one chunk at a time (about 0.6 MB a card) whatever the size
of the library, and a card in several decks (all cards, its ladders', its menus') is still
laid out once per paper size. What still grows with the library is pypdf's copy of the deck
being joined and of the parts it has read: about 40 KB a card."""

from __future__ import annotations

import logging
import multiprocessing
import re
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from logging.handlers import QueueHandler, QueueListener
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from .errors import DrillbookError
from .i18n import ENGLISH, Words
from .library import Library
from .views import SiteNames, by_name, exercises_in_order

if TYPE_CHECKING:
    from pypdf import PdfReader
    from weasyprint import Document

log = logging.getLogger("mkdocs.plugins.drillbook")

# Cards per WeasyPrint document, and so per part PDF: 10 to 50 lay out equally fast (about
# 27 ms a card); more only costs memory (about 0.6 MB a card while laid out).
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


@dataclass(frozen=True)
class Placed:
    """Where a laid-out card is: a part PDF, and its page number there (from 0)."""

    part: Path
    number: int


def library_decks(library: Library, names: SiteNames) -> list[Deck]:
    """Every deck: all cards, then one per ladder (its poster, then its steps' cards) and one
    per menu (its poster, then its options' cards). A deck's title, the PDF's, names the site,
    in the site's language."""
    words, site = names.words, names.site
    all_cards = [f"cards/{exercise.id}" for exercise in exercises_in_order(library)]
    found = []
    for paper in PAPERS:
        found.append(Deck(ALL_CARDS, words("print.deck.all_cards", site=site), paper, all_cards))
        for ladder in by_name(library.ladders.values()):
            found.append(
                Deck(
                    f"ladder-{ladder.id}",
                    words("print.deck.record", site=site, name=ladder.name),
                    paper,
                    [f"cards/ladders/{ladder.id}", *(f"cards/{step.exercise}" for step in ladder.steps)],
                )
            )
        for menu in by_name(library.menus.values()):
            pages = [f"cards/menus/{menu.id}", *(f"cards/{option.exercise}" for option in menu.options)]
            title = words("print.deck.record", site=site, name=menu.name)
            found.append(Deck(f"menu-{menu.id}", title, paper, pages))
    return found


def deck_links(name: str, prefix: str, words: Words) -> Markup:
    """Raw-HTML links to the A4 and Letter PDFs of deck `name`, relative to a page's URL.

    Raw HTML because the PDFs only exist after the build, so MkDocs cannot check them."""
    links = " · ".join(
        f'<a href="{prefix}cards/pdf/{name}-{paper}.pdf" download>{escape(words(f"print.deck.{paper}"))}</a>'
        for paper in PAPERS
    )
    return Markup(f'<p class="db-actions">{escape(words("print.deck.download"))} {links}</p>')


def card_html(site_dir: Path, page: str, directory_urls: bool = True) -> str:
    """The card article of a built page (`cards/<id>` or `cards/ladders/<id>`)."""
    path = site_dir / (f"{page}/index.html" if directory_urls else f"{page}.html")
    found = _ARTICLE.search(path.read_text("utf-8"))
    if not found:
        raise DrillbookError(f"{path} holds no card; was it built with overrides/card.html?")
    return found.group(0)


def paper_document(
    site_dir: Path, pages: list[str], paper: str, directory_urls: bool = True, language: str = ENGLISH
) -> str:
    """One HTML document holding `pages` (card articles), each on its own sheet of `paper`, in
    `language`. Untitled: each deck's PDF takes its own title when it is joined."""
    css = (site_dir / "assets" / "card.css").read_text("utf-8")
    cards = "\n".join(card_html(site_dir, page, directory_urls) for page in pages)
    return (
        f'<!doctype html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        f"<style>{css}\n"
        f"@page {{ size: {PAPERS[paper]} portrait; }}\n"
        ".db-card + .db-card { break-before: page; }</style></head>"
        f"<body>{cards}</body></html>"
    )


def build_decks(
    site_dir: Path,
    decks: list[Deck],
    directory_urls: bool = True,
    chunk_size: int = CHUNK,
    language: str = ENGLISH,
) -> list[Path]:
    """Write every deck into `site_dir`, its cards in `language`, logging one line per deck.

    Each paper size is made in a process of its own, both at once, which halves the wait on
    two cores. What the processes log is logged here as it comes, so progress shows and
    MkDocs counts their warnings."""
    jobs, first = [], 1
    for paper in PAPERS:
        paper_decks = [deck for deck in decks if deck.paper == paper]
        jobs.append((site_dir, paper_decks, paper, directory_urls, first, len(decks), chunk_size, language))
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
    language: str = ENGLISH,
) -> list[Path]:
    """Lay out and write the `decks` of one paper size; log them as deck `first`, … of `total`.

    Every card any of them uses is laid out once, into part PDFs in a temporary folder that
    goes when the decks are written."""
    pages = list(dict.fromkeys(page for deck in decks for page in deck.pages))
    if not pages:  # an empty library: no card to print
        return []
    with tempfile.TemporaryDirectory(prefix=f"drillbook-{paper}-") as parts:
        placed = lay_out(site_dir, pages, paper, directory_urls, chunk_size, Path(parts), language)
        readers: dict[Path, PdfReader] = {}
        written = []
        for number, deck in enumerate(decks, start=first):
            started = time.perf_counter()
            target = site_dir / deck.file
            target.parent.mkdir(parents=True, exist_ok=True)
            join(deck, placed, readers, target, language)
            written.append(target)
            log.info(
                f"drillbook: deck {number}/{total} {deck.file} "
                f"({len(deck.pages)} pages, {time.perf_counter() - started:.1f} s)"
            )
    return written


def lay_out(
    site_dir: Path,
    pages: list[str],
    paper: str,
    directory_urls: bool,
    chunk_size: int,
    parts: Path,
    language: str = ENGLISH,
) -> dict[str, Placed]:
    """Lay out `pages`, each on one sheet of `paper`, `chunk_size` to a part PDF in `parts`;
    return where each page went."""
    started = reported = time.perf_counter()
    placed: dict[str, Placed] = {}
    for start in range(0, len(pages), chunk_size):
        chunk = pages[start : start + chunk_size]
        document = lay_out_chunk(site_dir, chunk, paper, directory_urls, language)
        if len(document.pages) != len(chunk):
            raise DrillbookError(
                overflow_message(site_dir, chunk, len(document.pages), paper, directory_urls, language)
            )
        part = parts / f"{start:06d}.pdf"
        document.write_pdf(part)
        placed.update((page, Placed(part, number)) for number, page in enumerate(chunk))
        if len(placed) == len(pages) or time.perf_counter() - reported > PROGRESS_S:
            reported = time.perf_counter()
            log.info(
                f"drillbook: laid out {len(placed)}/{len(pages)} cards on {paper} "
                f"({reported - started:.1f} s)"
            )
    return placed


def join(
    deck: Deck,
    placed: dict[str, Placed],
    readers: dict[Path, PdfReader],
    target: Path,
    language: str = ENGLISH,
) -> None:
    """Write `deck` to `target`: its pages taken from the part PDFs in deck order, with their
    bookmarks and links, under the deck's title. `readers` keeps each part open once read:
    opening one costs as much as taking a few dozen pages from it."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter()
    for part, numbers in runs(placed[page] for page in deck.pages):
        if part not in readers:
            readers[part] = PdfReader(part)
        writer.append(readers[part], pages=numbers)
    producer = next(iter(readers.values())).metadata.producer  # WeasyPrint, which drew the pages
    writer.add_metadata({"/Title": deck.title, "/Producer": producer})
    writer.root_object[NameObject("/Lang")] = TextStringObject(language)
    with target.open("wb") as file:  # buffered: pypdf writes a path unbuffered, object by object
        writer.write(file)


def runs(pages: Iterable[Placed]) -> list[tuple[Path, list[int]]]:
    """`pages` as runs of pages that follow each other in one part: pypdf takes a part's
    bookmarks in the part's order, so a run must not go backwards."""
    found: list[tuple[Path, list[int]]] = []
    for at in pages:
        if found and found[-1][0] == at.part and found[-1][1][-1] + 1 == at.number:
            found[-1][1].append(at.number)
        else:
            found.append((at.part, [at.number]))
    return found


def lay_out_chunk(
    site_dir: Path, pages: list[str], paper: str, directory_urls: bool, language: str = ENGLISH
) -> Document:
    """`pages` (built card pages) laid out by WeasyPrint as one document on `paper`."""
    from weasyprint import HTML

    html = paper_document(site_dir, pages, paper, directory_urls, language)
    # Cards sit at cards/<id>/, so their relative links (the photo) resolve from there.
    return HTML(string=html, base_url=f"{site_dir / 'cards' / 'deck'}/").render()


def overflow_message(
    site_dir: Path, chunk: list[str], taken: int, paper: str, directory_urls: bool, language: str = ENGLISH
) -> str:
    """The error for a `chunk` of cards that took `taken` pages, naming each card that takes
    more than one page when laid out on its own."""
    counts = {
        page: len(lay_out_chunk(site_dir, [page], paper, directory_urls, language).pages) for page in chunk
    }
    found = ", ".join(f"{page} takes {count}" for page, count in counts.items() if count != 1)
    return (
        f"{len(chunk)} cards took {taken} {paper} pages"
        f"{f' ({found})' if found else ''}; a card must fit one page"
    )
