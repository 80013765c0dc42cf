"""The pick page, `cards/pick/`: the cards a coach picks, kept in her browser, printed as one
job (overrides/assets/pick.js picks, orders and prints). The page is static: it holds every
card of the site by id, with its name and address, so the ids of a pick link are checked
without a server, and offline. It holds them as JSON in a script element, which MkDocs passes
through as it is: as a list of links, it was converted as Markdown, every card at every rename."""

from __future__ import annotations

from .render import Hrefs, make_environment, slug
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
    cards = {
        slug(view.exercise.id): {"name": view.exercise.name, "url": href("cards", view.exercise.id)}
        for view in exercises
    }
    page = template.render(cards=cards, sheet_rows=SHEET_ROWS)
    pages.add(PICK_PAGE, page, "the pick page")
    return pages
