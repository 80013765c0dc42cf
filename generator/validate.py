"""Check each record against its model, and say where each problem is written."""

from __future__ import annotations

import difflib
import re
import types
import typing

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .load import Record
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
    loc = tuple(detail["loc"])
    where = dotted_path(loc)
    kind = detail["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        known = list(_model_at(cls, loc[:-1]).model_fields)
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"; did you mean `{close[0]}`?" if close else f"; known keys: {', '.join(known)}"
        return record.problem(loc, f"unknown key `{key}`{hint}", key=True)
    if kind == "missing":
        return record.problem(loc[:-1], f"missing required field `{where}`")
    message = detail["msg"]
    field_name = next((part for part in reversed(loc) if isinstance(part, str)), "")
    if kind == "string_pattern_mismatch":
        message = PATTERN_MESSAGES.get(field_name, PATTERN_MESSAGES[None])
    return record.problem(loc, f"`{where}`: {message}")


# What a value that does not match its field's pattern should look like, by field name.
PATTERN_MESSAGES = {
    "reps": "must be a number of reps or a range such as 8-12",
    "seconds": "must be a number of seconds or a range such as 20-30",
    "url": "must be an https:// address (no spaces)",
    "source_url": "must be an https:// address (no spaces)",
    None: "must be a lowercase slug: letters a-z, digits and single hyphens",
}


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
