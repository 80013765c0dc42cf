"""MkDocs plugin: regenerate the pages before each build, and watch `content/` when serving."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from jinja2 import BytecodeCache
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .errors import ContentError, DrillbookError
from .finish import decks_wanted, finish_site
from .i18n import fallback_note
from .live import LiveGenerator
from .offline import OFFLINE_MB
from .pipeline import generate
from .search import SearchFields, weigh_fields
from .settings import site_names
from .site_setup import add_theme_parts, default_nav, keep_generated_pages_out_of_nav, require_home_page
from .write import OWNED_FOLDERS, REPLACEABLE_FOLDERS

log = logging.getLogger("mkdocs.plugins.drillbook")


class DrillbookConfig(Config):
    content = config_options.Type(str, default="content")
    # PDF decks, made by `mkdocs build` (never by `serve`); env DRILLBOOK_DECKS=0 skips them too
    decks = config_options.Type(bool, default=True)
    # Drop each page's Markdown once converted and its HTML once written (see on_page_content)
    free_pages = config_options.Type(bool, default=False)
    # Megabytes of the built site the service worker fetches at a reader's first visit
    offline_mb = config_options.Type((int, float), default=OFFLINE_MB)
    # The home-screen icon, a path under docs/ (default: the shipped one)
    icon = config_options.Optional(config_options.Type(str))
    # What a dose the editors suggest (`source: editors`) says it is
    editors_label = config_options.Optional(config_options.Type(str))  # default: the catalogue's
    # The "Made with Drillbook" link in the footer
    footer_credit = config_options.Type(bool, default=True)
    # The language of Drillbook's own words (default: `theme.language`), and a catalogue file
    # of the coach's own for a language Drillbook does not ship (see generator/locales/en.yml)
    language = config_options.Optional(config_options.Type(str))
    catalogue = config_options.Optional(config_options.File(exists=True))


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, in memory, by template and source checksum (an edited
    template compiles again)."""

    def __init__(self):
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.codes:
            bucket.bytecode_from_string(self.codes[bucket.key])

    def dump_bytecode(self, bucket):
        self.codes[bucket.key] = bucket.bytecode_to_string()


class DrillbookPlugin(BasePlugin[DrillbookConfig]):
    serving = False
    dirty = False
    library = None

    def __init__(self):
        super().__init__()
        self.search_fields = SearchFields()
        self.live = LiveGenerator()
        self.compiled_templates = CompiledTemplates()
        self.page_urls: set[str] = set()

    def on_startup(self, *, command, dirty):
        # Having on_startup makes MkDocs keep this instance across the rebuilds of `serve`.
        self.serving = command == "serve"
        self.dirty = dirty

    @event_priority(50)  # before the search plugin reads its options
    def on_config(self, config):
        try:
            add_theme_parts(config)
        except DrillbookError as error:
            raise PluginError(str(error)) from None
        weigh_fields(config)
        self.names = site_names(config, self.config)
        note = fallback_note(self.names.words)
        if note:
            log.warning(note)
        self.content_dir = Path(config.config_file_path).parent / self.config.content
        started = time.perf_counter()
        try:
            # A process that rebuilds (`serve`, also `serve --clean`, which MkDocs starts as a
            # build) renders only what a save changed; a build generates once, and noting what
            # it read would only cost time.
            if self.serving or self.library is not None:
                library, report, rendered = self.live.generate(
                    self.content_dir, Path(config.docs_dir), config.site_url, self.names
                )
                report = f"{report} ({rendered})"
            else:
                library, report = generate(
                    self.content_dir, Path(config.docs_dir), config.site_url, self.names
                )
        except ContentError as error:
            # One plain `file:line:col: message` line per problem (MkDocs' log prefix would
            # hide the path from editors), then MkDocs reports the summary and aborts.
            print("\n".join(map(str, error.problems)), file=sys.stderr, flush=True)
            if self.serving and self.library is not None:
                # A failed build would make `mkdocs serve` hold every request until the next
                # good one; docs/ still holds the last good pages, so build those instead.
                print(f"{error.summary}; serving the last good pages", file=sys.stderr, flush=True)
                return config
            raise PluginError(error.summary) from None
        except DrillbookError as error:
            raise PluginError(str(error)) from None
        seconds = time.perf_counter() - started
        log.info(f"drillbook: {library.summary()}; pages {report} in {seconds:.2f} s")
        self.library = library
        return config

    def on_files(self, files, *, config):
        try:
            require_home_page(files, config.docs_dir)
        except DrillbookError as error:
            raise PluginError(str(error)) from None
        keep_generated_pages_out_of_nav(files)
        if config.nav is None:
            config.nav = default_nav(files, self.names.words)
        return files

    def on_nav(self, nav, *, config, files):
        # Every page of the site by its address as the search index has it (MkDocs has given
        # each documentation file its page by now; the home page's address is "").
        self.page_urls = {file.page.url for file in files.documentation_pages()}
        if self.dirty:
            # A dirty build reads only the pages whose files changed, and the navigation of
            # each page it builds would show the others untitled: read their titles.
            for page in nav.pages:
                if page.markdown is None:
                    page.read_source(config)
        return nav

    def on_env(self, env, *, config, files):
        # MkDocs makes a new Jinja environment for every build, so every rebuild of `serve`
        # compiled the theme's templates again; keep what they compile to for the next one.
        env.bytecode_cache = self.compiled_templates
        return env

    def on_pre_build(self, *, config):
        self.search_fields.start(config.site_dir, self.dirty)

    def on_page_markdown(self, markdown, *, page, config, files):
        self.search_fields.note(page)
        return markdown

    # With `free_pages: true`, each page's Markdown is dropped once converted (before any
    # template runs) and its HTML once the page is written, which lowers a large build's
    # peak memory (benchmarks/README.md). Off by default: a template or plugin that reads
    # `page.markdown`, or other pages' content after they are built (Material's blog), would
    # find them empty. Markdown becomes "": MkDocs gives a page with None Markdown no title.
    @event_priority(-100)  # after every other plugin's handler
    def on_page_content(self, html, *, page, config, files):
        if self.config.free_pages:
            page.markdown = ""
        return html

    @event_priority(-100)
    def on_post_page(self, output, *, page, config):
        if self.config.free_pages:
            page.content = None
        return output

    @event_priority(-200)  # after every other plugin and hook has written its files
    def on_post_build(self, config):
        self.search_fields.add_to_index(config.site_dir, self.page_urls)
        if self.serving:
            log.info(f"drillbook: {len(self.search_fields.built)} of {len(self.page_urls)} pages built")
            # Decks take minutes for a large library and would hold up every live rebuild;
            # a service worker would cache pages that are being edited.
            log.info(
                "drillbook: PDF decks are not made by `mkdocs serve`, nor the offline files; "
                "`mkdocs build` makes them"
            )
            return
        make_decks = decks_wanted(self.config.decks)
        try:
            finish_site(
                Path(config.site_dir),
                self.library,
                self.names,
                make_decks=make_decks,
                offline_mb=self.config.offline_mb,
            )
        except DrillbookError as error:
            raise PluginError(str(error)) from None

    def on_serve(self, server, config, builder):
        # MkDocs watches all of docs/, so the pages this plugin writes at the start of a
        # rebuild would start a second, full rebuild after every edit (and the watcher would
        # poll thousands of generated files twice a second). Those folders change only when
        # content/ does: watch content/ and the hand-written rest of docs/ instead.
        docs = Path(config.docs_dir)
        server.unwatch(config.docs_dir)
        server.watch(str(docs), recursive=False)
        for entry in sorted(docs.iterdir()):
            if entry.is_dir() and (entry.name not in OWNED_FOLDERS or entry.name in REPLACEABLE_FOLDERS):
                server.watch(str(entry))
        server.watch(str(self.content_dir))
        return server
