"""Live preview survives mistakes: with `mkdocs serve` running, saving a broken record prints
its `file:line:col` problem and keeps serving the last good pages; fixing the record brings
the new text without a restart."""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import copy_project

BASE = Path(__file__).parent / "data" / "invalid" / "_base"
RECORD = "content/exercises/corpus-drill.yml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def article(page: str | None) -> str | None:
    """The page's content, without the live-reload script whose epoch changes each build."""
    return page and page[page.index("<article") : page.index("</article>")]


def wait_for(condition, what: str, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@contextlib.contextmanager
def live_server(project: Path, *command: str):
    """`command -a 127.0.0.1:PORT` running in `project`; yields (base URL, stderr lines so far)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", *command, "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(process.stderr), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/", lines
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def server(tmp_path):
    """`mkdocs serve` on a small project; yields (project, page URL, stderr lines so far)."""
    project = copy_project(tmp_path / "project", content=BASE)
    with live_server(project, "mkdocs", "serve") as (base, lines):
        yield project, f"{base}exercises/corpus-drill/", lines


def test_serve_keeps_the_last_good_pages_until_the_record_is_fixed(server):
    project, url, stderr = server
    page = wait_for(lambda: fetch(url), "the first build to be served")
    assert "Corpus drill" in page
    record = project / RECORD
    good = record.read_text("utf-8")

    record.write_text(good + "cue: [Push the hips back]\n", "utf-8")
    problem = f"{RECORD}:11:1: unknown key `cue`; did you mean `cues`?"
    wait_for(lambda: any(problem in line for line in stderr), "the problem line on stderr")
    assert article(fetch(url)) == article(page)

    record.write_text(good.replace("name: Corpus drill", "name: Renamed corpus drill"), "utf-8")
    wait_for(lambda: "Renamed corpus drill" in (fetch(url) or ""), "the fixed page")

    output = "".join(stderr)
    assert "Traceback" not in output, output
    assert [line for line in output.splitlines() if ".yml:" in line] == [problem], output


def test_serve_makes_no_pdf_decks(server):
    """Decks take minutes for a large library: `mkdocs serve` leaves them to `mkdocs build`."""
    project, url, stderr = server
    wait_for(lambda: fetch(url), "the first build to be served")
    wait_for(
        lambda: any("PDF decks are not made by `mkdocs serve`" in line for line in stderr),
        "the note that decks are skipped",
    )
    deck = url.replace("exercises/corpus-drill/", "cards/pdf/all-cards-a4.pdf")
    with pytest.raises(urllib.error.HTTPError, match="404"):
        urllib.request.urlopen(deck, timeout=5)


def test_drillbook_serve_rebuilds_what_a_rename_changes_and_keeps_lists_and_search_right(tmp_path):
    """After a rename, the exercise's page, its fault's page, the exercise index and the search
    index carry the new name, while MkDocs builds only a few of the pages."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    # The plugin's default navigation, whose pages have no titles in mkdocs.yml.
    config.write_text(re.sub(r"^nav:\n(?:[ -].*\n)*", "", config.read_text("utf-8"), flags=re.M), "utf-8")
    with live_server(project, "drillbook.cli", "serve") as (base, lines):
        wait_for(lambda: fetch(base + "exercises/rack-pull/"), "the first build to be served")
        built_first = wait_for(lambda: _pages_built(lines), "the first build's page count")
        assert built_first[0] == built_first[1]
        navigation = _primary_nav(fetch(base + "exercises/rack-pull/"))
        time.sleep(1.5)  # the watcher's first look at the files
        record = project / "content" / "exercises" / "rack-pull.yml"
        record.write_text(
            record.read_text("utf-8").replace("name: Rack pull", "name: Block pull", 1), "utf-8"
        )
        pages = ["exercises/rack-pull/", "faults/rounded-back/", "exercises/", "search/search_index.json"]
        for page in pages:
            wait_for(lambda page=page: "Block pull" in (fetch(base + page) or ""), f"the new name on {page}")
        index = json.loads(fetch(base + "search/search_index.json"))
        titles = [entry["title"] for entry in index["docs"] if entry["location"] == "exercises/rack-pull/"]
        assert titles == ["Block pull"]
        locations = [entry["location"] for entry in index["docs"]]
        assert len(locations) == len(set(locations)), "an entry is in the index twice"
        # Pages the rename did not rebuild keep their entries, the home page (address "") too.
        assert {"exercises/romanian-deadlift/", ""} <= set(locations)
        built, total = _pages_built(lines)
        assert built < total / 2, f"{built} of {total} pages built after the rename"
        # The rebuilt page's navigation still titles the pages that were not rebuilt.
        assert _primary_nav(fetch(base + "exercises/rack-pull/")) == navigation
        output = "".join(lines)
        assert "records within 2 links of exercise `rack-pull`" in output, output
        assert "A 'dirty' build is being performed" not in output
        assert "Traceback" not in output, output


def _pages_built(lines: list[str]) -> tuple[int, int] | None:
    """(built, all) from the plugin's last `N of M pages built` line."""
    found = [re.search(r"drillbook: (\d+) of (\d+) pages built", line) for line in lines]
    found = [match for match in found if match]
    return (int(found[-1].group(1)), int(found[-1].group(2))) if found else None


def _primary_nav(page: str) -> str:
    """The site navigation of a page, up to its table of contents."""
    start = page.index('class="md-nav md-nav--primary')
    return page[start : page.index('class="md-nav md-nav--secondary"', start)]
