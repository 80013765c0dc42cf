"""The pick page, `cards/pick/`: the cards a coach picks, kept in her browser, printed as one
job (overrides/assets/pick.js picks, orders and prints). The page is static: it lists every
card of the site by id and name, so the ids of a pick link are checked without a server,
and offline."""

from __future__ import annotations

from .render import Hrefs, make_environment
from .views import ExerciseView, SiteNames
from .write import Outputs

# Where the page is built: its Markdown, and its folder in the site (cards/pick/index.html).
PICK_FOLDER = "cards/pick"
PICK_PAGE = f"{PICK_FOLDER}.md"
# Exercises a session sheet holds on one page; a longer pick continues on the next.
SHEET_ROWS = 6


def render_pick_page(exercises: list[ExerciseView], names: SiteNames) -> Outputs:
    pages = Outputs()
    template = make_environment(names.words).get_template("pick.md.j2")
    href = Hrefs(PICK_PAGE, names.directory_urls)
    page = template.render(exercises=exercises, sheet_rows=SHEET_ROWS, href=href)
    pages.add(PICK_PAGE, page, "the pick page")
    return pages
