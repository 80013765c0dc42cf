"""Sync generated pages into the folders of `docs/` that the generator owns."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .errors import DrillbookError

OWNED_FOLDERS = ("exercises", "faults", "ladders", "browse", "cards", "embed", "api")
MANIFEST = ".drillbook-generated"
TEMPORARY_PREFIX = ".drillbook-tmp-"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)

    def __add__(self, other: WriteReport) -> WriteReport:
        return WriteReport(
            self.written + other.written, self.unchanged + other.unchanged, self.removed + other.removed
        )

    def __str__(self) -> str:
        return f"{len(self.written)} written, {self.unchanged} unchanged, {len(self.removed)} removed"


class Outputs(dict[str, str | bytes]):
    """Generated files by path under `docs/`. `add` refuses a second file for one path,
    naming what made each, where a plain dict would silently keep the last."""

    def __init__(self) -> None:
        super().__init__()
        self.made_by: dict[str, str] = {}

    def add(self, path: str, text: str | bytes, made_by: str) -> None:
        if path in self:
            raise DrillbookError(
                f"docs/{path} would be written twice: for {self.made_by[path]} and for {made_by}"
            )
        self[path] = text
        self.made_by[path] = made_by

    def add_all(self, other: Outputs) -> None:
        for path, text in other.items():
            self.add(path, text, other.made_by[path])


class ForeignFileError(DrillbookError):
    """A folder the generator owns holds a file it did not write."""


def sync_pages(pages: dict[str, str | bytes], docs_dir: Path) -> WriteReport:
    """Make the owned folders of `docs_dir` hold exactly `pages`.

    Unchanged files keep their mtime; a changed file is replaced atomically, a new one
    written in place; files the generator did not write are never touched, and their
    presence stops the run before any write."""
    return sync_folders(pages, docs_dir, claim_folders(docs_dir), OWNED_FOLDERS)


def claim_folders(docs_dir: Path) -> dict[str, set[str]]:
    """What the generator wrote into each owned folder last time, by folder; ForeignFileError
    if any of them holds another file. Call before writing anything."""
    return {folder: _claim(docs_dir / folder) for folder in OWNED_FOLDERS}


def sync_folders(
    pages: dict[str, str | bytes], docs_dir: Path, claimed: dict[str, set[str]], folders: tuple[str, ...]
) -> WriteReport:
    """`sync_pages` for `folders` only, once `claim_folders` has checked them: `pages` must
    all lie in `folders`, and any other folder is left alone."""
    by_folder: dict[str, dict[str, str | bytes]] = {folder: {} for folder in folders}
    for path, text in pages.items():
        folder, _, rest = _checked(path, folders).partition("/")
        by_folder[folder][rest] = text
    report = WriteReport()
    for folder, folder_pages in by_folder.items():
        root = docs_dir / folder
        previous = claimed[folder]
        if not folder_pages and not previous:
            continue
        root.mkdir(parents=True, exist_ok=True)
        _write_manifest(root, previous | set(folder_pages))
        for directory in {(root / name).parent for name in folder_pages}:
            directory.mkdir(parents=True, exist_ok=True)
        for name, content in sorted(folder_pages.items()):
            data = content.encode("utf-8") if isinstance(content, str) else content
            target = root / name
            if name not in previous:  # not there, or `_claim` would have found a foreign file
                _create(target, data)
            elif _holds(target, data):
                report.unchanged += 1
                continue
            else:
                _replace(target, data)
            report.written.append(f"{folder}/{name}")
        for name in sorted(previous - set(folder_pages)):
            stale = root / name
            if stale.is_file():
                stale.unlink()
                report.removed.append(f"{folder}/{name}")
        _remove_empty_dirs(root)
        _write_manifest(root, set(folder_pages))
    return report


def _checked(path: str, folders: tuple[str, ...]) -> str:
    """Refuse any page path that would land outside `folders` (owned folders)."""
    pure = PurePosixPath(path)
    if (
        pure.is_absolute()
        or ".." in pure.parts
        or pure.parts[0] not in folders
        or len(pure.parts) < 2
        or pure.name == MANIFEST
    ):
        raise ValueError(f"refusing to write {path!r}: not inside a generated folder ({', '.join(folders)})")
    return str(pure)


def _claim(root: Path) -> set[str]:
    """The files the generator wrote into `root` last time; fail if any other file is there."""
    if not root.exists():
        return set()
    manifest = root / MANIFEST
    written = set(json.loads(manifest.read_text("utf-8"))) if manifest.is_file() else set()
    foreign = sorted(
        str(path.relative_to(root.parent))
        for path in root.rglob("*")
        if path.is_file()
        and path != manifest
        and str(path.relative_to(root)) not in written
        and not path.name.startswith(TEMPORARY_PREFIX)
    )
    if foreign:
        listed = ", ".join(f"docs/{name}" for name in foreign[:5])
        more = f" and {len(foreign) - 5} more" if len(foreign) > 5 else ""
        raise ForeignFileError(
            f"docs/{root.name}/ is generated by drillbook, but {listed}{more} "
            f"{'was' if len(foreign) == 1 else 'were'} not written by it. Move hand-written "
            f"pages elsewhere in docs/ (or delete docs/{root.name}/ to let drillbook rebuild it), "
            "then run again."
        )
    for leftover in root.rglob(f"{TEMPORARY_PREFIX}*"):
        leftover.unlink()
    return written


def _write_manifest(root: Path, names: set[str]) -> None:
    """Rewrite the manifest only when it changes: `mkdocs serve` watches docs/, and any
    write there, even of a dotfile, starts another rebuild."""
    manifest, data = root / MANIFEST, json.dumps(sorted(names), indent=0).encode("utf-8")
    if not (manifest.is_file() and manifest.read_bytes() == data):
        _atomic_write(manifest, data)


def _holds(target: Path, data: bytes) -> bool:
    try:
        return target.read_bytes() == data
    except FileNotFoundError:  # listed, but a run stopped before writing it
        return False


def _create(target: Path, data: bytes) -> None:
    """Write a file that does not exist yet in place, which is quicker than the temporary
    file `_replace` needs; with three system calls, where `open()` makes six. A run stopped
    midway may leave it short; the next run finds it differs and replaces it."""
    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
    except BaseException:
        target.unlink()
        raise
    finally:
        os.close(handle)


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    _replace(target, data)


def _replace(target: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `target`, then move it over `target`:
    a reader, or a run killed midway, sees the old file or the new one, never a part."""
    temporary = target.with_name(f"{TEMPORARY_PREFIX}{target.name}-{os.getpid()}")
    try:
        with open(temporary, "xb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _remove_empty_dirs(root: Path) -> None:
    for directory in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
