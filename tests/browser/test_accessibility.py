"""axe-core finds no accessibility violation on each kind of page, in light and dark mode, on a
desktop screen and on a phone (where Material keeps its whole navigation drawer in the page)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

KINDS = ["home", "exercise", "fault", "ladder", "card", "embed", "pick", "pick-sheet", "cards"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def page_path(kind: str, library) -> str:
    """The site path of one page of `kind`, picked from the shipped library."""
    exercise = min(library.exercises)
    pick = ",".join(sorted(library.exercises)[:3])
    return {
        "home": "/",
        "exercise": f"/exercises/{exercise}/",
        "fault": f"/faults/{min(library.faults)}/",
        "ladder": f"/ladders/{min(library.ladders)}/",
        "card": f"/cards/{exercise}/",
        "embed": f"/embed/{exercise}/",
        "pick": f"/cards/pick/?ids={pick}&layout=card",
        "pick-sheet": f"/cards/pick/?ids={pick}&layout=sheet",
        "cards": "/cards/",
    }[kind]


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in violations
    )


@pytest.mark.parametrize("screen", VIEWPORTS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", KINDS)
def test_axe_reports_no_violations(browser, site_url, built_site, library, kind, scheme, screen):
    path = page_path(kind, library)
    if kind in ("card", "embed") and not (built_site / path.strip("/") / "index.html").is_file():
        pytest.skip(f"{path} is not built yet")
    context = browser.new_context(color_scheme=scheme, viewport=VIEWPORTS[screen])
    try:
        tab = context.new_page()
        response = tab.goto(site_url + path)
        assert response is not None and response.ok, f"{path} did not load"
        tab.wait_for_load_state("networkidle")
        violations = Axe().run(tab).response["violations"]
    finally:
        context.close()
    assert violations == [], f"{path} ({scheme}, {screen}):\n{describe(violations)}"
