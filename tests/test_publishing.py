"""Publishing: the GitHub Pages workflow builds with the README's command and publishes what
it builds at the address Pages gives it; the guide is in the site and the README."""

from __future__ import annotations

import json
import re

import yaml
from conftest import ROOT, drillbook

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def readme_build_command() -> str:
    lines = (ROOT / "README.md").read_text("utf-8").splitlines()
    return lines[lines.index("```sh") + 1].split("#")[0].strip()


def workflow_steps() -> list[dict]:
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_workflow_builds_with_the_readme_command_and_uploads_the_site():
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML reads the key `on` as true
    steps = workflow_steps()
    build = [step for step in steps if step.get("run") == readme_build_command()]
    assert len(build) == 1, f"no step runs {readme_build_command()!r}"
    assert build[0]["env"]["DRILLBOOK_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    uploads = [step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert [step["with"]["path"] for step in uploads] == ["site"]
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in steps)


def test_the_address_pages_gives_reaches_qr_codes_embeds_and_data(project, monkeypatch):
    """What the workflow sets (DRILLBOOK_SITE_URL) becomes site_url for the generated files."""
    monkeypatch.setenv("DRILLBOOK_SITE_URL", "https://coach.github.io/drills/")
    result = drillbook("generate", cwd=project)
    assert result.returncode == 0, result.stderr
    oembed = json.loads((project / "docs" / "embed" / "romanian-deadlift.json").read_text("utf-8"))
    assert oembed["provider_url"] == "https://coach.github.io/drills/"
    listing = (project / "docs" / "api" / "exercises.json").read_text("utf-8")
    assert "https://coach.github.io/drills/exercises/romanian-deadlift/" in listing


def test_publishing_guide_is_in_the_guides_and_the_readme():
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    guides = config[config.index("  - Guides:") :]
    assert re.search(r"^      - .+: publishing\.md$", guides, re.M)
    assert "](docs/publishing.md)" in (ROOT / "README.md").read_text("utf-8")
    guide = (ROOT / "docs" / "publishing.md").read_text("utf-8")
    for needed in ("site_url", ".github/workflows/pages.yml", "drillbook finish", "Zensical", "sw.js"):
        assert needed in guide, needed
