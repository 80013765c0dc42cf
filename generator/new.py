"""`drillbook new`: a coach's own project, copied from the starter files shipped in the package.

The starter is real files under `starter/`, copied as they are, except the few in `TEMPLATES`:
Jinja templates given the site's name and address. The JSON Schemas are written from the models
into `docs/schemas/`, as `drillbook schema` writes them, so the first line of each record (and
of each record `drillbook import` writes) finds its schema, and the site publishes them."""

from __future__ import annotations

import json
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from .errors import DrillbookError
from .i18n import ENGLISH, SHIPPED, words_for
from .model import json_schemas

STARTER = files("drillbook") / "starter"
SCHEMAS = Path("docs", "schemas")
# The starter files that carry the site's name or address.
TEMPLATES = {Path("mkdocs.yml"), Path("README.md"), Path("docs", "index.md")}


def new_project(
    target: Path, site_name: str | None = None, site_url: str | None = None, language: str = ENGLISH
) -> list[Path]:
    """Write the starter project into `target` (created if missing, refused unless empty) with
    its settings and home page in `language`; returns the files written, relative to `target`."""
    words = words_for(language)
    if words.fallback:
        raise DrillbookError(f"--language {language}: Drillbook speaks {', '.join(SHIPPED)}; choose one")
    if site_name is None:
        site_name = words("starter.site_name")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise DrillbookError(f"{target} is not empty; choose a new folder")
    if not site_name.strip():
        raise DrillbookError("the site name is empty; give one with --name")
    if site_url is not None and not site_url.startswith(("https://", "http://")):
        raise DrillbookError(
            f"--site-url {site_url}: give the full address, such as https://example.org/drills/"
        )
    env = Environment(
        undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True
    )
    # A JSON string is a YAML double-quoted string: any name or address stays one value.
    env.filters["yaml"] = lambda text: json.dumps(text, ensure_ascii=False)
    values = {"site_name": site_name.strip(), "site_url": site_url, "language": language, "t": words}
    outputs: dict[Path, bytes] = {}
    for path, item in _starter_files(STARTER, Path()):
        if path in TEMPLATES:
            outputs[path] = env.from_string(item.read_text("utf-8")).render(values).encode("utf-8")
        else:
            outputs[path] = item.read_bytes()
    for name, text in json_schemas().items():
        outputs[SCHEMAS / name] = text.encode("utf-8")
    for path, data in outputs.items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_bytes(data)
    return sorted(outputs)


def _starter_files(folder: Traversable, relative: Path):
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.is_dir():
            yield from _starter_files(item, relative / item.name)
        else:
            yield relative / item.name, item
