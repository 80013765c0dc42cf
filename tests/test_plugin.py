"""The MkDocs plugin's own behaviour; builds through it are in test_build and test_serve."""

from types import SimpleNamespace

import pytest

from drillbook.plugin import DrillbookPlugin


@pytest.mark.parametrize("free_pages", [True, False])
def test_plugin_frees_written_pages_unless_told_not_to(free_pages):
    plugin = DrillbookPlugin()
    assert plugin.load_config({"free_pages": free_pages}) == ([], [])
    page = SimpleNamespace(markdown="# Title", content="<h1>Title</h1>")
    assert plugin.on_page_content("<h1>Title</h1>", page=page, config=None, files=None)
    assert plugin.on_post_page("<html>", page=page, config=None) == "<html>"
    kept = (page.markdown, page.content)
    assert kept == (("", None) if free_pages else ("# Title", "<h1>Title</h1>"))
