"""QR codes as inline SVG: the code segno would make, in about half of segno's time.

A card's code costs 0.6 ms with `segno.make`; a library of thousands of cards makes the
whole code anew for each. Two steps are the same for every code of one version, so they are
done once per version here, with segno's own functions: where each bit of the message goes
(segno walks the whole matrix for every code), and the mask over the data region (segno
tests every module). The message itself, its error correction and the version come from
segno as they are. These are segno's inner functions, so pyproject.toml holds segno to
1.6.x and tests/test_qr.py checks codes of every length against `segno.make`."""

from __future__ import annotations

import functools
import re

from markupsafe import Markup
from segno import consts, encoder

# Any of the eight masks makes a valid code; searching for the best one is 80 % of the time
# segno takes, so every code uses the same one.
QR_MASK = 2
QR_BORDER = 4  # modules of white around the code, as the standard asks
_ERROR_M = consts.ERROR_LEVEL_M
_DARK_RUN = re.compile(rb"\x01+")


@functools.lru_cache(maxsize=1 << 14)
def qr_svg(url: str) -> Markup:
    """An inline SVG QR code for `url`, made in Python: safe to place in HTML as it is.
    Remembered, so `mkdocs serve` regenerating after an edit does not redraw every code."""
    matrix = qr_matrix(url)
    size = len(matrix) + 2 * QR_BORDER
    return Markup(f'<svg viewBox="0 0 {size} {size}" class="db-qr">'
                  f'<path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/>'
                  f'<path stroke="#000" d="{_svg_path(matrix)}"/></svg>')


def qr_matrix(text: str) -> list[bytearray]:
    """The rows of the code `segno.make(text, error="m", micro=False, mask=QR_MASK)` makes:
    1 is a dark module, 0 a light one."""
    segments = encoder.prepare_data(text, None, None)
    version = encoder.find_version(segments, _ERROR_M, eci=False, micro=False)
    error = encoder.boost_error_level(version, _ERROR_M, segments, eci=False)
    capacity = consts.SYMBOL_CAPACITY[version][error]
    message = encoder.Buffer()
    for segment in segments:
        encoder.write_segment(message, segment, None, encoder.version_range(version), False)
    encoder.write_terminator(message, capacity, None, len(message))
    encoder.write_padding_bits(message, version, len(message))
    encoder.write_pad_codewords(message, version, capacity, len(message))
    bits = encoder.make_final_message(version, error, message)
    blank, places = _layout(version, error)
    rows = [bytearray(row) for row in blank]
    for (row, column), bit in zip(places, bits, strict=True):
        if bit:
            rows[row][column] ^= 1
    return rows


@functools.cache
def _layout(version: int, error: int) -> tuple[tuple[bytes, ...], tuple[tuple[int, int], ...]]:
    """The code of an all-zero message (function patterns, format and version information,
    and the mask over the data region) and the (row, column) of each message bit in turn."""
    width = encoder.calc_matrix_size(version)
    numbered = [list(row) for row in _function_patterns(width)]
    free = sum(row.count(0x2) for row in numbered)
    first = 0x100  # numbers above any module's value, so placed bits are told apart
    encoder.add_codewords(numbered, range(first, first + free), version)
    places = sorted(((value - first, (row, column)) for row, values in enumerate(numbered)
                     for column, value in enumerate(values) if value >= first))
    blank = _function_patterns(width)
    encoder.add_codewords(blank, bytes(free), version)
    _, blank = encoder.find_and_apply_best_mask(blank, width, width, QR_MASK)
    encoder.add_format_info(blank, version, error, QR_MASK)
    encoder.add_version_info(blank, version)
    return tuple(bytes(row) for row in blank), tuple(place for _, place in places)


def _function_patterns(width: int) -> list[bytearray]:
    matrix = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(matrix, width, width)
    encoder.add_alignment_patterns(matrix, width, width)
    return matrix


def _svg_path(matrix) -> str:
    """The runs of dark modules as strokes one module wide, each a move from the end of the
    one before (`m dx dy h n`): segno's own SVG path, in a third of the time it takes."""
    parts, x, y = [], None, None
    for row_y, row in enumerate(matrix, start=QR_BORDER):
        for run in _DARK_RUN.finditer(bytes(row)):
            start, length = run.start() + QR_BORDER, run.end() - run.start()
            parts.append(f"M{start} {row_y}.5h{length}" if x is None
                         else f"m{start - x} {row_y - y}h{length}")
            x, y = start + length, row_y
    return "".join(parts)
