"""Two tasks at once on two cores: one in a forked child process, one in this process."""

from __future__ import annotations

import logging
import os
import pickle
import sys
import threading
import traceback
from collections.abc import Callable
from typing import TypeVar

Side = TypeVar("Side")
Main = TypeVar("Main")


def run_beside(side: Callable[[], Side], main: Callable[[], Main]) -> tuple[Side, Main]:
    """Run `side` in a forked child while this process runs `main`; both results, or the
    first error. What `side` logs is logged here, so MkDocs counts its warnings.

    Both run here, one after the other, where fork is missing or unsafe: on macOS, and
    while other threads run (`mkdocs serve`), since the child gets only this thread and a
    lock another thread holds would stay locked in it."""
    if not can_fork():
        return side(), main()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _serve_child(side, write_end)
    os.close(write_end)
    try:
        main_result = main()
    finally:
        with os.fdopen(read_end, "rb") as stream:
            payload = stream.read()
        os.waitpid(pid, 0)
    if not payload:
        raise RuntimeError("drillbook: the second generating process ended without a result")
    succeeded, side_result, records = pickle.loads(payload)
    for record in records:
        logging.getLogger(record.name).handle(record)
    if not succeeded:
        raise side_result
    return side_result, main_result


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


def _serve_child(side: Callable[[], object], write_end: int) -> None:
    """In the child: run `side`, send (succeeded, result or error, log records), and exit
    without running the parent's exit handlers or flushing its copied output buffers."""
    try:
        records: list[logging.LogRecord] = []
        logging.Logger.callHandlers = lambda logger, record: records.append(_plain(record))
        try:
            outcome = (True, side())
        except BaseException as error:  # noqa: BLE001 - every error goes back to the parent
            outcome = (False, error)
        try:
            payload = pickle.dumps((*outcome, records))
        except Exception:  # noqa: BLE001 - what cannot be pickled goes back as text
            detail = "".join(traceback.format_exception(outcome[1])) if not outcome[0] \
                else traceback.format_exc()
            payload = pickle.dumps((False, RuntimeError(detail), records))
        with os.fdopen(write_end, "wb") as stream:
            stream.write(payload)
    finally:
        os._exit(0)


def _plain(record: logging.LogRecord) -> logging.LogRecord:
    """The record with its message formatted, so it pickles whatever its arguments were."""
    record.msg, record.args, record.exc_info = record.getMessage(), None, None
    return record
