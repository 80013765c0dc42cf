"""Live authoring: what `mkdocs serve` keeps between rebuilds, so that a save renders only
what it changes. Each record file's parsed form is kept by the file's stamp; a save renders
the pages of the records it changed and of their neighbours (scope.py), and every page that
lists records. A new, removed or renamed record, or an edited template, renders everything."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Problem
from .library import Library
from .listing import RENDERED_WHOLE
from .load import Record
from .model import Model
from .pipeline import parse_record, read_library, render_site
from .render import TEMPLATES
from .scope import EVERY_RECORD, REACH, Key, Scope, link_graph, neighbourhood
from .views import SiteNames, Views, library_views
from .write import WriteReport, sync_pages

Parsed = tuple[Record | None, Model | None, list[Problem]]


@dataclass
class _Run:
    """What the last run generated from."""

    settings: tuple
    templates: list[tuple]
    data: dict[Key, dict]
    graph: dict[Key, set[Key]]


class LiveGenerator:
    """`generate` for a process that runs again after every save (see plugin.py)."""

    def __init__(self) -> None:
        self.parsed: dict[Path, tuple[tuple, Parsed]] = {}
        self.last: _Run | None = None
        self.views: Views | None = None

    def generate(
        self, content_dir: Path, docs_dir: Path, site_url: str | None, names: SiteNames
    ) -> tuple[Library, WriteReport, str]:
        """The library, what was written, and a note of what was rendered. A file whose stamp
        is unchanged is not read again; nothing is rendered when no record, setting or
        template changed."""
        seen: dict[Path, tuple[tuple, Parsed]] = {}

        def parse(kind: str, path: Path) -> Parsed:
            """`parse_record`, kept until the file's stamp changes."""
            stamp = file_stamp(path)
            kept = self.parsed.get(path)
            seen[path] = kept if kept and kept[0] == stamp else (stamp, parse_record(kind, path))
            return seen[path][1]

        library = read_library(content_dir, parse)
        self.parsed = seen  # a file no longer there is forgotten
        records = [record for _, (record, _, _) in seen.values() if record is not None]
        run = _Run(
            (Path(docs_dir).resolve(), site_url, names),
            stamps(TEMPLATES),
            {(record.kind, record.stem): record.data for record in records},
            link_graph(records),
        )
        scope, note = self._scope(self.last, run)
        self.last = run
        if scope is None:
            return library, WriteReport(), note
        self.views = library_views(library, names, scope, self.views if scope.partial else None)
        pages = render_site(library, site_url, names, scope, self.views)
        report = sync_pages(pages, docs_dir, partial=scope.partial, whole=RENDERED_WHOLE)
        return library, report, note

    @staticmethod
    def _scope(last: _Run | None, run: _Run) -> tuple[Scope | None, str]:
        """What to render after `last`, and why; None when nothing changed."""
        if last is None:
            return EVERY_RECORD, "every record"
        if last.settings != run.settings or last.templates != run.templates:
            return EVERY_RECORD, "every record: the settings or a template changed"
        if last.data.keys() != run.data.keys():
            return EVERY_RECORD, "every record: a record was added, removed or renamed"
        changed = {key for key, value in run.data.items() if last.data[key] != value}
        if not changed:
            return None, "nothing changed"
        scope = neighbourhood(changed, [last.graph, run.graph])
        edited = ", ".join(f"{kind[:-1]} `{record_id}`" for kind, record_id in sorted(changed))
        return scope, f"the {len(scope.keys)} records within {REACH} links of {edited}"


def file_stamp(path: Path) -> tuple:
    """(mtime, size, inode): a save changes one of them."""
    try:
        stat = path.stat()
    except OSError:
        return ()
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def stamps(folder: Path) -> list[tuple]:
    """(path, stamp) of every file below `folder`."""
    return sorted((str(path), file_stamp(path)) for path in folder.rglob("*") if path.is_file())
