"""The site works offline: no page asks any host but the site's own."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

from playwright.sync_api import expect


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
