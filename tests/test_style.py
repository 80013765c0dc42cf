"""The code stays as ruff formats and checks it (configured in pyproject.toml)."""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import ROOT


def test_ruff_check_is_clean():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_ruff_format_changes_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def private_uses(source: str) -> list[str]:
    """Names starting with `_` that code takes from another module: `from x import _y`, or
    `x._y` where `x` is an imported module or one of its names."""
    tree = ast.parse(source)
    imported = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            imported.update(alias.asname or alias.name for alias in node.names)
            found += [f"from {node.module} import {a.name}" for a in node.names if a.name.startswith("_")]
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and isinstance(node.value, ast.Name)
            and node.value.id in imported
        ):
            found.append(f"{node.value.id}.{node.attr}")
    return found


def test_private_uses_are_found():
    source = "import segno\nfrom segno import encoder\nfrom x import _y\nsegno._make()\nencoder._bits\n"
    assert sorted(private_uses(source)) == ["encoder._bits", "from x import _y", "segno._make"]


def test_generator_uses_no_private_names_of_other_modules():
    found = {path.name: private_uses(path.read_text()) for path in (ROOT / "generator").glob("*.py")}
    assert {name: uses for name, uses in found.items() if uses} == {}
