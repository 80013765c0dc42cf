"""Live preview survives mistakes: with `mkdocs serve` running, saving a broken record prints
its `file:line:col` problem and keeps serving the last good pages; fixing the record brings
the new text without a restart."""

from __future__ import annotations

import os
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


@pytest.fixture
def server(tmp_path):
    """`mkdocs serve` on a small project; yields (project, page URL, stderr lines so far)."""
    project = copy_project(tmp_path / "project", content=BASE)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stderr), daemon=True)
    reader.start()
    try:
        yield project, f"http://127.0.0.1:{port}/exercises/corpus-drill/", lines
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
