"""Tasks at once, one forked child process each, so that long work uses every core."""

from __future__ import annotations

import ctypes
import logging
import os
import pickle
import selectors
import signal
import struct
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

_HEADER = struct.Struct("!Q")  # each message: its length, then the pickled (kind, value)
_in_child = False
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_RECORD_FIELDS = frozenset(vars(logging.makeLogRecord({})))


def run_apart(*tasks: Callable[[], Any]) -> list[Any]:
    """Run each task in a child process of its own, all at once; their results in order,
    or the first task's error. What the tasks log is logged here as they go, so progress
    shows and MkDocs counts their warnings. A child ends without cleaning up after itself
    (`os._exit`): the memory a task used is freed with its process.

    The tasks run here, one after the other, where fork is missing or unsafe: on macOS,
    and while other threads run (`mkdocs serve`), since a child gets only this thread and
    a lock another thread holds would stay locked in it."""
    if not can_fork():
        return [task() for task in tasks]
    streams: dict[int, int] = {}  # read end of each child's pipe: its task's index
    pids, outcomes, parent = [], {}, os.getpid()
    try:
        for index, task in enumerate(tasks):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:
                for stream in (read_end, *streams):
                    os.close(stream)
                _end_with(parent)
                _serve_child(task, write_end)
            os.close(write_end)
            streams[read_end] = index
            pids.append(pid)
        _relay(streams, outcomes)
    except BaseException:  # Ctrl-C, say: the tasks' work is not wanted any more
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        raise
    finally:
        for stream in streams:  # closed before waiting: a child still writing then ends
            os.close(stream)
        for pid in pids:
            os.waitpid(pid, 0)
    results = []
    for index in range(len(tasks)):
        if index not in outcomes:
            raise RuntimeError(f"drillbook: process {index + 1} of {len(tasks)} ended without a result")
        succeeded, value = outcomes[index]
        if not succeeded:
            raise value
        results.append(value)
    return results


def in_child() -> bool:
    """Whether this is a child `run_apart` made: freeing memory there is wasted work, since
    the child ends as soon as its task returns."""
    return _in_child


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "darwin" and _threads() == 1


def _threads() -> int:
    """Threads of this process, on Linux also those a C library started."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def _end_with(parent: int) -> None:
    """Have Linux kill this child if `parent` ends first (killed by an editor's stop button,
    say), so that no orphan goes on writing files. Elsewhere a child finishes its task."""
    try:
        if ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
            return
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it ended before the request was made
        os._exit(1)


def _relay(streams: dict[int, int], outcomes: dict[int, tuple[bool, Any]]) -> None:
    """Read every child's messages until its pipe closes: log records are logged at once,
    each outcome (succeeded, result or error) goes into `outcomes` by task index."""
    with selectors.DefaultSelector() as selector:
        for stream in streams:
            selector.register(stream, selectors.EVENT_READ)
        while selector.get_map():
            for key, _ in selector.select():
                message = _read_message(key.fd)
                if message is None:
                    selector.unregister(key.fd)
                    continue
                kind, value = message
                if kind == "log":
                    logging.getLogger(value.name).handle(value)
                else:
                    outcomes[streams[key.fd]] = value


def _serve_child(task: Callable[[], Any], write_end: int) -> None:
    """In the child: run `task`, sending each log record and then the outcome, and exit
    without running the parent's exit handlers or flushing its copied output buffers."""
    global _in_child
    _in_child = True
    try:
        logging.Logger.callHandlers = lambda logger, record: _send(write_end, "log", _plain(record))
        try:
            outcome = (True, task())
        except BaseException as error:  # noqa: BLE001 - every error goes back to the parent
            outcome = (False, error)
        try:
            _send(write_end, "outcome", outcome)
        except Exception:  # noqa: BLE001 - what cannot be pickled goes back as text
            detail = (
                "".join(traceback.format_exception(outcome[1])) if not outcome[0] else traceback.format_exc()
            )
            _send(write_end, "outcome", (False, RuntimeError(detail)))
    finally:
        os._exit(0)


def _send(stream: int, kind: str, value: Any) -> None:
    body = pickle.dumps((kind, value))
    view = memoryview(_HEADER.pack(len(body)) + body)
    while view:
        view = view[os.write(stream, view) :]


def _read_message(stream: int) -> tuple[str, Any] | None:
    """The next message on `stream`, or None at its end. A child writes each message whole,
    so once its first byte is there, the rest follows."""
    header = _read_exactly(stream, _HEADER.size)
    if header is None:
        return None
    body = _read_exactly(stream, _HEADER.unpack(header)[0])
    if body is None:
        return None
    return pickle.loads(body)


def _read_exactly(stream: int, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = os.read(stream, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _plain(record: logging.LogRecord) -> logging.LogRecord:
    """A copy of the record with its message formatted and only the standard fields, so it
    pickles whatever its arguments or `extra` fields were."""
    fields = {name: value for name, value in vars(record).items() if name in _RECORD_FIELDS}
    fields.update(msg=record.getMessage(), args=None, exc_info=None)
    return logging.makeLogRecord(fields)
