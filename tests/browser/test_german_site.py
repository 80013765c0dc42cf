"""The German site in a real browser: its search finds a record by a German alias, the page
speaks German to a screen reader, and axe-core finds nothing on an exercise page."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import serve
from .test_accessibility import VIEWPORTS, describe


@pytest.fixture(scope="module")
def german_url(german_site) -> str:
    base, server = serve(german_site)
    yield base
    server.shutdown()


def search_results(page, base: str, query: str) -> list[str]:
    """The result pages (site paths) of `query`, best first, typed into Material's box,
    which speaks German here."""
    page.goto(base + "/")
    box = page.get_by_role("textbox", name="Suche")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on keyup
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(re.compile(r"\d+ Suchergebnis|Keine", re.I))
    return page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )


@pytest.mark.parametrize(
    "query", ["Kreuzheben mit gestreckten Beinen", "gestreckten Beinen", "rumänisches Kreuzheben"]
)
def test_german_search_finds_the_exercise_by_its_german_alias_and_name(page, german_url, query):
    results = search_results(page, german_url, query)
    assert results and results[0] == "/exercises/rumaenisches-kreuzheben/", results


def test_every_kind_of_page_says_it_is_german(page, german_url):
    for path in (
        "/",
        "/exercises/second-drill/",
        "/cards/second-drill/",
        "/embed/second-drill/",
        "/cards/pick/",
    ):
        page.goto(german_url + path)
        assert page.locator("html").get_attribute("lang") == "de", path


@pytest.mark.parametrize("screen", VIEWPORTS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_reports_nothing_on_the_german_exercise_page(browser, german_url, scheme, screen):
    context = browser.new_context(color_scheme=scheme, viewport=VIEWPORTS[screen])
    try:
        tab = context.new_page()
        path = "/exercises/rumaenisches-kreuzheben/"
        assert tab.goto(german_url + path).ok
        tab.wait_for_load_state("networkidle")
        violations = Axe().run(tab).response["violations"]
    finally:
        context.close()
    assert violations == [], f"{path} ({scheme}, {screen}):\n{describe(violations)}"
