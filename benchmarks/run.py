"""Scale benchmark: build synthetic libraries of N exercises and time every step.

    python3 benchmarks/run.py --sizes 100,1000,5000 [--json] [--live]
    python3 benchmarks/run.py --sizes 100,1000 --decks-only [--json]

Each size runs in a fresh interpreter (so peak memory is per size) inside a temporary
folder; nothing in the project is touched. The table is followed by the targets of issue #15
with their ratios; with --json the last line is one JSON object keyed by size. See
benchmarks/README.md for what each column means and for the figures on record."""

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
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from synthetic import exercise_id, write_library  # noqa: E402

from drillbook.site_setup import config_without_plugin  # noqa: E402
from drillbook.write import OWNED_FOLDERS  # noqa: E402

COLUMNS = [
    "generator_s",
    "build_s",
    "baseline_s",
    "page_kb_median",
    "peak_rss_mb",
    "rewritten_after_edit",
    "noop_generate_s",
    "deck_s_per_card",
    "deck_rss_mb",
]
LIVE_COLUMNS = ["live_edit_s", "live_edit_rename_s", "live_edit_mkdocs_s"]
DECK_SIZE_LIMIT = 1000
DECK_RUNS = 2  # decks are timed twice per size, the faster counts
# Seconds ext4 treats a freed inode as recently freed (and creates files slower).
SETTLE_S = 30
LIVE_SIZE_LIMIT = 1000
# Saves timed in each live run (their median counts), started at moments spread evenly over
# MkDocs' look for changes, which comes every POLL_S.
LIVE_EDITS = 6
POLL_S = 0.5
_GENERATION_LINE = re.compile(r"drillbook: .*; pages .* in ([0-9.]+) s$", re.MULTILINE)
ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "DRILLBOOK_DECKS": "0",
    "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="100,1000", help="comma-separated library sizes (exercises), e.g. 100,1000,5000"
    )
    parser.add_argument("--json", action="store_true", help="end with one line of JSON keyed by size")
    parser.add_argument(
        "--live",
        action="store_true",
        help="also time `mkdocs serve` from saving a record to serving the "
        f"page (sizes up to {LIVE_SIZE_LIMIT})",
    )
    parser.add_argument(
        "--decks-only",
        action="store_true",
        help="build each size's site once and measure only the PDF decks (time and peak memory)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--decks", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.generate:
        print(json.dumps(generate_cold(args.generate).__dict__))
        return 0
    if args.decks:
        print(json.dumps(make_decks(args.decks).__dict__))
        return 0
    if args.worker:
        if args.decks_only:
            print(json.dumps(measure_decks_only(args.worker, keep=args.keep)))
        else:
            print(json.dumps(measure(args.worker, live=args.live, keep=args.keep)))
        return 0

    results: dict[str, dict] = {}
    for turn, size in enumerate(int(s) for s in args.sizes.split(",") if s.strip()):
        if turn:
            time.sleep(SETTLE_S)  # the size before deleted its files: see clear_generated
        print(f"size {size}: measuring…", file=sys.stderr, flush=True)
        command = [sys.executable, __file__, "--worker", str(size)]
        command += ["--live"] * args.live + ["--keep"] * args.keep + ["--decks-only"] * args.decks_only
        done = subprocess.run(command, capture_output=True, text=True, env=ENV)
        if done.returncode != 0:
            print(done.stdout, done.stderr, file=sys.stderr)
            return 1
        results[str(size)] = json.loads(done.stdout.strip().splitlines()[-1])
        # Each size as it finishes, so a long run that is cut short still leaves its figures.
        print(f"size {size}: {json.dumps(results[str(size)])}", file=sys.stderr, flush=True)
    if args.live:
        print("shipped library: measuring live edits…", file=sys.stderr, flush=True)
        results["shipped"] = measure_live_shipped()
    print(table(results))
    checks = targets(results)
    if checks:
        print("\n" + "\n".join(checks))
    if args.json:
        print(json.dumps(results))
    return 0


def table(results: dict[str, dict]) -> str:
    columns = [c for c in COLUMNS + LIVE_COLUMNS if any(c in r for r in results.values())]
    rows = [["size", *columns]]
    for size, result in results.items():
        rows.append([size, *("n/a" if result.get(c) is None else f"{result[c]:g}" for c in columns)])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows)


def targets(results: dict[str, dict]) -> list[str]:
    """One line per target of issue #15 that these sizes can check: figure, ratio, verdict.
    Time ratios are also given in CPU seconds."""
    small, large, huge = (results.get(size) for size in ("100", "1000", "5000"))
    lines = []

    def check(name: str, value: float, limit: float, note: str = "") -> None:
        verdict = "met" if value <= limit else "NOT MET"
        lines.append(f"{verdict:>7}  {name}: {value:.3f} (limit {limit:g}){note}")

    if large and "build_s" in large:
        check(
            "1000: build / baseline run beside it (median of pairs)",
            statistics.median(large["build_ratio_pairs"]),
            1.15,
            f"; build_s / baseline_s {large['build_s'] / large['baseline_s']:.3f}, "
            f"CPU {large['build_cpu_s'] / large['baseline_cpu_s']:.3f}",
        )
        if small and "page_kb_median" in small:
            check(
                "1000: |page_kb_median / page_kb_median@100 - 1|",
                abs(large["page_kb_median"] / small["page_kb_median"] - 1),
                0.10,
            )
        check("1000: rewritten_after_edit", large["rewritten_after_edit"], 5)
        check(
            "1000: noop_generate_s",
            large["noop_generate_s"],
            0.2,
            f"; a full regeneration in a process that has generated before: "
            f"{large['noop_full_generate_s']:g} s; a fresh process: about generator_s",
        )
    if huge and large and "build_s" in huge and "build_s" in large:
        check(
            "5000: build_s / build_s@1000",
            huge["build_s"] / large["build_s"],
            5.5,
            f"; CPU {huge['build_cpu_s'] / large['build_cpu_s']:.3f}",
        )
    if huge and large and "build_s" in huge and "build_s" in large:
        ours = huge["build_s"] / large["build_s"]
        theirs = huge["baseline_s"] / large["baseline_s"]
        check(
            "5000/1000 build ratio / plain MkDocs' 5000/1000 ratio (issue 29)",
            ours / theirs,
            1.05,
            f"; ours {ours:.3f}, plain MkDocs {theirs:.3f}",
        )
    shipped = results.get("shipped")
    for name, result, limit in (("1000", large, 2.0), ("shipped library", shipped, 1.0)):
        for column, what in (
            ("live_edit_s", "a summary edit"),
            ("live_edit_rename_s", "a rename, on the fault page"),
        ):
            if result and result.get(column) is not None:
                check(f"{name}: {column}, save to page served ({what}; issue 29)", result[column], limit)
    if huge and "free_pages_rss_mb" in huge:
        check(
            "5000: peak memory with free_pages / plain MkDocs",
            huge["free_pages_rss_mb"] / huge["baseline_rss_mb"],
            1.10,
            f"; {huge['free_pages_rss_mb']:g} MiB against {huge['baseline_rss_mb']:g} MiB; "
            f"default build (free_pages off) {huge['build_rss_mb']:g} MiB",
        )
    if small and large and small.get("deck_s_per_card") and large.get("deck_s_per_card"):
        check(
            "deck_s_per_card@1000 / deck_s_per_card@100",
            large["deck_s_per_card"] / small["deck_s_per_card"],
            1.0,
            f"; CPU {large['deck_cpu_s_per_card'] / small['deck_cpu_s_per_card']:.3f}",
        )
    if small and large and small.get("deck_rss_mb") and large.get("deck_rss_mb"):
        check(
            "deck_rss_mb@1000 / deck_rss_mb@100 (issue 29)",
            large["deck_rss_mb"] / small["deck_rss_mb"],
            1.2,
            f"; {large['deck_rss_mb']:g} MiB against {small['deck_rss_mb']:g} MiB",
        )
    return lines


@dataclass
class Child:
    """A finished child process: wall and CPU seconds, peak resident memory, output."""

    wall_s: float
    cpu_s: float
    rss_mb: float
    stdout: str
    stderr: str
    # With run_child(tree=True): the largest sum of resident memory, MiB, of the process and
    # all below it at one moment, and of the processes below it only.
    tree_rss_mb: float | None = None
    below_rss_mb: float | None = None


def run_child(command: list[str], cwd: Path, env: dict | None = None, *, tree: bool = False) -> Child:
    """Run `command`, measuring this one process (and any it waited for) with wait4, whose
    peak memory is that of the largest single process. With `tree`, also the memory of the
    process and of all below it together, sampled every 50 ms."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=out, stderr=err)
        peak, done = [0.0, 0.0], threading.Event()
        if tree:

            def sample() -> None:
                while not done.wait(0.05):
                    own, below = tree_rss_mb(process.pid)
                    peak[:] = max(peak[0], own + below), max(peak[1], below)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        done.set()
        if tree:
            sampler.join()
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        errors = err.read().decode("utf-8", "replace")
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{errors}")
        return Child(
            wall,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024,
            out.read().decode("utf-8"),
            errors,
            *(peak if tree else [None, None]),
        )


def tree_rss_mb(pid: int) -> tuple[float, float]:
    """Resident memory now, MiB, of process `pid` and of all the processes below it."""
    sizes, waiting = [], [pid]
    while waiting:
        current = waiting.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            for children in Path(f"/proc/{current}/task").glob("*/children"):
                waiting += [int(child) for child in children.read_text().split()]
        except OSError:  # it has just ended
            sizes.append(0)
            continue
        found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        sizes.append(int(found[1]) / 1024 if found else 0)  # a zombie holds no memory
    return sizes[0], sum(sizes[1:])


def measure(size: int, *, live: bool = False, keep: bool = False) -> dict:
    """Every figure for one size; runs in its own interpreter."""
    from drillbook.live import LiveGenerator
    from drillbook.pipeline import generate
    from drillbook.views import DEFAULT_NAMES

    workdir = Path(tempfile.mkdtemp(prefix=f"drillbook-bench-{size}-"))
    try:
        project = make_project(workdir / "project", size)
        content, docs = project / "content", project / "docs"
        site_url = read_site_url(project / "mkdocs.yml")
        baseline_config = write_baseline_config(project)
        cold_runs = 3 if size <= 1000 else 2
        # Pairs of build and baseline: the median of five rides out a slow minute or two.
        pairs = 5 if size <= 1000 else 2

        # Each generation in a fresh process, as the plugin's in a build: no cache is warm.
        generator = []
        for _ in range(cold_runs):
            clear_generated(docs)
            child = run_child([sys.executable, __file__, "--generate", str(project)], ROOT)
            generator.append((last_timing(child), child.rss_mb))

        # Builds and baselines alternate in order, so neither always runs on a warmer cache;
        # every build starts without generated pages, as a fresh checkout would.
        builds, baselines = [], []
        for turn in range(pairs):
            baseline_first = turn % 2 == 1
            if baseline_first:
                baselines.append(mkdocs_build(project, baseline_config.name, "site-baseline"))
            clear_generated(docs)
            builds.append(mkdocs_build(project, "mkdocs.yml", "site"))
            if not baseline_first:
                baselines.append(mkdocs_build(project, baseline_config.name, "site-baseline"))
        clear_generated(docs)
        free_pages_build = mkdocs_build(project, write_free_pages_config(project).name, "site-free")
        pages = sorted((project / "site" / "exercises").glob("*/index.html"))
        page_kb = statistics.median(p.stat().st_size for p in pages) / 1024

        generate(content, docs, site_url)
        before = snapshot(docs)
        edit_record(content / "exercises" / f"{exercise_id(size // 2)}.yml", "edited")
        generate(content, docs, site_url)
        after = snapshot(docs)
        rewritten = sorted(p for p in after if before.get(p) != after[p])
        rewritten += sorted(set(before) - set(after))

        rebuilds = LiveGenerator()  # what the plugin calls on a rebuild of `serve`
        rebuilds.generate(content, docs, site_url, DEFAULT_NAMES)
        noop = statistics.median(
            timed(lambda: rebuilds.generate(content, docs, site_url, DEFAULT_NAMES)).wall for _ in range(5)
        )
        noop_full = min(timed(lambda: generate(content, docs, site_url)).wall for _ in range(2))
        generator_rss = max(rss for _, rss in generator)

        fastest = min(builds, key=lambda child: child.wall_s)
        in_build = [generation_s(build) for build in builds]
        result = {
            "generator_s": round(min(t.wall for t, _ in generator), 3),
            "build_s": round(fastest.wall_s, 2),
            "baseline_s": round(min(child.wall_s for child in baselines), 2),
            "page_kb_median": round(page_kb, 1),
            "peak_rss_mb": round(max(generator_rss, *(child.rss_mb for child in builds)), 1),
            "rewritten_after_edit": len(rewritten),
            "noop_generate_s": round(noop, 4),
            "deck_s_per_card": None,
            "generator_cpu_s": round(min(t.cpu for t, _ in generator), 3),
            "build_cpu_s": round(min(child.cpu_s for child in builds), 2),
            "baseline_cpu_s": round(min(child.cpu_s for child in baselines), 2),
            "build_s_all": [round(child.wall_s, 2) for child in builds],
            "baseline_s_all": [round(child.wall_s, 2) for child in baselines],
            # Each build over the baseline run beside it: less exposed to a passing load.
            "build_ratio_pairs": [
                round(b.wall_s / a.wall_s, 3) for b, a in zip(builds, baselines, strict=True)
            ],
            # The plugin's generation over the build it ran in: no drift between two runs.
            "generator_in_build_s": [round(seconds, 2) for seconds in in_build],
            "build_rss_mb": round(max(child.rss_mb for child in builds), 1),
            "baseline_rss_mb": round(max(child.rss_mb for child in baselines), 1),
            "free_pages_rss_mb": round(free_pages_build.rss_mb, 1),
            "generator_rss_mb": round(generator_rss, 1),
            "noop_full_generate_s": round(noop_full, 3),
            "rewritten_files": rewritten,
            "pages": len(pages),
        }
        if size <= DECK_SIZE_LIMIT:
            result.update(measure_decks(project, size))
        if live and size <= LIVE_SIZE_LIMIT:
            result.update(live_figures(project, exercise_id(size // 3)))
        return result
    finally:
        if keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def measure_decks(project: Path, size: int) -> dict:
    """The deck figures for the built site of `project`: seconds per card, and the peak memory
    of the processes that lay out and write the decks, together (the process that starts
    them holds the library, as a build does: it is in `deck_tree_rss_mb`)."""
    runs = [
        run_child([sys.executable, __file__, "--decks", str(project)], ROOT, tree=True)
        for _ in range(DECK_RUNS)
    ]
    made = [last_timing(run) for run in runs]
    return {
        "deck_s_per_card": round(min(t.wall for t in made) / size, 4),
        "deck_cpu_s_per_card": round(min(t.cpu for t in made) / size, 4),
        "deck_s_per_card_all": [round(t.wall / size, 4) for t in made],
        "deck_rss_mb": round(max(run.below_rss_mb for run in runs), 1),
        "deck_rss_mb_all": [round(run.below_rss_mb, 1) for run in runs],
        "deck_tree_rss_mb": round(max(run.tree_rss_mb for run in runs), 1),
        "deck_process_rss_mb": round(max(run.rss_mb for run in runs), 1),
    }


def measure_decks_only(size: int, *, keep: bool = False) -> dict:
    """Only the deck figures: one build of the site (decks off), then the decks from it."""
    workdir = Path(tempfile.mkdtemp(prefix=f"drillbook-decks-{size}-"))
    try:
        project = make_project(workdir / "project", size)
        mkdocs_build(project, "mkdocs.yml", "site")
        return measure_decks(project, size)
    finally:
        if keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def make_project(target: Path, size: int) -> Path:
    """The project's site sources (hand-written docs only) around a synthetic library."""
    write_library(copy_site_sources(target) / "content", size)
    return target


def copy_site_sources(target: Path) -> Path:
    """`mkdocs.yml` and the hand-written docs of this repository, in `target`."""
    target.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(
        ROOT / "docs",
        target / "docs",
        ignore=lambda folder, names: [
            n for n in names if Path(folder) == ROOT / "docs" and n in OWNED_FOLDERS
        ],
    )
    return target


def read_site_url(config: Path) -> str | None:
    found = re.search(r"^site_url:\s*(\S+)", config.read_text("utf-8"), re.MULTILINE)
    return found.group(1).strip("'\"") if found else None


def write_baseline_config(project: Path) -> Path:
    """mkdocs.yml without the drillbook plugin (and its options): a plain MkDocs build of the
    same pages, with the theme parts the plugin would add written into it."""
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
    baseline.write_text(config_without_plugin("".join(kept)), "utf-8")
    return baseline


def write_free_pages_config(project: Path) -> Path:
    """mkdocs.yml with the plugin's `free_pages` on, for the memory measure."""
    text = (project / "mkdocs.yml").read_text("utf-8")
    config = project / "mkdocs-free-pages.yml"
    if "\n  - drillbook:\n" not in text:
        raise RuntimeError("mkdocs.yml lists no `- drillbook:` plugin with options to give free_pages")
    config.write_text(
        text.replace("\n  - drillbook:\n", "\n  - drillbook:\n      free_pages: true\n", 1), "utf-8"
    )
    return config


def clear_generated(docs: Path) -> None:
    """Take the generated folders out of `docs`, as in a fresh checkout. They are moved aside,
    not deleted: for about 30 s after thousands of files are deleted, ext4 creates files
    several times slower (it skips recently freed inodes), which a fresh checkout does not
    see. The moved folders go with the work folder."""
    aside = docs.parent.parent / "cleared"
    aside.mkdir(exist_ok=True)
    for folder in OWNED_FOLDERS:
        if (docs / folder).exists():
            (docs / folder).rename(aside / f"{len(list(aside.iterdir()))}-{folder}")


def mkdocs_build(project: Path, config: str, site: str) -> Child:
    return run_child([sys.executable, "-m", "mkdocs", "build", "-f", config, "-d", site], project)


def generation_s(build: Child) -> float:
    """The seconds the plugin reports for its generation within `build` (its INFO line)."""
    found = _GENERATION_LINE.search(build.stderr)
    if not found:
        raise RuntimeError(f"no drillbook generation line in the build's output:\n{build.stderr}")
    return float(found[1])


@dataclass
class Timing:
    wall: float
    cpu: float


def last_timing(child: Child) -> Timing:
    """The Timing a `--generate` or `--decks` child printed as its last line."""
    return Timing(**json.loads(child.stdout.strip().splitlines()[-1]))


def timed(action) -> Timing:
    """Wall and CPU seconds of `action`; the CPU includes the processes it forked and waited
    for (generating and making decks each use two)."""
    start, start_cpu = time.perf_counter(), cpu_seconds()
    action()
    return Timing(time.perf_counter() - start, cpu_seconds() - start_cpu)


def cpu_seconds() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def snapshot(docs: Path) -> dict[str, tuple[int, int]]:
    """(mtime, inode) of every file in the generated folders: a rewrite changes either."""
    return {
        str(path.relative_to(docs)): (path.stat().st_mtime_ns, path.stat().st_ino)
        for folder in OWNED_FOLDERS
        if (docs / folder).is_dir()
        for path in (docs / folder).rglob("*")
        if path.is_file()
    }


def edit_record(path: Path, marker: str) -> None:
    """A typical edit: a sentence is added to the summary."""
    text = path.read_text("utf-8")
    save(path, text.replace("summary: ", f"summary: {marker.capitalize()} summary. ", 1))


def save(path: Path, text: str) -> None:
    """Write `path` as an editor saves it: the new text in full, then in place at once, so a
    watcher that looks in between never sees half a file (and rebuilds once). The text is
    written outside the watched folders, in the temporary folder the projects live in."""
    handle, written = tempfile.mkstemp()
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(written, path)


def generate_cold(project: Path) -> Timing:
    """Wall and CPU seconds of `generate` (load, validate, render, write) in this process,
    which has imported the generator but run nothing of it yet."""
    from drillbook.pipeline import generate

    site_url = read_site_url(project / "mkdocs.yml")
    return timed(lambda: generate(project / "content", project / "docs", site_url))


def make_decks(project: Path) -> Timing:
    """Wall and CPU seconds to make every PDF deck (all cards, and one per ladder, on both paper sizes)
    from the built site, as the plugin does after a build; runs in its own process."""
    from drillbook.decks import build_decks, library_decks
    from drillbook.pipeline import read_library
    from drillbook.views import SiteNames

    library = read_library(project / "content")
    return timed(lambda: build_decks(project / "site", library_decks(library, SiteNames("Benchmark")), True))


LIVE_COMMANDS = {
    "live_edit": [sys.executable, "-m", "drillbook.cli", "serve"],  # the default live command
    "live_edit_mkdocs": [sys.executable, "-m", "mkdocs", "serve"],  # plain MkDocs: every page
}


def live_edit(project: Path, record: str, command: list[str], *, rename: bool = False) -> dict:
    """With the live server running, save one record LIVE_EDITS times, each once the server
    is idle, and time (1) until the server serves the changed page (and, with `rename`, its
    first fault's page) with the new text and (2) until the server is idle again, counting
    the rebuilds it ran. The edit adds a sentence to the summary, or with `rename` a word to
    the name. MkDocs looks for changes every POLL_S, so one save waits 0 to POLL_S for it:
    the saves are spread over that round, and the figures are the medians (`s_all` lists
    each save's)."""
    port = free_port()
    path = project / "content" / "exercises" / f"{record}.yml"
    url = f"http://127.0.0.1:{port}/exercises/{record}/"
    urls = [url]
    if rename:
        fault = re.search(r"^ *- fault: (\S+)$", path.read_text("utf-8"), re.MULTILINE).group(1)
        urls.append(f"http://127.0.0.1:{port}/faults/{fault}/")
    server = subprocess.Popen(
        [*command, "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    log: list[tuple[float, str]] = []
    reader = threading.Thread(
        target=lambda: log.extend((time.perf_counter(), line) for line in server.stderr), daemon=True
    )
    reader.start()
    served, idle_after, rebuilds = [], [], []

    def check(since: float) -> None:
        server_trouble(server, log, since)

    try:
        wait_for(lambda: check(0) or fetch(url) is not None, timeout=1800)
        time.sleep(3)  # let the watcher take its first look at the files
        for turn in range(LIVE_EDITS):
            # Each save waits for an idle server: 5 s after its last rebuild, so at the same
            # moment of the watcher's round every time. Spread the saves over that round, as
            # an author's saves fall, or every one would wait for the watcher alike.
            time.sleep(turn * POLL_S / LIVE_EDITS)
            seconds, idle_seconds, builds = timed_save(path, urls, log, f"Live{port}x{turn}", rename, check)
            served.append(seconds)
            idle_after.append(idle_seconds)
            rebuilds.append(builds)
        return {
            "s": round(statistics.median(served), 2),
            "s_all": [round(seconds, 2) for seconds in served],
            "idle_s": round(statistics.median(idle_after), 2),
            "rebuilds": max(rebuilds),
        }
    finally:
        server.terminate()
        server.wait(timeout=60)


def timed_save(
    path: Path, urls: list[str], log: list, marker: str, rename: bool, check
) -> tuple[float, float, int]:
    """Save `path` with `marker` (a summary sentence, or with `rename` a word of the name);
    the seconds until every one of `urls` serves it, the seconds until the server is idle
    again, and the rebuilds it ran meanwhile (from the server's `log`). `check(since)`
    raises when the server can no longer get there."""
    start = time.perf_counter()
    if rename:
        text = path.read_text("utf-8")
        # the last save's word is replaced, so the name stays within its length
        renamed = re.sub(r"^name: (.*?)(?: Live\d+x\d+)?$", rf"name: \1 {marker}", text, count=1, flags=re.M)
        save(path, renamed)
    else:
        edit_record(path, marker)
    wait_for(lambda: check(start) or all(marker in (fetch(url) or "") for url in urls), timeout=1800)
    served = time.perf_counter() - start

    def builds() -> tuple[int, int]:
        after = [line for moment, line in list(log) if moment >= start]
        return (
            sum("Building documentation" in line for line in after),
            sum("Reloading browsers" in line for line in after),
        )

    def idle() -> bool:  # every rebuild done and nothing logged for 5 s
        started, finished = builds()
        return started == finished and time.perf_counter() - max(log)[0] > 5

    wait_for(lambda: check(start) or idle(), timeout=1800)
    reloads = [moment for moment, line in list(log) if moment >= start and "Reloading browsers" in line]
    return served, reloads[-1] - start, builds()[0]


def server_trouble(server: subprocess.Popen, log: list, since: float) -> None:
    """Raise when the live server has stopped, or has reported a problem in the content since
    `since` (it then serves the last good pages, and an edit would never show)."""
    lines = [line for moment, line in list(log) if moment >= since]
    if server.poll() is not None or any(" in the content; " in line for line in lines):
        raise RuntimeError("the live server stopped or reported a problem:\n" + "".join(lines[-20:]))


def live_figures(project: Path, record: str, *, full: bool = True) -> dict:
    """The live-edit columns: the default command (a summary edit, then a rename seen on the
    fault page) and, with `full`, plain `mkdocs serve` for comparison."""
    figures = {}
    runs = [("live_edit", {}), ("live_edit_rename", {"rename": True})]
    if full:
        runs.append(("live_edit_mkdocs", {}))
    for name, options in runs:
        command = LIVE_COMMANDS[name if name in LIVE_COMMANDS else "live_edit"]
        for key, value in live_edit(project, record, command, **options).items():
            figures[f"{name}_{key}"] = value
    return figures


def measure_live_shipped() -> dict:
    """The live-edit columns for this repository's own library, in a temporary copy."""
    workdir = Path(tempfile.mkdtemp(prefix="drillbook-bench-shipped-"))
    try:
        project = copy_site_sources(workdir / "project")
        shutil.copytree(ROOT / "content", project / "content")
        return live_figures(project, "romanian-deadlift", full=False)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


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
