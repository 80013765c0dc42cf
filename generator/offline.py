"""Offline and installable: the web app manifest and the service worker, written into a built
site by any builder. The worker precaches the assets, pages, search index and cards the build
made, most needed first and up to a size budget, under a version that is the hash of those
files; the rest (and PDF decks, media and data files) are kept once opened."""

from __future__ import annotations

import hashlib
import json
import mimetypes
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .pick import PICK_FOLDER
from .render import TEMPLATES
from .views import SiteNames

SERVICE_WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
THEME_COLOUR = "#3f51b5"  # Material's indigo, the site's primary colour
FALLBACK = "404.html"
# Opened on demand, never precached: large files a reader may never open.
MEDIA_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".mp4", ".webm", ".mp3", ".ogg"}
# Files for other programs and sites, not for reading the site: the data files, schemas, oEmbed
# files and HTML fragments, sitemaps, source maps, Python files a builder copied from the
# theme folder; and the search languages other than English (fetched, then kept, by a site
# that uses one).
SKIPPED_FOLDERS = {"api", "schemas"}
SKIPPED_PREFIXES = ("assets/javascripts/lunr/",)
SKIPPED_SUFFIXES = {".map", ".gz", ".xml", ".py"}
# The order in which folders are precached while the budget lasts: the theme's files, then the
# home page and the hand-written pages (None: every folder not named here), the search index,
# the pick page (a coach opens it offline to print what she picked), the record pages, browse
# pages, figures, media, cards and embed pages. Within a folder, its index comes first.
FOLDER_ORDER = (
    "assets", None, "search", PICK_FOLDER, "exercises", "faults", "ladders", "menus",
    "browse", "figures", "media", "cards", "embed",
)  # fmt: skip
# Megabytes precached by default: all of a library of a few hundred exercises, the most
# needed part of a larger one, which a phone downloads on its first visit.
OFFLINE_MB = 25.0


@dataclass(frozen=True)
class Precache:
    """What the service worker fetches at install, most needed first, and what it left out."""

    urls: list[str]
    size: int
    left_out: int

    def summary(self) -> str:
        kept = f"{len(self.urls)} files, {self.size / 1e6:.1f} MB"
        if not self.left_out:
            return f"{kept} kept for offline use"
        return (
            f"{kept} kept for offline use; {self.left_out} more are kept once opened "
            f"(the budget, `offline_mb`, is full)"
        )


def write_offline_files(
    site_dir: Path, names: SiteNames, budget_mb: float = OFFLINE_MB
) -> tuple[str, Precache]:
    """Write the manifest and the service worker into `site_dir`; returns the build's version
    and what the worker precaches."""
    precache = precached_urls(site_dir, budget_mb)
    manifest = web_app_manifest(names)
    (site_dir / MANIFEST).write_text(manifest, "utf-8")
    version = build_version(site_dir, precache.urls, manifest)
    worker = _environment().get_template("sw.js.j2")
    fallback = FALLBACK if (site_dir / FALLBACK).is_file() else None
    text = worker.render(version=version, precache=precache.urls, fallback=fallback)
    (site_dir / SERVICE_WORKER).write_text(text, "utf-8")
    return version, precache


def precached_urls(site_dir: Path, budget_mb: float = OFFLINE_MB) -> Precache:
    """The URL, relative to the site's root, of each file a reader needs offline, in the order
    of FOLDER_ORDER, until the next one would pass `budget_mb`: a page's `…/index.html` as its
    directory URL `…/`, as the site links it."""
    files = sorted(_site_files(site_dir), key=lambda item: _rank(item[0]))
    urls, size = [], 0
    for relative, file_size in files:
        if size + file_size > budget_mb * 1e6:
            break
        size += file_size
        is_page = relative == "index.html" or relative.endswith("/index.html")
        urls.append((relative.removesuffix("index.html") or "./") if is_page else relative)
    return Precache(urls, size, len(files) - len(urls))


def _site_files(site_dir: Path) -> Iterator[tuple[str, int]]:
    """(path relative to `site_dir` with `/` between folders, size) of every file the worker
    may precache. Plain strings: a large site has tens of thousands of files."""
    for folder, _, names in os.walk(site_dir):
        prefix = (os.path.relpath(folder, site_dir).replace(os.sep, "/") + "/").removeprefix("./")
        for name in names:
            relative = prefix + name
            if _precached(relative):
                yield relative, os.stat(os.path.join(folder, name)).st_size


def _rank(path: str) -> tuple:
    """The first folder of FOLDER_ORDER that holds `path` (None: any other), then depth."""
    parts = tuple(path.split("/"))
    parent = path.rpartition("/")[0]
    folder = next((f for f in FOLDER_ORDER if f and (parent == f or parent.startswith(f + "/"))), None)
    return FOLDER_ORDER.index(folder), len(parts), parts


def _precached(path: str) -> bool:
    top, name = path.partition("/")[0], path.rpartition("/")[2]
    suffix = os.path.splitext(name)[1]
    if path in (SERVICE_WORKER, MANIFEST) or name.startswith("."):
        return False
    if top in SKIPPED_FOLDERS or suffix in SKIPPED_SUFFIXES:
        return False
    if path.startswith(SKIPPED_PREFIXES):
        return False
    if path.count("/") == 1 and top == "embed" and name.endswith((".json", ".fragment.html")):
        return False  # an exercise's oEmbed response and HTML fragment, pasted into blogs
    return top == "assets" or suffix.lower() not in MEDIA_SUFFIXES


def build_version(site_dir: Path, precache: list[str], manifest: str) -> str:
    """A hash of every precached file and the manifest: the same build gives the same
    version (the cache stays), any change gives a new one."""
    digest = hashlib.sha256(manifest.encode())
    for url in precache:
        path = site_dir / url / "index.html" if url.endswith("/") else site_dir / url
        digest.update(url.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def web_app_manifest(names: SiteNames) -> str:
    """The manifest, with the site's name, language and icon; its URLs are relative to it, so a
    site under a sub-path installs there."""
    return (
        json.dumps(
            {
                "name": names.site,
                "short_name": names.site.split("·")[0].strip() or names.site,
                "lang": names.language,
                "start_url": "./",
                "scope": "./",
                "display": "standalone",
                "background_color": "#ffffff",
                "theme_color": THEME_COLOUR,
                "icons": [
                    {
                        "src": names.icon,
                        "sizes": "any",
                        "type": mimetypes.guess_type(names.icon)[0],
                        "purpose": "any",
                    }
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, keep_trailing_newline=True
    )
