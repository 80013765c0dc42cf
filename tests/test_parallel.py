"""parallel: tasks run in processes of their own, and their results, errors and log
records come back; output is the same as generating in one process."""

import functools
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import owned_files

from generator import parallel
from generator.pipeline import generate

LIBRARY = Path(__file__).parent / "data" / "library"
ROOT = Path(__file__).parent.parent
FRESH = "DRILLBOOK_TEST_FRESH_PROCESS"


def needs_fork(test):
    """Run `test` here if this process forks for `run_apart`, else alone in a new pytest
    process: threads that other tests' fixtures leave running (the browser tests' web
    server) stop this one from forking."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        if parallel.can_fork():
            return test(*args, **kwargs)
        if os.environ.get(FRESH):
            pytest.skip("run_apart does not fork here")
        node = os.environ["PYTEST_CURRENT_TEST"].rsplit(" ", 1)[0]
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", node],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, FRESH: "1"},
        )
        assert done.returncode == 0, done.stdout + done.stderr

    return run


@needs_fork
def test_each_task_runs_in_a_process_of_its_own_and_results_come_in_order():
    first, second = parallel.run_apart(
        lambda: ("first", os.getpid(), parallel.in_child()),
        lambda: ("second", os.getpid(), parallel.in_child()),
    )
    assert first[0] == "first" and second[0] == "second"
    assert len({first[1], second[1], os.getpid()}) == 3
    assert first[2] and second[2] and not parallel.in_child()


def test_the_first_error_is_raised_here():
    def fails(message):
        def task():
            raise ValueError(message)

        return task

    with pytest.raises(ValueError, match="card text does not fit"):
        parallel.run_apart(lambda: None, fails("card text does not fit"), fails("later"))


@needs_fork
def test_an_error_that_cannot_be_pickled_comes_back_as_text():
    class Unpicklable(Exception):
        def __reduce__(self):
            raise TypeError("no")

    def task():
        raise Unpicklable("local class")

    with pytest.raises(RuntimeError, match="Unpicklable: local class"):
        parallel.run_apart(task)


@needs_fork
def test_a_process_that_dies_is_an_error():
    with pytest.raises(RuntimeError, match="process 2 of 2 ended without a result"):
        parallel.run_apart(lambda: None, lambda: os._exit(3))


def test_what_tasks_log_is_logged_here(caplog):
    def task():
        logging.getLogger("mkdocs.plugins.drillbook").warning(
            "drillbook: from %s", "a task", extra={"unpicklable": lambda: None}
        )

    with caplog.at_level(logging.INFO):
        parallel.run_apart(task)
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("mkdocs.plugins.drillbook", logging.WARNING, "drillbook: from a task")
    ]


@needs_fork
def test_log_records_arrive_while_the_task_still_runs(tmp_path):
    """The task waits for a file that only this process's log handler creates, on seeing
    the task's first record: records held back until the end would never let it finish."""
    signal = tmp_path / "seen"

    class Answer(logging.Handler):
        def emit(self, record):
            if record.getMessage() == "waiting":
                signal.touch()

    def task():
        logging.getLogger("drillbook.test").warning("waiting")
        deadline = time.monotonic() + 20
        while not signal.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return signal.exists()

    answer = Answer()
    logging.getLogger("drillbook.test").addHandler(answer)
    try:
        assert parallel.run_apart(task) == [True]
    finally:
        logging.getLogger("drillbook.test").removeHandler(answer)


def test_with_another_thread_running_the_tasks_run_here_in_order():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    order = []
    try:
        pids = parallel.run_apart(
            lambda: order.append(1) or os.getpid(), lambda: order.append(2) or os.getpid()
        )
    finally:
        stop.set()
        other.join()
    assert pids == [os.getpid()] * 2 and order == [1, 2]


@pytest.mark.parametrize("site_url", ["https://coach.example.org/hinge/", None])
@needs_fork
def test_generating_in_two_processes_writes_what_one_process_writes(tmp_path, monkeypatch, site_url):
    shutil.copytree(LIBRARY, tmp_path / "content")
    two = generate(tmp_path / "content", tmp_path / "two", site_url)[1]
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    one = generate(tmp_path / "content", tmp_path / "one", site_url)[1]
    assert sorted(two.written) == sorted(one.written) and two.written
    assert owned_files(tmp_path / "two") == owned_files(tmp_path / "one")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="Linux only")
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT], ids=["killed", "interrupted"])
def test_children_end_when_their_parent_is_stopped(stop):
    """Killed, or interrupted alone (Ctrl-C reaches the whole group; a stop button may not)."""
    # Ctrl-C raises KeyboardInterrupt, as in a terminal, also where the tests run in the
    # background of a shell, whose children inherit SIGINT ignored.
    script = (
        "import signal, time\nfrom generator import parallel\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "parallel.run_apart(lambda: time.sleep(60), lambda: time.sleep(60))\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stderr=subprocess.DEVNULL)
    listing = Path(f"/proc/{parent.pid}/task/{parent.pid}/children")
    deadline = time.monotonic() + 30
    while len(children := listing.read_text().split()) < 2:
        assert time.monotonic() < deadline, "the tasks did not start"
        time.sleep(0.05)
    parent.send_signal(stop)
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while alive := [pid for pid in children if _running(int(pid))]:
        assert time.monotonic() < deadline, f"children {alive} outlived their parent"
        time.sleep(0.05)


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] not in "ZX"
    except (FileNotFoundError, IndexError):
        return False
