"""The shipped library builds with the real MkDocs Material build."""

import re

from conftest import mkdocs_build


def test_strict_build_makes_every_exercise_page(built_site):
    exercise = built_site / "exercises" / "wall-hip-hinge" / "index.html"
    html = exercise.read_text("utf-8")
    assert "<h1" in html and "Wall hip hinge" in html
    assert "Fault checklist" in html
    assert (built_site / "schemas" / "exercise.schema.json").is_file()


def test_pages_keep_their_titles(built_site):
    """The plugin frees each page's Markdown once rendered; templates must still get
    `page.title` (the oEmbed link in the head shows it)."""
    html = (built_site / "exercises" / "wall-hip-hinge" / "index.html").read_text("utf-8")
    assert 'type="application/json+oembed"' in html
    assert re.search(
        r'<link rel="alternate" type="application/json\+oembed" [^>]*'
        r'title="Wall hip hinge">',
        html,
    )


def test_build_loads_nothing_from_other_hosts(built_site):
    html = (built_site / "exercises" / "wall-hip-hinge" / "index.html").read_text("utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_build_leaves_git_tracked_files_unchanged(project):
    mkdocs_build(project)
    assert (project / "docs" / "exercises" / ".drillbook-generated").is_file()
    assert (project / "docs" / "index.md").read_text("utf-8").startswith("---")
