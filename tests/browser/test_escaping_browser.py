"""Hostile record text in a real browser: a library with an attack in every text field,
built by MkDocs, opened in Chromium. On every page of those records (exercise, fault, ladder,
card, poster, embed) and every listing, no dialog opens, no injected element or script
exists, and the record's name reads exactly as typed, in the heading and in the tab title."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import copy_project
from test_escaping import write_content

from .conftest import serve

PAYLOADS = [
    '<img src=x onerror=alert(1)>"><script>alert(2)</script> {{ 7*7 }}',
    "[x](javascript:alert(3)) '><svg onload=alert(4)> {% raw %} **b**",
]
INJECTED = """() => ({
    elements: document.querySelectorAll(
        'img[src="x"], svg[onload], [onerror], [onload], a[href^="javascript:" i]').length,
    scripts: [...document.scripts]
        .filter(s => !s.type || /javascript|module/i.test(s.type))
        .filter(s => s.textContent.includes('alert(')).length,
})"""
# The pick page's list of cards: JSON in a script element that browsers never run.
PICKED_NAMES = (
    "() => Object.values(JSON.parse(document.querySelector('script.db-pick-cards').textContent))"
    ".map(card => card.name)"
)


@pytest.fixture(scope="module", params=PAYLOADS, ids=["html", "markdown"])
def hostile_site(request, tmp_path_factory):
    """(base URL, payload, page paths) of a built site whose every text field holds it."""
    project = copy_project(
        tmp_path_factory.mktemp("hostile") / "project", content=tmp_path_factory.mktemp("empty")
    )
    write_content(project / "content", request.param)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DRILLBOOK_DECKS": "0"},
    )
    assert result.returncode == 0, result.stderr
    site = project / "site"
    pages = sorted(
        str(path.relative_to(site).parent) + "/"
        for path in site.rglob("index.html")
        if "hostile" in str(path)
        or path.parent.name
        in (
            "exercises",
            "faults",
            "ladders",
            "cards",
            "levels",
            "equipment",
            "muscles",
            "patterns",
            "sources",
        )
    )
    assert any(page.startswith("embed/") for page in pages), pages
    assert any(page.startswith("cards/") for page in pages), pages
    base, server = serve(site)
    yield base, request.param, pages
    server.shutdown()


def test_hostile_text_is_shown_and_never_run(hostile_site, page):
    base, payload, paths = hostile_site
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in paths:
        page.goto(f"{base}/{path}")
        assert page.evaluate(INJECTED) == {"elements": 0, "scripts": 0}, path
        assert dialogs == [], path
        if path.split("/")[0] in ("exercises", "faults", "ladders") and "hostile" in path:
            heading = page.locator("h1").first.inner_text().rstrip("¶").strip()
            assert heading == payload, path
            assert page.title().startswith(payload), path
        if path == "cards/pick/":
            assert payload in page.evaluate(PICKED_NAMES)
        if "hostile" in path:
            assert payload[:20] in " ".join(page.locator("body").inner_text().split()), path


def test_hostile_text_in_search_results_is_shown_and_never_run(hostile_site, page):
    """The search index holds the record text too, and Material writes results as HTML."""
    base, payload, _ = hostile_site
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{base}/exercises/hostile-exercise/")
    box = page.locator("input.md-search__input")
    box.fill("alert")
    box.press("End")  # Material searches on keyup
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=15000)
    assert results.count() > 0
    assert page.evaluate(INJECTED) == {"elements": 0, "scripts": 0}
    assert dialogs == []
    assert payload[:12] in page.locator(".md-search-result").inner_text()
