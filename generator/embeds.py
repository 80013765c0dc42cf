"""Embeds for trainers' blogs, under `embed/`: per exercise an embed page (a compact card
without site chrome that reports its height, sized to fit WordPress's 1000 px cap; everything
with `?view=full`), an oEmbed JSON file and a script-free HTML fragment; plus what the "Embed"
section and the oEmbed discovery key of every exercise page show.

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
from .model import Exercise
from .render import TEMPLATES, make_environment
from .scope import EVERY_RECORD, Scope
from .views import ExerciseView, SiteNames, Views
from .write import Outputs

# The plugin's logger: MkDocs shows its warnings (and --strict counts them); the CLI prints them.
log = logging.getLogger("mkdocs.plugins.drillbook")

NO_SITE_URL = (
    "drillbook: `site_url` is not set in mkdocs.yml, so the embed snippets, oEmbed "
    "files and HTML fragments are left out: they are pasted into other sites and need "
    "absolute links. Set `site_url` to the address the site is served from."
)
EMBED_WIDTH = 600
_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True)
class EmbedAction:
    """What an exercise page's Embed section shows: without `site_url`, no snippet."""

    oembed: str | None = None
    snippet: Markup | None = None
    fragment: Markup | None = None
    fence: Markup = Markup("```")


def render_embeds(
    library: Library, views: Views, site_url: str | None, scope: Scope = EVERY_RECORD
) -> tuple[Outputs, dict[str, EmbedAction]]:
    """The files under `embed/` and the Embed section of the page of every exercise in
    `scope`, by id."""
    words = views.names.words
    embed_page = make_environment(words).get_template("embed.md.j2")
    html = html_environment()
    snippet_html = html.get_template("embed_snippet.html.j2")
    fragment_html = html.get_template("fragment.html.j2")
    base = site_url.rstrip("/") + "/" if site_url else None
    if base is None:
        log.warning(NO_SITE_URL)
    files = Outputs()
    actions: dict[str, EmbedAction] = {}
    for exercise in library.exercises.values():
        if ("exercises", exercise.id) not in scope:
            continue
        view = views.exercises[exercise.id]
        made_by = f"the embed of exercise `{exercise.id}`"
        files.add(f"embed/{exercise.id}.md", embed_page.render(view=view), made_by)
        if base is None:
            actions[exercise.id] = EmbedAction()
            continue
        urls = embed_urls(base, exercise.id, views.names)
        height = estimated_height(view)
        frame_title = words("embed.frame_title", name=exercise.name)
        snippet = Markup(
            snippet_html.render(
                title=frame_title, id=exercise.id, src=urls["embed"], width=EMBED_WIDTH, height=height
            ).strip()
        )
        fragment = Markup(fragment_html.render(view=view, guide=urls["guide"], root=base, t=words))
        files.add(
            f"embed/{exercise.id}.json",
            oembed_json(exercise, frame_title, base, urls, height, views.names),
            made_by,
        )
        files.add(fragment_path(exercise.id), str(fragment), made_by)
        actions[exercise.id] = EmbedAction(
            urls["oembed"], snippet, fragment.strip(), Markup(fence_for(snippet + fragment))
        )
    return files, actions


def embed_urls(base: str, exercise_id: str, names: SiteNames) -> dict[str, str]:
    return {
        "embed": base + names.record_url("embed", exercise_id),
        "oembed": f"{base}embed/{exercise_id}.json",
        "guide": base + names.record_url("exercises", exercise_id),
    }


def fragment_path(exercise_id: str) -> str:
    """The HTML fragment's file under docs/: not `embed/<id>.html`, the embed page's own
    address without directory URLs."""
    return f"embed/{exercise_id}.fragment.html"


def estimated_height(view: ExerciseView) -> int:
    """A first height for the compact embed's frame, in CSS pixels at 600 px wide, before the
    page reports its own (within 30 px for the shipped library)."""
    cues, faults = min(3, len(view.exercise.cues)), min(3, len(view.checks))
    return 250 + 30 * cues + 45 * faults + 24 * len(view.places) + 10 * len(view.sources)


def oembed_json(
    exercise: Exercise, frame_title: str, base: str, urls: dict[str, str], height: int, names: SiteNames
) -> str:
    """oEmbed 1.0 `rich` response, with the site's language (`lang`, not in oEmbed 1.0, which
    allows more fields). Its `html` is what WordPress expects of a provider: a
    `blockquote.wp-embedded-content` fallback link, which makes WordPress load its embed
    script, then the iframe, full width, using only attributes WordPress keeps."""
    iframe = (
        html_environment()
        .get_template("embed_iframe.html.j2")
        .render(title=frame_title, src=urls["embed"], guide=urls["guide"], height=height)
        .strip()
    )
    return (
        json.dumps(
            {
                "version": "1.0",
                "type": "rich",
                "title": exercise.name,
                "lang": names.language,
                "author_name": names.author_or_site,
                "author_url": base,
                "provider_name": names.site,
                "provider_url": base,
                "html": iframe,
                "width": EMBED_WIDTH,
                "height": height,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


@functools.cache
def html_environment() -> Environment:
    """Jinja for HTML output: every value is HTML-escaped unless it is already Markup. One per
    process, so its templates compile once."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=True,
        finalize=_one_line,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _one_line(value):
    """Record text on one line, so no line of the output starts with record text."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return " ".join(value.split())
    return value


def fence_for(text: str) -> str:
    """A code fence longer than any run of backticks in `text`."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    return "`" * max(3, longest + 1)
