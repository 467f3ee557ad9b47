"""Work done in a forked copy of the build, on a second core, while the build goes on.

A build of a big blog spends seconds on work whose inputs are ready early and whose results are
needed late (linting every post; converting every excerpt). A ``fork`` copies the build's whole
state for free, so the child needs no pickling of MkDocs objects on the way in: it runs one
generator and pickles what it yields back, item by item, through a temporary file (a pipe would
stall the child whenever the build is busy elsewhere and does not read it).

Only where it pays and is safe: on Linux (macOS' system libraries are not fork-safe), with at
least two usable CPUs (on one core the child would just compete with the build), and with no other
thread in the process (``mkdocs serve`` runs a watcher and a server; forking beside threads can
deadlock the child). Otherwise :meth:`Background.start` returns None and callers do the work
themselves, as before.

The child never outlives the build (it dies with its parent), and never holds it up: when it
gives no new item for :data:`DEADLINE` seconds while the build waits, it is killed and the build
does the work itself, exactly as when the child fails.
"""
from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import struct
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from byline.processes import die_with_parent, fork_is_safe, usable_cpus

T = TypeVar("T")

_FRAME = struct.Struct("<Q")  # the length of each pickled item, before it
_NAP = 0.002  # seconds between looks while waiting for the child's next item
#: Seconds the build waits for the child's next item before killing it and doing the work itself.
#: An item is one post's lint result or excerpt check: real posts take milliseconds each.
DEADLINE = 60.0


def _usable_cpus() -> int:
    return usable_cpus()


class Background(Generic[T]):
    """A generator running in a forked child; its items arrive in order, while it runs."""

    def __init__(self, pid: int, path: str, deadline: float = DEADLINE) -> None:
        self.pid, self.path, self.deadline = pid, path, deadline
        self.items: list[T] = []
        self.running = True
        self.succeeded = False
        self._file = open(path, "rb")  # noqa: SIM115  # read as the child writes; closed when it ends
        os.unlink(path)  # both ends are open: nothing is left behind, even if the build is killed
        self._pending = b""

    @classmethod
    def start(cls, work: Callable[[], Iterable[T]], deadline: float | None = None) -> Background[T] | None:
        """Fork a child running ``work``; None when running it here is the better choice.
        ``deadline``: seconds without a new item before the child is given up (default :data:`DEADLINE`)."""
        if not fork_is_safe() or _usable_cpus() < 2 or threading.active_count() > 1:
            return None
        handle, path = tempfile.mkstemp(prefix="byline-", suffix=".items")
        for stream in (sys.stdout, sys.stderr):  # nothing buffered may be written twice
            stream.flush()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the build
            status = 1
            try:
                die_with_parent(parent)
                logging.disable(logging.CRITICAL)  # the build logs what matters, once
                warnings.simplefilter("ignore")
                with os.fdopen(handle, "wb") as out:
                    for item in work():
                        data = pickle.dumps(item, pickle.HIGHEST_PROTOCOL)
                        out.write(_FRAME.pack(len(data)) + data)
                        out.flush()
                status = 0
            finally:
                os._exit(status)
        os.close(handle)
        return cls(pid, path, DEADLINE if deadline is None else deadline)

    def poll(self) -> None:
        """Take the items written so far, and notice whether the child has ended."""
        if not self.running:
            return
        pid, status = os.waitpid(self.pid, os.WNOHANG)  # first: all it wrote before ending is read below
        self._pending += self._file.read()
        while len(self._pending) >= _FRAME.size:
            (size,) = _FRAME.unpack_from(self._pending)
            if len(self._pending) < _FRAME.size + size:
                break
            self.items.append(pickle.loads(self._pending[_FRAME.size : _FRAME.size + size]))
            self._pending = self._pending[_FRAME.size + size :]
        if pid != 0:
            self.succeeded = os.waitstatus_to_exitcode(status) == 0
            self._close()

    def wait_for(self, count: int) -> bool:
        """Wait until the child has given ``count`` items (True) or has ended short of them. A
        child that gives nothing new for ``deadline`` seconds is killed and counts as failed."""
        self.poll()
        seen, since = len(self.items), time.monotonic()
        while len(self.items) < count and self.running:
            time.sleep(_NAP)
            self.poll()
            if len(self.items) > seen:
                seen, since = len(self.items), time.monotonic()
            elif self.running and time.monotonic() - since > self.deadline:
                self.cancel()
        return len(self.items) >= count

    def result(self) -> list[T] | None:
        """Every item, once the child has ended; None if it failed."""
        while self.running:
            self.wait_for(len(self.items) + 1)
        return self.items if self.succeeded else None

    def cancel(self) -> None:
        """Stop the child if it still runs (the build ended or failed first)."""
        if self.running:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.succeeded = False
            self._close()

    def _close(self) -> None:
        self.running = False
        self._file.close()
