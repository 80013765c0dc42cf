"""Embeds in a browser: a blog page on another port holds two sandboxed embeds with
WordPress-style secrets; the snippet sizes each frame to its content, the WordPress height
messages carry each frame's secret, nothing errs and nothing leaves 127.0.0.1."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from conftest import copy_project, mkdocs_build

from .conftest import serve

BLOG = Path(__file__).resolve().parent.parent / "data" / "blog.html"
MARKER = re.compile(r"<!-- EMBED ([a-z0-9-]+) ([A-Za-z0-9]{10}) -->")
LOCAL = "http://127.0.0.1:"
CONTENT_HEIGHT = "Math.ceil(document.querySelector('.md-content').getBoundingClientRect().bottom + scrollY)"


@pytest.fixture(scope="module")
def embed_site(tmp_path_factory) -> tuple[str, Path]:
    """The shipped library built with `site_url` set to the address it is served from, so
    the snippets point at it; returns that address (no trailing slash) and the site folder."""
    project = copy_project(tmp_path_factory.mktemp("embeds") / "project")
    base, server = serve(project / "site")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url:.*$", f"site_url: {base}/", config.read_text("utf-8")), "utf-8")
    mkdocs_build(project)
    yield base, project / "site"
    server.shutdown()


def snippet_of(site: Path, exercise_id: str) -> str:
    """The snippet in the exercise page's Embed section, as a reader copies it."""
    html = (site / "exercises" / exercise_id / "index.html").read_text("utf-8")
    code = re.search(r"<code>(.*?)</code>", html[html.index('id="embed"') :], re.S).group(1)
    return unescape(re.sub(r"<[^>]+>", "", code))


def as_wordpress_serves_it(snippet: str, secret: str) -> str:
    """The snippet in a sandboxed frame carrying a secret, as WordPress serves oEmbed frames."""
    return re.sub(
        r'<iframe src="([^"]+)"',
        rf'<iframe sandbox="allow-scripts allow-popups" data-secret="{secret}" '
        rf'src="\1#?secret={secret}"',
        snippet,
        count=1,
    )


@pytest.fixture(scope="module")
def blog(embed_site, tmp_path_factory) -> tuple[str, dict[str, str]]:
    """The sample blog page on its own port; returns its URL and {exercise id: secret}."""
    _, site = embed_site
    text = BLOG.read_text("utf-8")
    folder = tmp_path_factory.mktemp("blog")
    (folder / "blog.html").write_text(
        MARKER.sub(lambda m: as_wordpress_serves_it(snippet_of(site, m[1]), m[2]), text), "utf-8"
    )
    base, server = serve(folder)
    yield f"{base}/blog.html", dict(MARKER.findall(text))
    server.shutdown()


def test_blog_embeds_are_sized_to_their_content_with_wordpress_secrets(page, blog, embed_site):
    url, secrets = blog
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 800, "height": 900})
    page.goto(url)
    frames = page.locator("iframe")
    assert frames.count() == len(secrets) == 2
    for index in range(2):
        frames.nth(index).scroll_into_view_if_needed()
        page.wait_for_function("i => heightMessages.some(m => m.frame === i)", arg=index)
    page.wait_for_timeout(300)

    measured = {}
    for index, (exercise_id, secret) in enumerate(secrets.items()):
        element = frames.nth(index)
        assert element.get_attribute("data-secret") == secret
        frame = element.element_handle().content_frame()
        assert frame.url.startswith(f"{embed_site[0]}/embed/{exercise_id}/")
        content = frame.evaluate(CONTENT_HEIGHT)
        shown = element.evaluate("frame => frame.clientHeight")
        measured[exercise_id] = (shown, content)
        assert abs(shown - content) <= 10, f"{exercise_id}: frame {shown}px, content {content}px"
        assert frame.evaluate("document.documentElement.scrollHeight <= innerHeight + 1")
    print(f"frame height vs content height: {measured}")

    messages = page.evaluate("heightMessages")
    for index, secret in enumerate(secrets.values()):
        mine = [m for m in messages if m["frame"] == index]
        assert mine and all(m["secret"] == secret for m in mine)
        assert abs(mine[-1]["value"] - measured[list(secrets)[index]][1]) <= 10
    assert errors == []
    assert [u for u in page.requested if not u.startswith(LOCAL)] == []


def test_embed_follows_a_narrower_column(page, blog):
    """Resizing the blog's column makes each embed report its new, taller height."""
    url, _ = blog
    page.set_viewport_size({"width": 800, "height": 3000})
    page.goto(url)
    frame = page.locator("iframe").first
    page.wait_for_function("heightMessages.some(m => m.frame === 0)")
    wide = frame.evaluate("frame => frame.clientHeight")
    page.set_viewport_size({"width": 360, "height": 3000})
    page.wait_for_function(f"document.querySelector('iframe').clientHeight > {wide + 50}")
    content = frame.element_handle().content_frame().evaluate(CONTENT_HEIGHT)
    assert abs(frame.evaluate("frame => frame.clientHeight") - content) <= 10


@pytest.mark.parametrize("width", [320, 800])
def test_every_embed_page_fits_without_horizontal_scroll(page, embed_site, width):
    base, site = embed_site
    page.set_viewport_size({"width": width, "height": 700})
    ids = sorted(path.parent.name for path in (site / "embed").glob("*/index.html"))
    assert ids
    wide = []
    for exercise_id in ids:
        page.goto(f"{base}/embed/{exercise_id}/")
        if page.evaluate("document.documentElement.scrollWidth > innerWidth"):
            wide.append(exercise_id)
    assert wide == []


@pytest.mark.parametrize(
    "query, preference, scheme",
    [
        ("?theme=dark", "light", "slate"),
        ("?theme=light", "dark", "default"),
        ("", "dark", "slate"),
        ("", "light", "default"),
    ],
)
def test_embed_colour_scheme(page, embed_site, query, preference, scheme):
    base, _ = embed_site
    page.emulate_media(color_scheme=preference)
    page.goto(f"{base}/embed/wall-hip-hinge/{query}")
    assert page.evaluate("document.body.dataset.mdColorScheme") == scheme
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    red, green, blue = map(int, re.findall(r"\d+", background)[:3])
    assert (red + green + blue < 200) == (scheme == "slate"), background
