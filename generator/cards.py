"""Printable pages under `cards/`: one card per exercise, one poster per ladder, an index.

Everything that decides whether a card fits on one printed page is here, not in CSS:
how many cues and faults a card holds and how long each line may be. The limits are
chosen so that a record at the schema's longest allowed lengths still prints on one
A4 or US Letter page (tests/browser/test_print.py proves it). A label the card prints in
the site's language ("Fix:", "Besser:") is measured with the text it introduces."""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from markupsafe import Markup

from .decks import ALL_CARDS
from .figures import HEIGHT as FIGURE_HEIGHT
from .figures import WIDTH as FIGURE_WIDTH
from .figures import FittedFigure
from .i18n import Words
from .library import Library
from .listing import letter_pages
from .model import LIMITS, Exercise, Menu
from .pick import render_pick_page
from .qr import qr_svg
from .render import Hrefs, make_environment
from .scope import EVERY_RECORD, Scope
from .views import (
    ExerciseView,
    LadderView,
    MediaView,
    SiteNames,
    Views,
    by_name,
    credit_line,
    exercises_in_order,
)
from .write import Outputs

log = logging.getLogger("mkdocs.plugins.drillbook")

ELLIPSIS = "…"

# The printable area shared by A4 and US Letter, portrait, inside the 12 mm margins that
# card.css sets: A4's width and Letter's height.
PAGE_WIDTH_MM = 210 - 2 * 12
# Advance widths (em) of DejaVu Sans Bold, the widest face card.css asks for, so any text
# measured with them is at least as wide as printed; other characters count as wider still.
_ASCII = "".join(chr(code) for code in range(32, 127))
_WIDTHS = dict(
    zip(
        _ASCII,
        (
            0.348,
            0.456,
            0.521,
            0.838,
            0.696,
            1.002,
            0.872,
            0.306,
            0.457,
            0.457,
            0.523,
            0.838,
            0.38,
            0.415,
            0.38,
            0.365,
            *[0.696] * 10,
            0.4,
            0.4,
            0.838,
            0.838,
            0.838,
            0.58,
            1.0,
            0.774,
            0.762,
            0.734,
            0.83,
            0.683,
            0.683,
            0.821,
            0.837,
            0.372,
            0.372,
            0.775,
            0.637,
            0.995,
            0.837,
            0.85,
            0.733,
            0.85,
            0.77,
            0.72,
            0.682,
            0.812,
            0.774,
            1.103,
            0.771,
            0.724,
            0.725,
            0.457,
            0.365,
            0.457,
            0.838,
            0.5,
            0.5,
            0.675,
            0.716,
            0.593,
            0.716,
            0.678,
            0.435,
            0.716,
            0.712,
            0.343,
            0.343,
            0.665,
            0.343,
            1.042,
            0.712,
            0.687,
            0.716,
            0.716,
            0.493,
            0.595,
            0.478,
            0.712,
            0.652,
            0.924,
            0.645,
            0.652,
            0.582,
            0.712,
            0.365,
            0.712,
            0.838,
        ),
        strict=True,
    )
)
# Beyond ASCII: the letters and marks the shipped languages print, as wide as DejaVu Sans
# Bold draws them; an accented letter is as wide as its letter ("é" as "e"). Any other
# character counts as wider than the widest letter.
_LATIN_WIDTHS = {
    "\u00a0": 0.348,  # no-break space
    "\u202f": 0.348,  # narrow no-break space, counted as wide as a space
    "’": 0.38,
    "«": 0.646,
    "»": 0.646,
    "¿": 0.58,
    "¡": 0.456,
    "ß": 0.719,
    "æ": 1.048,
    "Æ": 1.085,
    "œ": 1.094,
    "Œ": 1.167,
}
_OTHER_WIDTH = 1.25
# card.css's letter-spacing of the headings it shows in capitals, in ems.
_CAPS_TRACKING = 0.04
_MM_PER_PT = 25.4 / 72
# Where a line may break: at a space, never at a no-break space (French sets one before a
# colon, as in "Correction :"), which a browser keeps with the words either side.
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")

# What one card holds: the first cues and faults as the author ordered them, each part in
# at most so many lines of a box so wide at a font size (the same sizes as card.css).
CARD_CUES = LIMITS["card_cues"]
CARD_FAULTS = 3
CUE_LINES_EACH = 3
CUE_LINES_TOTAL = 10


@dataclass(frozen=True)
class Box:
    """A part of a printed card: `lines` lines of `width_mm` at `size_pt`, each line
    `leading` times the font size tall (CSS line-height)."""

    width_mm: float
    size_pt: float
    lines: int
    caps: bool = False
    leading: float = 1.25

    @property
    def em(self) -> float:
        """Line width in ems, less 3 % for rounding in the browser."""
        return self.width_mm / (self.size_pt * _MM_PER_PT) * 0.97

    def fit(self, text: str, lines: int | None = None, prefix: str = "") -> str:
        """`text` shortened so that `prefix` + `text` takes at most `lines` lines."""
        fitted = fit(prefix + collapse(text), self.em, lines or self.lines, self.caps)
        # A word too long to start beside the prefix is cut to nothing: keep the ellipsis.
        return fitted[len(prefix) :] if len(fitted) > len(prefix) else ELLIPSIS

    def lines_of(self, text: str) -> int:
        return len(wrap(text, self.em, self.caps))

    @property
    def line_mm(self) -> float:
        return self.size_pt * self.leading * _MM_PER_PT

    def height_mm(self, text: str, prefix: str = "") -> float:
        """The height `prefix` + `text` takes, as printed."""
        return self.lines_of(prefix + text) * self.line_mm


QR_MM = 32
# The key position's figure, cut to its drawing (figures.fitted_pose_svg), takes the height
# the card's text leaves free on the shorter paper (US Letter), so it reads from two metres:
# beside the cues, at most FIGURE_MAX_MM wide so that they stay whole, or, for a wide drawing
# (a bridge, a single-leg hinge) when that makes it taller, under them across the page.
# FIGURE_MM is the narrowest column beside the cues; a figure is never taller than
# FIGURE_MAX_HEIGHT_MM, and FIGURE_SPARE_MM of the page is left for rounding in the browser.
# On the shipped cards a 10 cm thigh prints at least 4.7 mm thick, 8 arc minutes at 2 m.
FIGURE_MM = 66
FIGURE_MAX_MM = 96
FIGURE_MAX_HEIGHT_MM = 160
FIGURE_SPARE_MM = 3
FIGURE_GAP_MM = 6  # between the cues and the figure (card.css)
HEADING_MM = PAGE_WIDTH_MM - QR_MM - 6
# The photo marked for the card sits in the heading beside the QR code, as tall as it
# (card.css), and takes the figure's place: the cues then have the whole width.
PHOTO_MM = 44
HEADING_BY_PHOTO_MM = PAGE_WIDTH_MM - QR_MM - PHOTO_MM - 12
CARD = {
    "title": Box(HEADING_MM, 28, 2),
    "title_by_photo": Box(HEADING_BY_PHOTO_MM, 28, 2),
    "equipment": Box(HEADING_MM, 12, 1),
    "equipment_by_photo": Box(HEADING_BY_PHOTO_MM, 12, 1),
    "photo_credit": Box(PHOTO_MM, 6.5, 1),
    "cue": Box(PAGE_WIDTH_MM - 11, 17, CUE_LINES_EACH),
    "fault": Box(PAGE_WIDTH_MM, 12, 1),
    "fix": Box(PAGE_WIDTH_MM, 12, 2),
    "ladder": Box(PAGE_WIDTH_MM - 7, 12, 1, caps=True),
    "step": Box(PAGE_WIDTH_MM - 7, 12, 1),
    "move_on": Box(PAGE_WIDTH_MM - 7, 12, 2),
    "step_back": Box(PAGE_WIDTH_MM - 7, 12, 2),
    "credit": Box(PAGE_WIDTH_MM, 9, 1),
}
POSTER = {
    "title": Box(PAGE_WIDTH_MM - QR_MM - 6, 28, 2),
    "goal": Box(PAGE_WIDTH_MM - QR_MM - 6, 12, 2),
}
# Height left for a poster's steps under its heading, and the most lines a criterion takes.
POSTER_STEPS_MM = 200
POSTER_MOVE_ON_LINES = 6


@functools.cache
def char_width(char: str) -> float:
    """The width of one character in ems, never less than printed (see _WIDTHS)."""
    if char in _WIDTHS:
        return _WIDTHS[char]
    letter = unicodedata.normalize("NFD", char)[0]
    if letter != char and letter.isalpha() and letter in _WIDTHS:
        return _WIDTHS[letter]
    return _LATIN_WIDTHS.get(char, _OTHER_WIDTH)


@functools.lru_cache(maxsize=1 << 16)
def text_width(text: str, caps: bool = False) -> float:
    """Width of `text` in ems, never less than printed; `caps` for text that CSS shows in
    capitals, letter-spaced ("ß" is printed "SS")."""
    if caps:
        return sum(
            max(char_width(char), sum(char_width(upper) for upper in char.upper()))
            + _CAPS_TRACKING * len(char.upper())
            for char in text
        )
    return sum(char_width(char) for char in text)


def words_of(text: str) -> list[str]:
    """`text` split where a line may break (see _SPACES)."""
    return [word for word in _SPACES.split(text) if word]


def collapse(text: str) -> str:
    """`text` with each run of spaces and line breaks as one space, as printed."""
    return " ".join(words_of(text))


def wrap(text: str, em: float, caps: bool = False) -> list[str]:
    """Greedy line breaking at spaces only, as narrow as the browser's or narrower; a word
    longer than a line is broken anywhere, as `overflow-wrap: anywhere` does."""
    lines: list[str] = []
    line, width = "", 0.0
    space = text_width(" ", caps)
    for word in words_of(text):
        while text_width(word, caps) > em:
            if line:
                lines.append(line)
                line, width = "", 0.0
            cut = len(word)
            while cut > 1 and text_width(word[:cut], caps) > em:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        word_width = text_width(word, caps)
        if not line:
            line, width = word, word_width
        elif width + space + word_width <= em:
            line, width = f"{line} {word}", width + space + word_width
        else:
            lines.append(line)
            line, width = word, word_width
    if line:
        lines.append(line)
    return lines


def fit(text: str, em: float, lines: int, caps: bool = False) -> str:
    """`text` as it is if it wraps into `lines` lines of `em` ems; else cut at a word
    boundary so that it does, ending in an ellipsis."""
    text = collapse(text)
    wrapped = wrap(text, em, caps)
    if len(wrapped) <= lines:
        return text
    kept = wrapped[:lines]
    last = kept[-1].split(" ")
    while len(last) > 1 and text_width(" ".join(last) + ELLIPSIS, caps) > em:
        last.pop()
    tail = " ".join(last)
    while text_width(tail + ELLIPSIS, caps) > em:
        tail = tail[:-1]
    return " ".join([*kept[:-1], tail.rstrip(" ,;:.–-")]) + ELLIPSIS


def fit_cues(
    cues: Sequence[str],
    box: Box = CARD["cue"],
    count: int = CARD_CUES,
    lines_each: int = CUE_LINES_EACH,
    lines_total: int = CUE_LINES_TOTAL,
) -> list[str]:
    """The first `count` cues, together in at most `lines_total` lines of `box`, each in at
    most `lines_each`, leaving at least one line for every cue after it."""
    kept = cues[:count]
    fitted = []
    left = lines_total
    for index, cue in enumerate(kept):
        allowed = min(lines_each, left - (len(kept) - index - 1))
        text = box.fit(cue, allowed)
        fitted.append(text)
        left -= box.lines_of(text)
    return fitted


@dataclass(frozen=True)
class CardLabels:
    """The words a card, station card or poster prints in front of a text it fits, in the
    site's language, each with the space after it: the string fitted is the string printed."""

    equipment: str
    fix: str
    previous: str
    next: str
    step_back: str
    source: str
    goal: str


@functools.cache
def card_labels(words: Words) -> CardLabels:
    return CardLabels(
        equipment=words("card.equipment") + " ",
        fix=words("card.fix") + " ",
        previous=words("card.previous") + " ",
        next=words("card.next") + " ",
        step_back=words("common.step_back_when") + " ",
        source=words("card.source") + " ",
        goal=words("card.goal") + " ",
    )


@dataclass(frozen=True)
class CardFault:
    name: str
    fix: str
    id: str


@dataclass(frozen=True)
class CardFigure:
    """The key figure as a card prints it: `width_mm` by `height_mm`, beside the cues or,
    when `under`, under them."""

    svg: Markup
    width_mm: float
    height_mm: float
    under: bool = False

    @property
    def width(self) -> Markup:
        """The width as a CSS length, for card.css."""
        return Markup(f"{self.width_mm:.1f}mm")

    @property
    def height(self) -> Markup:
        return Markup(f"{self.height_mm:.1f}mm")


@dataclass(frozen=True)
class Card:
    """The ready-to-print text of one exercise card."""

    exercise: Exercise
    labels: CardLabels
    title: str
    level: str
    equipment: str
    dose: str
    dose_origin: str
    cues: list[str]
    faults: list[CardFault]
    ladder: str | None
    step: str | None
    previous: str | None
    next: str | None
    move_on_label: str | None
    move_on: str | None
    step_back: str | None
    credit: str
    url: str | None
    qr: Markup | None
    figure: CardFigure | None
    photo: MediaView | None = None
    photo_credit: str | None = None

    @property
    def cue_box(self) -> Box:
        """The box the cues are fitted to: the page's width less the figure beside them."""
        if self.figure is None or self.figure.under:
            return CARD["cue"]
        return _cue_box(self.figure.width_mm)

    @property
    def cues_mm(self) -> float:
        """The height of the cues' column: its heading and each cue with the space under it."""
        if not self.cues:
            return 0.0
        return CARD_SPACE["heading"] + sum(
            self.cue_box.height_mm(cue) + CARD_SPACE["cue"] for cue in self.cues
        )

    @property
    def lead_mm(self) -> float:
        """The height of the cues and the figure, beside or one above the other."""
        figure = self.figure.height_mm if self.figure else 0.0
        if self.figure and self.figure.under:
            return self.cues_mm + (FIGURE_GAP_MM if self.cues else 0) + figure
        return max(self.cues_mm, figure)

    @property
    def height_mm(self) -> float:
        """The height of the card as card.css lays it out, at most PAGE_HEIGHT_MM."""
        space = CARD_SPACE
        heading = (
            CARD["title"].height_mm(self.title)
            if not self.photo
            else CARD["title_by_photo"].height_mm(self.title)
        )
        meta = CARD["equipment"]
        heading += space["meta"] + meta.height_mm(f"{self.level} · {self.dose} ({self.dose_origin})")
        heading += meta.height_mm(self.equipment, self.labels.equipment)
        height = max(heading, QR_MM) + space["head"]
        if self.cues or self.figure:
            height += space["section"] + self.lead_mm
        if self.faults:
            height += space["section"] + space["heading"]
            height += sum(
                space["fault"]
                + CARD["fault"].height_mm(fault.name)
                + space["fix"]
                + CARD["fix"].height_mm(fault.fix, self.labels.fix)
                for fault in self.faults
            )
        if self.ladder:
            line = CARD["step"].line_mm
            height += space["section"] + space["ladder"] + space["heading"] + 2 * line
            height += CARD["move_on"].height_mm(self.move_on or "", f"{self.move_on_label} ")
            if self.step_back:
                height += CARD["step_back"].height_mm(self.step_back, self.labels.step_back)
        credit = CARD["credit"].line_mm * (2 if self.url else 1)
        return height + space["credit"] + credit


# card.css's fixed space (mm): under the title, under the head (padding and a 1.5pt rule),
# above each section, under a section's heading (with its line), under each cue, above each
# fault and its fix, inside the ladder's box (padding and 1pt border) and above the credit
# (margin, padding and a 0.75pt rule).
CARD_SPACE = {
    "meta": 2.5,
    "head": 3 + 1.5 * _MM_PER_PT,
    "section": 4,
    "heading": 1.5 + 12 * 1.25 * _MM_PER_PT,
    "cue": 2.2,
    "fault": 2,
    "fix": 0.5,
    "ladder": 5 + 2 * _MM_PER_PT,
    "credit": 6 + 0.75 * _MM_PER_PT,
}


def place_figure(card: Card, cues: list[str], fitted: FittedFigure) -> Card:
    """`card` with its key figure as large as the page leaves room for: under the cues, or
    beside them in a column at most as wide as cuts no cue the full width keeps whole
    (FIGURE_MM to FIGURE_MAX_MM), whichever draws it taller. The cues beside it are fitted
    to the width the figure leaves them."""
    lead = PAGE_HEIGHT_MM - FIGURE_SPARE_MM - (card.height_mm - card.lead_mm)
    under = min(lead - card.cues_mm - FIGURE_GAP_MM, FIGURE_MAX_HEIGHT_MM, PAGE_WIDTH_MM / fitted.aspect)
    beside = min(lead, FIGURE_MAX_HEIGHT_MM, widest_figure_mm(tuple(cues)) / fitted.aspect)
    if under > beside:
        return replace(card, figure=CardFigure(fitted.svg, under * fitted.aspect, under, under=True))
    width = beside * fitted.aspect
    return replace(card, cues=fit_cues(cues, _cue_box(width)), figure=CardFigure(fitted.svg, width, beside))


@functools.lru_cache(maxsize=1 << 14)
def widest_figure_mm(cues: tuple[str, ...]) -> int:
    """The widest column beside `cues` (FIGURE_MAX_MM down to FIGURE_MM) that cuts none of
    those the full width keeps whole. Kept by the cues: a live rebuild lays out again the
    cards of every record near a save, most of them unchanged."""
    whole = [cue for cue in fit_cues(cues) if not cue.endswith(ELLIPSIS)]
    return next(
        (
            width
            for width in range(FIGURE_MAX_MM, FIGURE_MM, -2)
            if all(cue in fit_cues(cues, _cue_box(width)) for cue in whole)
        ),
        FIGURE_MM,
    )


def _cue_box(figure_mm: float) -> Box:
    """The cues' box beside a figure `figure_mm` wide."""
    return replace(CARD["cue"], width_mm=PAGE_WIDTH_MM - figure_mm - FIGURE_GAP_MM - 11)


def card_credit(view: ExerciseView, words: Words) -> str:
    """The sources on the card's one credit line: all of them when they fit, else as many as
    fit whole and how many more the page names."""
    box, sources, label = CARD["credit"], view.sources, card_labels(words).source
    for shown in range(len(sources), 0, -1):
        more = len(sources) - shown
        text = credit_line(sources[:shown])
        if more:
            text = words("card.more_sources", count=more, sources=text)
        if box.lines_of(label + text) <= box.lines:
            return text
    return box.fit(view.credit, prefix=label)


def page_url(site_url: str | None, names: SiteNames, kind: str, record_id: str) -> str | None:
    """The absolute URL of a record's page, which a card's QR code holds (None without
    `site_url`)."""
    return f"{site_url.rstrip('/')}/{names.record_url(kind, record_id)}" if site_url else None


def card_faults(view: ExerciseView, boxes: dict[str, Box], count: int, labels: CardLabels) -> list[CardFault]:
    """The first `count` faults with the fix the exercise shows (`view.checks`), fitted to
    the `fault` and `fix` boxes of a card or station card."""
    return [
        CardFault(
            boxes["fault"].fit(check.fault.name),
            boxes["fix"].fit(check.fix.text, prefix=labels.fix),
            check.fault.id,
        )
        for check in view.checks[:count]
    ]


def make_card(view: ExerciseView, url: str | None, words: Words) -> Card:
    """The card of an exercise in the language of `words`, with a QR code to `url` (its
    page's, see page_url). On a ladder, its first: the step, its neighbours (or that there is
    none) and when to move on or step back."""
    exercise = view.exercise
    labels = card_labels(words)
    main = view.places[0] if view.places else None
    step = words("card.step_of", number=main.step.number, count=main.count) if main else None
    photo = view.card_photo
    beside = "_by_photo" if photo else ""
    cues = [cue.text for cue in exercise.card_cues]
    card = Card(
        exercise=exercise,
        labels=labels,
        title=CARD[f"title{beside}"].fit(exercise.name),
        level=words("card.level", level=view.level),
        equipment=CARD[f"equipment{beside}"].fit(view.equipment, prefix=labels.equipment),
        dose=view.doses[0].amount if view.doses else "",
        dose_origin=view.doses[0].origin if view.doses else "",
        cues=fit_cues(cues),
        faults=card_faults(view, CARD, CARD_FAULTS, labels),
        ladder=CARD["ladder"].fit(main.ladder.name, prefix=f"{step} · ") if main else None,
        step=step,
        previous=CARD["step"].fit(
            main.previous.name if main.previous else words("card.no_previous"), prefix=labels.previous
        )
        if main
        else None,
        next=CARD["step"].fit(main.next.name if main.next else words("card.no_next"), prefix=labels.next)
        if main
        else None,
        move_on_label=main.step.move_on_label if main else None,
        move_on=CARD["move_on"].fit(main.step.move_on, prefix=f"{main.step.move_on_label} ")
        if main
        else None,
        step_back=CARD["step_back"].fit(main.step.step_back, prefix=labels.step_back)
        if main and main.step.step_back
        else None,
        credit=card_credit(view, words),
        url=CARD["credit"].fit(url) if url else None,
        qr=qr_svg(url) if url else None,
        figure=None,
        photo=photo,
        photo_credit=CARD["photo_credit"].fit(photo.credit_line) if photo else None,
    )
    fitted = view.key_figure.fitted if view.key_figure and not photo else None
    return place_figure(card, cues, fitted) if fitted else card


# The forms a coach's pick prints (cards/pick/), pre-rendered hidden in every card page
# beside the full card: a half-page station card and a row of a session sheet. As for the
# full card, everything that decides whether they fit is here; card.css holds the same sizes.
# The printable area shared by A4 and Letter (see PAGE_WIDTH_MM): Letter's height.
PAGE_HEIGHT_MM = 279.4 - 2 * 12
# Station cards: two to a sheet, one above the other, each half the page inside card.css's
# 12 mm margins, so that the dashed line between them, where she cuts, is the middle of the
# sheet: A5 landscape on A4 (210 × 148.5 mm), half a Letter sheet (215.9 × 139.7 mm). The
# text is fitted to the smaller half, A4's width and Letter's height (card.css gives a card
# 127.6 mm, 136.4 mm on A4), less STATION_CUT_MM between the text and the cut line.
STATION_WIDTH_MM = PAGE_WIDTH_MM
STATION_CUT_MM = 8
STATION_HEIGHT_MM = 127.6 - STATION_CUT_MM - 0.75 * _MM_PER_PT  # and the dashed line
STATION_GAP_MM = 6  # between the title and the QR code, the cues and the figure, two faults
STATION_QR_MM = 28
# The key figure beside the cues, smaller than the full card's so the faults fit under it
# and the cues keep 18pt: a 10 cm thigh on the 220 cm canvas is 2.3 mm thick.
STATION_FIGURE_MM = 50
STATION_CUES = 3
STATION_FAULTS = 2
STATION_CUE_LINES = 2
_STATION_HEADING_MM = STATION_WIDTH_MM - STATION_QR_MM - STATION_GAP_MM
_STATION_FAULT_MM = (STATION_WIDTH_MM - STATION_GAP_MM) / STATION_FAULTS
STATION = {
    "title": Box(_STATION_HEADING_MM, 28, 2, leading=1.1),
    "dose": Box(_STATION_HEADING_MM, 13, 1),
    "cue": Box(STATION_WIDTH_MM - 11, 18, STATION_CUE_LINES, leading=1.2),
    "cue_by_figure": Box(
        STATION_WIDTH_MM - STATION_FIGURE_MM - STATION_GAP_MM - 11, 18, STATION_CUE_LINES, leading=1.2
    ),
    "faults_heading": Box(STATION_WIDTH_MM, 10, 1, caps=True),
    "fault": Box(_STATION_FAULT_MM, 12, 1),
    "fix": Box(_STATION_FAULT_MM, 12, 2),
}
# card.css's fixed space (mm) under the title, under the head (padding and a 1.5pt rule),
# above the cues, under each cue, above the faults, under their heading and above a fix.
STATION_SPACE = {
    "dose": 1.5,
    "head": 2.5 + 1.5 * _MM_PER_PT,
    "lead": 3,
    "cue": 2.2,
    "faults": 3,
    "faults_heading": 1,
    "fix": 0.5,
}

# The session sheet: a head (title and date line) and six rows on a page inside the 12 mm
# margins, A4's width and Letter's height. Each row is as tall whatever it holds.
SHEET_ROWS = 6
SHEET_HEAD_MM = 18
SHEET_ROW_MM = 38.5
SHEET_ROW_PADDING_MM = 1.2  # top and bottom
SHEET_GAP_MM = 5  # between the figure, the text and the QR code
SHEET_FIGURE_MM = 32
SHEET_QR_MM = 26  # a phone reads 18 mm from arm's length
SHEET_CUES = 2
SHEET_CUE_LINES = 2
_SHEET_TEXT_MM = PAGE_WIDTH_MM - SHEET_FIGURE_MM - SHEET_QR_MM - 2 * SHEET_GAP_MM
SHEET = {
    "name": Box(_SHEET_TEXT_MM, 16, 1, leading=1.2),
    "dose": Box(_SHEET_TEXT_MM, 11, 1),
    "cue": Box(_SHEET_TEXT_MM - 6, 12, SHEET_CUE_LINES, leading=1.15),
}
# card.css's fixed space (mm) under the name, under the dose line and under each cue.
SHEET_SPACE = {"name": 1, "dose": 1.5, "cue": 0.8}


def figure_height_mm(width_mm: float) -> float:
    """The height of a key figure drawn `width_mm` wide (figures.py's canvas)."""
    return width_mm * FIGURE_HEIGHT / FIGURE_WIDTH


def fitted_dose(view: ExerciseView, box: Box) -> tuple[str, str]:
    """The first dose and its origin, the origin cut so that 'amount (origin)' takes one line
    of `box` (the parentheses are counted in the prefix); empty when there is no dose."""
    if not view.doses:
        return "", ""
    dose = view.doses[0]
    return dose.amount, box.fit(dose.origin, prefix=f"{dose.amount} () ")


@dataclass(frozen=True)
class StationCard:
    """The ready-to-print text of one half-page station card."""

    id: str
    labels: CardLabels
    title: str
    dose: str
    dose_origin: str
    cues: list[str]
    faults: list[CardFault]
    url: str | None
    qr: Markup | None
    figure: Markup | None

    @property
    def height_mm(self) -> float:
        """The height of its content as card.css lays it out; at most STATION_HEIGHT_MM."""
        space = STATION_SPACE
        heading = STATION["title"].height_mm(self.title)
        if self.dose:
            heading += space["dose"] + STATION["dose"].height_mm(self.dose_origin, f"{self.dose} () ")
        head = max(heading, STATION_QR_MM if self.qr else 0) + space["head"]
        cue_box = STATION["cue_by_figure" if self.figure else "cue"]
        cues = sum(cue_box.height_mm(cue) + space["cue"] for cue in self.cues)
        figure = figure_height_mm(STATION_FIGURE_MM) if self.figure else 0
        lead = space["lead"] + max(cues, figure) if self.cues or self.figure else 0
        faults = 0.0
        if self.faults:
            tallest = max(
                STATION["fault"].height_mm(fault.name)
                + space["fix"]
                + STATION["fix"].height_mm(fault.fix, self.labels.fix)
                for fault in self.faults
            )
            heading = STATION["faults_heading"].line_mm + space["faults_heading"]
            faults = space["faults"] + heading + tallest
        return head + lead + faults


def make_station(view: ExerciseView, url: str | None, words: Words) -> StationCard:
    """The station card of an exercise: its name, key figure, first three cues, first two
    faults with the fix the full card shows, first dose and a QR code to its page's `url`."""
    exercise = view.exercise
    labels = card_labels(words)
    figure = view.key_figure.svg if view.key_figure else None
    dose, dose_origin = fitted_dose(view, STATION["dose"])
    return StationCard(
        id=exercise.id,
        labels=labels,
        title=STATION["title"].fit(exercise.name),
        dose=dose,
        dose_origin=dose_origin,
        cues=fit_cues(
            [cue.text for cue in exercise.card_cues],
            STATION["cue_by_figure" if figure else "cue"],
            STATION_CUES,
            STATION_CUE_LINES,
            STATION_CUES * STATION_CUE_LINES,
        ),
        faults=card_faults(view, STATION, STATION_FAULTS, labels),
        url=url,
        qr=qr_svg(url) if url else None,
        figure=figure,
    )


@dataclass(frozen=True)
class SheetRow:
    """The ready-to-print text of an exercise's row on a session sheet."""

    id: str
    name: str
    dose: str
    dose_origin: str
    cues: list[str]
    url: str | None
    qr: Markup | None
    figure: Markup | None

    @property
    def height_mm(self) -> float:
        """The height of its content as card.css lays it out; at most SHEET_ROW_MM less its
        padding."""
        space = SHEET_SPACE
        text = SHEET["name"].height_mm(self.name) + space["name"]
        if self.dose:
            text += SHEET["dose"].height_mm(self.dose_origin, f"{self.dose} () ") + space["dose"]
        text += sum(SHEET["cue"].height_mm(cue) + space["cue"] for cue in self.cues)
        figure = figure_height_mm(SHEET_FIGURE_MM) if self.figure else 0
        return max(text, figure, SHEET_QR_MM if self.qr else 0)


def make_sheet_row(view: ExerciseView, url: str | None) -> SheetRow:
    """An exercise's row on a session sheet: its name, key figure, first dose, first two
    cues and a QR code to its page's `url`."""
    exercise = view.exercise
    dose, dose_origin = fitted_dose(view, SHEET["dose"])
    return SheetRow(
        id=exercise.id,
        name=SHEET["name"].fit(exercise.name),
        dose=dose,
        dose_origin=dose_origin,
        cues=fit_cues(
            [cue.text for cue in exercise.card_cues],
            SHEET["cue"],
            SHEET_CUES,
            SHEET_CUE_LINES,
            SHEET_CUES * SHEET_CUE_LINES,
        ),
        url=url,
        qr=qr_svg(url) if url else None,
        figure=view.key_figure.svg if view.key_figure else None,
    )


@dataclass(frozen=True)
class PosterStep:
    """One numbered entry of a poster: a ladder's step or a menu's option. `rule` is when to
    move on (or to choose it), after the label that introduces it, as printed after the dose:
    when the rule is cut, a label too long for the lines left is cut with it."""

    number: int
    name: str
    dose: str
    rule: str
    figure: Markup | None

    @property
    def prefix(self) -> str:
        return f"{self.dose} · " if self.dose else ""


@dataclass(frozen=True)
class PosterLayout:
    """How a poster's entries share the page: one column in large type, or two."""

    columns: int
    size_pt: float
    gap_mm: float
    css_class: str

    @property
    def line_mm(self) -> float:
        return self.size_pt * 1.25 * _MM_PER_PT

    @property
    def line(self) -> Box:
        """One line of an entry's text, beside the number and the figure (card.css)."""
        column = PAGE_WIDTH_MM - 12 if self.columns == 1 else (PAGE_WIDTH_MM - 6) / 2 - 9
        return Box(column - POSTER_FIGURE_MM - 2, self.size_pt, 1)

    def columns_of(self, entries: list) -> list[list]:
        half = -(-len(entries) // self.columns)
        return [entries[:half], entries[half:]] if half < len(entries) else [entries]

    def shows_whole(self, entries: list[PosterStep]) -> bool:
        """Whether every entry, name and rule uncut, fits POSTER_STEPS_MM in its column."""
        return all(
            sum(
                self.height_mm(self.line.lines_of(step.name) + self.line.lines_of(step.prefix + step.rule))
                for step in column
            )
            <= POSTER_STEPS_MM
            for column in self.columns_of(entries)
        )

    def height_mm(self, lines: int) -> float:
        """An entry's height with its gap: its lines, or its figure if that is taller."""
        return max(POSTER_FIGURE_MM, lines * self.line_mm) + self.gap_mm

    def rule_lines(self, entries: int) -> int:
        """Lines each entry's rule may take so that the longest column fits POSTER_STEPS_MM;
        every entry has one more line for its name."""
        per_column = -(-entries // self.columns)
        lines = (POSTER_STEPS_MM - per_column * self.gap_mm) / self.line_mm / per_column
        return max(1, min(POSTER_MOVE_ON_LINES, int(lines) - 1))


# The poster's layouts, most legible first, with the sizes and spacing of card.css.
POSTER_LAYOUTS = (
    PosterLayout(1, 14, 3, ""),
    PosterLayout(1, 12, 3, "db-poster--small"),
    PosterLayout(2, 10.5, 2, "db-poster--long"),
)
# Each entry's key position, drawn beside its text (card.css .db-poster__figure).
POSTER_FIGURE_MM = 12


def fit_poster(entries: list[PosterStep]) -> tuple[PosterLayout, list[PosterStep]]:
    """The most legible layout that shows every entry whole, or, when none does, the one
    that shows the most, with each name cut to a line and each rule to an equal share."""
    whole = next((layout for layout in POSTER_LAYOUTS if layout.shows_whole(entries)), None)
    if whole:
        return whole, entries
    layout = POSTER_LAYOUTS[-1]
    line, lines = layout.line, layout.rule_lines(len(entries))
    fitted = [
        replace(step, name=line.fit(step.name), rule=line.fit(step.rule, lines, prefix=step.prefix))
        for step in entries
    ]
    return layout, fitted


def poster_steps(view: LadderView, words: Words) -> list[PosterStep]:
    """A ladder's steps as poster entries, uncut: the dose, when to move on and when to step back."""
    step_back = card_labels(words).step_back
    entries = []
    for step in view.steps:
        rule = f"{step.move_on_label} {step.move_on}"
        if step.step_back:
            rule += f" {step_back}{step.step_back}"
        dose = step.dose.amount if step.dose else ""
        figure = step.figure.svg if step.figure else None
        entries.append(PosterStep(step.number, step.exercise.name, dose, rule, figure))
    return entries


def menu_poster_options(menu: Menu, views: Views) -> list[PosterStep]:
    """A menu's options as poster entries, uncut: each with its group and when to choose it."""
    options = []
    choose = views.names.words("card.choose_when")
    for number, option in enumerate(menu.options, start=1):
        view = views.exercises[option.exercise]
        label = f"{option.group} · {choose}" if option.group else choose
        figure = view.key_figure.svg if view.key_figure else None
        options.append(PosterStep(number, view.exercise.name, "", f"{label} {option.choose_when}", figure))
    return options


def render_cards(
    library: Library, views: Views, site_url: str | None, scope: Scope = EVERY_RECORD
) -> Outputs:
    """The card of every exercise and the poster of every ladder and menu in `scope`, the
    cards index and the pick page."""
    if not site_url:
        log.warning(
            "drillbook: site_url is not set, so the cards have no QR code; set "
            "site_url in mkdocs.yml (or pass --site-url) to print QR codes"
        )
    words = views.names.words
    labels = card_labels(words)
    env = make_environment(words)
    pages = Outputs()
    card_template = env.get_template("card.md.j2")
    exercises = [views.exercises[exercise.id] for exercise in exercises_in_order(library)]
    for view in exercises:
        if ("exercises", view.exercise.id) not in scope:
            continue
        url = page_url(site_url, views.names, "exercises", view.exercise.id)
        page = card_template.render(
            card=make_card(view, url, words),
            station=make_station(view, url, words),
            row=make_sheet_row(view, url),
        )
        pages.add(f"cards/{view.exercise.id}.md", page, f"the card of exercise `{view.exercise.id}`")
    poster_template = env.get_template("poster.md.j2")

    def poster(record, kind: str, page_label: str, entries: list[PosterStep]) -> str:
        layout, fitted = fit_poster(entries)
        url = page_url(site_url, views.names, kind, record.id)
        return poster_template.render(
            record=record,
            kind=kind,
            page_label=page_label,
            url=url,
            qr=qr_svg(url) if url else None,
            title=POSTER["title"].fit(record.name),
            labels=labels,
            goal=POSTER["goal"].fit(record.goal, prefix=labels.goal),
            layout=layout,
            columns=layout.columns_of(fitted),
        )

    ladders = [views.ladders[ladder.id] for ladder in by_name(library.ladders.values())]
    for view in ladders:
        if ("ladders", view.ladder.id) not in scope:
            continue
        page = poster(view.ladder, "ladders", words("card.ladder_page"), poster_steps(view, words))
        pages.add(f"cards/ladders/{view.ladder.id}.md", page, f"the poster of ladder `{view.ladder.id}`")
    menus = by_name(library.menus.values())
    for menu in menus:
        if ("menus", menu.id) not in scope:
            continue
        page = poster(menu, "menus", words("card.menu_page"), menu_poster_options(menu, views))
        pages.add(f"cards/menus/{menu.id}.md", page, f"the poster of menu `{menu.id}`")
    index, *letters = letter_pages(
        "cards", words("print.cards.exercise_cards"), exercises, lambda view: view.exercise.name, words
    )
    text = env.get_template("cards_index.md.j2").render(
        page=index,
        ladders=ladders,
        menus=menus,
        all_cards=ALL_CARDS,
        href=Hrefs(index.path, views.names.directory_urls),
    )
    pages.add(index.path, text, "the cards index")
    letter_template = env.get_template("cards_letter.md.j2")
    for page in letters:
        text = letter_template.render(page=page, href=Hrefs(page.path, views.names.directory_urls))
        pages.add(page.path, text, "the cards index")
    pages.add_all(render_pick_page(exercises, views.names))
    return pages
