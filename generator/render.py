"""Turn the Library into Markdown pages: {path under docs/: text}."""

from __future__ import annotations

import functools
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .decks import deck_links
from .figures import GALLERY_PATH, PAIR_WIDTH, angles_line, fault_label, fault_path, position_path
from .figures import HEIGHT as FIGURE_HEIGHT
from .figures import WIDTH as FIGURE_WIDTH
from .i18n import Words
from .library import Library
from .listing import group_slugs, letter_pages, split_groups
from .model import SLUG_PATTERN, Exercise, Source
from .pose import Pose
from .scope import EVERY_RECORD, Scope
from .views import SiteNames, Views, built_url, by_name, exercises_in_order, level_label
from .write import Outputs

if TYPE_CHECKING:
    from .embeds import EmbedAction

TEMPLATES = Path(__file__).parent / "templates"
# Runs of spaces and line breaks, but not a no-break space (French sets one before a colon).
_WHITESPACE = re.compile(r"[^\S\u00a0\u202f]+")
SLUG = re.compile(SLUG_PATTERN)
_MARKUP_CHARACTERS = '&<>"\\`*_{}[]#|~^='
_ESCAPES = {ord(char): f"&#{ord(char)};" for char in _MARKUP_CHARACTERS}
_BLOCK_START = re.compile(r"^(?:[-+]|\d+[.)])")


def escape_text(value) -> Markup:
    """Record text as inert Markdown and HTML: every character that could start markup
    becomes a numeric character reference, and line breaks become spaces, so the text
    cannot open a block (list, heading, quote) or an inline element (link, emphasis, tag)."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return _escaped(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> Markup:
    """escape_text of plain text, remembered: a name or cue shows on many pages."""
    text = _WHITESPACE.sub(" ", text).translate(_ESCAPES)
    if _BLOCK_START.match(text):
        text = f"&#{ord(text[0])};{text[1:]}"
    return Markup(text)


def yaml_value(value) -> Markup:
    """A value for front matter, HTML-escaped because themes print front matter unescaped;
    JSON is valid YAML and quotes every string."""
    return Markup(json.dumps(str(escape(value)), ensure_ascii=False))


def yaml_plain(value) -> Markup:
    """Like `yaml`, but without quotes when YAML reads the text back as it is ("Faults"): the
    front matter of a page whose title or description is a catalogue message."""
    text = str(escape(value))
    try:
        plain = "\n" not in text and yaml.safe_load(text) == text
    except yaml.YAMLError:
        plain = False
    return Markup(text) if plain else yaml_value(value)


def indented(text: Markup) -> Markup:
    """Every line of `text` that is not empty indented by four spaces. Jinja's own `indent`
    wraps each line of Markup and passes it through `escape` on the way, which took a fifth
    of an exercise page's rendering time for the HTML fragment."""
    return Markup("\n".join(f"    {line}" if line else line for line in str(text).split("\n")))


def page_link(kind: str, record_id: str) -> Markup:
    """The Markdown link target of a generated page, from any other generated page."""
    return Markup(f"../{kind}/{record_id}.md")


class Hrefs:
    """The addresses a listing page writes in HTML, as MkDocs would resolve its Markdown links:
    `href("exercises", "rdl")` from `browse/muscles.md` is `../../exercises/rdl/` (or
    `../exercises/rdl.html` without directory URLs). A page that lists every record writes its
    entries as HTML, which Python-Markdown passes through instead of parsing thousands of
    links at every rebuild that renames one of them."""

    def __init__(self, page: str, directory_urls: bool):
        self.directory_urls = directory_urls
        self.folder = posixpath.dirname(self.url(page))
        self._folders: dict[str, str] = {}  # a target's folder, from this page's folder

    def url(self, path: str) -> str:
        """The built address of the page at `path` under docs/ (MkDocs' File.url)."""
        return built_url(path, self.directory_urls)

    def to(self, path: str) -> Markup:
        target = self.url(path)
        folder, _, name = target.rstrip("/").rpartition("/")
        if folder not in self._folders:  # a listing page links into a few folders, many times
            self._folders[folder] = posixpath.relpath(folder or ".", self.folder or ".")
        way = self._folders[folder]
        relative = name if way == "." else f"{way}/{name}" if name else way
        return Markup(f"{relative}/" if target.endswith("/") and relative != "." else relative)

    def __call__(self, kind: str, record_id: str) -> Markup:
        return self.to(f"{kind}/{slug(record_id)}.md")


def slug(value: str) -> Markup:
    """An id for an anchor or a path: already inert, so it is marked safe after a check."""
    if not SLUG.fullmatch(value):
        raise ValueError(f"not a slug: {value!r}")
    return Markup(value)


def pick_button(ids: list[str], label: str) -> Markup:
    """A button that adds the cards of `ids` to the coach's pick (overrides/assets/pick.js).
    It is hidden until the script shows it: without scripts there is no pick."""
    return Markup(
        f'<button type="button" class="md-button db-pick-add" data-pick-ids="{",".join(map(slug, ids))}" '
        f"hidden>{escape_text(label)}</button>"
    )


@functools.cache
def make_environment(words: Words) -> Environment:
    """Jinja for Markdown output in one language (`t` is its catalogue), one per process:
    templates compile once and are checked for edits when used (`mkdocs serve`)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        finalize=escape_text,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(yaml=yaml_value, yaml_plain=yaml_plain, indented=indented)
    env.globals.update(
        link=page_link,
        slug=slug,
        deck_links=functools.partial(deck_links, words=words),
        pick_button=pick_button,
        t=words,
    )
    return env


def render_exercise_pages(
    library: Library, views: Views, embeds: dict[str, EmbedAction], scope: Scope = EVERY_RECORD
) -> Outputs:
    """The page of every exercise in `scope` and the exercise index; `embeds` holds each
    exercise page's Embed section (see embeds.py)."""
    env = make_environment(views.names.words)
    exercises = exercises_in_order(library)
    pages = Outputs()
    exercise_template = env.get_template("exercise.md.j2")
    for exercise in exercises:
        if ("exercises", exercise.id) not in scope:
            continue
        page = exercise_template.render(view=views.exercises[exercise.id], embed=embeds[exercise.id])
        pages.add(f"exercises/{exercise.id}.md", page, f"the exercise `{exercise.id}`")
    index_template = env.get_template("exercises_index.md.j2")
    listed = [views.exercises[exercise.id] for exercise in exercises]
    title = views.names.words("pages.exercises_index.title")
    for page in letter_pages("exercises", title, listed, lambda view: view.exercise.name, views.names.words):
        text = index_template.render(page=page, href=Hrefs(page.path, views.names.directory_urls))
        pages.add(page.path, text, "the exercise index")
    return pages


def render_fault_ladder_and_browse_pages(
    library: Library, views: Views, scope: Scope = EVERY_RECORD
) -> Outputs:
    """The pages of the faults and ladders in `scope`, the indexes, and the browse pages
    (sources among them)."""
    env = make_environment(views.names.words)
    exercises = exercises_in_order(library)
    faults = by_name(library.faults.values())
    ladders = [views.ladders[ladder.id] for ladder in by_name(library.ladders.values())]
    sources = sorted(library.sources.values(), key=lambda s: s.title.lower())
    pages = Outputs()
    fault_template = env.get_template("fault.md.j2")
    for fault in faults:
        if ("faults", fault.id) not in scope:
            continue
        page = fault_template.render(view=views.faults[fault.id])
        pages.add(f"faults/{fault.id}.md", page, f"the fault `{fault.id}`")
    ladder_template = env.get_template("ladder.md.j2")
    for view in ladders:
        if ("ladders", view.ladder.id) not in scope:
            continue
        page = ladder_template.render(view=view, ladder=view.ladder, sources=view.sources)
        pages.add(f"ladders/{view.ladder.id}.md", page, f"the ladder `{view.ladder.id}`")
    pages.add(
        "faults/index.md", env.get_template("faults_index.md.j2").render(faults=faults), "the fault index"
    )
    index = env.get_template("ladders_index.md.j2").render(ladders=ladders)
    pages.add("ladders/index.md", index, "the ladder index")
    cited = [(source, library.records_citing(source)) for source in sources]
    pages.add_all(sources_pages(env, cited, views.names))
    facets = browse_facets(exercises, views.names.words)
    for facet, title, groups in facets:
        pages.add_all(browse_pages(env, facet, title, groups, views.names))
    index = env.get_template("browse_index.md.j2").render(
        facets=[
            (facet, title, views.names.words("common.groups", count=len(groups)))
            for facet, title, groups in facets
        ]
    )
    pages.add("browse/index.md", index, "the browse index")
    return pages


def browse_pages(
    env: Environment, facet: str, title: str, groups: list[tuple[str, list[Exercise]]], names: SiteNames
) -> Outputs:
    """The browse page of one facet (`browse/muscles.md`) with every group's exercises; for
    more than LISTING_LIMIT in all, with a link to each group's own page instead."""
    template = env.get_template("browse.md.j2")
    words = names.words
    pages = Outputs()

    def add(path: str, page_title: str, shown: list, parts: list, up: GroupLink | None = None) -> None:
        href = Hrefs(path, names.directory_urls)
        text = template.render(title=page_title, groups=shown, parts=parts, up=up, href=href)
        pages.add(path, text, f"the browse page `{facet}`")

    if not split_groups(groups):
        add(f"browse/{facet}.md", title, groups, [])
        return pages
    slugs = group_slugs([name for name, _ in groups])
    parts = [
        GroupLink(name, f"{facet}/{slugs[name]}.md", words("common.exercises", count=len(entries)))
        for name, entries in groups
    ]
    add(f"browse/{facet}.md", title, [], parts)
    up = GroupLink(title, f"../{facet}.md")
    for name, entries in groups:
        part_title = words("pages.listing.part_title", title=title, part=name)
        add(f"browse/{facet}/{slugs[name]}.md", part_title, [(None, entries)], [], up)
    return pages


def sources_pages(env: Environment, sources: list[tuple[Source, list]], names: SiteNames) -> Outputs:
    """The sources page, each source with the pages that draw on it; for more than
    LISTING_LIMIT such links in all, each source links a page of its own that lists them."""
    words = names.words
    pages = Outputs()
    slugs = group_slugs([source.id for source, _ in sources]) if split_groups(sources) else {}
    text = env.get_template("sources.md.j2").render(
        sources=sources,
        parts={source_id: f"sources/{slug}.md" for source_id, slug in slugs.items()},
        kind_of=record_kind,
        href=Hrefs("browse/sources.md", names.directory_urls),
    )
    pages.add("browse/sources.md", text, "the sources page")
    template = env.get_template("source_pages.md.j2")
    for source, citing in sources if slugs else []:
        path = f"browse/sources/{slugs[source.id]}.md"
        text = template.render(
            title=words("pages.listing.part_title", title=words("pages.sources.title"), part=source.title),
            source=source,
            citing=citing,
            kind_of=record_kind,
            href=Hrefs(path, names.directory_urls),
        )
        pages.add(path, text, "the sources page")
    return pages


@dataclass(frozen=True)
class GroupLink:
    """A link between the pages of a split browse page: to a group's page (with its count),
    or up to the facet's."""

    name: str
    link: str
    count: str = ""


def browse_facets(exercises: list[Exercise], words: Words) -> list[tuple[str, str, list[tuple[str, list]]]]:
    """(page, title, [(group name, exercises)]) for each way to browse the exercises."""

    def group(key_of) -> list[tuple[str, list[Exercise]]]:
        groups: dict[str, list[Exercise]] = {}
        for exercise in exercises:
            for key in dict.fromkeys(key_of(exercise)):  # a muscle both main and also worked: once
                groups.setdefault(key, []).append(exercise)
        return sorted(groups.items(), key=lambda item: item[0].lower())

    bodyweight = [words("common.bodyweight")]
    return [
        ("levels", words("pages.browse.levels"), group(lambda e: [level_label(e.level, words)])),
        ("equipment", words("pages.browse.equipment"), group(lambda e: e.equipment or bodyweight)),
        (
            "muscles",
            words("pages.browse.muscles"),
            group(lambda e: [m.capitalize() for m in (*e.muscles.primary, *e.muscles.secondary)]),
        ),
        ("patterns", words("pages.browse.patterns"), group(lambda e: [e.pattern.capitalize()])),
    ]


def record_kind(model) -> str:
    return {"Exercise": "exercises", "Fault": "faults", "Ladder": "ladders", "Menu": "menus"}[
        type(model).__name__
    ]


def render_figures(library: Library, views: Views, scope: Scope = EVERY_RECORD) -> Outputs:
    """The figures of the records in `scope` as SVG files (each position's, each fault's
    pair), and the figure gallery that shows them all with their angles. The gallery shows
    the files as images, which a browser loads as they scroll into view: inline, every
    figure of a large library would make one page of megabytes."""
    words = views.names.words
    files = Outputs()
    exercises = []
    for exercise in exercises_in_order(library):
        if not exercise.positions:
            continue
        shown = []
        for position, figure in zip(exercise.positions, views.exercises[exercise.id].figures, strict=True):
            path = position_path(exercise.id, position.name)
            if ("exercises", exercise.id) in scope:
                made_by = f"the position `{position.name}` of exercise `{exercise.id}`"
                files.add(path, figure.svg + "\n", made_by)
            shown.append((position, _from_gallery(path), angles_line(position, words)))
        exercises.append((exercise, shown))
    faults = []
    for fault in by_name(library.faults.values()):
        if fault.positions:
            path = fault_path(fault.id)
            if ("faults", fault.id) in scope:
                files.add(path, views.faults[fault.id].figure.svg + "\n", f"the figure of fault `{fault.id}`")
            label = fault_label(fault.positions, words)
            lines = [angles_line(fault.positions.correct, words), angles_line(fault.positions.faulty, words)]
            faults.append((fault, _from_gallery(path), label, lines))
    gallery = (
        make_environment(words)
        .get_template("figures.md.j2")
        .render(
            exercises=exercises,
            faults=faults,
            position_size=(FIGURE_WIDTH, FIGURE_HEIGHT),
            pair_size=(PAIR_WIDTH, FIGURE_HEIGHT),
        )
    )
    files.add(GALLERY_PATH, gallery, "the figure gallery")
    return files


def _from_gallery(path: str) -> str:
    """The address of a file under docs/ from the gallery's page."""
    return posixpath.relpath(path, posixpath.dirname(GALLERY_PATH))


HELP_PAGES = ("printing", "embedding", "figures")
# The pose whose angle line "How to read a figure" shows as its example.
ANGLES_EXAMPLE = Pose(caption="example", knee=20, hip=75)


def render_help_pages(site_url: str | None, words: Words) -> Outputs:
    """The reader help that generated pages link to (how to print, how to embed, how a figure
    reads), so a site needs no page of its own for those links. A hand-written page at the same
    path replaces the generated one (see write.py)."""
    env = make_environment(words)
    pages = Outputs()
    example = angles_line(ANGLES_EXAMPLE, words)
    for name in HELP_PAGES:
        page = env.get_template(f"help_{name}.md.j2").render(embeds=site_url is not None, example=example)
        pages.add(f"help/{name}.md", page, f"the help page `{name}`")
    return pages
