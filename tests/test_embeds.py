"""Embeds: an oEmbed file and a discovery link for every exercise, fragments without scripts,
record text escaped wherever it lands, and a clear warning when `site_url` is missing."""

from __future__ import annotations

import json
import re
import shutil
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TEST_LIBRARY, coach_project, copy_project, mkdocs_build, run

from drillbook.qr import qr_svg

DATA = Path(__file__).parent / "data"
SITE_URL = "https://drillbook.example.org/"
HOSTILE = "<script>alert('x')</script>"


class Tags(HTMLParser):
    """Every start tag of a document, as (tag, {attribute: value})."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag: str, **wanted) -> list[dict]:
        return [
            attrs
            for name, attrs in self.tags
            if name == tag and all(attrs.get(key.replace("_", "-")) == value for key, value in wanted.items())
        ]


def exercise_ids(site: Path) -> list[str]:
    return sorted(path.parent.name for path in (site / "exercises").glob("*/index.html"))


def test_every_exercise_has_a_valid_oembed_file(built_site):
    ids = exercise_ids(built_site)
    assert ids
    for exercise_id in ids:
        data = json.loads((built_site / "embed" / f"{exercise_id}.json").read_text("utf-8"))
        assert data["version"] == "1.0" and data["type"] == "rich"
        assert isinstance(data["title"], str) and data["title"]
        for key in ("author_name", "provider_name"):
            assert isinstance(data[key], str) and data[key]
        assert data["author_url"] == data["provider_url"] == SITE_URL
        assert isinstance(data["width"], int) and 320 <= data["width"] <= 800
        assert isinstance(data["height"], int) and 200 <= data["height"] <= 1000
        tags = Tags(data["html"])
        assert [tag for tag, _ in tags.tags] == ["blockquote", "a", "iframe"] and "<script" not in data[
            "html"
        ]
        assert tags.find("blockquote", **{"class": "wp-embedded-content"})
        assert tags.find("a")[0]["href"] == f"{SITE_URL}exercises/{exercise_id}/"
        iframe = tags.find("iframe")[0]
        assert iframe["src"] == f"{SITE_URL}embed/{exercise_id}/"
        assert int(iframe["height"]) == data["height"]
        assert data["title"] in iframe["title"]
        assert (built_site / "embed" / exercise_id / "index.html").is_file()


# What WordPress keeps of a provider's HTML (wp_filter_oembed_result in wp-includes/embed.php).
WORDPRESS_KEEPS = {
    "a": {"href"},
    "blockquote": set(),
    "iframe": {"src", "width", "height", "frameborder", "marginwidth", "marginheight", "scrolling", "title"},
}


def test_oembed_html_needs_nothing_that_wordpress_strips(built_site):
    """The frame fits any column and has no border with only the attributes WordPress keeps:
    a bare iframe with width 600 overflowed a phone's column and showed a 2 px inset border."""
    data = json.loads((built_site / "embed" / "wall-hip-hinge.json").read_text("utf-8"))
    kept = {
        tag: {key: value for key, value in attrs.items() if key in WORDPRESS_KEEPS[tag]}
        for tag, attrs in Tags(data["html"]).tags
    }
    assert kept["iframe"]["width"] == "100%"
    assert kept["iframe"]["frameborder"] == "0"
    assert data["html"].index("<blockquote") < data["html"].index("<iframe")


def test_every_exercise_page_links_its_oembed_file(built_site):
    for exercise_id in exercise_ids(built_site):
        html = (built_site / "exercises" / exercise_id / "index.html").read_text("utf-8")
        head = html[: html.index("</head>")]
        links = Tags(head).find("link", rel="alternate", type="application/json+oembed")
        assert [link["href"] for link in links] == [f"{SITE_URL}embed/{exercise_id}.json"]


def test_exercise_page_shows_the_snippet_and_links_the_fragment(built_site):
    html = (built_site / "exercises" / "wall-hip-hinge" / "index.html").read_text("utf-8")
    embed = html[html.index('id="embed"') :]
    assert 'href="#embed"' in html
    snippet = unescape(re.sub(r"<[^>]+>", "", embed))
    assert f'<iframe src="{SITE_URL}embed/wall-hip-hinge/?theme=light" title="Wall hip hinge' in snippet
    assert 'loading="lazy"' in snippet and 'addEventListener("message"' in snippet
    style = Tags(snippet).find("iframe")[0]["style"]
    for rule in ("display:block", "width:100%", "max-width:600px", "margin:1.5em auto", "border:0"):
        assert rule in style
    assert 'href="../../embed/wall-hip-hinge.fragment.html"' in embed


def test_embed_pages_have_no_chrome_and_no_material_script(built_site):
    for exercise_id in exercise_ids(built_site):
        html = (built_site / "embed" / exercise_id / "index.html").read_text("utf-8")
        tags = Tags(html)
        assert [s["src"] for s in tags.find("script") if "src" in s] == ["../../assets/embed.js"]
        for component in ("header", "footer", "search", "sidebar", "tabs"):
            assert not tags.find("div", data_md_component=component)
        assert not tags.find("header") and not tags.find("footer")
        assert "Open the full guide" in html and "Source:" in html


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The shipped library with a `<script>` in an exercise's name, summary, cue and fault,
    built with the strict MkDocs build."""
    content = tmp_path_factory.mktemp("hostile") / "content"
    shutil.copytree(ROOT / "content", content)
    exercise = content / "exercises" / "wall-hip-hinge.yml"
    record = yaml.safe_load(exercise.read_text("utf-8"))
    record["name"] = f"Drill {HOSTILE}"
    record["summary"] = f"Summary {HOSTILE}"
    record["cues"][0]["text"] = HOSTILE
    exercise.write_text(yaml.safe_dump(record), "utf-8")
    fault = content / "faults" / f"{record['faults'][0]['fault']}.yml"
    record = yaml.safe_load(fault.read_text("utf-8"))
    record["look"] = f"Look {HOSTILE}"
    fault.write_text(yaml.safe_dump(record), "utf-8")
    project = copy_project(content.parent / "project", content=content)
    mkdocs_build(project)
    return project / "site"


def test_fragment_has_no_script_and_escapes_record_text(hostile_site):
    fragment = (hostile_site / "embed" / "wall-hip-hinge.fragment.html").read_text("utf-8")
    assert "<script" not in fragment.lower()
    assert "Drill &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in fragment
    assert "Look &lt;script&gt;" in fragment
    assert f'href="{SITE_URL}exercises/wall-hip-hinge/"' in fragment
    for path in (hostile_site / "embed").glob("*.html"):
        assert "<script" not in path.read_text("utf-8").lower()


def test_record_text_is_inert_in_embed_page_oembed_and_snippet(hostile_site):
    embed = (hostile_site / "embed" / "wall-hip-hinge" / "index.html").read_text("utf-8")
    assert "alert" in embed and "<script>alert" not in embed
    assert [s["src"] for s in Tags(embed).find("script") if "src" in s] == ["../../assets/embed.js"]
    data = json.loads((hostile_site / "embed" / "wall-hip-hinge.json").read_text("utf-8"))
    assert data["title"] == f"Drill {HOSTILE}"
    assert "<script" not in data["html"]
    assert Tags(data["html"]).find("iframe")[0]["title"].startswith(f"Drill {HOSTILE}")
    page = (hostile_site / "exercises" / "wall-hip-hinge" / "index.html").read_text("utf-8")
    assert "<script>alert" not in page
    head = page[: page.index("</head>")]
    assert Tags(head).find("link", type="application/json+oembed")[0]["title"] == f"Drill {HOSTILE}"


def test_without_site_url_the_build_warns_and_leaves_oembed_out(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url:.*\n", "", config.read_text("utf-8")), "utf-8")
    strict = mkdocs_build(project, check=False)
    assert strict.returncode == 1, "the warning fails a --strict build"
    assert "`site_url` is not set in mkdocs.yml" in strict.stderr
    result = run(sys.executable, "-m", "mkdocs", "build", cwd=project, check=True)
    assert "WARNING" in result.stderr and "oEmbed files" in result.stderr
    site = project / "site"
    assert not list(site.glob("embed/*.json")) and not list(site.glob("embed/*.html"))
    assert (site / "embed" / "wall-hip-hinge" / "index.html").is_file()
    page = (site / "exercises" / "wall-hip-hinge" / "index.html").read_text("utf-8")
    assert "json+oembed" not in page
    assert 'id="embed"' in page and "site_url" in page


@pytest.fixture(scope="module")
def german_site(tmp_path_factory) -> Path:
    """The shipped library (English records) on a site whose language is German
    (`theme.language: de`), built with the strict MkDocs build, without decks."""
    project = copy_project(tmp_path_factory.mktemp("german") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8").replace("  language: en\n", "  language: de\n")
    text = text.replace("  - drillbook:\n", "  - drillbook:\n      decks: false\n")
    config.write_text(text, "utf-8")
    mkdocs_build(project)
    return project / "site"


def test_a_german_site_embeds_in_german(german_site):
    """Drillbook's words in the oEmbed file, the snippet, the embed page and the fragment are
    German, and each says so (`lang`); the record text stays the coach's."""
    data = json.loads((german_site / "embed" / "wall-hip-hinge.json").read_text("utf-8"))
    assert data["lang"] == "de" and data["title"] == "Wall hip hinge"
    assert Tags(data["html"]).find("iframe")[0]["title"] == "Wall hip hinge: Übungsanleitung"
    embed = (german_site / "embed" / "wall-hip-hinge" / "index.html").read_text("utf-8")
    assert '<html lang="de"' in embed
    for words in ("Coaching-Hinweise", "Achte auf", "Korrektur:", "Zur ganzen Anleitung", "Quelle:"):
        assert words in embed, words
    assert "Open the full guide" not in embed and "Watch for" not in embed
    fragment = (german_site / "embed" / "wall-hip-hinge.fragment.html").read_text("utf-8")
    assert "Auf einen Blick" in fragment and "Fehler-Checkliste" in fragment and "At a glance" not in fragment
    page = (german_site / "exercises" / "wall-hip-hinge" / "index.html").read_text("utf-8")
    section = unescape(re.sub(r"<[^>]+>", "", page[page.index('id="embed"') :]))
    assert 'title="Wall hip hinge: Übungsanleitung"' in section
    assert "Füge diesen Code dort ein" in section and "Vorschau der Einbettung" in section
    assert "paste this code" not in section


def test_a_german_site_has_german_cards_footer_and_tags(german_site):
    """Pages made from Drillbook's own templates (cards, the pick page) say `lang="de"` like
    every other page, and the theme's own words (footer, tags) are German."""
    for page in ("cards/wall-hip-hinge", "cards/pick", "exercises/wall-hip-hinge", ""):
        html = (german_site / page / "index.html").read_text("utf-8")
        assert '<html lang="de"' in html, page
    html = (german_site / "exercises" / "wall-hip-hinge" / "index.html").read_text("utf-8")
    footer = " ".join(re.sub(r"<[^>]+>", " ", html[html.index('class="md-copyright"') :]).split())
    assert "Erstellt mit Drillbook und Material for MkDocs" in footer
    assert Tags(html).find("nav", **{"class": "md-tags"})[0]["aria-label"] == "Schlagwörter"


def test_without_directory_urls_every_address_given_out_leads_to_a_built_file(tmp_path):
    """`use_directory_urls: false` builds `exercises/rdl.html`: the snippet, the oEmbed
    file, the JSON data and the cards' QR codes point there, and the HTML fragment has a name
    of its own beside the embed page `embed/rdl.html`."""
    project = coach_project(tmp_path / "project", TEST_LIBRARY, site_url=SITE_URL)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nuse_directory_urls: false\n", "utf-8")
    mkdocs_build(project)
    site = project / "site"
    assert (site / "cards" / "pdf" / "all-cards-a4.pdf").is_file()

    def built(url: str) -> Path:
        assert url.startswith(SITE_URL), url
        path = site / url.removeprefix(SITE_URL).partition("?")[0]
        assert path.is_file(), f"{url} leads to no file of the site"
        return path

    given = [
        url
        for path in site.glob("api/**/*.json")
        for url in re.findall(rf'"({SITE_URL}[^"]*)"', path.read_text("utf-8"))
    ]
    assert f"{SITE_URL}exercises/first-drill.html" in given and f"{SITE_URL}embed/first-drill.html" in given
    for exercise_id in ["first-drill", "second-drill", "split-squat"]:
        page = (site / "exercises" / f"{exercise_id}.html").read_text("utf-8")
        oembed = json.loads(
            built(Tags(page).find("link", type="application/json+oembed")[0]["href"]).read_text()
        )
        frame = Tags(oembed["html"]).find("iframe")[0]
        assert frame["src"] == f"{SITE_URL}embed/{exercise_id}.html"
        assert "<html" in built(frame["src"]).read_text("utf-8")
        given += [Tags(oembed["html"]).find("a")[0]["href"], frame["src"]]
        given += re.findall(rf'<iframe src="({SITE_URL}[^"]*)"', unescape(re.sub(r"<[^>]+>", "", page)))
        fragment = site / "embed" / f"{exercise_id}.fragment.html"
        assert f'href="../embed/{exercise_id}.fragment.html"' in page and "<script" not in fragment.read_text(
            "utf-8"
        )
        card = (site / "cards" / f"{exercise_id}.html").read_text("utf-8")
        assert str(qr_svg(f"{SITE_URL}exercises/{exercise_id}.html")) in card
    for url in given:
        built(url)
    worker = (site / "sw.js").read_text("utf-8")  # the offline copy keeps embed pages, not fragments
    assert '"embed/first-drill.html"' in worker and ".fragment.html" not in worker
    assert '"embed/first-drill.json"' not in worker
