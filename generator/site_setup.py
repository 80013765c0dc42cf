"""What a coach's `mkdocs.yml` leaves to the plugin: Drillbook's theme folder behind her own
`custom_dir`, its CSS and JavaScript, the Markdown extensions its pages use, and which
generated pages stay out of the navigation. Her config needs only `theme: material` and
`plugins: [search, drillbook]`; whatever she sets herself is kept."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from mkdocs.structure.files import Files, InclusionLevel

from .errors import DrillbookError, display_path
from .figures import GALLERY_PATH
from .i18n import Words
from .theme import THEME_DIR
from .write import OWNED_FOLDERS

STYLESHEETS = ("assets/drillbook.css", "assets/a11y.css", "assets/print.css", "assets/media.css")
SCRIPTS = ("assets/media.js", "assets/pick.js")
MARKDOWN_EXTENSIONS = (
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "admonition",
    "pymdownx.details",
    "pymdownx.superfences",
)
# Generated pages listed by the navigation when the site has no `nav` of its own; every
# other generated page is reached from these (indexes, browse pages, links on pages).
IN_NAV_FOLDERS = {"browse", "help"}
# The navigation of a site without a `nav`: after her home page and her own pages, each
# section whose folder holds a record (or a page), in the order a reader needs them.
# Each section's title is the catalogue's `pages.nav.<folder>`.
NAV_SECTIONS = (
    ("ladders", ("index",)),
    ("menus", ("index",)),
    ("exercises", ("index",)),
    ("faults", ("index",)),
    ("browse", ("index", "levels", "equipment", "muscles", "patterns", "sources", "credits")),
    ("cards", ("index",)),
    ("help", ("printing", "embedding", "figures")),
)
# Material's own default, which its stylesheet fetches from Google Fonts.
MATERIAL_FONT = {"text": "Roboto", "code": "Roboto Mono"}


def add_theme_parts(config) -> None:
    """Put the theme folder after her `custom_dir` (so she can override any template), and
    add the stylesheets, scripts and Markdown extensions she has not listed."""
    theme = config.theme
    if theme.name != "material":
        raise DrillbookError(f"drillbook needs `theme: material` in mkdocs.yml, not `{theme.name}`")
    if str(THEME_DIR) not in theme.dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, str(THEME_DIR))
    config.extra_css.extend(css for css in STYLESHEETS if css not in config.extra_css)
    listed = {str(script) for script in config.extra_javascript}
    config.extra_javascript.extend(script for script in SCRIPTS if script not in listed)
    config.markdown_extensions.extend(
        name for name in MARKDOWN_EXTENSIONS if name not in config.markdown_extensions
    )
    if theme["font"] == MATERIAL_FONT:
        # The site loads nothing from other hosts: the system's fonts, unless she names one.
        theme["font"] = False


def keep_generated_pages_out_of_nav(files: Files) -> None:
    """Every generated page but the section indexes and the browse and help pages (not the
    pages a long browse page is split into) is left out of the navigation (MkDocs'
    `not_in_nav`): a nav listing every exercise would grow each page with the library."""
    for file in files.documentation_pages():
        path = PurePosixPath(file.src_uri)
        if path.parts[0] in OWNED_FOLDERS and not (
            (path.parts[0] in IN_NAV_FOLDERS and len(path.parts) == 2) or path.parts[1:] == ("index.md",)
        ):
            file.inclusion = InclusionLevel.NOT_IN_NAV


def default_nav(files: Files, words: Words) -> list:
    """Her home page, her other top-level pages, then Drillbook's sections that hold
    something, titled in the site's language; the figure gallery goes under Help."""
    pages = {file.src_uri for file in files.documentation_pages()}
    nav: list = [
        {words("pages.nav.home"): "index.md"},
        *sorted(page for page in pages if "/" not in page and page != "index.md"),
    ]
    for folder, names in NAV_SECTIONS:
        listed = [f"{folder}/{name}.md" for name in names if f"{folder}/{name}.md" in pages]
        if folder == "help" and GALLERY_PATH in pages:
            listed.append(GALLERY_PATH)
        # An index of no records (a library without menus) stays out.
        holds_records = folder in IN_NAV_FOLDERS or any(
            page.startswith(f"{folder}/") and page != f"{folder}/index.md" for page in pages
        )
        if listed and holds_records:
            nav.append({words(f"pages.nav.{folder}"): listed[0] if len(listed) == 1 else listed})
    return nav


def require_home_page(files: Files, docs_dir: str) -> None:
    if files.get_file_from_path("index.md") is None:
        raise DrillbookError(
            f"{display_path(Path(docs_dir) / 'index.md')} not found: the site needs a home page; write one "
            "(`drillbook new DIR` starts a project with one)"
        )


def config_without_plugin(config_text: str) -> str:
    """`mkdocs.yml` text with the theme folder, stylesheets and scripts that the plugin adds
    written out, for a builder that runs no plugins (Zensical) or a plain MkDocs build to
    compare with (the benchmark's baseline). Her Markdown extensions must be listed already."""
    lines = config_text.splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if line.strip() == "name: material"), None)
    if at is None or "custom_dir:" in config_text:
        raise DrillbookError("expected `theme:` with `name: material` and no `custom_dir`")
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines.insert(at + 1, f"{indent}custom_dir: {THEME_DIR}\n")
    listed = "".join(
        f"{key}:\n" + "".join(f"  - {item}\n" for item in items)
        for key, items in (("extra_css", STYLESHEETS), ("extra_javascript", SCRIPTS))
    )
    return "".join(lines).rstrip("\n") + "\n\n" + listed
