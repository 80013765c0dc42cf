"""Embeds in a real WordPress (Debian's package, default theme): every shipped exercise
pasted as an address on its own line, in a block-editor post and in a classic post, becomes
a frame that WordPress sizes to the embed's content on desktop and phone; the page never
scrolls sideways, a link in the embed opens the full guide, and nothing leaves 127.0.0.1."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from conftest import copy_project, mkdocs_build
from wordpress import missing, wordpress

from .conftest import serve

LOCAL = "http://127.0.0.1:"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# How far below the frame's top the card inside ends (its bottom edge and margin).
CONTENT_HEIGHT = (
    "Math.ceil(document.querySelector('.md-content').getBoundingClientRect().bottom + 1 + scrollY)"
)
# The tallest and the shortest compact embeds, opened in the block editor.
EDITED = ["stick-hip-hinge", "glute-bridge"]
SHOWN = """() => [...document.querySelectorAll('iframe.wp-embedded-content')]
    .every(frame => !frame.hasAttribute('style'))"""


@pytest.fixture(scope="module")
def drillbook(tmp_path_factory) -> str:
    """The shipped library built with `site_url` set to the address it is served from on
    127.0.0.1; returns that address (no trailing slash)."""
    project = copy_project(tmp_path_factory.mktemp("drillbook") / "project")
    base, server = serve(project / "site")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url:.*$", f"site_url: {base}/", config.read_text("utf-8")), "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DRILLBOOK_DECKS", "0")
        mkdocs_build(project)
    yield base
    server.shutdown()


def block_post(urls: list[str]) -> str:
    """What the block editor saves when an address is pasted on its own line."""
    return "\n\n".join(
        f'<!-- wp:embed {{"url":"{url}","type":"rich","providerNameSlug":"drillbook"}} -->\n'
        '<figure class="wp-block-embed is-type-rich is-provider-drillbook wp-block-embed-drillbook">'
        f'<div class="wp-block-embed__wrapper">\n{url}\n</div></figure>\n<!-- /wp:embed -->'
        for url in urls
    )


def classic_post(urls: list[str]) -> str:
    """A classic-editor post: a paragraph, then each address on a line of its own."""
    return "Drills for this week.\n\n" + "\n\nThen this one:\n\n".join(urls) + "\n\nSee you Thursday."


@pytest.fixture(scope="module")
def blog(drillbook, library, tmp_path_factory):
    """WordPress with two published posts holding every shipped exercise: block, classic."""
    needed = missing()
    if needed:
        pytest.fail(f"apt-get install {' '.join(needed)} (tests/run.sh does it as root)")
    ids = sorted(library.exercises)
    urls = [f"{drillbook}/exercises/{exercise_id}/" for exercise_id in ids]
    posts = [
        {"title": "Block post", "content": block_post(urls)},
        {"title": "Classic post", "content": classic_post(urls)},
        {"title": "Draft with two drills", "content": block_post([urls[ids.index(i)] for i in EDITED])},
    ]
    port = int(drillbook.rsplit(":", 1)[1])
    with wordpress(tmp_path_factory.mktemp("wordpress"), posts, port) as site:
        yield site, dict(zip(("block", "classic", "edited"), site.post_ids, strict=True)), ids


def rendered_height(element, frame) -> int:
    """The frame's height once the page inside has laid itself out at that height (Chromium
    lays out a frame scrolled out of view only when it comes into view)."""
    for _ in range(40):
        shown = element.evaluate("frame => frame.clientHeight")
        if frame.evaluate("innerHeight") == shown:
            break
        frame.page.wait_for_timeout(50)
    return shown


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("editor", ["block", "classic"])
def test_every_embed_fits_its_content(page, blog, drillbook, editor, viewport):
    site, posts, ids = blog
    page.set_viewport_size(viewport)
    page.goto(site.post_url(posts[editor]))
    frames = page.locator("iframe.wp-embedded-content")
    assert frames.count() == len(ids)
    page.wait_for_function(SHOWN, timeout=30_000)
    page.wait_for_timeout(1500)

    misfits, measured = {}, {}
    for index, exercise_id in enumerate(ids):
        element = frames.nth(index)
        element.scroll_into_view_if_needed()
        frame = element.element_handle().content_frame()
        assert frame.url.startswith(f"{drillbook}/embed/{exercise_id}/#?secret=")
        shown = rendered_height(element, frame)
        content = frame.evaluate(CONTENT_HEIGHT)
        measured[exercise_id] = (shown, content)
        scrolls = frame.evaluate("document.documentElement.scrollHeight > innerHeight")
        if not 0 <= shown - content <= 4 or scrolls:
            misfits[exercise_id] = (shown, content, "scrolls" if scrolls else "")
    print(f"{editor} post at {viewport['width']} px, frame vs content height: {measured}")
    assert misfits == {}
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert page.locator("blockquote.wp-embedded-content:visible").count() == 0
    assert [url for url in page.requested if not url.startswith(LOCAL)] == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_link_in_the_embed_opens_the_full_guide(page, blog, drillbook, viewport):
    site, posts, ids = blog
    page.set_viewport_size(viewport)
    page.goto(site.post_url(posts["block"]))
    page.wait_for_function(SHOWN, timeout=30_000)
    # As a reader does: scroll the embed into view, then click. Clicked in the same breath as
    # the scroll, on a busy machine the click sometimes reached neither frame (the embed's
    # page saw no click, WordPress no message: 4 of 28 tries), as if Chromium still placed
    # the embed where it was before the scroll; after the embed has laid itself out in view
    # and the page has drawn twice, 24 of 24 tries.
    element = page.locator("iframe.wp-embedded-content").nth(1)
    element.scroll_into_view_if_needed()
    rendered_height(element, element.element_handle().content_frame())
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    frame = page.frame_locator("iframe.wp-embedded-content").nth(1)
    frame.get_by_role("link", name="Open the full guide").click()
    page.wait_for_url(f"{drillbook}/exercises/{ids[1]}/")
    assert page.locator("h1").first.inner_text() != ""
    assert [url for url in page.requested if not url.startswith(LOCAL)] == []


def test_block_editor_preview_fits_its_content(page, blog, drillbook):
    """The editor's preview listens only after its frame has loaded; the embed's later height
    messages still size it (it stayed at 1000 px when the embed spoke once, on load).
    WordPress's own admin asks gravatar.com and s.w.org for pictures: those are refused here."""
    site, posts, _ = blog
    refused = []
    page.route(
        re.compile(r"^https?://(?!127\.0\.0\.1[:/])"),
        lambda route: (refused.append(route.request.url), route.abort()),
    )
    page.set_viewport_size({"width": 1280, "height": 1600})
    page.goto(f"{site.url}/wp-login.php")
    page.fill("#user_login", "coach")
    page.fill("#user_pass", "coach-password")
    page.click("#wp-submit")
    page.wait_for_url(re.compile(r"/wp-admin/"))
    page.goto(f"{site.url}/wp-admin/post.php?post={posts['edited']}&action=edit")
    frames = page.locator(".editor-styles-wrapper iframe.wp-embedded-content")
    frames.nth(len(EDITED) - 1).wait_for(timeout=60_000)
    page.wait_for_timeout(3500)
    measured = {}
    for index, exercise_id in enumerate(EDITED):
        element = frames.nth(index)
        element.scroll_into_view_if_needed()
        frame = element.element_handle().content_frame()
        assert frame.url.startswith(f"{drillbook}/embed/{exercise_id}/#?secret=")
        measured[exercise_id] = (rendered_height(element, frame), frame.evaluate(CONTENT_HEIGHT))
    print(f"block editor, frame vs content height: {measured}")
    assert all(0 <= shown - content <= 4 for shown, content in measured.values()), measured
    assert {urlsplit(url).hostname for url in refused} <= {"1.gravatar.com", "s.w.org"}
