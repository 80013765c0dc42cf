"""Sync generated pages into the folders of `docs/` that the generator owns."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .errors import DrillbookError

OWNED_FOLDERS = (
    "exercises",
    "faults",
    "ladders",
    "menus",
    "browse",
    "cards",
    "embed",
    "api",
    "figures",
    "media",
    "help",
)
# Folders where a hand-written file (or a generated page edited by hand) replaces the generated
# page at its path, instead of stopping the run: the reader help that generated pages link to.
REPLACEABLE_FOLDERS = ("help",)
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


def sync_pages(
    pages: dict[str, str | bytes], docs_dir: Path, *, partial: bool = False, whole: tuple[str, ...] = ()
) -> WriteReport:
    """Make the owned folders of `docs_dir` hold exactly `pages`; with `partial`, write
    `pages` and keep the other files the generator wrote before (a live edit's run), except
    below the paths in `whole`, which every run renders in full.

    Unchanged files keep their mtime; a changed or new file is written atomically; files the
    generator did not write are never touched, and their presence stops the run before any
    write, except in REPLACEABLE_FOLDERS, where such a file (or a generated page edited since
    it was written) replaces the generated page at its path."""
    # A partial run writes only files that a run before it wrote, so it need not look for
    # foreign files among the thousands of a large library.
    claimed = {folder: _claim(docs_dir / folder, look_for_foreign=not partial) for folder in OWNED_FOLDERS}
    by_folder: dict[str, dict[str, str | bytes]] = {folder: {} for folder in OWNED_FOLDERS}
    for path, text in pages.items():
        folder, _, rest = _checked(path).partition("/")
        if rest not in claimed[folder].hand_written:
            by_folder[folder][rest] = text
    report = WriteReport()
    for folder, folder_pages in by_folder.items():
        root = docs_dir / folder
        previous = claimed[folder].written
        if not folder_pages and not previous:
            continue
        root.mkdir(parents=True, exist_ok=True)
        new = {name: _digests(folder, content) for name, content in folder_pages.items()}
        # Listed before the first write, so that a run killed midway still knows its files,
        # each holding its previous bytes or its new ones.
        _write_manifest(
            root, {name: previous.get(name, ()) + new.get(name, ()) for name in previous.keys() | new.keys()}
        )
        for directory in {(root / name).parent for name in folder_pages}:
            directory.mkdir(parents=True, exist_ok=True)
        for name, content in sorted(folder_pages.items()):
            data = _bytes(content)
            target = root / name
            if name in previous and _holds(target, data):
                report.unchanged += 1
                continue
            _replace(target, data)
            report.written.append(f"{folder}/{name}")
        gone = previous.keys() - new.keys()
        if partial:  # the files this run did not render stay, and stay listed
            kept = {name for name in gone if not f"{folder}/{name}".startswith(whole)}
            new = {**{name: previous[name] for name in kept}, **new}
            gone -= kept
        for name in sorted(gone):
            stale = root / name
            if stale.is_file():
                stale.unlink()
                report.removed.append(f"{folder}/{name}")
        if gone or not partial:
            _remove_empty_dirs(root)
        _write_manifest(root, new)
    return report


def _checked(path: str) -> str:
    """Refuse any page path that would land outside the owned folders."""
    pure = PurePosixPath(path)
    if (
        pure.is_absolute()
        or ".." in pure.parts
        or pure.parts[0] not in OWNED_FOLDERS
        or len(pure.parts) < 2
        or pure.name == MANIFEST
    ):
        folders = ", ".join(OWNED_FOLDERS)
        raise ValueError(f"refusing to write {path!r}: not inside a generated folder ({folders})")
    return str(pure)


@dataclass(frozen=True)
class Claim:
    """An owned folder's files: those the generator wrote last time (with their digests in
    REPLACEABLE_FOLDERS), and the hand-written ones a REPLACEABLE_FOLDERS folder holds."""

    written: dict[str, tuple[str, ...]] = field(default_factory=dict)
    hand_written: frozenset[str] = frozenset()


def _claim(root: Path, look_for_foreign: bool = True) -> Claim:
    """The files in `root`; fail if a file the generator did not write is there, unless
    `root` is one of the REPLACEABLE_FOLDERS (which are always looked through: there such a
    file replaces a generated one)."""
    if not root.exists():
        return Claim()
    manifest = root / MANIFEST
    # A list of names; in REPLACEABLE_FOLDERS, a mapping of each name to its digests.
    recorded = json.loads(manifest.read_text("utf-8")) if manifest.is_file() else []
    written = {name: tuple(recorded[name]) if isinstance(recorded, dict) else () for name in recorded}
    edited = {name for name, digests in written.items() if digests and _edited(root / name, digests)}
    if not look_for_foreign and root.name not in REPLACEABLE_FOLDERS:
        return Claim(written)
    foreign = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.is_file()
        and path != manifest
        and str(path.relative_to(root)) not in written
        and not path.name.startswith(TEMPORARY_PREFIX)
    )
    if foreign and root.name not in REPLACEABLE_FOLDERS:
        listed = ", ".join(f"docs/{root.name}/{name}" for name in foreign[:5])
        more = f" and {len(foreign) - 5} more" if len(foreign) > 5 else ""
        raise ForeignFileError(
            f"docs/{root.name}/ is generated by drillbook, but {listed}{more} "
            f"{'was' if len(foreign) == 1 else 'were'} not written by it. Move hand-written "
            f"pages elsewhere in docs/ (or delete docs/{root.name}/ to let drillbook rebuild it), "
            "then run again."
        )
    for leftover in root.rglob(f"{TEMPORARY_PREFIX}*"):
        leftover.unlink()
    kept = {name: digests for name, digests in written.items() if name not in edited}
    return Claim(kept, frozenset(foreign) | edited)


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _digests(folder: str, content: str | bytes) -> tuple[str, ...]:
    """What the manifest notes of a page besides its name: in REPLACEABLE_FOLDERS its digest,
    so that a generated page edited by hand is kept as hand-written."""
    return (hashlib.sha256(_bytes(content)).hexdigest(),) if folder in REPLACEABLE_FOLDERS else ()


def _edited(target: Path, digests: tuple[str, ...]) -> bool:
    try:
        return hashlib.sha256(target.read_bytes()).hexdigest() not in digests
    except FileNotFoundError:  # listed, but a run stopped before writing it
        return False


def _write_manifest(root: Path, pages: dict[str, tuple[str, ...]]) -> None:
    """Rewrite the manifest only when it changes: `mkdocs serve` watches docs/, and any
    write there, even of a dotfile, starts another rebuild."""
    listed: list[str] | dict[str, list[str]] = sorted(pages)
    if root.name in REPLACEABLE_FOLDERS:
        listed = {name: sorted(set(pages[name])) for name in listed}
    manifest, data = root / MANIFEST, json.dumps(listed, indent=0).encode("utf-8")
    if not (manifest.is_file() and manifest.read_bytes() == data):
        atomic_write(manifest, data)


def _holds(target: Path, data: bytes) -> bool:
    try:
        return target.read_bytes() == data
    except FileNotFoundError:  # listed, but a run stopped before writing it
        return False


def atomic_write(target: Path, data: bytes) -> None:
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
