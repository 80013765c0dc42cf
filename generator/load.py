"""Read YAML records from `content/`, keeping the line and column of every key and value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem

KINDS = ("exercises", "faults", "ladders", "menus", "sources")
MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 8
_COLLECTION_TAGS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")
_STR_TAG = "tag:yaml.org,2002:str"
# Characters YAML lets through as escapes ("\\0", "\\x07", "\\ud800") that text must not hold.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Record:
    """One YAML file's data, with where each part of it was written."""

    kind: str
    path: Path
    data: dict
    value_marks: dict[Loc, tuple[int, int]] = field(repr=False)
    key_marks: dict[Loc, tuple[int, int]] = field(repr=False)

    @property
    def stem(self) -> str:
        return self.path.stem

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column of `loc`, or of its nearest written ancestor."""
        loc = tuple(loc)
        if key and loc in self.key_marks:
            return self.key_marks[loc]
        while loc:
            if loc in self.value_marks:
                return self.value_marks[loc]
            loc = loc[:-1]
        return self.value_marks.get((), (1, 1))

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, col = self.locate(loc, key=key)
        return Problem(self.path, line, col, message)


class _RecordLoader(yaml.SafeLoader):
    """A safe loader that refuses aliases, so an alias bomb cannot expand, and nesting deeper
    than any record needs, so a file of brackets cannot exhaust the stack."""

    depth = 0

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not allowed in records; write the value out",
                problem_mark=event.start_mark,
            )
        if self.depth >= MAX_DEPTH:
            raise yaml.MarkedYAMLError(
                problem=f"values are nested more than {MAX_DEPTH} levels deep; no record field needs that",
                problem_mark=self.peek_event().start_mark,
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def load_content(content_dir: Path) -> tuple[list[Record], list[Problem]]:
    """Every record under `content_dir/<kind>/`, and every problem met reading them."""
    records: list[Record] = []
    problems: list[Problem] = []
    for kind, path in record_files(content_dir):
        record, found = load_record(kind, path)
        problems += found
        if record is not None:
            records.append(record)
    return records, problems


def record_files(content_dir: Path) -> list[tuple[str, Path]]:
    """(kind, path) of every record file, in a stable order."""
    return [
        (kind, path)
        for kind in KINDS
        for path in sorted((content_dir / kind).rglob("*.y*ml"))
        if not path.is_dir()
    ]


def load_record(kind: str, path: Path) -> tuple[Record | None, list[Problem]]:
    """Parse one file; on any problem return no record and the problems."""
    try:
        size = path.stat().st_size
        raw = b"" if size > MAX_FILE_BYTES else path.read_bytes()
    except OSError as error:
        return None, [Problem(path, 1, 1, f"cannot read the file: {error.strerror}")]
    if size > MAX_FILE_BYTES:
        return None, [
            Problem(path, 1, 1, f"file is {size:,} bytes; a record may be at most {MAX_FILE_BYTES:,} bytes")
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [
            Problem(
                path,
                line,
                col,
                f"file is not valid UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8",
            )
        ]
    tab_problems = _indentation_tabs(path, text)
    if tab_problems:
        return None, tab_problems
    record = _fast_record(kind, path, text)
    if record is not None:
        return record, []
    try:
        loader = _RecordLoader(text)
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        col = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        return None, [
            Problem(path, line, col, f"character U+{error.character:04X} is not allowed in YAML; remove it")
        ]
    try:
        root = loader.get_single_node()
        if root is None:
            return None, [
                Problem(path, 1, 1, "file is empty; a record is a mapping of fields starting with `id:`")
            ]
        if not isinstance(root, MappingNode):
            return None, [
                Problem(
                    path,
                    *_mark(root),
                    f"a record must be a mapping of fields (`key: value`), not {_describe(root)}",
                )
            ]
        walker = _Walker(loader)
        data = walker.build(root, ())
    except yaml.MarkedYAMLError as error:
        hint = _syntax_hint(text, error)
        if hint:
            return None, [Problem(path, *hint)]
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = ", ".join(part for part in (error.context, error.problem) if part)
        return None, [Problem(path, line, col, f"YAML syntax error: {what}")]
    except yaml.YAMLError as error:
        return None, [Problem(path, 1, 1, "YAML error: " + " ".join(str(error).split()))]
    finally:
        loader.dispose()
    if walker.problems:
        return None, [Problem(path, line, col, message) for line, col, message in walker.problems]
    return Record(kind, path, data, walker.value_marks, walker.key_marks), []


def _fast_record(kind: str, path: Path, text: str) -> Record | None:
    """The record parsed by libyaml (ten times faster than the checked loader) when the text
    cannot hold what that loader guards against: no `*`, so no alias; few brackets and at most
    MAX_DEPTH levels, so no deep nesting. None, also on any problem, sends the file down the
    checked path, which words every error the same way with or without libyaml."""
    if not yaml.__with_libyaml__ or "*" in text or text.count("[") + text.count("{") > 64:
        return None
    loader = yaml.CSafeLoader(text)
    try:
        root = loader.get_single_node()
        if not isinstance(root, MappingNode) or _deeper_than_allowed(root):
            return None
        walker = _Walker(loader)
        data = walker.build(root, ())
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    if walker.problems:
        return None
    return Record(kind, path, data, walker.value_marks, walker.key_marks)


def _deeper_than_allowed(root: Node) -> bool:
    level, nodes = 0, [root]
    while nodes:
        if level >= MAX_DEPTH:
            return True
        nodes = [
            child
            for node in nodes
            if not isinstance(node, ScalarNode)
            for child in (
                node.value
                if isinstance(node, SequenceNode)
                else [part for pair in node.value for part in pair]
            )
        ]
        level += 1
    return False


def _indentation_tabs(path: Path, text: str) -> list[Problem]:
    return [
        Problem(
            path,
            number,
            len(line) - len(line.lstrip(" ")) + 1,
            "tab used for indentation; indent with spaces",
        )
        for number, line in enumerate(text.splitlines(), start=1)
        if line.lstrip(" ").startswith("\t")
    ]


def _syntax_hint(text: str, error: yaml.MarkedYAMLError) -> tuple[int, int, str] | None:
    """(line, col, message) in plain words for the syntax errors people make most, at the line
    where the mistake starts; None for any other error."""
    problem, mark = error.problem or "", error.problem_mark
    if error.context == "while scanning a quoted scalar" and error.context_mark:
        if problem.startswith(("found unexpected end of stream", "found unexpected document separator")):
            return _unclosed_quote(text, error.context_mark)
    if mark is None:
        return None
    if problem == "mapping values are not allowed here":
        return _colon_in_value(text, mark)
    if problem == "expected <block end>, but found '<block mapping start>'":
        return _indented_too_deep(text.splitlines(), mark.line, "so it does not belong to any key")
    # A quote left open runs on to the next quote in the file, and the text after that one
    # breaks the syntax: the error sits on the line where a quoted value spanning lines ends.
    opening = _quote_ending_on_line(text, mark.line)
    return _unclosed_quote(text, opening) if opening else None


def _unclosed_quote(text: str, opening: yaml.Mark) -> tuple[int, int, str]:
    lines = text.splitlines()
    line = lines[opening.line] if opening.line < len(lines) else ""
    quote = line[opening.column : opening.column + 1] or '"'
    return (
        opening.line + 1,
        opening.column + 1,
        f"the quote opened on line {opening.line + 1} is not closed; "
        f"end the text with `{quote}` on that line",
    )


def _quote_ending_on_line(text: str, line: int) -> yaml.Mark | None:
    """The start of a quoted value that spans lines and ends on `line` (0-based), if any."""
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line > line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.start_mark.line < token.end_mark.line == line
            ):
                return token.start_mark
    except yaml.YAMLError:
        pass
    return None


def _colon_in_value(text: str, mark: yaml.Mark) -> tuple[int, int, str] | None:
    """`summary: Hinge: push the hips back` (a second `: ` on the line), or a key indented
    under a line of text, which YAML reads as more of that text."""
    lines = text.splitlines()
    if mark.line >= len(lines):
        return None
    line = lines[mark.line]
    body = line.lstrip(" ")
    indent = len(line) - len(body)
    item = "- " if body.startswith("- ") else ""
    body = body[len(item) :]
    key, sep, value = body.partition(": ")
    if sep and indent + len(item) + len(key) < mark.column:
        value = value.split(" #", 1)[0].strip()
        return (
            mark.line + 1,
            mark.column + 1,
            f"a `: ` inside a value starts a new key; quote the text: {item}{key}: {quoted(value)}",
        )
    if " " in key.strip():
        # No record key has a space: this line is more text of a value begun above.
        start = next(
            (
                n
                for n in range(mark.line - 1, -1, -1)
                if lines[n].strip() and not lines[n].startswith(" " * indent)
            ),
            mark.line,
        )
        return (
            mark.line + 1,
            mark.column + 1,
            f"a `: ` inside a value starts a new key; quote the text that begins on line {start + 1}",
        )
    return _indented_too_deep(lines, mark.line, "so YAML reads it as more of that line's text")


def quoted(text: str) -> str:
    """`text` as a quoted YAML value: in double quotes, or in single quotes when it holds a
    double quote or a backslash, which double quotes would read as an escape."""
    if '"' in text or "\\" in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'


def _indented_too_deep(lines: list[str], number: int, why: str) -> tuple[int, int, str] | None:
    """A key on line `number` (0-based) indented deeper than the line above it."""
    if number >= len(lines):
        return None
    line = lines[number]
    indent = len(line) - len(line.lstrip(" "))
    above = next((lines[n] for n in range(number - 1, -1, -1) if lines[n].strip()), "")
    if indent <= len(above) - len(above.lstrip(" ")):
        return None
    key = line.strip().removeprefix("- ").split(":", 1)[0]
    return (
        number + 1,
        indent + 1,
        f"`{key}:` is indented deeper than the line above, {why}; indent it like the keys around it",
    )


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _describe(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    return "a single value"


class _Walker:
    """Turns a node tree into plain data and records each node's position."""

    def __init__(self, loader: yaml.SafeLoader):
        self.loader = loader
        self.value_marks: dict[Loc, tuple[int, int]] = {}
        self.key_marks: dict[Loc, tuple[int, int]] = {}
        self.problems: list[tuple[int, int, str]] = []

    def build(self, node: Node, loc: Loc):
        self.value_marks[loc] = _mark(node)
        if not isinstance(node, ScalarNode) and node.tag not in _COLLECTION_TAGS:
            # Scalars go through the safe constructor, which refuses unknown tags; lists and
            # mappings are built here, so their tags (`!!python/…`, `!!set`) are refused here.
            self.problems.append(
                (
                    *_mark(node),
                    f"tag `{node.tag.replace('tag:yaml.org,2002:', '!!')}` "
                    "is not allowed in records; "
                    "remove it",
                )
            )
        if isinstance(node, MappingNode):
            mapping = {}
            for key_node, value_node in node.value:
                key = self._scalar(key_node) if isinstance(key_node, ScalarNode) else None
                if not isinstance(key, str):
                    self.problems.append((*_mark(key_node), "keys must be plain words"))
                    continue
                if key in mapping:
                    first = self.key_marks[(*loc, key)]
                    self.problems.append(
                        (*_mark(key_node), f"duplicate key `{key}` (first set on line {first[0]}); keep one")
                    )
                    continue
                self.key_marks[(*loc, key)] = _mark(key_node)
                mapping[key] = self.build(value_node, (*loc, key))
            return mapping
        if isinstance(node, SequenceNode):
            return [self.build(item, (*loc, index)) for index, item in enumerate(node.value)]
        value = self._scalar(node)
        if isinstance(value, str) and (found := _CONTROL.search(value)):
            self.problems.append(
                (*_mark(node), f"control character U+{ord(found[0]):04X} is not allowed in text; remove it")
            )
        return value

    def _scalar(self, node: ScalarNode):
        # A plain string needs no constructor, and most scalars are one.
        return node.value if node.tag == _STR_TAG else self.loader.construct_object(node)
