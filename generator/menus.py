"""Menu pages: alternatives chosen by problem or by goal, each under its group."""

from __future__ import annotations

from .library import Library
from .model import Menu, MenuOption
from .render import make_environment
from .scope import EVERY_RECORD, Scope
from .views import ExerciseView, Views, by_name
from .write import Outputs


def option_groups(menu: Menu, views: Views) -> list[tuple[str | None, list[tuple[MenuOption, ExerciseView]]]]:
    """The menu's options with their exercises, grouped under each `group` in the order the
    groups first appear; options without a group form a group of their own (None)."""
    groups: dict[str | None, list[tuple[MenuOption, ExerciseView]]] = {}
    for option in menu.options:
        groups.setdefault(option.group, []).append((option, views.exercises[option.exercise]))
    return list(groups.items())


def render_menu_pages(library: Library, views: Views, scope: Scope = EVERY_RECORD) -> Outputs:
    """The page of every menu in `scope`, and the menus index."""
    env = make_environment(views.names.words)
    menus = by_name(library.menus.values())
    template = env.get_template("menu.md.j2")
    pages = Outputs()
    for menu in menus:
        if ("menus", menu.id) not in scope:
            continue
        page = template.render(
            menu=menu,
            groups=option_groups(menu, views),
            sources=[library.sources[s] for s in menu.sources],
        )
        pages.add(f"menus/{menu.id}.md", page, f"the menu `{menu.id}`")
    index = env.get_template("menus_index.md.j2").render(
        menus=[(menu, views.names.words("common.options", count=len(menu.options))) for menu in menus]
    )
    pages.add("menus/index.md", index, "the menus index")
    return pages
