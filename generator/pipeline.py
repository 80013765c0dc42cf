"""The whole flow in one call: load, validate, link, render, write."""

from __future__ import annotations

from pathlib import Path

from .cards import render_cards
from .credits import render_credits
from .embeds import render_embeds
from .errors import ContentError, DrillbookError, EmptyContentError, Problem
from .export import export_files
from .library import Library, link
from .load import Record, load_record, record_files
from .media import check_media, media_outputs
from .menus import render_menu_pages
from .model import Model
from .render import (
    render_exercise_pages,
    render_fault_ladder_and_browse_pages,
    render_figures,
    render_help_pages,
)
from .scope import EVERY_RECORD, Scope
from .validate import validate_record
from .views import DEFAULT_NAMES, SiteNames, Views, library_views
from .write import Outputs, WriteReport, sync_pages


def parse_record(kind: str, path: Path) -> tuple[Record | None, Model | None, list[Problem]]:
    """One record file, read and checked on its own: the record (None if unreadable), its
    model (None if invalid) and the problems found."""
    record, problems = load_record(kind, path)
    if record is None:
        return None, None, problems
    model, invalid = validate_record(record)
    return record, model, problems + invalid


def read_library(content_dir: Path, parse=parse_record) -> Library:
    """The linked library, or ContentError listing every problem in the content. `parse`
    reads one file (see `parse_record`; a live run passes one that remembers unchanged files)."""
    if not content_dir.is_dir():
        raise DrillbookError(
            f"content folder {content_dir} not found; run from the project folder or pass --content"
        )
    files = record_files(content_dir)
    if not files:
        raise EmptyContentError(content_dir)
    records, entries, problems = [], [], []
    for kind, path in files:
        record, model, found = parse(kind, path)
        problems += found
        if record is not None:
            records.append(record)
        if model is not None:
            entries.append((record, model))
    media, unreadable = check_media(records, content_dir)
    problems += unreadable
    present = {(kind, path.stem) for kind, path in files}
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


def render_site(
    library: Library,
    site_url: str | None,
    names: SiteNames = DEFAULT_NAMES,
    scope: Scope = EVERY_RECORD,
    views: Views | None = None,
) -> Outputs:
    """Every generated file, keyed by path under `docs/`; each path is made once. With a
    partial `scope`, only those records' own files, and every page that lists records.
    `views` are the library's, when the caller has them (a live run keeps its last ones)."""
    views = views or library_views(library, names)
    embed_files, embed_actions = render_embeds(library, views, site_url, scope)
    outputs = Outputs()
    outputs.add_all(render_exercise_pages(library, views, embed_actions, scope))
    outputs.add_all(embed_files)
    outputs.add_all(render_fault_ladder_and_browse_pages(library, views, scope))
    outputs.add_all(render_menu_pages(library, views, scope))
    outputs.add_all(render_cards(library, views, site_url, scope))
    outputs.add_all(export_files(library, views, site_url, scope))
    outputs.add_all(render_figures(library, views, scope))
    outputs.add_all(media_outputs(library.media))
    outputs.add_all(render_credits(library, views))
    outputs.add_all(render_help_pages(site_url, names.words))
    return outputs
