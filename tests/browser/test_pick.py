"""The coach's pick (cards/pick/): cards picked on three kinds of page, reordered and printed as
one job in Chromium, each page the same as the card printed from its own page; the pick's
link opens it elsewhere; wrong links, an empty pick, no scripts, no network."""

from __future__ import annotations

import io
import re
import subprocess
from urllib.parse import urlsplit

from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

PAPERS = ("A4", "Letter")


def printed(tab, paper: str) -> list[str]:
    """The text of each page Chromium prints of the page in `tab` on `paper`."""
    return [pdf_page.extract_text() for pdf_page in PdfReader(io.BytesIO(tab.pdf(format=paper))).pages]


def open_pick(tab, base: str, ids: list[str] | None = None, layout: str = "card") -> None:
    """Open the pick page (with the pick link of `ids` in `layout`, if given) and wait until
    its print holds every card and their images."""
    query = f"?ids={','.join(ids)}&layout={layout}" if ids is not None else ""
    tab.goto(f"{base}/cards/pick/{query}")
    expect(tab.locator('.db-pick-print[aria-busy="false"]')).to_be_attached()


def listed(tab) -> list[str]:
    return tab.locator(".db-pick-list .db-pick-item__name").all_inner_texts()


def own_card_text(tab, base: str, card_id: str, paper: str) -> str:
    tab.goto(f"{base}/cards/{card_id}/")
    pages = printed(tab, paper)
    assert len(pages) == 1, card_id
    return pages[0]


def test_six_cards_from_three_pages_reordered_print_one_a_page_as_on_their_own_pages(page, site_url, library):
    ladder = min(library.ladders.values(), key=lambda ladder: (len(ladder.steps), ladder.id))
    on_ladder = [step.exercise for step in ladder.steps]
    others = sorted(set(library.exercises) - set(on_ladder))
    from_exercise_pages, from_cards_page = others[:2], others[2 : 6 - len(on_ladder)]
    assert len(on_ladder) + len(from_exercise_pages) + len(from_cards_page) == 6 and from_cards_page

    for exercise in from_exercise_pages:
        page.goto(f"{site_url}/exercises/{exercise}/")
        add = page.get_by_role("button", name="Add to pick")
        add.click()
        expect(add).to_have_attribute("aria-pressed", "true")
    page.goto(f"{site_url}/ladders/{ladder.id}/")
    page.get_by_role("button", name="Add all to pick").click()
    count = len(from_exercise_pages) + len(on_ladder)
    expect(page.get_by_role("link", name="Your pick")).to_have_text(f"Your pick ({count})")
    page.goto(f"{site_url}/cards/")
    for exercise in from_cards_page:
        name = library.exercises[exercise].name
        row = page.get_by_role("row").filter(has=page.get_by_role("link", name=name, exact=True))
        row.get_by_role("button", name="Add to pick").click()

    open_pick(page, site_url)
    order = [*from_exercise_pages, *on_ladder, *from_cards_page]

    def names(ids: list[str]) -> list[str]:
        return [library.exercises[i].name for i in ids]

    assert listed(page) == names(order)

    # With the keyboard: the last card up to the top (focus follows it), then the new second down.
    page.locator(".db-pick-item__up").last.focus()
    for _ in range(5):
        page.keyboard.press("Enter")
    expect(page.locator(".db-pick-item__down").first).to_be_focused()
    page.locator(".db-pick-item__down").nth(1).click()
    order = [order[5], order[1], order[0], *order[2:5]]
    assert listed(page) == names(order)
    assert f"?ids={','.join(order)}&layout=card" in page.url
    expect(page.locator('.db-pick-print[aria-busy="false"]')).to_be_attached()

    for paper in PAPERS:
        pages = printed(page, paper)
        assert len(pages) == 6, paper
        # The pick page is printed first: the cards' own pages are opened after it.
        own = [own_card_text(page, site_url, card, paper) for card in order]
        assert pages == own, paper
        open_pick(page, site_url)

    own_host = urlsplit(site_url).netloc
    assert [url for url in page.requested if urlsplit(url).netloc not in ("", own_host)] == []


def test_the_pick_link_restores_the_pick_in_a_fresh_browser(page, browser, site_url, library):
    ids = sorted(library.exercises)[-3:][::-1]
    open_pick(page, site_url, ids, "half")
    link = page.get_by_label("Link to this pick").input_value()
    assert link == f"{site_url}/cards/pick/?ids={','.join(ids)}&layout=half"

    context = browser.new_context()
    try:
        fresh = context.new_page()
        fresh.goto(link)
        expect(fresh.locator(".db-pick-item__name")).to_have_text([library.exercises[i].name for i in ids])
        expect(fresh.get_by_label("Station cards, two to a sheet")).to_be_checked()
        # Restored into the browser: the page without the link shows the same pick.
        fresh.goto(f"{site_url}/cards/pick/")
        expect(fresh.locator(".db-pick-item__name")).to_have_text([library.exercises[i].name for i in ids])
        assert fresh.url == link
    finally:
        context.close()


def test_an_unknown_id_is_named_and_left_out_and_nothing_in_the_link_becomes_markup(page, site_url, library):
    first, second = sorted(library.exercises)[:2]
    injected = "<img src=x onerror=alert(1)>"
    page.goto(f"{site_url}/cards/pick/?ids={first},no-such-card,{injected},{second}&layout=card")
    expect(page.locator('.db-pick-print[aria-busy="false"]')).to_be_attached()
    note = page.locator('[data-pick-message="unknown"]')
    expect(note).to_be_visible()
    expect(note).to_contain_text("no-such-card")
    expect(note).to_contain_text(injected)
    assert page.locator("img[src='x'], img[onerror]").count() == 0
    assert listed(page) == [library.exercises[first].name, library.exercises[second].name]
    assert "no-such-card" not in page.url
    for paper in PAPERS:
        assert len(printed(page, paper)) == 2, paper


def test_an_empty_pick_says_how_to_add_cards(page, site_url):
    open_pick(page, site_url)
    empty = page.locator('[data-pick-message="empty"]')
    expect(empty).to_be_visible()
    expect(empty).to_contain_text("Add to pick")
    expect(empty.get_by_role("link", name="Print cards")).to_have_attribute("href", "../")
    expect(page.get_by_role("button", name="Print", exact=True)).to_be_disabled()
    assert listed(page) == []


def test_clear_empties_the_pick(page, site_url, library):
    open_pick(page, site_url, sorted(library.exercises)[:2])
    page.get_by_role("button", name="Clear the pick").click()
    expect(page.locator('[data-pick-message="empty"]')).to_be_visible()
    assert listed(page) == []
    page.goto(f"{site_url}/exercises/{min(library.exercises)}/")
    expect(page.get_by_role("link", name="Your pick")).to_have_text("Your pick (0)")
    expect(page.get_by_role("button", name="Add to pick")).to_have_attribute("aria-pressed", "false")


def test_a_session_sheet_too_long_for_a_page_says_how_many_it_takes(page, site_url, library):
    open_pick(page, site_url, sorted(library.exercises)[:13], "sheet")
    expect(page.locator('[data-pick-message="pages"]')).to_have_text(
        "This session sheet takes 3 pages: one page holds 6 exercises."
    )
    page.get_by_label("Full cards, one to a page").check()
    expect(page.locator('[data-pick-message="pages"]')).to_be_hidden()


def test_without_scripts_no_pick_button_shows_and_the_card_still_prints(browser, site_url, library):
    exercise = min(library.exercises)
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        for path in (
            f"/exercises/{exercise}/",
            f"/cards/{exercise}/",
            "/cards/",
            f"/ladders/{min(library.ladders)}/",
        ):
            tab.goto(site_url + path)
            for name in ("Add to pick", "Add all to pick", "Your pick"):
                assert not tab.get_by_role("button", name=name).is_visible(), (path, name)
                assert not tab.get_by_role("link", name=name).is_visible(), (path, name)
        tab.goto(f"{site_url}/cards/{exercise}/")
        for paper in PAPERS:
            assert len(printed(tab, paper)) == 1
        tab.goto(f"{site_url}/cards/pick/")
        expect(tab.get_by_text("Picking cards needs JavaScript")).to_be_visible()
        expect(tab.locator(".db-pick")).to_be_hidden()
    finally:
        context.close()


def test_after_one_visit_the_pick_page_opens_and_prints_without_the_network(browser, site_url, library):
    ids = sorted(library.exercises)[:6]
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(site_url + "/")
        tab.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
        texts = {paper: [own_card_text(tab, site_url, card, paper) for card in ids] for paper in PAPERS}
        context.set_offline(True)
        tab.requested = []
        tab.on("request", lambda request: tab.requested.append(request.url))
        open_pick(tab, site_url, ids)
        assert listed(tab) == [library.exercises[i].name for i in ids]
        expect(tab.locator('[data-pick-message="failed"]')).to_be_hidden()
        for paper in PAPERS:
            assert printed(tab, paper) == texts[paper], paper
        own_host = urlsplit(site_url).netloc
        assert tab.requested and all(urlsplit(url).netloc == own_host for url in tab.requested)
    finally:
        context.close()


# Station cards and the session sheet, on a copy of the site whose card pages carry the elements
# the pick page copies for them (`article.db-station`, `section.db-sheet-row`, hidden), with a
# stylesheet of their own for printing them. Where the build already makes them, the copy
# keeps its own; tests/browser/test_pick_layouts.py runs the same checks on the real site.


def longest_cards(built_site, library, count: int) -> list[str]:
    """The ids of the `count` cards with the most text, longest first."""

    def length(card_id: str) -> int:
        html = (built_site / "cards" / card_id / "index.html").read_text("utf-8")
        article = re.search(r'<article class="db-card">.*?</article>', html, re.S)[0]
        return len(re.sub(r"<[^>]+>", "", article))

    return sorted(library.exercises, key=lambda card_id: (-length(card_id), card_id))[:count]


def check_station_cards(tab, base: str, ids: list[str], names: list[str]) -> None:
    """Six station cards print on three sheets of A4 and of Letter, two cards to a sheet."""
    open_pick(tab, base, ids, "half")
    assert tab.locator(".db-pick-print--half > .db-station:not([hidden])").count() == len(ids)
    for paper in PAPERS:
        pages = printed(tab, paper)
        assert len(pages) == 3, paper
        for number, text in enumerate(pages):
            assert names[2 * number] in text and names[2 * number + 1] in text, (paper, number)


def check_session_sheet(tab, base: str, ids: list[str], tmp_path) -> None:
    """A session sheet of six prints on one page with the typed title and date, not the
    fields they were typed in, and six QR codes that scan to the exercises' pages."""
    import zxingcpp

    open_pick(tab, base, ids, "sheet")
    tab.get_by_label("Title of the sheet").fill("Tuesday hinge class")
    tab.get_by_label("Date line").fill("14 May, 18:00, main hall")
    head = tab.locator(".db-pick-print--sheet > header.db-sheet-head")
    expect(head).to_contain_text("Tuesday hinge class")
    assert tab.locator(".db-pick-print--sheet > .db-sheet-row:not([hidden])").count() == 6
    expect(tab.locator('[data-pick-message="pages"]')).to_be_hidden()
    for paper in PAPERS:
        pdf = tab.pdf(format=paper)
        pages = [pdf_page.extract_text() for pdf_page in PdfReader(io.BytesIO(pdf)).pages]
        assert len(pages) == 1, paper
        assert "Tuesday hinge class" in pages[0] and "14 May, 18:00, main hall" in pages[0]
        assert "Title of the sheet" not in pages[0] and "Date line" not in pages[0]
        (tmp_path / "sheet.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "200", "-png", "sheet.pdf", "sheet"], cwd=tmp_path, check=True)
        image = Image.open(next(tmp_path.glob("sheet*.png")))
        codes = sorted(code.text for code in zxingcpp.read_barcodes(image))
        assert [urlsplit(code).path for code in codes] == sorted(f"/exercises/{i}/" for i in ids), paper
        for png in tmp_path.glob("sheet*.png"):
            png.unlink()


def test_a_longer_session_sheet_continues_on_the_next_page_and_says_so(page, site_url, library):
    ids = sorted(library.exercises)[:8]
    open_pick(page, site_url, ids, "sheet")
    expect(page.locator('[data-pick-message="pages"]')).to_contain_text("takes 2 pages")
    pages = printed(page, "A4")
    assert len(pages) == 2
    assert pages[1].lstrip().startswith("Continued: page 2 of 2")


def test_in_german_and_french_the_pick_page_and_its_script_speak_the_language(page, language_site, library):
    """pick.js takes every word it writes from the page: the list's buttons, the messages it
    fills in and the line that continues a session sheet, all in the site's language."""
    from drillbook.i18n import words_for

    language, _, base = language_site
    words = words_for(language)
    ids = sorted(library.exercises)[:8]
    open_pick(page, base, [*ids, "no-such-card"], "sheet")
    assert page.locator(".db-pick-item__up").first.inner_text() == words("print.pick.up")
    assert page.locator(".db-pick-item__remove").first.inner_text() == words("print.pick.remove")
    expect(page.get_by_label(words("print.pick.layout_sheet", count=6))).to_be_checked()
    unknown = words("print.pick.unknown_md", slot="no-such-card")
    expect(page.locator('[data-pick-message="unknown"]')).to_have_text(unknown)
    message = words("print.pick.pages_md", count=6, slot="2")
    expect(page.locator('[data-pick-message="pages"]')).to_have_text(message)
    pages = printed(page, "A4")
    assert len(pages) == 2
    continued = words("print.pick.continued_md", page="2", pages="2")
    assert " ".join(pages[1].split()).startswith(" ".join(continued.split()))
