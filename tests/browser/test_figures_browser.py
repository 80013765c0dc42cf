"""Tap to enlarge: on a phone a figure fills the screen when the reader taps it, at least
200 CSS px tall, with no JavaScript; Close (or Back) puts it back in the page."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

PHONE = {"width": 390, "height": 844}
ENLARGED = ".db-figure-anchor:target + .db-figure-box"


@pytest.fixture
def phone(browser):
    """A phone-sized touch screen with JavaScript off: enlarging needs none."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False)
    yield context.new_page()
    context.close()


def boxes(page, selector: str) -> list[dict]:
    return [page.locator(selector).nth(i).bounding_box() for i in range(page.locator(selector).count())]


def on_screen(box: dict) -> bool:
    return box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5


def test_a_tapped_position_fills_the_phone_screen_and_closes(phone, site_url, library):
    exercise = next(e for e in sorted(library.exercises) if len(library.exercises[e].positions) > 1)
    phone.goto(f"{site_url}/exercises/{exercise}/")
    small = boxes(phone, ".db-figures--strip .db-figure")
    assert phone.get_by_role("link", name="Close").count() == 0
    assert len(small) > 1 and all(box["height"] < 200 for box in small)
    caption = library.exercises[exercise].positions[1].caption
    phone.get_by_role("link", name=f"Enlarge the figure: {caption}").tap()
    [large] = boxes(phone, f"{ENLARGED} .db-figure")
    assert large["height"] >= 200 and on_screen(large)
    assert large["y"] + large["height"] <= PHONE["height"]
    assert phone.locator(f"{ENLARGED} figcaption").inner_text() == caption
    phone.locator(ENLARGED).get_by_role("link", name="Close").tap()
    assert phone.locator(ENLARGED).count() == 0
    assert phone.get_by_role("link", name="Close").count() == 0
    assert all(box["height"] < 200 for box in boxes(phone, ".db-figures--strip .db-figure"))


def test_a_fault_pair_shows_each_side_as_wide_as_the_phone(phone, site_url, library):
    fault = next(f for f in sorted(library.faults) if library.faults[f].positions)
    phone.goto(f"{site_url}/faults/{fault}/")
    phone.get_by_role("link", name="Enlarge the figure:").first.tap()
    sides = boxes(phone, f"{ENLARGED} :is(.db-figure-zoom, .db-figure-half)")
    assert len(sides) == 2
    assert all(side["height"] >= 200 and on_screen(side) for side in sides)
    assert sides[1]["y"] >= sides[0]["y"] + sides[0]["height"]


def test_the_keyboard_enlarges_a_figure(phone, site_url, library):
    exercise = next(e for e in sorted(library.exercises) if library.exercises[e].positions)
    phone.goto(f"{site_url}/exercises/{exercise}/")
    phone.get_by_role("link", name="Enlarge the figure:").first.focus()
    phone.keyboard.press("Enter")
    [large] = boxes(phone, f"{ENLARGED} .db-figure")
    assert large["height"] >= 200


def violations(browser, url: str, **options) -> list[tuple[str, list]]:
    context = browser.new_context(**options)
    try:
        tab = context.new_page()
        tab.goto(url)
        return [(v["id"], [n["target"] for n in v["nodes"]]) for v in Axe().run(tab).response["violations"]]
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_enlarged_figure_adds_no_accessibility_violation(browser, site_url, library, scheme):
    """On a desktop screen none at all; on a phone none that the page without the enlarged
    figure does not have (Material's phone navigation drawer has its own)."""
    fault = next(f for f in sorted(library.faults) if library.faults[f].positions)
    url = f"{site_url}/faults/{fault}/"
    assert violations(browser, url + "#figure-large", color_scheme=scheme) == []
    on_phone = violations(browser, url + "#figure-large", viewport=PHONE, color_scheme=scheme)
    assert on_phone == violations(browser, url, viewport=PHONE, color_scheme=scheme)
