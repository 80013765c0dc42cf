"""A real WordPress for tests: Debian's `wordpress` package served by PHP's built-in server,
on a MariaDB server started here with its data in a temporary folder.

Nothing of the installed WordPress is changed: the server's document root is a folder of
links to /usr/share/wordpress with its own `wp-config.php` (the test database, and a content
folder holding the default theme and one must-use plugin that lets WordPress fetch from the
Drillbook site on 127.0.0.1)."""

from __future__ import annotations

import contextlib
import getpass
import json
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
WORDPRESS = Path("/usr/share/wordpress")
NEEDED = {
    "php": "php-cli",
    "mariadbd": "mariadb-server",
    "mariadb-install-db": "mariadb-server",
    "mariadb": "mariadb-client",
}


@dataclass(frozen=True)
class WordPress:
    """A running WordPress: its address (no trailing slash) and the ids of the posts made."""

    url: str
    post_ids: list[int]

    def post_url(self, post_id: int) -> str:
        return f"{self.url}/?p={post_id}"


def missing() -> list[str]:
    """The Debian packages this harness needs that are not installed."""
    packages = [package for command, package in NEEDED.items() if shutil.which(command) is None]
    if not (WORDPRESS / "wp-settings.php").is_file():
        packages.append("wordpress")
    if shutil.which("php") and "mysqli" not in _php_modules():
        packages.append("php-mysql")
    return sorted(set(packages))


def _php_modules() -> str:
    return subprocess.run(["php", "-m"], capture_output=True, text=True).stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def mariadb(folder: Path) -> Iterator[Path]:
    """A MariaDB server with its data in `folder`, reachable only through its socket (no
    network); yields the socket's path, with an empty `wordpress` database."""
    data, sock = folder / "data", folder / "mysql.sock"
    common = ["--no-defaults", f"--datadir={data}", "--user", getpass.getuser()]
    install = [*common, "--skip-test-db", "--auth-root-authentication-method=normal"]
    subprocess.run(["mariadb-install-db", *install], check=True, capture_output=True)
    serve = [*common, f"--socket={sock}", "--skip-networking", f"--pid-file={folder / 'mariadb.pid'}"]
    log = [f"--log-error={folder / 'mariadb.log'}", "--innodb-buffer-pool-size=32M"]
    server = subprocess.Popen(
        ["mariadbd", *serve, *log], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        client = ["mariadb", "--no-defaults", f"--socket={sock}", "-uroot"]
        _wait(
            lambda: subprocess.run([*client, "-e", "SELECT 1"], capture_output=True).returncode == 0, server
        )
        subprocess.run([*client, "-e", "CREATE DATABASE wordpress"], check=True, capture_output=True)
        yield sock
    finally:
        server.terminate()
        server.wait(30)


def _wait(ready, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{process.args[0]} did not start in {seconds} s")
        time.sleep(0.2)


def document_root(folder: Path, url: str, sock: Path, allowed_port: int) -> Path:
    """WordPress's top folder as links to the installed files, with the test's wp-config.php
    and content folder (the default theme and the must-use plugin)."""
    root, content = folder / "root", folder / "wp-content"
    root.mkdir()
    for entry in WORDPRESS.iterdir():
        if entry.name not in ("wp-config.php", "wp-content"):
            (root / entry.name).symlink_to(entry)
    (content / "mu-plugins").mkdir(parents=True)
    (content / "plugins").mkdir()
    (content / "uploads").mkdir()
    (content / "themes").symlink_to(WORDPRESS / "wp-content" / "themes")
    shutil.copy(HERE / "drillbook-test-hosts.php", content / "mu-plugins")
    (root / "wp-content").symlink_to(content)
    config = (HERE / "wp-config.php.in").read_text("utf-8")
    for key, value in {"SOCKET": sock, "URL": url, "CONTENT": content, "PORT": allowed_port}.items():
        config = config.replace(f"@{key}@", str(value))
    (root / "wp-config.php").write_text(config, "utf-8")
    return root


@contextlib.contextmanager
def wordpress(folder: Path, posts: list[dict[str, str]], allowed_port: int) -> Iterator[WordPress]:
    """WordPress installed in a fresh database, with `posts` ({title, content}) published,
    served on 127.0.0.1; it may fetch from 127.0.0.1:`allowed_port`."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with mariadb(folder) as sock:
        root = document_root(folder, url, sock, allowed_port)
        (folder / "posts.json").write_text(json.dumps(posts), "utf-8")
        installed = subprocess.run(
            ["php", HERE / "install.php", root, folder / "posts.json"], capture_output=True, text=True
        )
        if installed.returncode != 0:
            raise RuntimeError(f"WordPress install failed:\n{installed.stdout}\n{installed.stderr}")
        post_ids = json.loads(installed.stdout.strip().splitlines()[-1])
        log = (folder / "php-server.log").open("w")
        server = subprocess.Popen(
            ["php", "-S", f"127.0.0.1:{port}", "-t", root, HERE / "router.php"], stdout=log, stderr=log
        )
        try:
            _wait(lambda: _answers(url), server)
            yield WordPress(url, post_ids)
        finally:
            server.terminate()
            server.wait(30)
            log.close()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/wp-includes/css/dashicons.min.css", timeout=2):
            return True
    except OSError:
        return False
