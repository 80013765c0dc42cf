"""Record text is data: whatever a coach types into any text field, every file the generator
writes shows it as the literal text, and it adds no element, attribute or link.

The oracle is a twin library: the same records with plain words in every text field. Turned
into HTML (Markdown pages with the site's Markdown extensions; HTML fragments and the HTML
inside JSON as they are), each file of the hostile library must have exactly the elements
and attributes of its plain twin; only text and heading ids may differ. New outputs (cards,
embeds, data files, ...) are covered as the pipeline starts writing them."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from drillbook.pipeline import generate
from drillbook.render import yaml_plain

SITE_URL = "https://drillbook.example.org/"
PLAIN = "Plain words"
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<https://evil.example/>",
    "{{ 7 * 7 }} {% raw %} {# x #}",
    "**bold** _em_ `code` ~~s~~ ==m== ^sup^",
    "# heading\n- item\n1. item\n> quote",
    "| a | b |\n| --- | --- |",
    "</textarea></script></style><!--",
    "&lt;b&gt; &amp; &#60;i&#62; \\<b>",
    "--- \n---\ntitle: x",
    "{: onclick=alert(1) } { #id .class }",
    '<div markdown="1">*x*</div>',
    "[^1] [x]: javascript:alert(1)",
    ":material-alert: !!! warning",
    "\\u003cscript\\u003e \"quoted\" 'single'",
    "<script>alert(1)</script><script>alert(1)</script>",  # one word too long for a card line
]
MARKDOWN_EXTENSIONS = [
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "admonition",
    "pymdownx.details",
    "pymdownx.superfences",
]


def records(text: str) -> dict[str, dict]:
    """{path under content/: record} with `text` in every text field, cut to its limit."""

    def cut(limit: int) -> str:
        return text[:limit]

    exercise = {
        "name": cut(80),
        "aliases": [cut(80)],
        "pattern": "hinge",
        "level": 2,
        "equipment": [cut(80)],
        "muscles": {"primary": [cut(80)], "secondary": [cut(80)]},
        "summary": text,
        "why": text,
        "setup": [cut(200)],
        "steps": [cut(200)],
        "cues": [{"text": cut(90), "kind": "feel"}],
        "faults": [{"fault": "hostile-fault", "note": cut(200)}],
        "prescriptions": [
            {
                "goal": cut(80),
                "sets": 3,
                "reps": "8-12",
                "load": cut(80),
                "tempo": cut(20),
                "rest": cut(40),
                "note": cut(200),
            }
        ],
        "variations": [{"name": cut(80), "change": cut(200), "exercise": "hostile-drill"}],
        "safety": [cut(200)],
        "media": [
            {"kind": "image", "url": "https://example.org/x.png", "alt": cut(200), "caption": cut(200)}
        ],
        "sources": ["hostile-source"],
    }
    return {
        "exercises/hostile-exercise.yml": {"id": "hostile-exercise", **exercise},
        "exercises/hostile-drill.yml": {**exercise, "id": "hostile-drill", "level": 1, "variations": []},
        "faults/hostile-fault.yml": {
            "id": "hostile-fault",
            "name": cut(80),
            "aliases": [cut(80)],
            "look": text,
            "feel": text,
            "why": text,
            "fix": [cut(90)],
            "drills": ["hostile-drill"],
            "sources": ["hostile-source"],
        },
        "ladders/hostile-ladder.yml": {
            "id": "hostile-ladder",
            "name": cut(80),
            "goal": cut(200),
            "summary": text,
            "steps": [
                {"exercise": "hostile-drill", "move_on": cut(200)},
                {
                    "exercise": "hostile-exercise",
                    "move_on": cut(200),
                    "prescription": {"goal": cut(80), "reps": 5, "note": cut(200)},
                },
            ],
            "sources": ["hostile-source"],
        },
        "sources/hostile-source.yml": {
            "id": "hostile-source",
            "title": cut(200),
            "publisher": cut(80),
            "author": cut(80),
            "url": "https://example.org/article",
            "drew": text,
        },
    }


def write_content(folder: Path, text: str) -> Path:
    for name, record in records(text).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")
    return folder


def generated(folder: Path, text: str) -> dict[str, str]:
    """{path: text} of every file the generator writes for the library holding `text`."""
    content = write_content(folder / "content", text)
    generate(content, folder / "docs", SITE_URL)
    return {
        str(path.relative_to(folder / "docs")): path.read_text("utf-8")
        for path in sorted((folder / "docs").rglob("*"))
        if path.is_file() and not path.name.startswith(".drillbook")
    }


class Shape(HTMLParser):
    """The elements and attributes of an HTML text, and its text content. Inside `<pre>`
    only the text counts: the highlighter's spans there follow the text."""

    TEXT_ATTRIBUTES = ("id", "href", "title", "alt", "aria-label", "data-title")

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple] = []
        self.text: list[str] = []
        self.in_pre = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            assert not (value or "").strip().lower().startswith(("javascript:", "data:text")), (
                tag,
                name,
                value,
            )
        if self.in_pre:
            return
        self.in_pre += tag == "pre"
        self.tags.append(
            (
                tag,
                tuple(
                    sorted((name, None if name in self.TEXT_ATTRIBUTES else value) for name, value in attrs)
                ),
            )
        )

    def handle_endtag(self, tag):
        self.in_pre -= tag == "pre" and self.in_pre > 0
        if not self.in_pre:
            self.tags.append(("/" + tag,))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.append(("<!--",))


def split_front_matter(page: str) -> tuple[dict, str]:
    if page.startswith("---\n"):
        head, _, body = page[4:].partition("\n---\n")
        return yaml.safe_load(head) or {}, body
    return {}, page


def html_pairs(path: str, hostile: str, plain: str):
    """(where, hostile HTML, plain HTML) for each HTML a file holds: a Markdown page
    converted as MkDocs does and its front matter (which themes print unescaped), an HTML
    file as it is, and each string of a JSON file that holds HTML in the plain twin."""
    if path.endswith(".md"):
        (hostile_meta, hostile_body), (plain_meta, plain_body) = map(split_front_matter, (hostile, plain))
        yield (
            path,
            *(markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS) for body in (hostile_body, plain_body)),
        )
        assert hostile_meta.keys() == plain_meta.keys(), path
        for key in plain_meta:
            yield f"{path} front matter {key}", str(hostile_meta[key]), str(plain_meta[key])
    elif path.endswith(".html"):
        yield path, hostile, plain
    elif path.endswith(".json"):
        for where, pair in _json_pairs(json.loads(hostile), json.loads(plain), path):
            yield where, *pair


def _json_pairs(hostile, plain, where: str):
    assert type(hostile) is type(plain), where
    if isinstance(plain, str):
        if "<" in plain:
            yield where, (hostile, plain)
    elif isinstance(plain, dict):
        assert hostile.keys() == plain.keys(), where
        for key in plain:
            yield from _json_pairs(hostile[key], plain[key], f"{where}.{key}")
    elif isinstance(plain, list):
        assert len(hostile) == len(plain), where
        for index, (left, right) in enumerate(zip(hostile, plain, strict=True)):
            yield from _json_pairs(left, right, f"{where}[{index}]")


@pytest.fixture(scope="module")
def plain_twin(tmp_path_factory) -> dict[str, str]:
    return generated(tmp_path_factory.mktemp("plain"), PLAIN)


def assert_inert(text: str, folder: Path, plain_twin: dict[str, str]) -> None:
    files = generated(folder, text)
    assert files.keys() == plain_twin.keys()
    for path in files:
        for where, hostile_html, plain_html in html_pairs(path, files[path], plain_twin[path]):
            assert Shape(hostile_html).tags == Shape(plain_html).tags, where
    page = markdown.markdown(
        split_front_matter(files["exercises/hostile-exercise.md"])[1], extensions=MARKDOWN_EXTENSIONS
    )
    assert " ".join(text[:80].split()) in " ".join("".join(Shape(page).text).split())


@pytest.mark.parametrize("text", HOSTILE)
def test_known_attacks_stay_text_in_every_output(text, tmp_path, plain_twin):
    assert_inert(text, tmp_path, plain_twin)


TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn")), max_size=60)
WORDS = st.lists(
    st.one_of(st.sampled_from(HOSTILE), TEXT, st.sampled_from(list("<>&\"'`*_[](){}#|!-+=~^:\\/ \n"))),
    min_size=1,
    max_size=6,
).map("".join)


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=WORDS.filter(lambda text: text[:20].strip()))
def test_any_text_stays_text_in_every_output(text, tmp_path_factory, plain_twin):
    assert_inert(text, tmp_path_factory.mktemp("hostile"), plain_twin)


TITLES = ["Faults", "Sources\u00a0: les articles", "yes", "# Title", "A: b", "1.5", "<b>", " padded"]


@pytest.mark.parametrize("title", TITLES)
def test_a_catalogue_title_reads_back_from_front_matter_as_written(title):
    """yaml_plain leaves a title unquoted only where YAML reads it back unchanged (HTML-escaped,
    as `yaml` writes front matter)."""
    assert yaml.safe_load(f"title: {yaml_plain(title)}")["title"] == str(escape(title))
    assert yaml_plain("Faults") == "Faults"
