"""The scale benchmark runs end to end on a tiny library and reports every figure."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYS = {
    "generator_s",
    "build_s",
    "baseline_s",
    "page_kb_median",
    "peak_rss_mb",
    "rewritten_after_edit",
    "noop_generate_s",
    "deck_s_per_card",
    "deck_rss_mb",
    "live_edit_s",
    "live_edit_rename_s",
    "live_edit_mkdocs_s",
}


def test_benchmark_at_size_20_ends_with_json_keyed_by_size():
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "20", "--json", "--live"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0].split()[0] == "size" and lines[1].split()[0] == "20"
    assert lines[2].split()[0] == "shipped"
    assert set(lines[0].split()) == {"size"} | KEYS
    results = json.loads(lines[-1])
    assert list(results) == ["20", "shipped"]
    figures = results["20"]
    assert KEYS <= set(figures)
    assert figures["build_s"] > 0 and figures["baseline_s"] > 0 and figures["deck_s_per_card"] > 0
    assert figures["pages"] == 20
    # The plugin's own report of its generation time, read from each build's output.
    assert len(figures["generator_in_build_s"]) == len(figures["build_s_all"]) == 5
    assert len(figures["deck_s_per_card_all"]) == 2
    assert figures["free_pages_rss_mb"] > 0
    assert 1 <= figures["rewritten_after_edit"] <= 10
    # Saving a record rebuilds the served site once: the generated pages' own writes into
    # docs/ do not start a second rebuild.
    for live in ("live_edit", "live_edit_rename", "live_edit_mkdocs"):
        assert figures[f"{live}_rebuilds"] == 1, live
    shipped = results["shipped"]
    assert shipped["live_edit_s"] > 0 and shipped["live_edit_rename_rebuilds"] == 1
