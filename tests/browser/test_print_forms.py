"""Station cards and session sheets, printed from Chromium the way the pick page prints them:
the hidden forms copied out of the card pages into a print wrapper, on A4 and on Letter."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from drillbook.cards import SHEET_ROWS

from .conftest import serve

PAPERS = ("A4", "Letter")
SITE_URL = "https://drillbook.example.org/"
# Paper sizes in CSS pixels (96 to the inch), and the 12 mm margins of card.css.
PAPER_PX = {"A4": (210 / 25.4 * 96, 297 / 25.4 * 96), "Letter": (8.5 * 96, 11 * 96)}
MARGIN_PX = 12 / 25.4 * 96
STATION = re.compile(r'<article class="db-station" data-card-id="([^"]+)" hidden>.*?</article>', re.DOTALL)
SHEET_ROW = re.compile(
    r'<section class="db-sheet-row" data-card-id="([^"]+)" hidden>.*?</section>', re.DOTALL
)
SHEET_INNER = '<div class="md-typeset db-sheet__inner">'


def forms(site: Path, pattern: re.Pattern) -> dict[str, str]:
    """Each card page's form that `pattern` finds, by card id, `hidden` still on it."""
    found = {}
    for page in sorted((site / "cards").glob("*/index.html")):
        match = pattern.search(page.read_text("utf-8"))
        if match:
            found[match.group(1)] = match.group(0)
    return found


def text_length(html: str) -> int:
    """How much text a form prints: its markup without the drawings and tags."""
    return len(re.sub(r"<[^>]+>", "", re.sub(r"<svg.*?</svg>", "", html, flags=re.DOTALL)))


def longest(found: dict[str, str], count: int) -> list[str]:
    return sorted(found, key=lambda card: (-text_length(found[card]), card))[:count]


def print_page(site: Path, name: str, wrapper: str) -> str:
    """A page of the site like a pick page: a card page with `wrapper` in place of its card.
    Returns its path under the site."""
    template = (site / "cards" / "wall-hip-hinge" / "index.html").read_text("utf-8")
    start = template.index(SHEET_INNER) + len(SHEET_INNER)
    end = template.index("</section>", template.index('<section class="db-sheet-row"')) + len("</section>")
    target = site / "cards" / name / "index.html"
    target.parent.mkdir()
    target.write_text(template[:start] + wrapper + template[end:], "utf-8")
    return f"cards/{name}/"


def shown(form: str) -> str:
    """A form as the pick page copies it into a wrapper: without `hidden`."""
    return form.replace(" hidden>", ">", 1)


@pytest.fixture(scope="module")
def print_site(built_site, tmp_path_factory):
    """A copy of the built site (without the PDF decks) to add test pages to, served."""
    site = tmp_path_factory.mktemp("print-forms") / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pdf"))
    base, server = serve(site)
    yield site, base
    server.shutdown()


def overflows(page, selector: str) -> list[str]:
    """The forms matching `selector` whose content sticks out of their box: any element
    inside reaching past its edges, or more to scroll than it shows."""
    return page.locator(selector).evaluate_all(
        """forms => forms.flatMap(form => {
            const box = form.getBoundingClientRect();
            const out = [...form.querySelectorAll('*')].filter(el => {
                const r = el.getBoundingClientRect();
                const drawn = r.width > 0 || r.height > 0;  // not an SVG's <title> or <style>
                return drawn && (r.bottom > box.bottom + 0.5 || r.top < box.top - 0.5
                    || r.right > box.right + 0.5 || r.left < box.left - 0.5);
            });
            const scrolls = form.scrollHeight > form.clientHeight + 1;
            return out.length || scrolls ? [form.dataset.cardId] : [];
        })"""
    )


def pdf_pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def title_of(form: str) -> str:
    name = re.search(r'class="db-(?:station__title|sheet-row__name)">([^<]+)<', form).group(1)
    return " ".join(name.replace("&#39;", "'").split())


def print_stations(page, site: Path, base: str, cards: list[str], paper: str) -> list[str]:
    """Print the station cards of `cards` as the pick page does, checking on the way that
    each keeps to its half; returns the text of each printed page."""
    stations = forms(site, STATION)
    wrapper = '<div class="db-pick-print db-pick-print--half">{}</div>'.format(
        "\n".join(shown(stations[card]) for card in cards)
    )
    path = print_page(site, f"half-{paper.lower()}-{len(cards)}", wrapper)
    width, height = PAPER_PX[paper]
    # The width printed on (inside the margins), and the paper's height, which card.css asks.
    page.set_viewport_size({"width": round(width - 2 * MARGIN_PX), "height": round(height)})
    page.goto(f"{base}/{path}")
    page.emulate_media(media="print")

    assert page.locator(".db-station").count() == len(cards)
    assert overflows(page, ".db-station") == []
    half = (height - 2 * MARGIN_PX) / 2
    boxes = page.locator(".db-station").evaluate_all(
        "els => els.map(el => [el.getBoundingClientRect().top, el.getBoundingClientRect().height])"
    )
    assert all(half - 2 < tall <= half for _, tall in boxes), (boxes, half)
    # The cut line, the upper card's bottom edge, is the middle of the sheet (within 0.6 mm).
    cut = MARGIN_PX + boxes[1][0] - boxes[0][0]
    assert abs(cut - height / 2) < 2, (cut, height / 2)
    assert page.locator(".db-station__cues li").count() == 3 * len(cards)
    assert page.locator(".db-station__faults dt").count() == 2 * len(cards)
    assert page.locator(".db-station__qr svg").count() == len(cards)
    return pdf_pages(page.pdf(format=paper))


def print_sheet(
    page, site: Path, base: str, cards: list[str], paper: str, folder: Path
) -> tuple[list[str], list[str]]:
    """Print the session sheet of `cards` as the pick page does, checking on the way that each
    row keeps to its height and the QR codes are at least 18 mm; returns the text of each
    printed page and the URL of each QR code a scanner finds on them."""
    import zxingcpp

    rows = forms(site, SHEET_ROW)
    head = (
        '<header class="db-sheet-head"><h1 class="db-sheet-head__title">Tuesday hinge class: six '
        'stations</h1><p class="db-sheet-head__date">Date: ____________________</p></header>'
    )
    wrapper = '<div class="db-pick-print db-pick-print--sheet">{}{}</div>'.format(
        head, "\n".join(shown(rows[card]) for card in cards)
    )
    path = print_page(site, f"sheet-{paper.lower()}-{len(cards)}", wrapper)
    width, height = PAPER_PX[paper]
    page.set_viewport_size({"width": round(width - 2 * MARGIN_PX), "height": round(height - 2 * MARGIN_PX)})
    page.goto(f"{base}/{path}")
    page.emulate_media(media="print")

    assert overflows(page, ".db-sheet-row, .db-sheet-head") == []
    bottom = (
        page.locator(".db-sheet-row").nth(SHEET_ROWS - 1).evaluate("el => el.getBoundingClientRect().bottom")
    )
    top = page.locator(".db-sheet-head").evaluate("el => el.getBoundingClientRect().top")
    assert bottom - top <= height - 2 * MARGIN_PX
    qr_mm = page.locator(".db-sheet-row__qr svg").evaluate_all(
        "els => els.map(el => el.getBoundingClientRect().width * 25.4 / 96)"
    )
    assert len(qr_mm) == len(cards) and min(qr_mm) >= 18

    pdf = page.pdf(format=paper)
    (folder / "sheet.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "300", "-png", "sheet.pdf", "sheet"], cwd=folder, check=True)
    codes = [
        code.text
        for image in sorted(folder.glob("sheet*.png"))
        for code in zxingcpp.read_barcodes(Image.open(image))
    ]
    return pdf_pages(pdf), codes


@pytest.mark.parametrize("paper", PAPERS)
def test_twenty_longest_station_cards_print_two_to_a_sheet_without_overflow(page, print_site, paper):
    site, base = print_site
    stations = forms(site, STATION)
    chosen = longest(stations, 20)
    printed = print_stations(page, site, base, chosen, paper)
    assert len(printed) == 10
    for number, text in enumerate(printed):
        upper, lower = (title_of(stations[card]) for card in chosen[2 * number : 2 * number + 2])
        assert upper in text and lower in text and text.index(upper) < text.index(lower), (number, text)


@pytest.mark.parametrize("paper", PAPERS)
def test_session_sheet_of_six_prints_on_one_page_with_six_qr_codes_that_scan(
    page, print_site, paper, tmp_path
):
    site, base = print_site
    rows = forms(site, SHEET_ROW)
    chosen = longest(rows, SHEET_ROWS)
    printed, codes = print_sheet(page, site, base, chosen, paper, tmp_path)
    assert len(printed) == 1
    assert all(title_of(rows[card]) in printed[0] for card in chosen)
    assert sorted(codes) == sorted(f"{SITE_URL}exercises/{card}/" for card in chosen)


def test_a_card_page_prints_only_its_card(page, site_url):
    """The station card and sheet row wait hidden in the card page: its print is the card."""
    page.goto(f"{site_url}/cards/wall-hip-hinge/")
    page.emulate_media(media="print")
    assert page.locator(".db-station").count() == 1 and page.locator(".db-sheet-row").count() == 1
    assert not page.locator(".db-station").is_visible()
    assert not page.locator(".db-sheet-row").is_visible()
    (text,) = pdf_pages(page.pdf(format="A4"))
    assert text.upper().count("WATCH FOR") == 1
