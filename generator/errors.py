"""Problems found in the content, and the one exception that carries them to the user."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place, printed as `path:line:col: message`."""

    path: Path
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}:{self.col}: {self.message}"


def display_path(path: Path) -> str:
    """The path relative to the working directory when it lies below it, else as given."""
    try:
        return os.path.relpath(path) if Path(path).is_absolute() else str(path)
    except ValueError:
        return str(path)


def counted(count: int, noun: str) -> str:
    """'1 problem', '3 problems': a count with its noun, for every message and page."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


class DrillbookError(Exception):
    """A failure meant for a person: its message is shown without a traceback."""


class ContentError(DrillbookError):
    """The content has problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        self.summary = f"{counted(len(self.problems), 'problem')} in the content; nothing was written"
        super().__init__("\n".join([*map(str, self.problems), self.summary]))


class EmptyContentError(DrillbookError):
    """The content folder exists but holds no record yet: say how to start one."""

    def __init__(self, content_dir: Path):
        shown = display_path(content_dir).rstrip("/\\")
        super().__init__(
            f"{shown}/ holds no records yet: add a YAML file under {shown}/exercises/ "
            "(`drillbook new DIR` writes a project with one example of each kind)"
        )
