"""The whole flow in one call: load, validate, link, render, write."""

from __future__ import annotations

from pathlib import Path
from stat import S_ISDIR

from .cards import render_cards
from .credits import render_credits
from .embeds import render_embeds
from .errors import ContentError, DrillbookError, EmptyContentError
from .export import export_files
from .library import Library, link
from .load import load_content, record_files
from .media import check_media, media_outputs
from .menus import render_menu_pages
from .render import (
    TEMPLATES,
    render_exercise_pages,
    render_fault_ladder_and_browse_pages,
    render_figures,
    render_help_pages,
)
from .validate import validate_records
from .views import DEFAULT_NAMES, SiteNames, library_views
from .write import OWNED_FOLDERS, Outputs, WriteReport, sync_pages


def read_library(content_dir: Path) -> Library:
    """The linked library, or ContentError listing every problem in the content."""
    if not content_dir.is_dir():
        raise DrillbookError(
            f"content folder {content_dir} not found; run from the project folder or pass --content"
        )
    if not record_files(content_dir):
        raise EmptyContentError(content_dir)
    records, problems = load_content(content_dir)
    entries, invalid = validate_records(records)
    problems += invalid
    media, unreadable = check_media(records, content_dir)
    problems += unreadable
    present = {(kind, path.stem) for kind, path in record_files(content_dir)}
    library, unlinked = link(records, entries, present)
    problems += unlinked
    if problems:
        raise ContentError(problems)
    library.media = media
    return library


def generate(
    content_dir: Path, docs_dir: Path, site_url: str | None = None, names: SiteNames = DEFAULT_NAMES
) -> tuple[Library, WriteReport]:
    """Validate everything, render every output, then write; nothing is written on failure.

    `site_url` (MkDocs' `site_url`) makes the absolute links: QR codes, oEmbed, data files;
    `names` are the site's own names that those files carry."""
    library = read_library(content_dir)
    return library, sync_pages(render_site(library, site_url, names), docs_dir)


def render_site(library: Library, site_url: str | None, names: SiteNames = DEFAULT_NAMES) -> Outputs:
    """Every generated file, keyed by path under `docs/`; each path is made once."""
    views = library_views(library, names)
    embed_files, embed_actions = render_embeds(library, views, site_url)
    outputs = Outputs()
    outputs.add_all(render_exercise_pages(library, views, embed_actions))
    outputs.add_all(embed_files)
    outputs.add_all(render_fault_ladder_and_browse_pages(library, views))
    outputs.add_all(render_menu_pages(library, views))
    outputs.add_all(render_cards(library, views, site_url))
    outputs.add_all(export_files(library, views, site_url))
    outputs.add_all(render_figures(library, views))
    outputs.add_all(media_outputs(library.media))
    outputs.add_all(render_credits(library, views))
    outputs.add_all(render_help_pages(site_url))
    return outputs


_last_runs: dict[tuple, tuple] = {}


def generate_if_changed(
    content_dir: Path, docs_dir: Path, site_url: str | None = None, names: SiteNames = DEFAULT_NAMES
) -> tuple[Library, WriteReport]:
    """`generate`, skipped when neither the content, the templates nor the generated files
    changed since this process last generated them. `mkdocs serve` calls the plugin on every
    rebuild, also on those that the generated pages' own writes into docs/ start."""
    key = (Path(content_dir).resolve(), Path(docs_dir).resolve(), site_url, names)
    inputs = _stamps([content_dir, TEMPLATES])
    last = _last_runs.get(key)
    if last and last[0] == inputs and last[1] == _stamps(docs_dir / f for f in OWNED_FOLDERS):
        return last[2], WriteReport(unchanged=last[3])
    _last_runs.pop(key, None)
    library, report = generate(content_dir, docs_dir, site_url, names)
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
