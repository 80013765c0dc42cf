"""The pick's station cards and session sheet on the real site, whose card pages carry the
hidden `article.db-station` and `section.db-sheet-row` that the pick page prints: six station
cards on three sheets of A4 and of Letter, and a session sheet of six on one page with six QR
codes that scan and the title and date the coach typed."""

from __future__ import annotations

from .test_pick import check_session_sheet, check_station_cards, longest_cards


def test_six_station_cards_print_on_three_sheets(page, site_url, built_site, library):
    ids = longest_cards(built_site, library, 6)
    check_station_cards(page, site_url, ids, [library.exercises[i].name for i in ids])


def test_a_session_sheet_of_six_prints_on_one_page_with_six_qr_codes(
    page, site_url, built_site, library, tmp_path
):
    check_session_sheet(page, site_url, longest_cards(built_site, library, 6), tmp_path)
