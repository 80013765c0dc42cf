"""Lighthouse scores for built pages, beside a stock Material page measured in the same run.

    python3 benchmarks/lighthouse.py [--site DIR | --build] [--lighthouse CMD] [--json] [PAGE ...]

PAGE is a path inside the site (default: exercises/romanian-deadlift/). The site folder is
served on 127.0.0.1, gzipped as static hosts serve it (--no-gzip to compare), and each page
is scored by the lighthouse CLI (mobile, its default) in headless Chromium ($CHROME_PATH,
default /usr/bin/chromium). The lighthouse command comes
from --lighthouse or $LIGHTHOUSE (default `npx lighthouse`), e.g. after
`npm install lighthouse` in a folder outside the repository. The baseline is a one-page
MkDocs project with `theme: material` (font: false, as the machine may have no network) and
body text about as long as an exercise page. Not part of CI."""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
BASELINE = "(stock Material)"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when asked, as any static host serves them."""

    compress = True

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def serve(folder: Path, compress: bool) -> http.server.ThreadingHTTPServer:
    handler = type("Handler", (Handler,), {"compress": compress})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def mkdocs(project: Path, out: Path, env: dict | None = None) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=project,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


def build_baseline(work: Path) -> Path:
    """A stock Material site whose one page has about the words of an exercise page."""
    project = work / "baseline"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: Baseline\ntheme:\n  name: material\n  font: false\n")
    sentence = (
        "Push the hips back until the hamstrings stretch, keep the back flat and the "
        "weight over the middle of the foot, then stand by driving the hips forward. "
    )
    sections = []
    for n in range(1, 9):
        sections.append(
            f"## Section {n}\n\n{sentence * 5}\n\n"
            + "".join(f"- Point {n}.{k}: {sentence}\n" for k in range(1, 5))
            + "\n| Step | Note |\n| --- | --- |\n| One | Hips back |\n| Two | Stand tall |\n"
        )
    (project / "docs" / "index.md").write_text("# Baseline page\n\n" + "\n".join(sections))
    mkdocs(project, work / "baseline-site")
    return work / "baseline-site"


def score(lighthouse: list[str], url: str, report: Path) -> dict[str, float]:
    command = [
        *lighthouse,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    env = {**os.environ, "CHROME_PATH": CHROME}
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, timeout=300)
    categories = json.loads(report.read_text())["categories"]
    return {name: categories[name]["score"] for name in CATEGORIES}


def measure(
    lighthouse: list[str], site: Path, pages: list[str], runs: int, reports: Path, compress: bool
) -> dict[str, dict[str, float]]:
    """Median of `runs` scores per page; each run's full report is kept in `reports`."""
    reports.mkdir(parents=True, exist_ok=True)
    server = serve(site, compress)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results = {}
    try:
        for page in pages:
            print(f"scoring {page or '/'}…", file=sys.stderr, flush=True)
            name = page.strip("/").replace("/", "_") or "home"
            scores = [
                score(lighthouse, base + page.lstrip("/"), reports / f"{name}-{run}.json")
                for run in range(1, runs + 1)
            ]
            results[page] = {c: statistics.median(s[c] for s in scores) for c in CATEGORIES}
    finally:
        server.shutdown()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "pages",
        nargs="*",
        default=["exercises/romanian-deadlift/"],
        help="page paths inside the site ('' or / for the home page)",
    )
    parser.add_argument("--site", type=Path, help="built site folder (default: site/)")
    parser.add_argument(
        "--build", action="store_true", help="build the project first (into --site, or a temporary folder)"
    )
    parser.add_argument(
        "--lighthouse",
        default=os.environ.get("LIGHTHOUSE", "npx lighthouse"),
        help="lighthouse command (default: $LIGHTHOUSE or `npx lighthouse`)",
    )
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is shown")
    parser.add_argument("--reports", type=Path, help="keep the JSON reports in this folder")
    parser.add_argument(
        "--no-gzip", action="store_true", help="serve files uncompressed (static hosts usually gzip them)"
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the stock Material page")
    parser.add_argument("--json", action="store_true", help="end with one line of JSON")
    args = parser.parse_args(argv)
    lighthouse = shlex.split(args.lighthouse)

    with tempfile.TemporaryDirectory(prefix="drillbook-lh-") as tmp:
        work = Path(tmp)
        reports = args.reports or work / "reports"
        site = args.site or (work / "site" if args.build else ROOT / "site")
        if args.build:
            print("building the site…", file=sys.stderr, flush=True)
            mkdocs(ROOT, site, {"DRILLBOOK_DECKS": "0"})
        if not (site / "index.html").is_file():
            parser.error(f"no built site in {site}: pass --build or --site DIR")
        compress = not args.no_gzip
        results = measure(lighthouse, site, args.pages, args.runs, reports, compress)
        if not args.no_baseline:
            print("building the stock Material baseline…", file=sys.stderr, flush=True)
            results |= {
                BASELINE: measure(
                    lighthouse, build_baseline(work), [""], args.runs, reports / "stock-material", compress
                )[""]
            }

    versions = [
        subprocess.run(command, capture_output=True, text=True).stdout.strip()
        for command in ([*lighthouse, "--version"], [CHROME, "--version"])
    ]
    print(
        f"lighthouse {versions[0]}, {versions[1]}, mobile, {'un' * args.no_gzip}compressed, "
        f"median of {args.runs} run(s)"
    )
    width = max(len(page or "/") for page in results)
    print(f"{'page':<{width}}  " + "  ".join(f"{c:>14}" for c in CATEGORIES))
    for page, scores in results.items():
        print(f"{page or '/':<{width}}  " + "  ".join(f"{scores[c]:>14.2f}" for c in CATEGORIES))
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
