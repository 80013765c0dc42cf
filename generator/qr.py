"""QR codes as inline SVG: the code segno would make, in a third of segno's time.

A card's code costs 0.6 ms with `segno.make`; a library of thousands of cards makes the
whole code anew for each. Here segno's own functions turn the text into the message and
choose the version; the rest is done with few Python steps per code. What is the same for
every code of one version is worked out once, with segno's functions: where each message
bit goes, and the blank code with its mask. Error correction divides with one integer per
block instead of one step per check word. These are segno's inner functions and tables, so
pyproject.toml holds segno to 1.6.x, and tests/test_qr.py checks codes of every version
against `segno.make`."""

from __future__ import annotations

import functools
import re
from itertools import zip_longest
from operator import itemgetter
from typing import NamedTuple

from markupsafe import Markup
from segno import consts, encoder

# Any of the eight masks makes a valid code; searching for the best one is 80 % of the time
# segno takes, so every code uses the same one.
QR_MASK = 2
QR_BORDER = 4  # modules of white around the code, as the standard asks
_ERROR_M = consts.ERROR_LEVEL_M
_GAP_AND_RUN = re.compile(rb"\x00*\x01+")
_BIT_DIGITS = bytes.maketrans(b"\0\1", b"01")
_DIGIT_BITS = bytes.maketrans(b"01", b"\0\1")


@functools.lru_cache(maxsize=1 << 14)
def qr_svg(url: str) -> Markup:
    """An inline SVG QR code for `url`, made in Python: safe to place in HTML as it is.
    Remembered, so `mkdocs serve` regenerating after an edit does not redraw every code."""
    width, modules = _modules(url)
    size = width + 2 * QR_BORDER
    return Markup(
        f'<svg viewBox="0 0 {size} {size}" class="db-qr">'
        f'<path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/>'
        f'<path stroke="#000" d="{_svg_path(width, modules)}"/></svg>'
    )


def qr_matrix(text: str) -> list[bytes]:
    """The rows of the code `segno.make(text, error="m", micro=False, mask=QR_MASK)` makes:
    1 is a dark module, 0 a light one (tests/test_qr.py compares the two)."""
    width, modules = _modules(text)
    return [modules[start : start + width] for start in range(0, len(modules), width + 1)]


def _modules(text: str) -> tuple[int, bytes]:
    """The code's width and its modules row after row, each row followed by one light module
    (so that no run of dark modules crosses from one row into the next)."""
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
    data = bytes(message.getbits()).translate(_BIT_DIGITS)
    codewords = _final_codewords(version, error, int(data, 2).to_bytes(len(data) // 8, "big"))
    layout = _layout(version, error)
    digits = f"{int.from_bytes(codewords, 'big'):0{8 * len(codewords)}b}".encode()
    bits = digits.translate(_DIGIT_BITS) + bytes(layout.data_modules + 1 - len(digits))
    placed = int.from_bytes(bytes(layout.place_bits(bits)), "big")
    return layout.width, (placed ^ layout.blank).to_bytes(layout.width * (layout.width + 1), "big")


def _final_codewords(version: int, error: int, data: bytes) -> bytes:
    """The data codewords split into blocks, each block's error correction, and both
    interleaved as the standard lays them out (ISO/IEC 18004, 7.5 and 7.6)."""
    data_blocks, error_blocks = [], []
    start = 0
    for info in consts.ECC[version][error]:
        error_words = info.num_total - info.num_data
        for _ in range(info.num_blocks):
            block = data[start : start + info.num_data]
            start += info.num_data
            data_blocks.append(block)
            error_blocks.append(_error_correction(block, error_words))
    return bytes(
        word
        for blocks in (data_blocks, error_blocks)
        for column in zip_longest(*blocks)
        for word in column
        if word is not None
    )


def _error_correction(block: bytes, length: int) -> bytes:
    """Reed-Solomon check words of `block`: the remainder of its division by the generator
    polynomial, the remainder held in one integer and shifted a codeword at a time."""
    products = _generator_products(length)
    shift, keep = 8 * (length - 1), (1 << 8 * length) - 1
    remainder = 0
    for word in block:
        remainder = ((remainder << 8) & keep) ^ products[word ^ (remainder >> shift)]
    return remainder.to_bytes(length, "big")


@functools.cache
def _generator_products(length: int) -> tuple[int, ...]:
    """The generator polynomial for `length` check words (without its leading 1) times each
    codeword value 0-255 in GF(256), each product as one integer of `length` bytes."""
    exponents, logs = consts.GALIOS_EXP, consts.GALIOS_LOG
    generator = consts.GEN_POLY[length]
    return (
        0,
        *(
            int.from_bytes(bytes(exponents[logs[factor] + g] for g in generator), "big")
            for factor in range(1, 256)
        ),
    )


class _Layout(NamedTuple):
    """What every code of one version and error level shares."""

    width: int
    blank: int  # the code of an all-zero message, masked, as one integer in `_modules`' layout
    place_bits: itemgetter  # message bits, then zeros -> every module's bit (others get a zero)
    data_modules: int  # how many modules hold message bits


@functools.cache
def _layout(version: int, error: int) -> _Layout:
    """Worked out once per version and level, with segno's own functions."""
    width = encoder.calc_matrix_size(version)
    numbered = [list(row) for row in _function_patterns(width)]
    free = sum(row.count(0x2) for row in numbered)
    first = 0x100  # numbers above any module's value, so placed bits are told apart
    encoder.add_codewords(numbered, range(first, first + free), version)
    place_bits = itemgetter(
        *(value - first if value >= first else free for row in numbered for value in (*row, 0))
    )
    blank = _function_patterns(width)
    encoder.add_codewords(blank, bytes(free), version)
    _, blank = encoder.find_and_apply_best_mask(blank, width, width, QR_MASK)
    encoder.add_format_info(blank, version, error, QR_MASK)
    encoder.add_version_info(blank, version)
    blank_modules = b"".join(bytes(row) + b"\0" for row in blank)
    return _Layout(width, int.from_bytes(blank_modules, "big"), place_bits, free)


def _function_patterns(width: int) -> list[bytearray]:
    matrix = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(matrix, width, width)
    encoder.add_alignment_patterns(matrix, width, width)
    return matrix


def _svg_path(width: int, modules: bytes) -> str:
    """The runs of dark modules as strokes one module wide, each a move from the end of the
    one before (`m dx dy h n`), as segno draws them. Only a row's first run moves down a
    row; each other run is looked up whole, by the light and dark modules it spans, in
    `_RUN_STROKES`."""
    parts, x, y = [], None, None
    for row_y, start in enumerate(range(0, len(modules), width + 1), start=QR_BORDER):
        row = modules[start : start + width]
        runs = _GAP_AND_RUN.findall(row)
        if not runs:
            continue
        first_dark = len(runs[0]) - len(runs[0].lstrip(b"\0"))
        column, length = first_dark + QR_BORDER, len(runs[0]) - first_dark
        parts.append(f"M{column} {row_y}.5h{length}" if x is None else f"m{column - x} {row_y - y}h{length}")
        parts.append("".join(map(_RUN_STROKES.__getitem__, runs[1:])))
        x, y = len(row.rstrip(b"\0")) + QR_BORDER, row_y
    return "".join(parts)


class _Strokes(dict):
    """The stroke for a run of dark modules after a gap in the same row, by the run's bytes:
    `m gap 0 h length`."""

    def __missing__(self, run: bytes) -> str:
        gap = len(run) - len(run.lstrip(b"\0"))
        self[run] = stroke = f"m{gap} 0h{len(run) - gap}"
        return stroke


_RUN_STROKES = _Strokes()
