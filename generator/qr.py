"""QR codes for the printed cards, drawn by segno as inline SVG."""

from __future__ import annotations

import functools

import segno
from markupsafe import Markup

# Every one of the eight masks makes a valid code. Choosing the best one is most of the time
# segno takes per code (a card page each), so every code uses the same one.
QR_MASK = 2


@functools.lru_cache(maxsize=1 << 14)
def qr_svg(url: str) -> Markup:
    """An inline SVG QR code for `url`. segno's SVG holds only the drawing, never the text,
    so it is safe in HTML as it is. Remembered, so `mkdocs serve` regenerating after an edit
    does not draw every code again."""
    code = segno.make(url, error="m", micro=False, mask=QR_MASK)
    svg = code.svg_inline(
        scale=1, border=4, omitsize=True, dark="#000", light="#fff", svgclass="db-qr", lineclass=None
    )
    return Markup(svg)
