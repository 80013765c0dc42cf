"""The words Drillbook writes, in the language of the site: one message catalogue per
language (`locales/<language>.yml`, or a coach's own file), plural forms and numbers by
Babel's locale data (the CLDR), which Material for MkDocs already depends on. Drillbook
prints no date of its own; the pick page's example date line is a message of each language."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal
from markupsafe import Markup

from .errors import DrillbookError

LOCALES = Path(__file__).parent / "locales"
SHIPPED = tuple(sorted(path.stem for path in LOCALES.glob("*.yml")))
ENGLISH = "en"
_FIELD = re.compile(r"\{(\w+)\}")
_RANGE = re.compile(r"^(\d+)-(\d+)$")


class Words:
    """One language's catalogue: `words("common.bodyweight")`, `words("common.steps", count=3)`.
    A key the catalogue lacks takes the English entry (`missing` lists them)."""

    def __init__(
        self, language: str, messages: dict[str, object], english: Words | None = None, *, fallback=False
    ):
        self.language = language
        self.fallback = fallback
        self.messages = messages
        self.english = english
        self.locale = _locale(ENGLISH if fallback else language)
        self.missing = sorted(english.messages.keys() - messages.keys()) if english else []
        self._numbers: dict[float | int | str, str] = {}  # a dose's few numbers recur on every page

    def __call__(self, key: str, /, count: int | None = None, **values) -> str:
        entry = self.messages.get(key)
        if entry is None:
            if self.english is None:
                raise KeyError(f"no message `{key}` in the {self.language} catalogue")
            return self.english(key, count, **values)
        if isinstance(entry, dict):
            entry = entry.get(self.locale.plural_form(count), entry["other"])
        if count is not None:
            values["count"] = self.number(count)
        return entry.format_map(values) if values or "{" in entry else entry

    def markdown(self, key: str, /, **values) -> Markup:
        """A message that holds Markdown of the catalogue's own (links, emphasis): the
        catalogue is part of the site's templates, so it is not escaped."""
        return Markup(self(key, **values))

    def number(self, value: float | int | str) -> str:
        """A number as the language writes it; a range "8-12" with an en dash."""
        written = self._numbers.get(value)
        if written is None:
            found = _RANGE.match(value) if isinstance(value, str) else None
            if found:
                written = f"{self.number(int(found[1]))}–{self.number(int(found[2]))}"
            else:
                written = value if isinstance(value, str) else format_decimal(value, locale=self.locale)
            self._numbers[value] = written
        return written

    def fields(self, key: str) -> set[str]:
        """The `{placeholders}` of one message, in every plural form."""
        entry = self.messages[key]
        texts = entry.values() if isinstance(entry, dict) else [entry]
        return {name for text in texts for name in _FIELD.findall(text)}


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(ENGLISH)


def read_catalogue(path: Path) -> dict[str, object]:
    """A catalogue file as flat keys: `card: {watch_for: …}` is `card.watch_for`; a mapping
    whose keys are plural categories (`one`, `other`, …) is one message."""
    try:
        tree = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DrillbookError(f"{path}: cannot read the message catalogue: {error}") from None
    if not isinstance(tree, dict):
        raise DrillbookError(f"{path}: a message catalogue is a mapping of keys to messages")
    flat: dict[str, object] = {}

    def walk(prefix: str, node: dict) -> None:
        for name, value in node.items():
            key = f"{prefix}{name}"
            if isinstance(value, dict) and "other" not in value:
                walk(f"{key}.", value)
            else:
                flat[key] = value if isinstance(value, dict) else str(value)

    walk("", tree)
    return flat


def catalogue_language(language: str) -> str | None:
    """The shipped catalogue for `language` ("de", "de-CH" → "de"), or None."""
    for candidate in (language, language.split("-")[0].split("_")[0]):
        if candidate in SHIPPED:
            return candidate
    return None


@functools.cache
def words_for(language: str = ENGLISH, catalogue: Path | None = None) -> Words:
    """The words of `language`: a coach's own `catalogue` file, else the shipped one, else
    English (`fallback_note` says so)."""
    if language == ENGLISH and catalogue is None:
        return Words(ENGLISH, read_catalogue(LOCALES / f"{ENGLISH}.yml"))
    english = words_for(ENGLISH)  # read once, whatever the other languages
    if catalogue is not None:
        return Words(language, read_catalogue(catalogue), english)
    shipped = catalogue_language(language)
    if shipped is None:
        return Words(language, english.messages, fallback=True)
    if shipped == ENGLISH:
        return english
    return Words(language, read_catalogue(LOCALES / f"{shipped}.yml"), english)


def fallback_note(words: Words) -> str | None:
    """One line for the build log when the site's language is not (all) in its catalogue."""
    if words.fallback:
        return (
            f"drillbook: no message catalogue for language '{words.language}' (shipped: "
            f"{', '.join(SHIPPED)}); Drillbook's own words stay English. Give the drillbook plugin "
            "a `catalogue:` file (a copy of its locales/en.yml, translated), or `language: en`."
        )
    if words.missing:
        return (
            f"drillbook: the '{words.language}' catalogue lacks {len(words.missing)} messages, shown "
            f"in English: {', '.join(words.missing[:5])}{', …' if len(words.missing) > 5 else ''}"
        )
    return None
