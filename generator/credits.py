"""The Credits page: every photo and video the site shows, who made it and its license,
with those whose license is not known listed first."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from .library import Library
from .model import Model
from .render import make_environment
from .views import MediaView, Views
from .write import Outputs

log = logging.getLogger("mkdocs.plugins.drillbook")

CREDITS_PAGE = "browse/credits.md"


@dataclass
class Asset:
    """One photo or video, and every record that shows it."""

    view: MediaView
    shown_on: list[tuple[str, Model]] = field(default_factory=list)


def assets(library: Library, views: Views) -> list[Asset]:
    """Every asset once, by its file or address, in the order of the records' names."""
    found: dict[str, Asset] = {}
    shown = [
        *(
            ("exercises", exercise, views.exercises[exercise.id].media)
            for exercise in library.exercises.values()
        ),
        *(("faults", fault, views.faults[fault.id].media) for fault in library.faults.values()),
    ]
    for kind, record, media in sorted(shown, key=lambda item: item[1].name.lower()):
        for view in media:
            asset = found.setdefault(view.at(""), Asset(view))
            asset.shown_on.append((kind, record))
    return sorted(found.values(), key=lambda asset: (asset.view.known_license, asset.view.alt.lower()))


def render_credits(library: Library, views: Views) -> Outputs:
    listed = assets(library, views)
    unknown = sum(1 for asset in listed if not asset.view.known_license)
    if listed:
        log.info(
            f"drillbook: photos and videos with no known license: {unknown} of {len(listed)}; "
            f"see {CREDITS_PAGE}"
        )
    page = (
        make_environment(views.names.words)
        .get_template("credits.md.j2")
        .render(assets=listed, unknown=unknown)
    )
    outputs = Outputs()
    outputs.add(CREDITS_PAGE, page, "the media credits page")
    return outputs
