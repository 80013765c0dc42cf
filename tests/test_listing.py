"""Long lists split into pages (listing.py): above LISTING_LIMIT entries, the exercise index
and the list of cards get a page per initial, each browse page a page per group and the
sources page a page per source; every exercise is still listed wherever it was, and every
link of those pages leads to a page."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT, coach_project, missing_html_links, missing_markdown_links, mkdocs_build

from drillbook.i18n import words_for
from drillbook.listing import LISTING_LIMIT, group_slugs, initial, letter_pages
from drillbook.pipeline import read_library, render_site
from drillbook.views import SiteNames

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_library  # noqa: E402

SITE_URL = "https://coach.example.org/"
SIZE = LISTING_LIMIT + 60
HTML_LINK = re.compile(r'<a href="([^"]+)">([^<]*)</a>')
ENGLISH = words_for("en")


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("long-lists") / "content"
    write_library(content, SIZE)
    return content


@pytest.fixture(scope="module")
def library(content):
    return read_library(content)


@pytest.fixture(scope="module")
def pages(library) -> dict[str, str]:
    return render_site(library, SITE_URL)


def linked_exercises(text: str) -> list[str]:
    """The ids of the exercise (or card) pages a listing page links, in order."""
    return [re.search(r"exercise-\d+", href).group(0) for href, _ in HTML_LINK.findall(text)]


def test_a_list_up_to_the_limit_stays_on_one_page():
    entries = [f"Drill {number}" for number in range(LISTING_LIMIT)]
    (page,) = letter_pages("exercises", "Exercises", entries, str, ENGLISH)
    assert (page.path, page.entries, page.initials, page.up) == ("exercises/index.md", entries, [], None)
    assert len(letter_pages("exercises", "Exercises", [*entries, "One more"], str, ENGLISH)) > 1


def test_initials_drop_accents_and_put_other_signs_last():
    assert [initial(name) for name in ("élan walk", "Ñandú", " wall drill", "90/90 switch", "Øre")] == [
        "E",
        "N",
        "W",
        "#",
        "#",
    ]
    names = ["Zercher squat", "90/90 switch", "Élan walk", *(f"Bridge {n}" for n in range(LISTING_LIMIT))]
    index, *letters = letter_pages("exercises", "Exercises", names, str, ENGLISH)
    assert [(i.letter, i.link, i.count) for i in index.initials] == [
        ("B", "by-letter/b.md", LISTING_LIMIT),
        ("E", "by-letter/e.md", 1),
        ("Z", "by-letter/z.md", 1),
        ("#", "by-letter/other.md", 1),
    ]
    other = letters[-1]
    assert (other.path, other.title, other.entries, other.up) == (
        "exercises/by-letter/other.md",
        "Exercises: #",
        ["90/90 switch"],
        "../index.md",
    )
    assert [i.link for i in other.initials] == ["b.md", "e.md", "z.md", None]


def test_group_file_names_are_plain_unique_and_never_index():
    names = ["1 · Beginner", "Gesäß", "Band", "band", "Index", "Öl!"]
    assert group_slugs(names) == {
        "1 · Beginner": "1-beginner",
        "Gesäß": "gesass",
        "Band": "band",
        "band": "band-2",
        "Index": "index-2",
        "Öl!": "ol",
    }


@pytest.mark.parametrize("folder", ["exercises", "cards"])
def test_every_exercise_is_on_the_page_of_its_initial_once(pages, library, folder):
    index = pages[f"{folder}/index.md"]
    assert "<table>" not in index
    letter_paths = sorted(path for path in pages if path.startswith(f"{folder}/by-letter/"))
    assert len(letter_paths) > 1
    listed = []
    for path in letter_paths:
        ids = linked_exercises(pages[path])
        letter = path.rsplit("/", 1)[1].removesuffix(".md").upper()
        assert {initial(library.exercises[i].name) for i in ids} == {letter}, path
        assert f"({len(ids)})" in index
        listed += ids
    assert sorted(listed) == sorted(library.exercises)


def test_every_browse_group_page_lists_the_exercises_of_its_group(pages, library):
    facet = pages["browse/muscles.md"]
    assert "<ul>" not in facet
    groups = dict(re.findall(r"^- \[([^\]]+)\]\(muscles/([a-z0-9-]+)\.md\)", facet, re.MULTILINE))
    assert len(groups) > 5
    for muscle, slug in groups.items():
        page = pages[f"browse/muscles/{slug}.md"]
        assert f"# Exercises by muscle: {muscle}\n" in page and "[Exercises by muscle](../muscles.md)" in page
        expected = {
            exercise.id
            for exercise in library.exercises.values()
            if muscle.lower() in {m.lower() for m in (*exercise.muscles.primary, *exercise.muscles.secondary)}
        }
        assert set(linked_exercises(page)) == expected, muscle
        assert f"({len(expected)} exercises)" in facet


def test_the_sources_page_keeps_each_source_and_links_the_pages_that_draw_on_it(pages, library):
    sources = pages["browse/sources.md"]
    assert "<a href" not in sources
    for source in library.sources.values():
        citing = library.records_citing(source)
        assert f"{{ #{source.id} }}" in sources
        assert f"Drawn on by: [{len(citing)} pages](sources/{source.id}.md)" in sources
        page = pages[f"browse/sources/{source.id}.md"]
        assert f"[Sources](../sources.md#{source.id})" in page
        assert [name for _, name in HTML_LINK.findall(page)] == [record.name for record in citing]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_link_of_the_split_pages_leads_to_a_page(library, directory_urls):
    """HTML links carry built addresses (render.Hrefs), Markdown links source paths."""
    pages = render_site(library, SITE_URL, SiteNames(directory_urls=directory_urls))
    split = [
        path
        for path in pages
        if path.startswith(("exercises/by-letter/", "cards/by-letter/", "browse/"))
        or path in ("exercises/index.md", "cards/index.md")
    ]
    html_checked, html_missing = missing_html_links(pages, split, directory_urls)
    markdown_checked, markdown_missing = missing_markdown_links(pages, split)
    assert html_checked + markdown_checked > SIZE * 4
    assert html_missing + markdown_missing == []


def test_the_split_library_builds_strict_with_the_parts_out_of_the_navigation(tmp_path, content):
    """A coach's project (`drillbook new`) with the long library; decks are the benchmark's."""
    project = coach_project(tmp_path / "project", content, options="decks: false", site_url=SITE_URL)
    mkdocs_build(project)
    site = project / "site"
    part = site / "browse" / "muscles" / "hamstrings" / "index.html"
    assert "Exercises by muscle: Hamstrings" in part.read_text("utf-8")
    assert (site / "exercises" / "by-letter" / "b" / "index.html").is_file()
    home = (site / "index.html").read_text("utf-8")
    assert 'href="browse/muscles/"' in home
    assert "by-letter/" not in home and "muscles/hamstrings/" not in home
