"""Scale benchmark: build synthetic libraries of N exercises and time every step.

    python3 benchmarks/run.py --sizes 100,1000,5000 [--json] [--live]

Each size runs in a fresh interpreter (so peak memory is per size) inside a temporary
folder; nothing in the project is touched. See benchmarks/README.md for what each column
means and for the figures on record."""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from synthetic import exercise_id, write_library  # noqa: E402

from generator.write import OWNED_FOLDERS  # noqa: E402

COLUMNS = ["generator_s", "build_s", "baseline_s", "page_kb_median", "peak_rss_mb",
           "rewritten_after_edit", "noop_generate_s", "deck_s_per_card"]
DECK_SIZE_LIMIT = 1000
LIVE_COLUMNS = ["live_edit_s", "live_edit_dirty_s"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DRILLBOOK_DECKS": "0",
       "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000",
                        help="comma-separated library sizes (exercises), e.g. 100,1000,5000")
    parser.add_argument("--json", action="store_true",
                        help="end with one line of JSON keyed by size")
    parser.add_argument("--live", action="store_true",
                        help="also time `mkdocs serve` from saving a record to serving the "
                             "page (sizes up to 1000)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(measure(args.worker, live=args.live, keep=args.keep)))
        return 0

    results: dict[str, dict] = {}
    for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
        print(f"size {size}: measuring…", file=sys.stderr, flush=True)
        command = [sys.executable, __file__, "--worker", str(size)]
        command += ["--live"] * args.live + ["--keep"] * args.keep
        done = subprocess.run(command, capture_output=True, text=True, env=ENV)
        if done.returncode != 0:
            print(done.stdout, done.stderr, file=sys.stderr)
            return 1
        results[str(size)] = json.loads(done.stdout.strip().splitlines()[-1])
    print(table(results))
    if args.json:
        print(json.dumps(results))
    return 0


def table(results: dict[str, dict]) -> str:
    columns = COLUMNS + [c for c in LIVE_COLUMNS if any(c in r for r in results.values())]
    rows = [["size", *columns]]
    for size, result in results.items():
        rows.append([size, *("n/a" if result.get(c) is None else f"{result[c]:g}"
                             for c in columns)])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True))
                     for row in rows)


def measure(size: int, *, live: bool = False, keep: bool = False) -> dict:
    """Every figure for one size; runs in its own interpreter."""
    from generator.pipeline import generate, generate_if_changed

    workdir = Path(tempfile.mkdtemp(prefix=f"drillbook-bench-{size}-"))
    try:
        project = make_project(workdir / "project", size)
        content, docs = project / "content", project / "docs"
        site_url = read_site_url(project / "mkdocs.yml")
        baseline_config = write_baseline_config(project)
        repeat = 2 if size <= 1000 else 1

        generator_s = timed(lambda: generate(content, docs, site_url))
        build_s, baseline_s = [], []
        for _ in range(repeat):
            clear_generated(docs)
            build_s.append(timed(lambda: mkdocs_build(project, "mkdocs.yml", "site")))
            baseline_s.append(timed(lambda: mkdocs_build(project, baseline_config.name,
                                                         "site-baseline")))
        pages = sorted((project / "site" / "exercises").glob("*/index.html"))
        page_kb = statistics.median(p.stat().st_size for p in pages) / 1024

        generate(content, docs, site_url)  # warm, as under `mkdocs serve`
        before = snapshot(docs)
        edit_record(content / "exercises" / f"{exercise_id(size // 2)}.yml", "edited")
        generate(content, docs, site_url)
        after = snapshot(docs)
        rewritten = sorted(p for p in after if before.get(p) != after[p])
        rewritten += sorted(set(before) - set(after))
        generate_if_changed(content, docs, site_url)  # what the plugin calls on a rebuild
        noop = statistics.median(timed(lambda: generate_if_changed(content, docs, site_url))
                                 for _ in range(5))
        noop_full = timed(lambda: generate(content, docs, site_url))
        peak_rss = peak_rss_mb()

        result = {
            "generator_s": round(generator_s, 3),
            "build_s": round(min(build_s), 2),
            "baseline_s": round(min(baseline_s), 2),
            "page_kb_median": round(page_kb, 1),
            "peak_rss_mb": round(peak_rss, 1),
            "rewritten_after_edit": len(rewritten),
            "noop_generate_s": round(noop, 4),
            "deck_s_per_card": deck_seconds_per_card(project, content, size),
            "noop_full_generate_s": round(noop_full, 3),
            "rewritten_pages_after_edit": sum(name.endswith(".md") for name in rewritten),
            "rewritten_files": rewritten,
            "pages": len(pages),
        }
        if live and size <= 1000:
            result["live_edit_s"] = live_edit_seconds(project, size, dirty=False)
            result["live_edit_dirty_s"] = live_edit_seconds(project, size, dirty=True)
        return result
    finally:
        if keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def make_project(target: Path, size: int) -> Path:
    """The project's site sources (hand-written docs only) around a synthetic library."""
    target.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "docs", target / "docs",
                    ignore=lambda folder, names: [n for n in names if Path(folder) == ROOT / "docs"
                                                  and n in OWNED_FOLDERS])
    write_library(target / "content", size)
    return target


def read_site_url(config: Path) -> str | None:
    found = re.search(r"^site_url:\s*(\S+)", config.read_text("utf-8"), re.MULTILINE)
    return found.group(1).strip("'\"") if found else None


def write_baseline_config(project: Path) -> Path:
    """mkdocs.yml without the drillbook plugin (and its options): a plain MkDocs build."""
    lines = (project / "mkdocs.yml").read_text("utf-8").splitlines(keepends=True)
    kept, skip_deeper = [], None
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if skip_deeper is not None and line.strip() and indent > skip_deeper:
            continue
        skip_deeper = None
        if re.match(r"^\s*- drillbook:?\s*$", line):
            skip_deeper = indent
            continue
        kept.append(line)
    baseline = project / "mkdocs-baseline.yml"
    baseline.write_text("".join(kept), "utf-8")
    return baseline


def clear_generated(docs: Path) -> None:
    for folder in OWNED_FOLDERS:
        shutil.rmtree(docs / folder, ignore_errors=True)


def mkdocs_build(project: Path, config: str, site: str, env: dict | None = None) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", site],
                   cwd=project, env=env or ENV, check=True, capture_output=True)


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def snapshot(docs: Path) -> dict[str, tuple[int, int]]:
    """(mtime, inode) of every file in the generated folders: a rewrite changes either."""
    return {str(path.relative_to(docs)): (path.stat().st_mtime_ns, path.stat().st_ino)
            for folder in OWNED_FOLDERS if (docs / folder).is_dir()
            for path in (docs / folder).rglob("*") if path.is_file()}


def edit_record(path: Path, marker: str) -> None:
    """A typical edit: one sentence of the summary changes."""
    text = path.read_text("utf-8")
    path.write_text(text.replace("summary: ", f"summary: {marker.capitalize()} summary. ", 1),
                    "utf-8")


def peak_rss_mb() -> float:
    """The largest resident set of this process or any build it ran (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def deck_seconds_per_card(project: Path, content: Path, size: int) -> float | None:
    """Seconds per exercise card to make every PDF deck from the built site (each card is
    printed in the all-cards deck and its ladder's deck, on both paper sizes). None when the
    generator has no decks, or above 1000 cards, where it would take most of an hour."""
    try:
        from generator.cards import decks
        from generator.decks import build_decks
    except ImportError:
        return None
    if size > DECK_SIZE_LIMIT:
        return None
    from generator.pipeline import read_library

    library = read_library(content)
    seconds = timed(lambda: build_decks(project / "site", decks(library), True))
    return round(seconds / size, 4)


def live_edit_seconds(project: Path, size: int, *, dirty: bool) -> float:
    """Seconds from saving one record to `mkdocs serve` serving the changed page."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    command += ["--dirty"] * dirty
    record = exercise_id(size // 3)
    url = f"http://127.0.0.1:{port}/exercises/{record}/"
    server = subprocess.Popen(command, cwd=project, env=ENV, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: fetch(url) is not None, timeout=1800)
        time.sleep(2)  # let the watcher settle after the first build
        marker = f"live{'dirty' if dirty else 'clean'}{port}"
        start = time.perf_counter()
        edit_record(project / "content" / "exercises" / f"{record}.yml", marker)
        wait_for(lambda: marker.capitalize() in (fetch(url) or ""), timeout=1800)
        return round(time.perf_counter() - start, 2)
    finally:
        server.terminate()
        server.wait(timeout=60)


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("gave up waiting")
        time.sleep(0.05)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
