"""QR codes: segno's code, as an inline SVG the card can hold."""

from __future__ import annotations

import segno

from drillbook.qr import QR_MASK, qr_svg


def test_qr_svg_is_segnos_code_for_the_url_and_holds_no_text():
    url = "https://drillbook.example.org/exercises/romanian-deadlift/?a=<b>&c"
    svg = str(qr_svg(url))
    expected = segno.make(url, error="m", micro=False, mask=QR_MASK).svg_inline(
        scale=1, border=4, omitsize=True, dark="#000", light="#fff", svgclass="db-qr", lineclass=None
    )
    assert svg == expected
    assert svg.startswith('<svg viewBox="0 0 ') and 'class="db-qr"' in svg
    assert "drillbook" not in svg and "<b>" not in svg
