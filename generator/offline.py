"""Offline and installable: the web app manifest and the service worker, written into a built
site by any builder. The worker precaches the pages, cards, search index and assets the
build made, under a version that is the hash of those files; PDF decks, media and data files
are cached only once opened."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .render import TEMPLATES

SERVICE_WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
ICON = "assets/drillbook-icon.svg"
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


def write_offline_files(site_dir: Path, site_name: str) -> str:
    """Write the manifest and the service worker into `site_dir`; returns the build's version."""
    precache = precached_urls(site_dir)
    manifest = web_app_manifest(site_name)
    (site_dir / MANIFEST).write_text(manifest, "utf-8")
    version = build_version(site_dir, precache, manifest)
    worker = _environment().get_template("sw.js.j2")
    fallback = FALLBACK if (site_dir / FALLBACK).is_file() else None
    text = worker.render(version=version, precache=precache, fallback=fallback)
    (site_dir / SERVICE_WORKER).write_text(text, "utf-8")
    return version


def precached_urls(site_dir: Path) -> list[str]:
    """The URL, relative to the site's root, of every file a reader needs offline: a page's
    `…/index.html` as its directory URL `…/`, as the site links it."""
    urls = []
    for path in sorted(site_dir.rglob("*")):
        relative = PurePosixPath(path.relative_to(site_dir).as_posix())
        if path.is_file() and _precached(relative):
            url = str(relative)
            if relative.name == "index.html":
                url = url.removesuffix("index.html") or "./"
            urls.append(url)
    return urls


def _precached(path: PurePosixPath) -> bool:
    if str(path) in (SERVICE_WORKER, MANIFEST) or path.name.startswith("."):
        return False
    if path.parts[0] in SKIPPED_FOLDERS or path.suffix in SKIPPED_SUFFIXES:
        return False
    if str(path).startswith(SKIPPED_PREFIXES):
        return False
    if len(path.parts) == 2 and path.parts[0] == "embed" and path.name != "index.html":
        return False  # an exercise's oEmbed response and HTML fragment, pasted into blogs
    return path.parts[0] == "assets" or path.suffix.lower() not in MEDIA_SUFFIXES


def build_version(site_dir: Path, precache: list[str], manifest: str) -> str:
    """A hash of every precached file and the manifest: the same build gives the same
    version (the cache stays), any change gives a new one."""
    digest = hashlib.sha256(manifest.encode())
    for url in precache:
        path = site_dir / url / "index.html" if url.endswith("/") else site_dir / url
        digest.update(url.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def web_app_manifest(site_name: str) -> str:
    """The manifest; its URLs are relative to it, so a site under a sub-path installs there."""
    return (
        json.dumps(
            {
                "name": site_name,
                "short_name": site_name.split("·")[0].strip() or site_name,
                "start_url": "./",
                "scope": "./",
                "display": "standalone",
                "background_color": "#ffffff",
                "theme_color": THEME_COLOUR,
                "icons": [{"src": ICON, "sizes": "any", "type": "image/svg+xml", "purpose": "any"}],
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
