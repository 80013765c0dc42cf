"""A site served from a sub-path (`https://example.org/coach/drills/`): every link, QR code,
embed snippet, oEmbed URL, data file URL and the service worker stay under that path. The
server answers only below it, and notes every request that strays above it."""

from __future__ import annotations

import functools
import http.server
import io
import json
import re
import threading
import urllib.error
import urllib.request
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from conftest import copy_project, mkdocs_build
from playwright.sync_api import expect

PREFIX = "/coach/drills/"


class _UnderPrefix(http.server.SimpleHTTPRequestHandler):
    """Serves the site below PREFIX only; a request elsewhere gets a 404 and is noted."""

    def __init__(self, *args, strays: list[str], **kwargs):
        self.strays = strays
        super().__init__(*args, **kwargs)

    def translate_path(self, path):
        return super().translate_path("/" + path.removeprefix(PREFIX))

    def send_head(self):
        if not self.path.startswith(PREFIX):
            self.strays.append(self.path)
            self.send_error(404)
            return None
        return super().send_head()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    """The shipped library built with `site_url` at PREFIX of a local server and served
    there; returns (site URL with its trailing slash, site folder, requests outside PREFIX)."""
    project = copy_project(tmp_path_factory.mktemp("subpath") / "project")
    strays: list[str] = []
    handler = functools.partial(_UnderPrefix, directory=str(project / "site"), strays=strays)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    site = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url:.*$", f"site_url: {site}", config.read_text("utf-8")), "utf-8")
    mkdocs_build(project)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, project / "site", strays
    server.shutdown()


class _Links(HTMLParser):
    """Every URL a page links to or loads (href, src)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in ("href", "src") and value]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_every_link_on_every_page_stays_under_the_path_and_resolves(subpath_site):
    """Follows every same-host link and asset of every page, from the home page on."""
    site, _, strays = subpath_site
    host = urlsplit(site).netloc
    seen, queue, broken, outside = set(), [site], [], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body = fetch(url)
        if status != 200:
            broken.append(url)
            continue
        if not urlsplit(url).path.endswith((".html", "/")):
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        for link in parser.urls:
            target = urldefrag(urljoin(url, link)).url
            if urlsplit(target).netloc != host:
                continue
            (queue if target.startswith(site) else outside).append(target)
    assert len([url for url in seen if url.endswith("/")]) > 100
    assert (broken, outside, strays) == ([], [], [])


def absolute_urls(value) -> set[str]:
    """Every absolute URL in a JSON value, also inside an oEmbed response's HTML."""
    if isinstance(value, dict):
        return set().union(*map(absolute_urls, value.values()))
    if isinstance(value, list):
        return set().union(*map(absolute_urls, value))
    if isinstance(value, str):
        return set(re.findall(r'(https?://[^"\s]+)', value))
    return set()


def test_data_files_and_oembed_files_point_under_the_path(subpath_site, library):
    site, folder, strays = subpath_site
    files = [folder / "api" / f"{kind}.json" for kind in ("exercises", "faults", "ladders", "sources")]
    files += sorted((folder / "embed").glob("*.json"))
    urls = set().union(*(absolute_urls(json.loads(path.read_text("utf-8"))) for path in files))
    assert f"{site}embed/{min(library.exercises)}/" in urls  # the oEmbed iframe's src
    assert [url for url in urls if not url.startswith(site)] == []
    assert [url for url in sorted(urls) if fetch(url)[0] != 200] == []
    assert strays == []


def test_reader_clicks_searches_scans_and_embeds_under_the_path(page, subpath_site, library, tmp_path):
    import zxingcpp
    from PIL import Image

    site, folder, strays = subpath_site
    exercise = library.exercises[min(library.exercises)]

    page.goto(site)
    page.get_by_role("link", name="Exercises").first.click()
    page.get_by_role("link", name=exercise.name).first.click()
    expect(page.locator("h1").first).to_contain_text(exercise.name)
    assert page.url == f"{site}exercises/{exercise.id}/"

    oembed = page.locator("noscript").evaluate_all("nodes => nodes.map(n => n.textContent).join(' ')")
    assert f'href="{site}embed/{exercise.id}.json"' in oembed

    box = page.get_by_role("textbox", name="Search")
    box.fill(exercise.name)
    box.press("End")
    page.locator(".md-search-result__item a").first.click()
    expect(page.locator("h1").first).to_contain_text(exercise.name)
    assert page.url.startswith(f"{site}exercises/{exercise.id}/")

    page.goto(f"{site}cards/{exercise.id}/")
    shot = page.locator(".db-card__qr svg").screenshot()
    codes = [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))]
    assert codes == [f"{site}exercises/{exercise.id}/"]
    page.goto(codes[0])
    expect(page.locator("h1").first).to_contain_text(exercise.name)

    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)") == site

    html = (folder / "exercises" / exercise.id / "index.html").read_text("utf-8")
    code = re.search(r"<pre\b.*?<code>(.*?)</code>", html[html.index('id="embed"') :], re.S).group(1)
    snippet = unescape(re.sub(r"<[^>]+>", "", code))
    assert f'src="{site}embed/{exercise.id}/?theme=light"' in snippet
    (tmp_path / "blog.html").write_text(f"<!doctype html><title>Blog</title>{snippet}", "utf-8")
    page.goto(Path(tmp_path / "blog.html").as_uri())
    frame = page.frame_locator("iframe").first
    expect(frame.locator("h1").first).to_contain_text(exercise.name)

    assert [
        url for url in page.requested if urlsplit(url).scheme == "http" and not url.startswith(site)
    ] == []
    assert strays == []


def test_the_pick_picks_and_prints_under_the_path(page, subpath_site, library):
    from pypdf import PdfReader

    site, _, strays = subpath_site
    exercise = library.exercises[min(library.exercises)]
    page.goto(f"{site}exercises/{exercise.id}/")
    page.get_by_role("button", name="Add to pick").click()
    page.get_by_role("link", name="Your pick").click()
    expect(page.locator('.db-pick-print[aria-busy="false"] .db-card')).to_have_count(1)
    assert (
        page.get_by_label("Link to this pick").input_value()
        == f"{site}cards/pick/?ids={exercise.id}&layout=card"
    )
    assert len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages) == 1
    assert strays == []
