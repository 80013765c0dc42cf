"""Reader help: every link of a generated page leads to a generated page, so a coach's own
project builds with `--strict` without writing any page of ours; the help pages those links
reach are written for any site's readers."""

import re
from pathlib import Path

import pytest
from conftest import missing_html_links, missing_markdown_links

from drillbook.i18n import words_for
from drillbook.pipeline import read_library, render_site
from drillbook.views import SiteNames

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://coach.example.org/"
LIBRARIES = [ROOT / "tests" / "data" / "library", ROOT / "content"]
# The pages that list every exercise, written as HTML (render.Hrefs).
LISTING_PAGES = [
    "exercises/index.md",
    "browse/muscles.md",
    "browse/sources.md",
    "cards/index.md",
    "cards/pick.md",
]
HELP = ["help/printing.md", "help/embedding.md", "help/figures.md"]


@pytest.fixture(scope="module", params=[(c, u) for c in LIBRARIES for u in (SITE_URL, None)])
def pages(request) -> dict[str, str]:
    content, site_url = request.param
    return render_site(read_library(content), site_url)


def test_every_link_of_a_generated_page_leads_to_a_generated_page_or_an_anchor(pages):
    checked, missing = missing_markdown_links(pages, [path for path in pages if path.endswith(".md")])
    assert checked > 50
    assert missing == []


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_html_link_of_a_listing_page_leads_to_a_built_page(directory_urls):
    """Pages that list every record write their entries as HTML with the built addresses
    (render.Hrefs), which MkDocs does not check: each must be the address of a page."""
    names = SiteNames(directory_urls=directory_urls)
    pages = render_site(read_library(ROOT / "content"), SITE_URL, names)
    checked, missing = missing_html_links(pages, LISTING_PAGES, directory_urls)
    assert checked > 50
    assert missing == []


def test_help_links_lead_to_the_generated_help(pages):
    assert "[How to print](../help/printing.md)" in pages["cards/index.md"]
    assert "[How to read a figure](../help/figures.md)" in pages["figures/index.md"]
    exercise = next(path for path in pages if path.startswith("exercises/") and path != "exercises/index.md")
    if "```html" in pages[exercise]:  # the Embed section with its snippet needs site_url
        assert "[Embed in your blog](../help/embedding.md)" in pages[exercise]
    assert "tags" not in pages["browse/index.md"]


def test_help_pages_are_written_for_the_readers_of_any_site(pages):
    for path in HELP:
        text = pages[path]
        assert text.startswith("---\ntitle: "), path
        for word in ["drillbook", "hinge", "mkdocs", "site_url", "docs/", "content/", "generator/"]:
            assert word not in text.lower(), (path, word)


def test_embedding_help_says_when_the_site_offers_no_embed_code():
    content = LIBRARIES[0]
    with_url = render_site(read_library(content), SITE_URL)["help/embedding.md"]
    without = render_site(read_library(content), None)["help/embedding.md"]
    assert "press **Embed** near the top" in with_url and "embed codes yet" not in with_url
    assert "This site does not offer embed codes yet" in without


def test_every_generated_page_has_front_matter_that_parses_with_a_title(pages):
    import yaml

    broken = []
    for path, text in pages.items():
        if path.endswith(".md"):
            front = text.split("---\n", 2)[1] if text.startswith("---\n") else ""
            try:
                meta = yaml.safe_load(front) or {}
            except yaml.YAMLError as error:
                broken.append(f"{path}: {error.problem}")
                continue
            if not meta.get("title"):
                broken.append(f"{path}: no title")
    assert broken == []


def english_lines(section: str, language: str) -> set[str]:
    """The English text of the messages in `section` that `language` words differently, cut at
    placeholders and line breaks into pieces long enough to mean something (a piece the
    translation keeps, such as a table's rule or a code span, is left out)."""
    english, words = words_for("en"), words_for(language)
    pieces = set()
    for key, message in english.messages.items():
        if key.startswith(f"{section}.") and message != words.messages[key]:
            cut = {piece.strip() for piece in re.split(r"\{\w+\}|\n", str(message))}
            pieces |= {piece for piece in cut if len(piece) > 6 and piece not in str(words.messages[key])}
    return pieces


@pytest.mark.parametrize("language", ["de", "es", "fr"])
def test_a_translated_site_writes_its_help_pages_in_its_language(language):
    """Both ways the embedding help reads (with and without embed codes), every help page in
    the site's language, with front matter that parses and the buttons named as they show."""
    import yaml

    words = words_for(language)
    library = read_library(LIBRARIES[0])
    pages = {url: render_site(library, url, SiteNames(language=language)) for url in (SITE_URL, None)}
    english = english_lines("help", language)
    for site in pages.values():
        for path in HELP:
            text = site[path]
            assert yaml.safe_load(text.split("---\n", 2)[1])["title"] == words(f"help.{path[5:-3]}.title")
            left = sorted(piece for piece in english if piece in text)
            assert not left, (path, left)
    assert f"**{words('exercise.print_card')}**" in pages[SITE_URL]["help/printing.md"]
    assert f"[{words('parts.your_pick')}](../cards/pick.md)" in pages[SITE_URL]["help/printing.md"]
    assert f"**{words('exercise.embed')}**" in pages[None]["help/embedding.md"]
    figures_help = pages[SITE_URL]["help/figures.md"]
    assert f"**{words('figures.pair.correct')}**" in figures_help
    assert f"`{words('figures.angles.joint.free_hip')} 0`" in figures_help
