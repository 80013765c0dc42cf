"""The message catalogues: every key the templates and the code use is in English, and every
shipped language has every English key with the same placeholders and its plural forms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel import Locale

from drillbook.i18n import ENGLISH, LOCALES, SHIPPED, fallback_note, read_catalogue, words_for

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
THEME = Path(__file__).resolve().parent.parent / "overrides"
# `t("key")` in a template (not Material's `lang.t`), `words("key")` in the code; a key built at
# run time (`"common.level." ~ level`, f"common.level.{level}") is checked by its prefix.
USES = re.compile(r"""(?:(?<![\w.])t|\bwords)(?:\.markdown)?\(\s*f?["']([a-z0-9_.]+)""")


def used_keys() -> set[str]:
    files = [*GENERATOR.glob("*.py"), *GENERATOR.glob("templates/*"), *THEME.rglob("*.html")]
    files += [GENERATOR / "starter" / "mkdocs.yml", GENERATOR / "starter" / "docs" / "index.md"]
    return {key for path in files for key in USES.findall(path.read_text("utf-8"))}


def test_the_languages_shipped():
    assert set(SHIPPED) == {"en", "de", "es", "fr"}


def test_every_key_the_code_uses_is_in_english():
    english = read_catalogue(LOCALES / "en.yml")
    missing = [
        key
        for key in sorted(used_keys())
        if key not in english and not (key.endswith(".") and any(k.startswith(key) for k in english))
    ]
    assert not missing, missing


@pytest.mark.parametrize("language", [language for language in SHIPPED if language != ENGLISH])
def test_a_shipped_catalogue_has_every_english_key(language):
    english = words_for(ENGLISH)
    words = words_for(language)
    assert not words.missing, f"{language} lacks {words.missing}"
    extra = sorted(words.messages.keys() - english.messages.keys())
    assert not extra, f"{language} has keys English lacks: {extra}"
    for key in english.messages:
        assert words.fields(key) == english.fields(key), f"{language} {key}: placeholders differ"


@pytest.mark.parametrize("language", SHIPPED)
def test_plural_messages_have_the_languages_forms(language):
    """A message with plural forms has `other` and every category the language uses for
    small counts (one, and few for the languages that have it)."""
    words = words_for(language)
    needed = {Locale.parse(language).plural_form(n) for n in range(0, 200)}
    for key, entry in words.messages.items():
        if isinstance(entry, dict):
            assert needed <= entry.keys(), f"{language} {key}: has {sorted(entry)}, needs {sorted(needed)}"


def test_plural_and_numbers_follow_the_language():
    assert words_for("en")("common.steps", count=1) == "1 step"
    assert words_for("en")("common.steps", count=3) == "3 steps"
    assert words_for("de")("common.steps", count=1) == "1 Stufe"
    assert words_for("fr")("common.steps", count=0) == "0 étape"  # French: 0 and 1 are singular
    assert words_for("de").number(1234.5) == "1.234,5"
    assert words_for("fr").number("12-15") == "12–15"


def test_a_language_not_shipped_falls_back_to_english_with_a_note():
    words = words_for("it")
    assert words("common.steps", count=2) == "2 steps"
    note = fallback_note(words)
    assert note and "'it'" in note and "English" in note
    assert fallback_note(words_for("de")) is None
    assert words_for("de-CH")("common.bodyweight") == "Eigengewicht"


def test_a_list_of_equipment_keeps_german_capitals():
    from types import SimpleNamespace

    from drillbook.views import equipment_label

    kit = SimpleNamespace(equipment=["Langhantel", "Kurzhantel"], equipment_mode="any")
    assert equipment_label(kit, words_for("de")) == "Langhantel oder Kurzhantel"
    english = SimpleNamespace(equipment=["Barbell", "Dumbbell"], equipment_mode="any")
    assert equipment_label(english, words_for("en")) == "Barbell or dumbbell"
