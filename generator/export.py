"""The Library as JSON files under `api/`, for apps and scripts that read the site's data."""

from __future__ import annotations

import json

from .figures import fault_path, position_path
from .library import Library
from .model import SCHEMA_NAMES, SCHEMA_VERSION, Model
from .pose import BAR_RADIUS, Body, Pose
from .scope import EVERY_RECORD, Scope
from .views import ExerciseView, MediaView, SiteNames, Views
from .write import Outputs


class SiteUrls:
    """Where each page of the site lives, seen from one data file.

    With a `site_url` every URL is absolute; without one, URLs are relative to the data file
    that holds them, so resolving them against that file's own URL finds the page."""

    def __init__(self, site_url: str | None, file_path: str, names: SiteNames):
        depth = file_path.count("/")
        self.base = site_url.rstrip("/") + "/" if site_url else "../" * depth
        self.names = names

    def __call__(self, path: str) -> str:
        return self.base + path

    def page_url(self, kind: str, record_id: str) -> str:
        return self(self.names.record_url(kind, record_id))

    def exercise(self, exercise_id: str) -> dict[str, str]:
        return {
            "page": self.page_url("exercises", exercise_id),
            "card": self.page_url("cards", exercise_id),
            "embed": self.page_url("embed", exercise_id),
            "json": self(f"api/exercises/{exercise_id}.json"),
        }

    def page(self, kind: str, record_id: str) -> dict[str, str]:
        return {"page": self.page_url(kind, record_id)}


def export_files(
    library: Library, views: Views, site_url: str | None = None, scope: Scope = EVERY_RECORD
) -> Outputs:
    """{path under docs/: JSON text} for the lists and the data file of every exercise in `scope`.
    Each file says the language of the site (`lang`), in which `shown` is written."""
    files = Outputs()
    lang = views.names.language
    exercises = sorted(library.exercises.values(), key=lambda e: e.id)
    listing = SiteUrls(site_url, "api/exercises.json", views.names)
    catalogue = {
        "schema_version": SCHEMA_VERSION,
        "lang": lang,
        "exercises": [
            _summary(views.exercises[exercise.id], listing.exercise(exercise.id)) for exercise in exercises
        ],
    }
    files.add("api/exercises.json", _dump(catalogue), "the exercise catalogue")
    for exercise in exercises:
        if ("exercises", exercise.id) not in scope:
            continue
        path = f"api/exercises/{exercise.id}.json"
        urls = SiteUrls(site_url, path, views.names)
        entry = _entry(exercise, urls.exercise(exercise.id))
        entry["shown"] = _shown(views.exercises[exercise.id], urls)
        entry["figures"] = {
            position.name: urls(position_path(exercise.id, position.name)) for position in exercise.positions
        }
        entry["geometry"] = {position.name: pose_geometry(position) for position in exercise.positions}
        files.add(
            path,
            _dump({**_envelope("exercises", urls, lang), **entry}),
            f"the data of exercise `{exercise.id}`",
        )
    for kind in ("faults", "ladders", "menus", "sources"):
        path = f"api/{kind}.json"
        urls = SiteUrls(site_url, path, views.names)
        records = sorted(getattr(library, kind).values(), key=lambda record: record.id)
        entries = [_listed(kind, record, urls) for record in records]
        files.add(path, _dump(_envelope(kind, urls, lang, entries)), f"the {kind} list")
    return files


def _listed(kind: str, record: Model, urls: SiteUrls) -> dict:
    """A fault, ladder or source in its list; a fault with poses gains the path of its figure."""
    entry = _entry(record, urls.page(kind, record.id) if kind != "sources" else {})
    if kind == "faults" and record.positions:
        entry["figure"] = urls(fault_path(record.id))
        entry["geometry"] = {
            side: pose_geometry(getattr(record.positions, side)) for side in ("correct", "faulty")
        }
    return entry


def pose_geometry(pose: Pose) -> dict:
    """The body a pose makes, for tools that draw or check it: each joint, the load, the props
    and the centre of mass, in centimetres, the floor at y = 0 and the (front) standing ankle
    at x = 0, x growing towards the toes."""
    body = pose.body()
    shift = body.points["ankle"][0]

    def cm(point) -> list[float]:
        return [round((point[0] - shift) * 100, 1), round(point[1] * 100, 1)]

    load = None
    if body.load:
        load = {"kind": body.load.kind, "mass_kg": body.load.mass, "center": cm(body.load.centre)}
    return {
        "joints": {name: cm(point) for name, point in body.joints().items() if name != "spine"},
        "load": load,
        "props": [_prop_geometry(prop.kind, body, cm) for prop in pose.props],
        "com": cm(body.centre_of_mass()),
    }


def _prop_geometry(kind: str, body: Body, cm) -> dict:
    """A prop as `rect` ([left, bottom, right, top]) if it stands on the floor, `center`
    and `radius` if it is held or is the pull-up bar, `ends` for the stick."""
    found: dict = {"kind": kind}
    if kind in body.solids:
        left, bottom, right, top = body.solids[kind]
        found["rect"] = [*cm((left, bottom)), *cm((right, top))]
    elif body.load and kind == body.load.kind:
        found |= {"center": cm(body.load.centre), "radius": round(body.load.radius * 100, 1)}
    elif kind == "pull-up-bar":
        found |= {"center": cm(body.bar), "radius": round(BAR_RADIUS * 100, 1)}
    elif kind == "stick":
        found["ends"] = [cm(end) for end in body.stick.ends]
    elif kind == "cable":
        found["handle"] = cm(body.points["hand"])
    return found


def _envelope(kind: str, urls: SiteUrls, lang: str, entries: list | None = None) -> dict:
    envelope = {
        "schema_version": SCHEMA_VERSION,
        "lang": lang,
        "record_schema": urls(f"schemas/{SCHEMA_NAMES[kind]}.schema.json"),
    }
    if entries is not None:
        envelope[kind] = entries
    return envelope


def _entry(record: Model, urls: dict[str, str]) -> dict:
    entry: dict = {"id": record.id}
    if urls:
        entry["urls"] = urls
    entry["record"] = record.model_dump(mode="json")
    return entry


def _shown(view: ExerciseView, urls: SiteUrls) -> dict:
    """What the site's page and card show, as text: for apps that display the record as we do."""
    return {
        "level": view.level,
        "equipment": view.equipment,
        "doses": [{"goal": dose.prescription.goal, "amount": dose.amount} for dose in view.doses],
        "credit": view.credit,
        "faults": [{"fault": check.fault.id, "fix": check.fix.text} for check in view.checks],
        "media": [_media(item, urls) for item in view.media],
    }


def _media(item: MediaView, urls: SiteUrls) -> dict:
    """A photo or video with where to load it, its size, and its credit and license."""
    shown: dict = {"kind": item.kind, "alt": item.alt, "caption": item.caption}
    if item.local:
        shown |= {
            "url": urls(item.src),
            "width": item.width,
            "height": item.height,
            "web_copies": [{"url": urls(path), "width": width} for path, width in item.srcset],
        }
    else:
        shown |= {"url": item.url, "player": item.player}
    return shown | {
        "credit": item.credit,
        "license": item.license,
        "license_name": item.license_name,
        "license_url": item.license_url,
        "source_url": item.source_url,
        "credit_line": item.credit_line,
        "card": item.card,
    }


def _summary(view: ExerciseView, urls: dict[str, str]) -> dict:
    """An exercise in the catalogue: enough to list and filter it. The whole record is only
    in its own file (`urls["json"]`), so editing a record's text changes that file alone."""
    exercise = view.exercise
    return {
        "id": exercise.id,
        "name": exercise.name,
        "level": exercise.level,
        "pattern": exercise.pattern,
        "equipment": list(exercise.equipment),
        "urls": urls,
    }


def _dump(data: dict) -> str:
    """Compact JSON with `<`, `>` and `&` escaped, so record text stays inert even if a page
    inlines the file in HTML. Compact: Python indents JSON only in its pure-Python encoder, and
    unindented files are a quarter smaller (a browser's JSON viewer indents them)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
