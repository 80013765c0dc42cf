"""parallel: the side task runs in a second process, and its result, errors and log
records come back; output is the same as generating in one process."""

import logging
import os
import shutil
import threading
from pathlib import Path

import pytest

from generator import parallel
from generator.pipeline import generate

LIBRARY = Path(__file__).parent / "data" / "library"
needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="fork is not used here")


@needs_fork
def test_the_side_task_runs_in_another_process():
    side, main = parallel.run_beside(os.getpid, os.getpid)
    assert main == os.getpid() != side


def test_an_error_in_the_side_task_is_raised_here():
    def side():
        raise ValueError("card text does not fit")

    with pytest.raises(ValueError, match="card text does not fit"):
        parallel.run_beside(side, lambda: None)


@needs_fork
def test_an_error_that_cannot_be_pickled_comes_back_as_text():
    class Unpicklable(Exception):
        def __reduce__(self):
            raise TypeError("no")

    def side():
        raise Unpicklable("local class")

    with pytest.raises(RuntimeError, match="Unpicklable: local class"):
        parallel.run_beside(side, lambda: None)


@needs_fork
def test_a_side_process_that_dies_is_an_error():
    with pytest.raises(RuntimeError, match="ended without a result"):
        parallel.run_beside(lambda: os._exit(3), lambda: None)


def test_warnings_logged_by_the_side_task_are_logged_here(caplog):
    def side():
        logging.getLogger("mkdocs.plugins.drillbook").warning("drillbook: from %s", "the side")
        return os.getpid()

    with caplog.at_level(logging.INFO):
        parallel.run_beside(side, lambda: None)
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("mkdocs.plugins.drillbook", logging.WARNING, "drillbook: from the side")]


def test_with_another_thread_running_both_tasks_run_here():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        side, main = parallel.run_beside(os.getpid, os.getpid)
    finally:
        stop.set()
        other.join()
    assert side == main == os.getpid()


@pytest.mark.parametrize("site_url", ["https://coach.example.org/hinge/", None])
def test_generating_in_two_processes_writes_what_one_process_writes(tmp_path, monkeypatch,
                                                                     site_url):
    shutil.copytree(LIBRARY, tmp_path / "content")
    two = generate(tmp_path / "content", tmp_path / "two", site_url)[1]
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    one = generate(tmp_path / "content", tmp_path / "one", site_url)[1]
    assert sorted(two.written) == sorted(one.written) and two.written
    assert _tree(tmp_path / "two") == _tree(tmp_path / "one")


def _tree(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}
