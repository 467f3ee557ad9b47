"""Work done in a forked copy of the build, on a second core, while the build goes on.

A build of a big blog spends seconds on work whose inputs are ready early and whose results are
needed late (linting every post; converting every excerpt). A ``fork`` copies the build's whole
state for free, so the child needs no pickling of MkDocs objects on the way in: it runs one
function and pickles only the result back, through a temporary file.

Only where it pays and is safe: ``fork`` must exist, at least two CPUs must be usable (on one
core the child would just compete with the build), and the process must have no other threads
(``mkdocs serve`` runs a watcher and a server; forking beside threads can deadlock the child).
Otherwise :meth:`Background.start` returns None and callers do the work themselves, as before.
"""
from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Background(Generic[T]):
    """One function running in a forked child; its result is collected once, waiting or not."""

    def __init__(self, pid: int, path: str) -> None:
        self.pid, self.path = pid, path
        self.finished = False
        self.value: T | None = None

    @classmethod
    def start(cls, work: Callable[[], T]) -> Background[T] | None:
        """Fork a child running ``work``; None when running it here is the better choice."""
        if not hasattr(os, "fork") or _usable_cpus() < 2 or threading.active_count() > 1:
            return None
        handle, path = tempfile.mkstemp(prefix="byline-", suffix=".pickle")
        os.close(handle)
        for stream in (sys.stdout, sys.stderr):  # nothing buffered may be written twice
            stream.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the build
            status = 1
            try:
                logging.disable(logging.CRITICAL)  # the build logs what matters, once
                warnings.simplefilter("ignore")
                value = work()
                with open(path, "wb") as out:
                    pickle.dump(value, out, pickle.HIGHEST_PROTOCOL)
                status = 0
            finally:
                os._exit(status)
        return cls(pid, path)

    def result(self, *, wait: bool) -> T | None:
        """The child's result; None while it runs (``wait=False``) or if it failed."""
        if not self.finished:
            pid, status = os.waitpid(self.pid, 0 if wait else os.WNOHANG)
            if pid == 0:
                return None
            self.finished = True
            if os.waitstatus_to_exitcode(status) == 0:
                with open(self.path, "rb") as data:
                    self.value = pickle.load(data)
            os.unlink(self.path)
        return self.value

    def cancel(self) -> None:
        """Stop the child if it still runs (the build ended or failed first)."""
        if not self.finished:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.finished = True
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
