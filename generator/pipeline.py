"""The whole flow in one call: load, validate, link, render, write."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path
from stat import S_ISDIR

from .cards import render_cards
from .embeds import render_embeds
from .errors import ContentError, DrillbookError
from .export import export_files
from .library import Library, link
from .load import load_content, record_files
from .parallel import run_apart
from .render import TEMPLATES, render_exercise_pages, render_fault_ladder_and_browse_pages, render_figures
from .validate import validate_records
from .write import OWNED_FOLDERS, WriteReport, claim_folders, sync_folders

# Rendering and writing is split in two halves of about equal time, one per process: the
# exercise pages and embeds, and the rest (fault, ladder and browse pages, cards, data files).
EXERCISE_FOLDERS = ("exercises", "embed")
REST_FOLDERS = tuple(folder for folder in OWNED_FOLDERS if folder not in EXERCISE_FOLDERS)


def read_library(content_dir: Path) -> Library:
    """The linked library, or ContentError listing every problem in the content."""
    if not content_dir.is_dir():
        raise DrillbookError(
            f"content folder {content_dir} not found; run from the project folder or pass --content"
        )
    records, problems = load_content(content_dir)
    entries, invalid = validate_records(records)
    problems += invalid
    present = {(kind, path.stem) for kind, path in record_files(content_dir)}
    library, unlinked = link(records, entries, present)
    problems += unlinked
    if problems:
        raise ContentError(problems)
    return library


def generate(content_dir: Path, docs_dir: Path, site_url: str | None = None) -> tuple[Library, WriteReport]:
    """Validate everything, then write the generated pages; nothing is written on failure.
    Exercise pages and embeds are made in one process, all the other files in another
    (`run_apart`).

    `site_url` (MkDocs' `site_url`) makes the absolute links: QR codes, oEmbed, data files."""
    with _no_cycle_collection():
        library = read_library(content_dir)
        claimed = claim_folders(docs_dir)

        def exercises_and_embeds() -> WriteReport:
            embed_files, embed_actions = render_embeds(library, site_url)
            files = render_exercise_pages(library, embed_actions) | embed_files
            return sync_folders(files, docs_dir, claimed, EXERCISE_FOLDERS)

        def pages_cards_and_data() -> WriteReport:
            files = (
                render_fault_ladder_and_browse_pages(library)
                | render_cards(library, site_url)
                | export_files(library, site_url)
                | render_figures(library)
            )
            return sync_folders(files, docs_dir, claimed, REST_FOLDERS)

        exercise_report, rest_report = run_apart(exercises_and_embeds, pages_cards_and_data)
        return library, exercise_report + rest_report


@contextmanager
def _no_cycle_collection():
    """Pause Python's cycle collector: generating makes hundreds of thousands of objects and
    almost no cycles, so the full collections those objects trigger only cost time. What
    garbage there is goes at the next collection after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_last_runs: dict[tuple, tuple] = {}


def generate_if_changed(
    content_dir: Path, docs_dir: Path, site_url: str | None = None
) -> tuple[Library, WriteReport]:
    """`generate`, skipped when neither the content, the templates nor the generated files
    changed since this process last generated them. `mkdocs serve` calls the plugin on every
    rebuild, also on those that the generated pages' own writes into docs/ start."""
    key = (Path(content_dir).resolve(), Path(docs_dir).resolve(), site_url)
    inputs = _stamps([content_dir, TEMPLATES])
    last = _last_runs.get(key)
    if last and last[0] == inputs and last[1] == _stamps(docs_dir / f for f in OWNED_FOLDERS):
        return last[2], WriteReport(unchanged=last[3])
    _last_runs.pop(key, None)
    library, report = generate(content_dir, docs_dir, site_url)
    outputs = _stamps(docs_dir / folder for folder in OWNED_FOLDERS)
    _last_runs[key] = (inputs, outputs, library, len(report.written) + report.unchanged)
    return library, report


def _stamps(folders) -> list[tuple]:
    """(path, mtime, size, inode) of every file below `folders`: any edit changes one.
    A file that vanishes while listed (an editor's swap file) is left out."""
    stamps = []
    for folder in folders:
        for path in Path(folder).rglob("*"):
            try:
                stat = path.stat()
            except OSError:
                continue
            if not S_ISDIR(stat.st_mode):
                stamps.append((str(path), stat.st_mtime_ns, stat.st_size, stat.st_ino))
    return sorted(stamps)
