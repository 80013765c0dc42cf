"""The commonest YAML slips are named in plain words, at the line where they start."""

from pathlib import Path

import pytest

from drillbook.load import load_record, quoted

QUOTE_IT = "a `: ` inside a value starts a new key; quote the text: "


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "id: a\nsummary: Hinge: push the hips back\n",
            (2, 15),
            QUOTE_IT + 'summary: "Hinge: push the hips back"',
        ),
        ("id: a\nsummary: Hinge: back  # note\n", (2, 15), QUOTE_IT + 'summary: "Hinge: back"'),
        ("id: a\ncues:\n  - text: Hinge: push\n", (3, 16), QUOTE_IT + '- text: "Hinge: push"'),
        ('id: a\nsummary: "Hinge": push\n', (2, 17), QUOTE_IT + "summary: '\"Hinge\": push'"),
        (
            "id: a\nsummary: Long text\n  that continues: here\n",
            (3, 17),
            "a `: ` inside a value starts a new key; quote the text that begins on line 2",
        ),
        (
            'id: a\nname: A\nsummary: "Wall hinge\nlevel: 1\n',
            (3, 10),
            'the quote opened on line 3 is not closed; end the text with `"` on that line',
        ),
        (
            "id: a\nname: 'Wall hinge\npattern: hinge\nsummary: 'ok'\n",
            (2, 7),
            "the quote opened on line 2 is not closed; end the text with `'` on that line",
        ),
        (
            'id: a\nsteps:\n  - "Wall hinge\n  - "two"\n',
            (3, 5),
            'the quote opened on line 3 is not closed; end the text with `"` on that line',
        ),
    ],
)
def test_syntax_slips_are_explained(tmp_path: Path, text, where, message):
    path = tmp_path / "a.yml"
    path.write_text(text, "utf-8")
    record, problems = load_record("exercises", path)
    assert record is None
    assert [((p.line, p.col), p.message) for p in problems] == [(where, message)]


def test_a_quoted_value_may_still_span_lines(tmp_path: Path):
    path = tmp_path / "a.yml"
    path.write_text('id: a\nname: "Wall\n  hinge"\n', "utf-8")
    record, problems = load_record("exercises", path)
    assert problems == []
    assert record.data["name"] == "Wall hinge"


def test_other_syntax_errors_keep_pyyaml_words(tmp_path: Path):
    path = tmp_path / "a.yml"
    path.write_text("id: a\nname: [unclosed\n", "utf-8")
    _, problems = load_record("exercises", path)
    assert problems[0].message.startswith("YAML syntax error: ")


def test_quoted_picks_quotes_that_keep_the_text():
    assert quoted("Hinge: push") == '"Hinge: push"'
    assert quoted('Say "hinge": push') == "'Say \"hinge\": push'"
    assert quoted("C:\\ it's") == "'C:\\ it''s'"
