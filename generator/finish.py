"""What a built site still needs from Drillbook, whichever builder made it: the PDF decks,
then the offline files. The MkDocs plugin runs it after `mkdocs build`; `drillbook finish`
runs it after any other builder (Zensical)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from .decks import build_decks, library_decks
from .errors import DrillbookError
from .library import Library
from .offline import OFFLINE_MB, write_offline_files
from .views import SiteNames

log = logging.getLogger("mkdocs.plugins.drillbook")


def decks_wanted(setting: bool) -> bool:
    """The `decks` setting, unless the environment says DRILLBOOK_DECKS=0 (tests, benchmarks)."""
    return setting and os.environ.get("DRILLBOOK_DECKS", "1") != "0"


def finish_site(
    site_dir: Path,
    library: Library,
    names: SiteNames,
    *,
    make_decks: bool = True,
    offline_mb: float = OFFLINE_MB,
) -> None:
    """Write the decks (unless `make_decks` is false), then the manifest and the service
    worker, which precaches up to `offline_mb` megabytes."""
    if not (site_dir / "index.html").is_file():
        raise DrillbookError(f"{site_dir} holds no built site (no index.html); build the site first")
    if make_decks:
        build_decks(site_dir, library_decks(library, names), names.directory_urls, language=names.language)
    version, precache = write_offline_files(site_dir, names, offline_mb)
    log.info(f"drillbook: offline files written (version {version}): {precache.summary()}")
