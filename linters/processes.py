"""Child processes that behave: sized to the CPUs this process may use, forked only where forking
is safe, and never outliving the process that started them.

Shared by ``byline lint --jobs`` (a process pool, :mod:`byline.engine`) and the build's forked
helpers (``plugins/background.py``).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

#: prctl(2) option: the signal the kernel sends this process when its parent ends.
_PR_SET_PDEATHSIG = 1
#: How often the portable parent-watch looks (where prctl does not exist).
_WATCH_EVERY = 1.0


def usable_cpus() -> int:
    """CPUs this process may run on: its affinity mask (containers and ``taskset`` shrink it),
    not the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def fork_is_safe() -> bool:
    """``fork`` without ``exec`` only on Linux: macOS' system libraries are not fork-safe (Python
    itself defaults to spawn there), and no other platform has been tested."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def die_with_parent(parent: int) -> None:
    """Make this (child) process end when ``parent`` ends, however it ends (SIGKILL included).

    On Linux the kernel does it (``PR_SET_PDEATHSIG``); it fires when the *thread* that forked
    this process ends, so callers fork from their main thread. Elsewhere a daemon thread watches
    the parent id. Either way, a parent already gone before this call ends the child at once."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            _watch_parent(parent)
    else:
        _watch_parent(parent)
    if os.getppid() != parent:
        os._exit(1)


def _watch_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCH_EVERY)
        os._exit(1)

    threading.Thread(target=watch, name="byline-parent-watch", daemon=True).start()
