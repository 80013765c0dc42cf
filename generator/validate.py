"""Check each record against its model, and say where each problem is written."""

from __future__ import annotations

import difflib
import re
import types
import typing

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .load import Record, quoted
from .model import MODELS, SLUG_PATTERN, Model

SLUG = re.compile(SLUG_PATTERN)


def validate_records(records: list[Record]) -> tuple[list[tuple[Record, Model]], list[Problem]]:
    """The records that are valid, paired with their models, and every problem found."""
    valid: list[tuple[Record, Model]] = []
    problems: list[Problem] = []
    for record in records:
        model, found = validate_record(record)
        problems += found
        if model is not None:
            valid.append((record, model))
    return valid, problems


def validate_record(record: Record) -> tuple[Model | None, list[Problem]]:
    cls = MODELS[record.kind]
    problems = []
    record_id = record.data.get("id")
    if not SLUG.fullmatch(record.stem):
        problems.append(
            record.problem(
                ("id",),
                f"file name `{record.path.name}` must be a "
                "lowercase slug (letters a-z, digits and single "
                "hyphens), because it is the record's id; "
                "rename the file",
            )
        )
    elif isinstance(record_id, str) and record_id != record.stem:
        problems.append(
            record.problem(
                ("id",),
                f"id `{record_id}` must match the file name `{record.path.name}`; use `id: {record.stem}`",
            )
        )
    try:
        model = cls.model_validate(record.data)
    except ValidationError as error:
        problems += [_problem(record, cls, detail) for detail in error.errors()]
        return None, problems
    return (None if problems else model), problems


def _problem(record: Record, cls: type[BaseModel], detail: dict) -> Problem:
    loc = _as_written(record.data, tuple(detail["loc"]))
    where = dotted_path(loc)
    kind = detail["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        known = list(_model_at(cls, loc[:-1]).model_fields)
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"; did you mean `{close[0]}`?" if close else f"; known keys: {', '.join(known)}"
        return record.problem(loc, f"unknown key `{key}`{hint}", key=True)
    field_name = next((part for part in reversed(loc) if isinstance(part, str)), "")
    if kind == "missing":
        return record.problem(loc[:-1], f"`{where}` is missing: add {_written(cls, loc)}")
    value = detail.get("input")
    if kind == "list_type":
        return record.problem(loc, f"`{where}` must be a list: one `- ` line per {_item(field_name)}")
    if kind in WHOLE_TYPES:
        return record.problem(loc, f"`{where}` must be {WHOLE_TYPES[kind]}{_not(value)}")
    if kind == "string_type":
        if isinstance(loc[-1], int) and isinstance(value, dict) and len(value) == 1:
            # `- Hinge: push the hips back` is a one-key mapping, not the text meant.
            key, rest = next(iter(value.items()))
            if isinstance(key, str) and isinstance(rest, str | int | float) and not isinstance(rest, bool):
                return record.problem(
                    loc,
                    f"`{where}`: a `: ` inside a value starts a new key; "
                    f"quote the text: - {quoted(f'{key}: {rest}')}",
                )
        if isinstance(value, int | float) and not isinstance(value, bool):
            return record.problem(loc, f'`{where}` must be text, not a number; put it in quotes: "{value}"')
        return record.problem(loc, f"`{where}` must be text{_not(value)}")
    if kind in ("model_type", "dict_type"):
        known = ", ".join(_fields(cls, loc))
        fields = f" ({known})" if known else ""
        return record.problem(loc, f"`{where}` must be `key: value` lines{fields}{_not(value)}")
    message = detail["msg"]
    if kind == "string_pattern_mismatch":
        message = PATTERN_MESSAGES.get(field_name, PATTERN_MESSAGES[None])
    return record.problem(loc, f"`{where}`: {message}")


# pydantic error types for a value of the wrong kind, and what the value must be instead.
WHOLE_TYPES = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
}

# The word for one item of a list field, where dropping an -s will not do.
ITEMS = {
    "fix": "fix",
    "aliases": "alias",
    "primary": "muscle",
    "secondary": "muscle",
    "equipment": "item",
    "setup": "step",
    "bracing": "line",
    "safety": "line",
    "media": "photo or video",
    "sources_differ": "difference",
}


def _item(field_name: str) -> str:
    if field_name in ITEMS:
        return ITEMS[field_name]
    if field_name.endswith("s") and not field_name.endswith("ss"):
        return field_name[:-1]
    return "item"


def _not(value) -> str:
    """', not `three`': what was written instead, to end a message."""
    if value is None:
        return ", not empty"
    if isinstance(value, bool):
        return f", not `{str(value).lower()}`"
    if isinstance(value, list):
        return ", not a list"
    if isinstance(value, dict):
        return ", not `key: value` lines"
    if isinstance(value, str):
        return f", not `{value}`" if len(value) <= 40 else ", not a long text"
    return f", not `{value}`"


def _written(cls: type[BaseModel], loc: tuple) -> str:
    """How to write the missing field at `loc`: `name: …`, or a list's first line."""
    name = str(loc[-1])
    annotation = _annotation(cls, loc)
    if typing.get_origin(annotation) is list:
        return f"`{name}:` with one `- ` line per {_item(name)} below it"
    if _inner_model(annotation):
        return f"`{name}:` with its fields indented below it"
    return f"`{name}: …`"


def _annotation(cls: type[BaseModel], loc: tuple):
    try:
        return _model_at(cls, loc[:-1]).model_fields[str(loc[-1])].annotation
    except KeyError:
        return None


def _fields(cls: type[BaseModel], loc: tuple) -> list[str]:
    """The fields of the model a mapping at `loc` should hold."""
    try:
        return list(_model_at(cls, loc).model_fields)
    except KeyError:
        return []


# What a value that does not match its field's pattern should look like, by field name.
PATTERN_MESSAGES = {
    "reps": "must be a number of reps or a range such as 8-12",
    "seconds": "must be a number of seconds or a range such as 20-30",
    "url": "must be an https:// address (no spaces)",
    "source_url": "must be an https:// address (no spaces)",
    None: "must be a lowercase slug: letters a-z, digits and single hyphens",
}


def _as_written(data, loc: tuple) -> tuple:
    """`loc` as the record writes it: a fix written as plain text is checked as its `text`,
    but its problem is at the item (`fix[0]`, not `fix[0].text`)."""
    if loc and loc[-1] == "text":
        value = data
        for part in loc[:-1]:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return loc
        if isinstance(value, str):
            return loc[:-1]
    return loc


def dotted_path(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _model_at(cls: type[BaseModel], loc: tuple) -> type[BaseModel]:
    """The model class that holds the mapping found at `loc` inside `cls`."""
    current = cls
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = current.model_fields[str(part)].annotation
        current = _inner_model(annotation) or current
    return current


def _inner_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found:
                return found
    return None
