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


def test_a_rebuild_reuses_the_compiled_theme_templates(tmp_path):
    """MkDocs makes a new Jinja environment for every build of `serve`; the second build of
    one plugin compiles no theme template again."""
    from conftest import TEST_LIBRARY, copy_project
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = copy_project(tmp_path / "project", content=TEST_LIBRARY)
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=True)
    cache = config.plugins["drillbook"].compiled_templates
    compiled: list[str] = []
    dump = cache.dump_bytecode
    cache.dump_bytecode = lambda bucket: (compiled.append(bucket.key), dump(bucket))
    build(config, dirty=True)
    first = len(compiled)
    assert first > 5
    build(config, dirty=True)
    assert len(compiled) == first
