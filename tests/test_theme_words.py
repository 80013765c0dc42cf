"""The theme's own words (footer, tags): a partial written from the catalogues, which picks the
site's language on MkDocs and on Zensical alike (test_zensical builds with it)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from jinja2 import Environment, FileSystemLoader

from drillbook.theme import THEME_DIR
from drillbook.theme_words import PARTIAL, theme_partial


def test_the_partial_holds_the_catalogues_theme_words():
    """After changing a catalogue's `theme` section: `python -m drillbook.theme_words`."""
    assert PARTIAL.read_text("utf-8") == theme_partial()


def footer(language: str | None, plugin_language: str | None = None) -> str:
    """The footer's credit line as MkDocs renders it, without tags."""
    plugins = {}
    if plugin_language is not None:
        options = SimpleNamespace(language=plugin_language, footer_credit=True)
        plugins["drillbook"] = SimpleNamespace(config=options)
    theme = {"language": language} if language else {}
    config = SimpleNamespace(copyright=None, extra={}, plugins=plugins, theme=theme)
    environment = Environment(loader=FileSystemLoader(THEME_DIR))
    html = environment.get_template("partials/copyright.html").render(config=config)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize(
    "language, plugin_language, shown",
    [
        ("en", None, "Made with Drillbook and Material for MkDocs"),
        (None, None, "Made with Drillbook and Material for MkDocs"),
        ("de", None, "Erstellt mit Drillbook und Material for MkDocs"),
        ("de-CH", None, "Erstellt mit Drillbook und Material for MkDocs"),
        ("es", None, "Hecho con Drillbook y Material for MkDocs"),
        ("fr", None, "Réalisé avec Drillbook et Material for MkDocs"),
        ("pt-BR", None, "Made with Drillbook and Material for MkDocs"),
        ("en", "fr", "Réalisé avec Drillbook et Material for MkDocs"),
    ],
)
def test_the_footer_speaks_the_language_of_drillbooks_words(language, plugin_language, shown):
    assert footer(language, plugin_language) == shown
