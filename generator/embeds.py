"""Embeds for trainers' blogs, under `embed/`: per exercise an embed page (no site chrome,
auto-height), an oEmbed JSON file and a script-free HTML fragment; plus the "Embed" section
and oEmbed discovery key added to every exercise page.

The snippet, the oEmbed file and the fragment are pasted into other sites, so their links
must be absolute: without `site_url` only the embed pages are made, and a warning says why."""

from __future__ import annotations

import functools
import json
import logging
import re
from dataclasses import dataclass

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .library import Library
from .model import Exercise, Fault, Source
from .render import TEMPLATES, dose, level_label, make_environment, yaml_value

# The plugin's logger: MkDocs shows its warnings (and --strict counts them); the CLI prints them.
log = logging.getLogger("mkdocs.plugins.drillbook")

NO_SITE_URL = ("drillbook: `site_url` is not set in mkdocs.yml, so the embed snippets, oEmbed "
               "files and HTML fragments are left out: they are pasted into other sites and need "
               "absolute links. Set `site_url` to the address the site is served from.")
EMBED_WIDTH = 600
_BACKTICKS = re.compile(r"`+")


def add_embeds(pages: dict[str, str], library: Library, site_url: str | None) -> dict[str, str]:
    """`pages` with the `embed/` files added and every exercise page given its Embed section."""
    markdown = make_environment()
    html = html_environment()
    base = site_url.rstrip("/") + "/" if site_url else None
    if base is None:
        log.warning(NO_SITE_URL)
    result = dict(pages)
    for exercise in library.exercises.values():
        view = EmbedView.of(exercise, library)
        result[f"embed/{exercise.id}.md"] = markdown.get_template("embed.md.j2").render(view=view)
        page = f"exercises/{exercise.id}.md"
        if base is None:
            result[page] = with_section(result[page], markdown.get_template(
                "embed_action.md.j2").render(id=exercise.id, snippet=None))
            continue
        urls = embed_urls(base, exercise.id)
        height = estimated_height(view)
        snippet = Markup(html.get_template("embed_snippet.html.j2").render(
            name=exercise.name, id=exercise.id, src=urls["embed"], width=EMBED_WIDTH,
            height=height).strip())
        fragment = Markup(html.get_template("fragment.html.j2").render(
            view=view, guide=urls["guide"]))
        result[f"embed/{exercise.id}.json"] = oembed_json(exercise, base, urls["embed"], height)
        result[f"embed/{exercise.id}.html"] = str(fragment)
        section = markdown.get_template("embed_action.md.j2").render(
            id=exercise.id, snippet=snippet, fragment=fragment.strip(),
            fence=Markup(fence_for(snippet + fragment)))
        result[page] = with_front_matter(with_section(result[page], section), "oembed",
                                         yaml_value(urls["oembed"]))
    return result


@dataclass(frozen=True)
class EmbedView:
    """What an embed shows of one exercise, ready for the templates."""

    exercise: Exercise
    glance: list[tuple[str, str]]
    checks: list[tuple[Fault, str | None]]
    sources: list[Source]

    @classmethod
    def of(cls, exercise: Exercise, library: Library) -> EmbedView:
        glance = [("Level", level_label(exercise.level)),
                  ("Equipment", ", ".join(exercise.equipment) or "None (bodyweight)"),
                  ("Main muscles", ", ".join(exercise.muscles.primary))]
        glance += [("Sets × reps", f"{dose(p)} ({p.goal})") for p in exercise.prescriptions]
        checks = [(library.faults[link.fault], link.note) for link in exercise.faults]
        sources = [library.sources[s] for s in exercise.sources]
        return cls(exercise, glance, checks, sources)


def embed_urls(base: str, exercise_id: str) -> dict[str, str]:
    return {
        "embed": f"{base}embed/{exercise_id}/",
        "oembed": f"{base}embed/{exercise_id}.json",
        "fragment": f"{base}embed/{exercise_id}.html",
        "guide": f"{base}exercises/{exercise_id}/",
    }


def estimated_height(view: EmbedView) -> int:
    """A first height for the iframe, in CSS pixels at 600 px wide, before the page reports
    its own; WordPress clamps it to 200–1000."""
    lines = len(view.glance) + len(view.exercise.cues) + 3 * len(view.checks)
    return min(1000, 260 + 36 * lines + 40 * len(view.checks))


def oembed_json(exercise: Exercise, base: str, src: str, height: int) -> str:
    """oEmbed 1.0 `rich` response; `html` is a plain iframe, which WordPress sandboxes and
    sizes from the embed page's height messages."""
    iframe = html_environment().get_template("embed_iframe.html.j2").render(
        name=exercise.name, src=src, width=EMBED_WIDTH, height=height).strip()
    return json.dumps({
        "version": "1.0",
        "type": "rich",
        "title": exercise.name,
        "author_name": "Drillbook",
        "author_url": base,
        "provider_name": "Drillbook",
        "provider_url": base,
        "html": iframe,
        "width": EMBED_WIDTH,
        "height": height,
    }, ensure_ascii=False, indent=2) + "\n"


@functools.cache
def html_environment() -> Environment:
    """Jinja for HTML output: every value is HTML-escaped unless it is already Markup.
    One per process: a new Environment compiles its templates again (8 ms per exercise)."""
    return Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                       autoescape=True, finalize=_one_line, trim_blocks=True,
                       lstrip_blocks=True, keep_trailing_newline=True)


def _one_line(value):
    """Record text on one line, so no line of the output starts with record text."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return " ".join(value.split())
    return value


def fence_for(text: str) -> str:
    """A code fence longer than any run of backticks in `text`."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    return "`" * max(3, longest + 1)


def with_section(text: str, section: str) -> str:
    """`text` with `section` appended as its last part."""
    return text.rstrip("\n") + "\n\n" + section


def with_front_matter(text: str, key: str, value: str) -> str:
    """`text` (a page that starts with YAML front matter) with `key: value` added to it."""
    if not text.startswith("---\n"):
        raise ValueError("page has no front matter")
    return f"---\n{key}: {value}\n{text[4:]}"
