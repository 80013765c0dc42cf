"""load: YAML records with the line and column of every key and value."""

from pathlib import Path

from drillbook.load import load_record


def write(tmp_path: Path, text: str | bytes, name: str = "drill.yml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_marks_point_at_keys_and_values(tmp_path):
    path = write(tmp_path, "id: drill\nmuscles:\n  primary: [Glutes, Hamstrings]\n")
    record, problems = load_record("exercises", path)
    assert problems == []
    assert record.data["muscles"]["primary"] == ["Glutes", "Hamstrings"]
    assert record.locate(("muscles", "primary", 1)) == (3, 21)
    assert record.locate(("muscles", "primary"), key=True) == (3, 3)
    assert record.locate(("muscles", "missing")) == (3, 3)


def test_duplicate_key_is_reported_at_the_second_one(tmp_path):
    _, problems = load_record("exercises", write(tmp_path, "id: a\nname: A\nname: B\n"))
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "duplicate key `name` (first set on line 2); keep one"
    ]
    assert (problems[0].line, problems[0].col) == (3, 1)


def test_tab_indentation_is_named(tmp_path):
    _, problems = load_record("exercises", write(tmp_path, "id: a\nmuscles:\n\tprimary: [x]\n"))
    assert [(p.line, p.message) for p in problems] == [(3, "tab used for indentation; indent with spaces")]


def test_aliases_are_refused_so_bombs_cannot_expand(tmp_path):
    text = 'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\n'
    _, problems = load_record("exercises", write(tmp_path, text))
    assert len(problems) == 1
    assert (problems[0].line, problems[0].col) == (2, 8)
    assert "aliases" in problems[0].message


def test_empty_file_and_list_root_are_explained(tmp_path):
    _, empty = load_record("exercises", write(tmp_path, "# only a comment\n", "a.yml"))
    _, listed = load_record("exercises", write(tmp_path, "- id: a\n", "b.yml"))
    assert "file is empty" in empty[0].message
    assert listed[0].message.endswith("not a list")


def test_bytes_that_are_not_utf8_give_line_and_column(tmp_path):
    _, problems = load_record("exercises", write(tmp_path, b"id: a\nname: caf\xe9\n"))
    assert (problems[0].line, problems[0].col) == (2, 10)
    assert "not valid UTF-8" in problems[0].message


def test_syntax_error_has_position(tmp_path):
    _, problems = load_record("exercises", write(tmp_path, "id: a\nname: [unclosed\n"))
    assert problems[0].message.startswith("YAML syntax error")
    assert problems[0].line == 3
