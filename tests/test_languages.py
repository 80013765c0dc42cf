"""A site in another language: the test library builds in every shipped language with
`--strict`, and no English word of Drillbook's is left on a German site.

How the second is shown: the same project is built once more with a catalogue in which every
message is its own key in brackets (`⟦card.watch_for⟧`). On that site every word must be a
marker, the coach's own (record text, the site's name) or a name (PDF, WordPress): an English
label written anywhere but the catalogue shows up as a word of neither kind. The German
catalogue then has a German message for every key (test_i18n.py), and the messages it keeps
word for word from English are listed here."""

from __future__ import annotations

import html
import html.parser
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import TEST_LIBRARY, drillbook, language_project, mkdocs_build, run
from pypdf import PdfReader

from drillbook.i18n import LOCALES, SHIPPED, read_catalogue, words_for
from drillbook.write import OWNED_FOLDERS

MARKER = re.compile(r"⟦[^⟧]+⟧")
ADDRESS = re.compile(r"(?:https?://|\.\./|\./)\S*|\b[\w.-]+\.(?:pdf|html|json|md|svg|png|jpg|webmanifest)\b")
WORD = re.compile(r"[^\W\d_][^\W\d_'’]+")
# Names, in every language: file formats, products, and the units the catalogue keeps.
NAMES = {
    "pdf",
    "drillbook",
    "material",
    "mkdocs",
    "wordpress",
    "oembed",
    "html",
    "iframe",
    "youtube",
    "vimeo",
    "ghost",
}
# Words a German message may keep from the English one: they are German words too.
GERMAN_TOO = {"tempo", "original", "poster"}
# Elements whose text a reader sees (or hears) on a built page, and the attributes that speak.
SPOKEN = ("alt", "title", "aria-label", "placeholder", "content", "label")
# Attributes that hold ids for scripts, not words; and a value that is a name for a script.
CODES = {"data-pick-ids"}
IDENTIFIER = re.compile(r"[a-z0-9-]+")


class _VisibleText(html.parser.HTMLParser):
    """The text and spoken attributes of a page's content, cards and footer (not Material's
    header and navigation, whose words are Material's; not code, which a reader copies)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside content
        self.stack: list[bool] = []
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        opens = any(c in ("md-content", "md-copyright") for c in classes) or tag == "title"
        if tag in ("script", "style", "pre"):
            self.skip += 1
        if tag in ("br", "img", "input", "meta", "link", "hr", "source", "path", "rect", "circle", "line"):
            if self.depth or (tag == "meta" and attributes.get("name") == "description"):
                self._attributes(attributes)
            return
        self.stack.append(opens)
        if opens:
            self.depth += 1
        if self.depth:
            self._attributes(attributes)

    def _attributes(self, attributes):
        for name, value in attributes.items():
            if not value or self.skip or name in CODES:
                continue
            # A script's data holds words (data-copied="Copied") or names of its own (data-action="clear").
            if name in SPOKEN or (name.startswith("data-") and not IDENTIFIER.fullmatch(value)):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "pre"):
            self.skip -= 1
        if tag in ("br", "img", "input", "meta", "link", "hr", "source", "path", "rect", "circle", "line"):
            return
        if self.stack and self.stack.pop():
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def visible_text(page: Path) -> str:
    parser = _VisibleText()
    parser.feed(page.read_text("utf-8"))
    return "\n".join(parser.parts)


def words_of(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(ADDRESS.sub(" ", MARKER.sub(" ", html.unescape(text))))}


def record_words(content: Path) -> set[str]:
    """Every word the coach wrote: the records' text, ids and file names."""
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            found.update(words_of(node.replace("-", " ")))

    for path in content.rglob("*"):
        found.update(words_of(path.stem.replace("-", " ")))
        if path.suffix == ".yml":
            walk(yaml.safe_load(path.read_text("utf-8")))
    return found


def theme_words(language: str) -> set[str]:
    """The theme's few words (footer, tags), which come from the shipped catalogue of the
    site's language, not from a coach's own file (theme_words.py says why)."""
    words = words_for(language)
    return {word for key in words.messages if key.startswith("theme.") for word in words_of(words(key))}


@pytest.fixture(scope="module")
def marker_site(tmp_path_factory) -> Path:
    """The German test project built with a catalogue of markers; returns the project."""
    project = tmp_path_factory.mktemp("markers") / "project"
    language_project(project, "de", options="catalogue: markers.yml")
    english = read_catalogue(LOCALES / "en.yml")
    markers = {
        key: {"one": f"⟦{key}⟧", "other": f"⟦{key}⟧"} if isinstance(value, dict) else f"⟦{key}⟧"
        for key, value in english.items()
    }
    (project / "markers.yml").write_text(yaml.safe_dump(markers, allow_unicode=True), "utf-8")
    mkdocs_build(project)
    return project


@pytest.mark.parametrize("language", [language for language in SHIPPED if language != "de"])
def test_the_test_library_builds_strict_in_every_language(tmp_path, language):
    project = language_project(tmp_path / "project", language)
    mkdocs_build(project)
    page = (project / "site" / "exercises" / "second-drill" / "index.html").read_text("utf-8")
    assert f'<html lang="{language}"' in page
    assert words_for(language)("exercise.at_a_glance") in page


def test_the_german_site_builds_strict_and_speaks_german(german_site):
    page = (german_site / "exercises" / "second-drill" / "index.html").read_text("utf-8")
    assert '<html lang="de"' in page
    for key in ("exercise.at_a_glance", "exercise.the_movement", "exercise.print_card"):
        assert words_for("de")(key) in page


def test_the_plugins_language_overrides_the_themes(tmp_path):
    project = language_project(tmp_path / "project", "en", options="language: de")
    drillbook("generate", cwd=project).check_returncode()
    page = (project / "docs" / "exercises" / "second-drill.md").read_text("utf-8")
    assert f"## {words_for('de')('exercise.the_movement')}" in page


def test_a_language_without_a_catalogue_builds_in_english_with_one_warning(tmp_path):
    project = language_project(tmp_path / "project", "en")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  language: en\n", "  language: it\n"), "utf-8")
    build = run(sys.executable, "-m", "mkdocs", "build", cwd=project)
    assert build.returncode == 0, build.stderr
    assert build.stderr.count("no message catalogue for language 'it'") == 1
    page = (project / "site" / "exercises" / "second-drill" / "index.html").read_text("utf-8")
    assert '<html lang="it"' in page and "The movement" in page
    strict = run(sys.executable, "-m", "mkdocs", "build", "--strict", cwd=project)
    assert strict.returncode != 0 and "`language: en`" in strict.stderr


def test_every_word_drillbook_writes_comes_from_its_catalogue(marker_site):
    """On the marker build, each generated page, card, poster and embed holds only markers,
    the coach's words and names."""
    site = marker_site / "site"
    allowed = record_words(marker_site / "content") | words_of("Testbibliothek") | NAMES | theme_words("de")
    strays: dict[str, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site)
        if relative.parts[0] not in OWNED_FOLDERS:
            continue
        stray = words_of(visible_text(page)) - allowed
        if stray:
            strays[str(relative)] = stray
    assert not strays, "\n".join(f"{path}: {sorted(words)}" for path, words in strays.items())


def test_the_pdf_decks_hold_no_word_outside_the_catalogue(marker_site):
    allowed = record_words(marker_site / "content") | words_of("Testbibliothek") | NAMES
    decks = sorted((marker_site / "site" / "cards" / "pdf").glob("*.pdf"))
    assert decks
    for deck in decks:
        text = subprocess.run(["pdftotext", str(deck), "-"], capture_output=True, text=True, check=True)
        reader = PdfReader(deck)
        outline = " ".join(item.title for item in reader.outline if hasattr(item, "title"))
        title = reader.metadata.title or ""
        stray = words_of(f"{text.stdout} {outline} {title}") - allowed
        assert not stray, f"{deck.name}: {sorted(stray)}"


def test_german_messages_are_german():
    """A German message that is the English one word for word holds only placeholders,
    names and words that German shares."""
    english, german = words_for("en"), words_for("de")
    kept = {
        word
        for key, text in english.messages.items()
        if german.messages.get(key) == text
        for word in words_of(re.sub(r"\{\w+\}", " ", str(text)))
    }
    assert kept - NAMES <= GERMAN_TOO, sorted(kept - NAMES - GERMAN_TOO)


def test_the_test_library_is_the_one_shipped_with_the_tests():
    assert (TEST_LIBRARY / "exercises" / "second-drill.yml").is_file()


def test_the_german_search_index_stems_german(german_site):
    """Material's search takes the theme's language: German stemming and stop words."""
    config = json.loads((german_site / "search" / "search_index.json").read_text("utf-8"))["config"]
    assert config["lang"] == ["de"]
