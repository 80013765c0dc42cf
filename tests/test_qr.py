"""qr: the codes are segno's own, for every version, level and kind of text."""

import pytest
import segno

from generator.qr import QR_MASK, qr_matrix, qr_svg

TEXTS = [f"https://coach.example.org/{'drill-' * (n // 6)}{'x' * (n % 6)}/" for n in range(0, 2300, 23)] + [
    "",
    "1234567890" * 3,
    "HTTPS://COACH.EXAMPLE.ORG/HINGE",
    "https://coach.example.org/über/",
    "https://教練.example/ヒンジ/",
    "https://a.example/" + "é" * 40,
]


def segno_matrix(text: str) -> list[bytes]:
    return [bytes(row) for row in segno.make(text, error="m", micro=False, mask=QR_MASK).matrix]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_qr_matrix_is_the_code_segno_makes(text):
    assert [bytes(row) for row in qr_matrix(text)] == segno_matrix(text)


def test_the_texts_cover_every_version_and_every_error_level():
    codes = [segno.make(text, error="m", micro=False, mask=QR_MASK) for text in TEXTS]
    assert {code.version for code in codes} == set(range(1, 41))
    assert {code.error for code in codes} == {"M", "Q", "H"}


@pytest.mark.parametrize("url", TEXTS, ids=range(len(TEXTS)))
def test_qr_svg_draws_the_same_code_as_segno(url):
    expected = segno.make(url, error="m", micro=False, mask=QR_MASK).svg_inline(
        scale=1, border=4, omitsize=True, dark="#000", light="#fff", svgclass="db-qr", lineclass=None
    )
    assert str(qr_svg(url)) == expected
