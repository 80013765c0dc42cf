"""Menu pages: alternatives chosen by problem or by goal, each under its group."""

from __future__ import annotations

from .library import Library
from .model import Exercise, Menu, MenuOption
from .render import make_environment


def option_groups(menu: Menu, library: Library) -> list[tuple[str | None, list[tuple[MenuOption, Exercise]]]]:
    """The menu's options with their exercises, grouped under each `group` in the order the
    groups first appear; options without a group form a group of their own (None)."""
    groups: dict[str | None, list[tuple[MenuOption, Exercise]]] = {}
    for option in menu.options:
        groups.setdefault(option.group, []).append((option, library.exercises[option.exercise]))
    return list(groups.items())


def render_menu_pages(library: Library) -> dict[str, str]:
    """Every menu's page and the menus index, keyed by path under `docs/`."""
    env = make_environment()
    menus = sorted(library.menus.values(), key=lambda menu: menu.name.lower())
    template = env.get_template("menu.md.j2")
    pages = {
        f"menus/{menu.id}.md": template.render(
            menu=menu,
            groups=option_groups(menu, library),
            sources=[library.sources[s] for s in menu.sources],
        )
        for menu in menus
    }
    pages["menus/index.md"] = env.get_template("menus_index.md.j2").render(menus=menus)
    return pages
