"""The `drillbook` command: new, check, generate, build, serve, finish, schema, import."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from importlib.metadata import version
from pathlib import Path

from .errors import DrillbookError
from .finish import decks_wanted, finish_site
from .i18n import fallback_note
from .importer import import_free_exercise_db
from .model import json_schemas
from .new import new_project
from .pipeline import generate, read_library
from .settings import project_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="drillbook", description="Build an exercise technique site from YAML records."
    )
    parser.add_argument("--version", action="version", version=f"drillbook {version('drillbook')}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser("new", help="start a project: mkdocs.yml, example records, a Pages workflow")
    new.add_argument("dir", type=Path, metavar="DIR", help="the project's folder: a new or empty one")
    new.add_argument(
        "--name", default=None, help='site name (default: "My exercise library", in its language)'
    )
    new.add_argument(
        "--language",
        default="en",
        help="the site's language: en, de, es or fr (theme.language, Drillbook's words)",
    )
    new.add_argument(
        "--site-url", default=None, help="address the site will be published at (QR codes, embeds)"
    )

    check = commands.add_parser("check", help="validate every record; write nothing")
    check.add_argument("--content", type=Path, default=Path("content"), help="content folder")

    gen = commands.add_parser(
        "generate", help="validate, then write the Markdown pages (settings from mkdocs.yml)"
    )
    gen.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="MkDocs config")
    gen.add_argument("--content", type=Path, default=None, help="content folder (default: the plugin's)")
    gen.add_argument("--docs", type=Path, default=None, help="docs folder (default: docs_dir)")
    gen.add_argument(
        "--site-url", default=None, help="absolute URL the site is served from (default: site_url)"
    )

    build = commands.add_parser("build", help="generate the pages and build the site")
    build.add_argument("-f", "--config-file", default="mkdocs.yml", help="MkDocs config")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")

    serve = commands.add_parser(
        "serve", help="preview the site while you edit; a save rebuilds only the pages it changes"
    )
    serve.add_argument("-f", "--config-file", default="mkdocs.yml", help="MkDocs config")
    serve.add_argument("-a", "--dev-addr", default=None, metavar="IP:PORT", help="address to serve on")
    serve.add_argument(
        "--full", action="store_true", help="rebuild every page after each save, as `mkdocs serve` does"
    )

    finish = commands.add_parser(
        "finish", help="after another builder (Zensical): write the PDF decks and the offline files"
    )
    finish.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="MkDocs config")
    finish.add_argument("--site", type=Path, default=None, help="built site folder (default: site_dir)")
    finish.add_argument("--no-decks", action="store_true", help="skip the PDF decks")

    schema = commands.add_parser("schema", help="write the JSON Schema of every record kind")
    schema.add_argument("--out", type=Path, default=Path("docs/schemas"), help="output folder")
    schema.add_argument(
        "--check", action="store_true", help="exit 1 if the files on disk are out of date; write nothing"
    )

    imp = commands.add_parser("import", help="write exercise records from another dataset")
    imp.add_argument("format", choices=["free-exercise-db"], help="the dataset's format")
    imp.add_argument("path", type=Path, help="the dataset file (a JSON array of exercises)")
    imp.add_argument("--into", type=Path, default=Path("content"), help="content folder")
    imp.add_argument("--force", action="store_true", help="overwrite records that exist")
    imp.add_argument(
        "--images",
        type=Path,
        default=None,
        help="the dataset's exercises/ folder: copy each entry's photos into content/media/",
    )

    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DrillbookError as error:
        print(f"Error: {error}" if "\n" not in str(error) else str(error), file=sys.stderr)
        return 1


def run_new(args) -> int:
    written = new_project(args.dir, args.name, args.site_url, args.language)
    print(f"Created {args.dir}: {len(written)} files. Next: cd {args.dir} && drillbook serve")
    return 0


def run_check(args) -> int:
    library = read_library(args.content)
    for warning in library.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    print(f"OK: {library.summary()}")
    return 0


def run_generate(args) -> int:
    settings = project_settings(args.config_file)
    content = args.content or settings.content
    docs = args.docs or settings.docs
    site_url = args.site_url or settings.site_url
    note = fallback_note(settings.names.words)
    if note:
        print(f"Warning: {note}", file=sys.stderr)
    with generator_notes():
        library, report = generate(content, docs, site_url, settings.names)
    print(f"Generated {library.summary()}: {report}")
    return 0


@contextlib.contextmanager
def generator_notes():
    """Show the generator's notes (progress, counts) and warnings on stderr, as `mkdocs
    build` shows them."""
    handler = logging.StreamHandler(sys.stderr)
    generator_log = logging.getLogger("mkdocs.plugins.drillbook")
    level = generator_log.level
    generator_log.addHandler(handler)
    generator_log.setLevel(logging.INFO)
    try:
        yield
    finally:
        generator_log.removeHandler(handler)
        generator_log.setLevel(level)


def run_build(args) -> int:
    """A plain MkDocs build: the drillbook plugin in mkdocs.yml generates the pages first.

    MkDocs' warnings and errors are shown as `Warning: …` and `Error: …` lines (in strict
    mode MkDocs would otherwise swallow them); content problems arrive as one
    `file:line:col: message` line each, printed by the plugin."""
    from mkdocs import config as mkdocs_config
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.exceptions import Abort, BuildError

    if not Path(args.config_file).is_file():
        raise DrillbookError(
            f"{args.config_file} not found: run this in your project's folder, "
            "or start a project with `drillbook new DIR`"
        )
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(_PlainFormatter())
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        cfg = mkdocs_config.load_config(args.config_file, strict=args.strict or None)
        mkdocs_build.build(cfg)
    except Abort as error:
        if isinstance(error.__context__, BuildError):
            return 1  # MkDocs has logged the cause; "Aborted with a BuildError!" adds nothing
        raise DrillbookError(str(error)) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return 0


def run_serve(args) -> int:
    """MkDocs' live server with dirty rebuilds: after a save, MkDocs builds only the pages
    whose Markdown changed, and the plugin writes only the pages the save changed, keeps the
    navigation titled and puts the other pages back into the search index (see live.py)."""
    from mkdocs.commands import serve as mkdocs_serve

    if not Path(args.config_file).is_file():
        raise DrillbookError(
            f"{args.config_file} not found: run this in your project's folder, "
            "or start a project with `drillbook new DIR`"
        )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.addFilter(_dirty_build_warning)
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.INFO)
    if not args.full:
        print(
            "drillbook serve: each save rebuilds the pages it changes (`--full` rebuilds every page). "
            "A page whose record you delete stays served until you restart.",
            file=sys.stderr,
        )
    try:
        mkdocs_serve.serve(
            config_file=args.config_file, build_type=None if args.full else "dirty", dev_addr=args.dev_addr
        )
    finally:
        mkdocs_log.removeHandler(handler)
    return 0


def _dirty_build_warning(record: logging.LogRecord) -> bool:
    """Drop MkDocs' warning of inaccurate navigation in dirty builds, which the plugin keeps
    right (printed once by `run_serve` instead: what a dirty build still leaves)."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


class _PlainFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.capitalize()}: {record.getMessage()}"


def run_finish(args) -> int:
    """What the MkDocs plugin does after `mkdocs build`, for a site another builder made."""
    settings = project_settings(args.config_file)
    site = args.site or settings.site_dir
    library = read_library(settings.content)
    make_decks = decks_wanted(settings.decks and not args.no_decks)
    with generator_notes():
        finish_site(
            site,
            library,
            settings.names,
            make_decks=make_decks,
            offline_mb=settings.offline_mb,
        )
    print(f"Finished {site}: {'PDF decks, ' if make_decks else ''}manifest and service worker")
    return 0


def run_schema(args) -> int:
    schemas = json_schemas()
    stale = [
        name
        for name, text in schemas.items()
        if not (args.out / name).is_file() or (args.out / name).read_text("utf-8") != text
    ]
    if args.check:
        if stale:
            raise DrillbookError(
                f"schemas out of date in {args.out}: {', '.join(stale)}; run `drillbook schema`"
            )
        print(f"OK: {len(schemas)} schemas up to date")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (args.out / name).write_text(schemas[name], "utf-8")
    print(f"Wrote {len(stale)} of {len(schemas)} schemas to {args.out}")
    return 0


def run_import(args) -> int:
    report = import_free_exercise_db(
        args.path, args.into, force=args.force, progress=sys.stderr, images=args.images
    )
    print("\n".join(report.lines()))
    return 0


COMMANDS = {
    "new": run_new,
    "check": run_check,
    "generate": run_generate,
    "build": run_build,
    "serve": run_serve,
    "finish": run_finish,
    "schema": run_schema,
    "import": run_import,
}

if __name__ == "__main__":
    sys.exit(main())
