"""Photos and video in Chromium: the video preview asks the video host for nothing until the
reader clicks it, the photos load from the site itself, and a card with a photo still prints
on exactly one A4 and one Letter page, also at the schema's longest lengths."""

from __future__ import annotations

import io
import json
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader
from test_cards import longest_project
from test_media import EXERCISE, FAULT, build, media_project, photo

from .conftest import serve

PAPERS = ("A4", "Letter")
PLAYER = "https://www.youtube-nocookie.com/embed/abcDEF12345?autoplay=1"


@pytest.fixture(scope="module")
def media_site(tmp_path_factory):
    project = media_project(tmp_path_factory.mktemp("media-browser") / "project")
    build(project)
    base, server = serve(project / "site")
    yield base
    server.shutdown()


def foreign(urls: list[str], base: str) -> list[str]:
    own = urlsplit(base).netloc
    return [url for url in urls if urlsplit(url).netloc not in ("", own) and not url.startswith("data:")]


def test_video_preview_requests_nothing_from_the_host_until_clicked(page, media_site):
    played = []

    def player(route):
        played.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<p>player</p>")

    page.route("https://www.youtube-nocookie.com/**", player)
    page.goto(f"{media_site}/exercises/{EXERCISE}/")
    gallery = page.locator(".db-gallery")
    gallery.scroll_into_view_if_needed()
    page.mouse.wheel(0, 4000)
    page.wait_for_load_state("networkidle")
    loaded = page.locator(".db-gallery img").evaluate_all(
        "images => images.map(image => image.complete && image.naturalWidth > 0)"
    )
    assert loaded == [True, True]
    assert foreign(page.requested, media_site) == []
    assert any("/media/hinge-side-jpg-" in url and url.endswith(".webp") for url in page.requested)

    page.locator(f'a[data-player="{PLAYER}"]').click()
    frame = page.locator("iframe.db-video__frame")
    frame.wait_for()
    assert frame.get_attribute("src") == PLAYER
    page.wait_for_load_state("networkidle")
    assert played == [PLAYER]
    assert foreign(page.requested, media_site) == [PLAYER]
    assert page.url == f"{media_site}/exercises/{EXERCISE}/"


def test_video_preview_is_a_link_reached_by_keyboard(page, media_site):
    page.goto(f"{media_site}/exercises/{EXERCISE}/")
    preview = page.locator(f'a[data-player="{PLAYER}"]')
    assert preview.inner_text().startswith("The wall hip hinge, filmed from the side")
    assert preview.get_attribute("href") == PLAYER


@pytest.fixture(scope="module")
def longest_photo_site(tmp_path_factory):
    """The longest-possible records, each with a photo marked for its card whose credit is
    as long as the schema allows."""
    project = longest_project(tmp_path_factory.mktemp("longest-photo"))
    content = project / "content"
    photo(content / "media" / "tall.jpg", 900, 1600)
    longest = sorted((content / "exercises").glob("exercise-*.yml"))
    for path in longest:
        record = json.loads(path.read_text("utf-8"))
        record["media"] = [
            {
                "kind": "image",
                "file": "media/tall.jpg",
                "alt": "W" * 200,
                "caption": "W" * 200,
                "credit": "W" * 80,
                "license": "CC-BY-NC-SA-4.0",
                "source_url": "https://example.org/" + "w" * 180,
                "card": True,
            }
        ]
        path.write_text(json.dumps(record), "utf-8")
    build(project)
    base, server = serve(project / "site")
    yield base, [path.stem for path in longest]
    server.shutdown()


def test_card_with_a_photo_prints_on_one_page_on_a4_and_letter(page, longest_photo_site):
    base, exercises = longest_photo_site
    assert len(exercises) == 20
    for exercise in exercises:
        page.goto(f"{base}/cards/{exercise}/")
        shown = page.locator(".db-card__photo img").evaluate("image => image.complete && image.naturalWidth")
        assert shown == 900
        for paper in PAPERS:
            pdf = PdfReader(io.BytesIO(page.pdf(format=paper)))
            assert len(pdf.pages) == 1, (exercise, paper)
            assert pdf.pages[0].images, (exercise, paper)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_pages_with_photos_and_video(browser, media_site, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    found = {}
    try:
        tab = context.new_page()
        for path in (f"exercises/{EXERCISE}/", f"faults/{FAULT}/", f"embed/{EXERCISE}/", "browse/credits/"):
            tab.goto(f"{media_site}/{path}")
            tab.wait_for_load_state("networkidle")
            violations = Axe().run(tab).response["violations"]
            if violations:
                found[path] = [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    finally:
        context.close()
    assert found == {}
