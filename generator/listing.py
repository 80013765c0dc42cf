"""Long lists split into pages. A page that lists more than LISTING_LIMIT entries becomes an
index of shorter pages: the exercise index and the list of cards one page per initial
(`exercises/by-letter/b.md`), a browse page one page per group (`browse/muscles/hamstrings.md`),
the sources page one page per source. A library of a few hundred exercises keeps every list
on one page."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .i18n import Words

# Links a list page holds before it is split: on a phone, a longer list is more scrolling
# than finding, and every rename in `drillbook serve` rebuilt each whole list.
LISTING_LIMIT = 200
LETTER_FOLDER = "by-letter"
OTHER_INITIAL = "#"
# Where every run, a live edit's too, renders each page: a part no longer made is removed.
RENDERED_WHOLE = ("browse/", f"exercises/{LETTER_FOLDER}/", f"cards/{LETTER_FOLDER}/")
Entry = TypeVar("Entry")


@dataclass(frozen=True)
class Initial:
    """A letter in the row of initials: its Markdown link (none on its own page), and how
    many entries it holds."""

    letter: str
    link: str | None
    count: int


@dataclass(frozen=True)
class ListPage(Generic[Entry]):
    """One page of a list: its path under docs/, its title, the entries it shows, the row of
    initials (empty when the list is not split), and the link up to the list's index."""

    path: str
    title: str
    entries: list[Entry]
    initials: list[Initial] = field(default_factory=list)
    up: str | None = None


def initial(name: str) -> str:
    """A name's first letter as a capital without accent; OTHER_INITIAL for anything else."""
    first = unicodedata.normalize("NFKD", name.strip()[:1].upper())[:1]
    return first if "A" <= first <= "Z" else OTHER_INITIAL


def letter_pages(
    folder: str, title: str, entries: list[Entry], name_of: Callable[[Entry], str], words: Words
) -> list[ListPage[Entry]]:
    """The list of `entries` (in their order) as `folder/index.md`; with more than
    LISTING_LIMIT, that page shows only the initials, and each initial's entries have a page."""
    index = f"{folder}/index.md"
    if len(entries) <= LISTING_LIMIT:
        return [ListPage(index, title, entries)]
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(initial(name_of(entry)), []).append(entry)
    letters = sorted(groups, key=lambda letter: (letter == OTHER_INITIAL, letter))

    def row(current: str | None) -> list[Initial]:
        """The initials as the page of `current` (None: the index) links them."""
        folder_link = "" if current else f"{LETTER_FOLDER}/"
        return [
            Initial(
                letter,
                None if letter == current else f"{folder_link}{_letter_slug(letter)}.md",
                len(groups[letter]),
            )
            for letter in letters
        ]

    return [
        ListPage(index, title, [], row(None)),
        *(
            ListPage(
                f"{folder}/{LETTER_FOLDER}/{_letter_slug(letter)}.md",
                words("pages.listing.part_title", title=title, part=letter),
                groups[letter],
                row(letter),
                "../index.md",
            )
            for letter in letters
        ),
    ]


def _letter_slug(letter: str) -> str:
    return "other" if letter == OTHER_INITIAL else letter.lower()


def split_groups(groups: list[tuple[object, list]]) -> bool:
    """Whether a page listing `groups` (a browse page, the sources) is split into a page per group."""
    return sum(len(entries) for _, entries in groups) > LISTING_LIMIT


def group_slugs(names: list[str]) -> dict[str, str]:
    """A file name for each group: lowercase ASCII words joined by hyphens ('1 · Beginner' is
    `1-beginner`), numbered where two names give the same one."""
    slugs: dict[str, str] = {}
    taken = {"index"}  # `browse/muscles/index.md` would be built where `browse/muscles.md` is
    for name in names:
        ascii_name = unicodedata.normalize("NFKD", name.replace("ß", "ss")).encode("ascii", "ignore").decode()
        base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "group"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        slugs[name] = slug
    return slugs
