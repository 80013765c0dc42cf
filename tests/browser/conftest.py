"""Browser fixtures: the built site served on 127.0.0.1, and Debian's Chromium via Playwright."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    """Serve `folder` on 127.0.0.1 in a thread; returns (base_url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """Base URL (no trailing slash) of the shipped library's built site."""
    base, server = serve(built_site)
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (tests/run.sh does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page that records every URL it requests in `page.requested`."""
    context = browser.new_context()
    tab = context.new_page()
    tab.requested = []
    tab.on("request", lambda request: tab.requested.append(request.url))
    yield tab
    context.close()


@pytest.fixture(scope="session")
def library():
    """The shipped library as the generator reads it, to look ids and names up by fact."""
    from drillbook.pipeline import read_library

    return read_library(Path(__file__).resolve().parents[2] / "content")


# The languages whose labels are longest: their builds of the shipped library are printed.
LANGUAGES = ("de", "fr")


@pytest.fixture(scope="session", params=LANGUAGES)
def language_site(request, tmp_path_factory):
    """The shipped library built in German or French, with its decks, once a session, and
    served; yields the language, the site folder and its base URL (no trailing slash)."""
    from test_cards import copy_project, mkdocs_build

    language = request.param
    project = copy_project(tmp_path_factory.mktemp(f"built-{language}") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "\n  language: en\n" in text
    config.write_text(text.replace("\n  language: en\n", f"\n  language: {language}\n", 1), "utf-8")
    mkdocs_build(project)
    base, server = serve(project / "site")
    yield language, project / "site", base
    server.shutdown()
