"""The site works offline: no page asks any host but the site's own, and after one visit
with the network its service worker serves pages, cards, search and assets without it."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from conftest import copy_project, mkdocs_build
from playwright.sync_api import expect

from .conftest import serve


class _Subresources(HTMLParser):
    """URLs a browser fetches on its own while showing a page (not the links a reader follows)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed", "track"):
            self.urls += [attrs[name] for name in ("src", "poster") if attrs.get(name)]
            if attrs.get("srcset"):
                self.urls += [item.split()[0] for item in attrs["srcset"].split(",") if item.strip()]
        elif tag == "link" and attrs.get("href"):
            rel = set((attrs.get("rel") or "").lower().split())
            if rel & {
                "stylesheet",
                "icon",
                "preload",
                "modulepreload",
                "prefetch",
                "manifest",
                "preconnect",
                "dns-prefetch",
                "apple-touch-icon",
            }:
                self.urls.append(attrs["href"])
        elif tag == "object" and attrs.get("data"):
            self.urls.append(attrs["data"])


def foreign(urls: list[str], own: str) -> list[str]:
    return [url for url in urls if urlsplit(url).netloc not in ("", own)]


def test_no_built_page_loads_anything_from_another_host(built_site):
    offenders = {}
    for html in sorted(built_site.rglob("*.html")):
        parser = _Subresources()
        parser.feed(html.read_text("utf-8"))
        if bad := foreign(parser.urls, own=""):
            offenders[str(html.relative_to(built_site))] = bad
    assert offenders == {}


def test_browsing_and_searching_request_only_the_site_itself(page, site_url, library):
    paths = [
        "/",
        f"/exercises/{min(library.exercises)}/",
        f"/faults/{min(library.faults)}/",
        f"/ladders/{min(library.ladders)}/",
        "/browse/levels/",
        "/tags/",
    ]
    for path in paths:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    box = page.get_by_role("textbox", name="Search")
    box.fill("hinge")
    box.press("End")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.wait_for_load_state("networkidle")

    own = urlsplit(site_url).netloc
    assert any(url.endswith("/search/search_index.json") for url in page.requested)
    assert foreign(page.requested, own) == []


# After one visit, the site reads without the network: the service worker has cached it.


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    """A build of the shipped library that a test may rebuild, served on 127.0.0.1;
    returns (base URL, project folder)."""
    project = copy_project(tmp_path_factory.mktemp("offline") / "project")
    mkdocs_build(project)
    base, server = serve(project / "site")
    yield base, project
    server.shutdown()


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


def visit_once(context, url: str):
    """Open `url` with the network, as a reader does once, and wait until the site's service
    worker has cached the build and controls the page."""
    tab = context.new_page()
    tab.goto(url)
    tab.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
    return tab


def errors_of(tab) -> list[str]:
    """The errors `tab` logs or throws from now on."""
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_pages_cards_and_search_open_with_the_network_cut(context, offline_site, library):
    base, _ = offline_site
    exercise = library.exercises[min(library.exercises)]
    fault = library.faults[min(library.faults)]
    ladder = library.ladders[min(library.ladders)]
    tab = visit_once(context, base + "/")
    context.set_offline(True)

    tab.reload()
    expect(tab.locator("h1").first).to_be_visible()
    shown = {
        f"/exercises/{exercise.id}/": exercise.name,
        f"/faults/{fault.id}/": fault.name,
        f"/ladders/{ladder.id}/": ladder.name,
        f"/cards/{exercise.id}/": exercise.name,
        f"/cards/ladders/{ladder.id}/": ladder.name,
        f"/embed/{exercise.id}/": exercise.name,
    }
    for path, name in shown.items():
        tab.goto(base + path)
        assert name in tab.locator("main, body").first.inner_text(), path
    tab.goto(base + "/browse/levels/")
    tab.reload()
    expect(tab.locator("h1").first).to_contain_text("by level")

    box = tab.get_by_role("textbox", name="Search")
    box.fill(exercise.name)
    box.press("End")
    result = tab.locator(".md-search-result__item a").first
    expect(result).to_be_visible()
    result.click()
    expect(tab.locator("h1").first).to_contain_text(exercise.name)


def test_chromium_finds_the_site_installable(context, offline_site):
    """Chromium's own check, as for its Install button; Playwright's private windows are the
    one thing it objects to."""
    base, _ = offline_site
    tab = visit_once(context, base + "/")
    session = context.new_cdp_session(tab)
    assert session.send("Page.getAppManifest").get("errors") == []
    errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert [error["errorId"] for error in errors] in ([], ["in-incognito"])


def test_decks_open_offline_only_once_opened(context, offline_site):
    base, _ = offline_site
    tab = visit_once(context, base + "/cards/")
    fetch_status = "url => fetch(url).then(r => r.status, () => 'failed')"
    assert tab.evaluate(fetch_status, base + "/cards/pdf/all-cards-a4.pdf") == 200
    context.set_offline(True)
    assert tab.evaluate(fetch_status, base + "/cards/pdf/all-cards-a4.pdf") == 200
    assert tab.evaluate(fetch_status, base + "/cards/pdf/all-cards-letter.pdf") == "failed"


def test_embed_in_a_blog_frame_works_once_the_site_is_cached(context, offline_site, library, tmp_path):
    """The embed snippet on another site's page: the frame shows the exercise and the page
    logs no error, before and after the reader's browser has cached the site."""
    base, project = offline_site
    exercise = library.exercises[min(library.exercises)]
    snippet = (project / "site" / "embed" / f"{exercise.id}.fragment.html").read_text("utf-8")
    iframe = f'<iframe src="{base}/embed/{exercise.id}/" title="{exercise.name}" height="600"></iframe>'
    blog_page = f'<!doctype html><link rel="icon" href="data:,"><title>Blog</title>{iframe}\n{snippet}'
    (tmp_path / "blog.html").write_text(blog_page, "utf-8")
    blog, server = serve(tmp_path)
    try:
        for cached in (False, True):
            if cached:
                visit_once(context, base + "/").close()
            tab = context.new_page()
            errors = errors_of(tab)
            tab.goto(blog + "/blog.html")
            frame = tab.frame_locator("iframe").first
            expect(frame.locator("h1").first).to_contain_text(exercise.name)
            assert tab.frames[1].evaluate("navigator.serviceWorker.controller !== null") == cached
            assert errors == [], (cached, errors)
            tab.close()
    finally:
        server.shutdown()


def test_a_new_build_replaces_the_cached_one(context, offline_site):
    base, project = offline_site
    tab = visit_once(context, base + "/start-here/")
    old = tab.evaluate("caches.keys()")
    page_file = project / "docs" / "start-here.md"
    text = page_file.read_text("utf-8")
    page_file.write_text(text + "\n\nA line the new build adds.\n", "utf-8")
    try:
        mkdocs_build(project)
    finally:
        page_file.write_text(text, "utf-8")
    tab.goto(base + "/start-here/")
    tab.wait_for_function(
        "keys => caches.keys().then(now => now.length > 0 && now.every(k => !keys.includes(k)))", arg=old
    )
    context.set_offline(True)
    tab.reload()
    expect(tab.locator("main")).to_contain_text("A line the new build adds.")
