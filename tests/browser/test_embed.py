"""Embeds in a browser: a blog page on another port holds two sandboxed embeds with
WordPress-style secrets; the snippet sizes each frame to its content, the WordPress height
messages carry each frame's secret and answer WordPress's `ready`, nothing errs and nothing
leaves 127.0.0.1. Every compact embed fits WordPress's 1000 px cap at 600 and 360 px wide;
the snippet's links open a new tab, and inside WordPress they become its `link` message
(tests/browser/test_wordpress.py runs a real WordPress)."""

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
CONTENT_HEIGHT = (
    "Math.ceil(document.querySelector('.md-content').getBoundingClientRect().bottom + 1 + scrollY)"
)


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
    code = re.search(r"<pre\b.*?<code>(.*?)</code>", html[html.index('id="embed"') :], re.S).group(1)
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


# WordPress's wp-embed.js clamps a frame's height to 200–1000 px.
WORDPRESS_CAP = 1000


@pytest.mark.parametrize("width", [320, 360, 600, 800])
def test_every_compact_embed_fits_a_blog_column(page, embed_site, width):
    """No embed scrolls sideways, and at 600 px (a blog column) and 360 px (a phone) each is
    shorter than WordPress's cap, so WordPress shows it whole."""
    base, site = embed_site
    page.set_viewport_size({"width": width, "height": 700})
    ids = sorted(path.parent.name for path in (site / "embed").glob("*/index.html"))
    assert len(ids) == 29
    wide, heights = [], {}
    for exercise_id in ids:
        page.goto(f"{base}/embed/{exercise_id}/")
        if page.evaluate("document.documentElement.scrollWidth > innerWidth"):
            wide.append(exercise_id)
        heights[exercise_id] = page.evaluate(CONTENT_HEIGHT)
    print(f"at {width} px: tallest {max(heights.values())} px, shortest {min(heights.values())} px")
    assert wide == []
    if width in (360, 600):
        assert {key: value for key, value in heights.items() if value > WORDPRESS_CAP} == {}


@pytest.mark.parametrize("language", ["de", "es", "fr"])
def test_compact_embeds_fit_a_phone_in_each_language(page, tmp_path, language):
    """Drillbook's words in German, Spanish and French are longer than in English: each
    compact embed still fits WordPress's cap at 360 px (the tallest width it must fit)."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8").replace("  language: en\n", f"  language: {language}\n")
    config.write_text(text.replace("  - drillbook:\n", "  - drillbook:\n      decks: false\n"), "utf-8")
    mkdocs_build(project)
    base, server = serve(project / "site")
    try:
        page.set_viewport_size({"width": 360, "height": 700})
        heights = {}
        for path in sorted((project / "site" / "embed").glob("*/index.html")):
            page.goto(f"{base}/embed/{path.parent.name}/")
            assert not page.evaluate("document.documentElement.scrollWidth > innerWidth"), path.parent.name
            heights[path.parent.name] = page.evaluate(CONTENT_HEIGHT)
    finally:
        server.shutdown()
    print(f"{language} at 360 px: tallest {max(heights.values())} px")
    assert len(heights) == 29
    assert {key: value for key, value in heights.items() if value > WORDPRESS_CAP} == {}


def test_full_view_shows_every_cue_and_fault(page, embed_site, library):
    """`?view=full` (for the snippet) shows what the compact card leaves out."""
    base, _ = embed_site
    exercise = library.exercises["romanian-deadlift"]
    page.set_viewport_size({"width": 600, "height": 700})
    page.goto(f"{base}/embed/{exercise.id}/")
    compact = page.evaluate(CONTENT_HEIGHT)
    assert page.locator(".db-embed-cues li:visible").count() == 3 < len(exercise.cues)
    assert not page.get_by_text(exercise.cues[-1].text).is_visible()
    page.goto(f"{base}/embed/{exercise.id}/?view=full")
    assert page.get_by_text(exercise.cues[-1].text).is_visible()
    assert page.locator(".db-embed-faults li:visible").count() == len(exercise.faults)
    assert page.evaluate(CONTENT_HEIGHT) > compact + 300


def test_embed_answers_ready_and_resends_its_height_for_late_listeners(page, blog):
    """WordPress's `ready` gets a height back at once; a listener that starts after the frame
    loaded (the block editor's preview) still receives the height."""
    url, secrets = blog
    page.goto(url)
    page.wait_for_function("heightMessages.some(m => m.frame === 0)")
    page.evaluate("""() => {
        window.lateMessages = [];
        addEventListener('message', e => e.data && e.data.message === 'height' && lateMessages.push(e.data));
    }""")
    page.wait_for_function("lateMessages.length > 0", timeout=5000)
    page.evaluate("heightMessages.length = 0")
    secret = secrets["wall-hip-hinge"]
    frame = "document.querySelector('iframe').contentWindow"
    page.evaluate(f"secret => {frame}.postMessage({{message: 'ready', secret}}, '*')", secret)
    page.wait_for_function("heightMessages.some(m => m.frame === 0)", timeout=1000)
    # The other frame's own late resend may arrive first; frame 0's answer carries its secret.
    answers = page.evaluate("heightMessages.filter(m => m.frame === 0).map(m => m.secret)")
    assert answers and set(answers) == {secret}


def test_snippet_links_open_the_full_guide_in_a_new_tab(page, embed_site, tmp_path):
    """Without WordPress, "Open the full guide" opens the exercise page in a new tab."""
    base, site = embed_site
    (tmp_path / "post.html").write_text(
        f"<!doctype html><p>Try this.</p>{snippet_of(site, 'glute-bridge')}", "utf-8"
    )
    blog_base, server = serve(tmp_path)
    try:
        page.goto(f"{blog_base}/post.html")
        with page.context.expect_page() as opened:
            page.frame_locator("iframe").get_by_role("link", name="Open the full guide").click()
        tab = opened.value
        tab.wait_for_load_state()
        assert tab.url == f"{base}/exercises/glute-bridge/"
        assert page.url == f"{blog_base}/post.html"
    finally:
        server.shutdown()


def test_a_link_inside_a_wordpress_frame_sends_the_link_message(page, blog, embed_site):
    """With a WordPress secret, a click asks the embedding page to open the guide."""
    url, secrets = blog
    page.goto(url)
    page.evaluate("""() => {
        window.linkMessages = [];
        addEventListener('message', e => e.data && e.data.message === 'link' && linkMessages.push(e.data));
    }""")
    page.frame_locator("iframe").first.get_by_role("link", name="Open the full guide").click()
    page.wait_for_function("linkMessages.length > 0")
    assert page.evaluate("linkMessages") == [
        {
            "message": "link",
            "value": f"{embed_site[0]}/exercises/wall-hip-hinge/",
            "secret": secrets["wall-hip-hinge"],
        }
    ]
    assert page.url == url


@pytest.mark.parametrize(
    "query, preference, scheme",
    [
        ("?theme=dark", "light", "slate"),
        ("?theme=light", "dark", "default"),
        ("", "dark", "default"),
        ("?theme=auto", "dark", "slate"),
        ("?theme=auto", "light", "default"),
    ],
)
def test_embed_colour_scheme(page, embed_site, query, preference, scheme):
    base, _ = embed_site
    page.emulate_media(color_scheme=preference)
    page.goto(f"{base}/embed/wall-hip-hinge/{query}")
    assert page.evaluate("document.body.dataset.mdColorScheme") == scheme
    background = page.evaluate("getComputedStyle(document.querySelector('.md-content')).backgroundColor")
    red, green, blue = map(int, re.findall(r"\d+", background)[:3])
    assert (red + green + blue < 200) == (scheme == "slate"), background
