"""The theme's own words (the `theme` section of each shipped catalogue) as a Jinja partial,
`partials/drillbook-words.html` in the theme folder, which the theme's templates import. A
partial works on MkDocs and on Zensical alike, which runs no plugin; Material keeps its own
words the same way (`partials/languages/*.html`, generated). After changing a catalogue's
`theme` section: `python -m drillbook.theme_words` (tests/test_theme_words.py checks it)."""

from __future__ import annotations

import json

from .i18n import ENGLISH, LOCALES, SHIPPED, read_catalogue
from .theme import THEME_DIR

PARTIAL = THEME_DIR / "partials" / "drillbook-words.html"
SECTION = "theme."

_HEADER = """\
{#-
  Drillbook's words in the theme, by language: the `theme` section of the message catalogues
  (generator/locales/<language>.yml), written by `python -m drillbook.theme_words`; do not edit.
  `t(key, config)` speaks the language of Drillbook's words (the drillbook plugin's `language`,
  else `theme.language`), else its base language ("de-CH": "de"), else English. Zensical runs
  no plugin, stops at an undefined value and has no string methods: each part of `config` is
  tested before it is read, and the base language is a slice.
-#}
"""
_MACRO = """\
{% macro t(key, config) -%}
  {%- set plugins = config.plugins if config.plugins else {} -%}
  {%- set plugin = plugins["drillbook"] if "drillbook" in plugins else none -%}
  {%- set chosen = plugin.config.language if plugin and plugin.config.language else none -%}
  {%- set language = chosen or (config.theme.language | d("en", true)) -%}
  {%- set base = language[:2] if language[2:3] in ["", "-", "_"] else language[:3] -%}
  {%- set found = language if language in drillbook_words else base if base in drillbook_words else "en" -%}
  {%- set words = drillbook_words[found] -%}
  {{- words[key] if key in words else drillbook_words["en"][key] -}}
{%- endmacro %}
"""


def theme_partial() -> str:
    """The partial's text: every shipped language's `theme` messages, English first."""
    languages = [ENGLISH, *(language for language in SHIPPED if language != ENGLISH)]
    words = {
        language: {
            key: value
            for key, value in read_catalogue(LOCALES / f"{language}.yml").items()
            if key.startswith(SECTION)
        }
        for language in languages
    }
    table = json.dumps(words, ensure_ascii=False, indent=2)
    return f"{_HEADER}{{% set drillbook_words = {table} %}}\n{_MACRO}"


if __name__ == "__main__":
    PARTIAL.write_text(theme_partial(), "utf-8")
    print(f"wrote {PARTIAL}")
