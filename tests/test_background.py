"""plugins/background.py: a function run in a forked child, its result collected once."""
from __future__ import annotations

import logging
import os
import threading
import time

import pytest

from plugins import background
from plugins.background import Background


@pytest.fixture(autouse=True)
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "_usable_cpus", lambda: 2)


def test_the_result_comes_from_another_process() -> None:
    running = Background.start(lambda: (os.getpid(), [1, "two"]))
    assert running is not None
    pid, value = running.result(wait=True)
    assert pid != os.getpid() and value == [1, "two"]
    assert running.result(wait=False) == (pid, value)  # collected once, kept
    assert not os.path.exists(running.path)


def test_no_result_until_the_child_is_done() -> None:
    running = Background.start(lambda: time.sleep(0.5) or "done")
    assert running is not None
    assert running.result(wait=False) is None
    assert running.result(wait=True) == "done"


def test_a_failing_child_gives_no_result_and_says_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    def fail() -> None:
        logging.getLogger("mkdocs").error("from the child")
        raise RuntimeError("boom")

    running = Background.start(fail)
    assert running is not None
    assert running.result(wait=True) is None
    captured = capfd.readouterr()
    assert "boom" not in captured.err and "from the child" not in captured.err


def test_cancel_stops_a_running_child() -> None:
    running = Background.start(lambda: time.sleep(60))
    assert running is not None
    started = time.monotonic()
    running.cancel()
    assert time.monotonic() - started < 5
    assert running.result(wait=True) is None and not os.path.exists(running.path)
    with pytest.raises(ProcessLookupError):
        os.kill(running.pid, 0)


def test_not_started_on_one_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "_usable_cpus", lambda: 1)
    assert Background.start(lambda: 1) is None


def test_not_started_beside_other_threads() -> None:
    """mkdocs serve runs a file watcher and a server: forking beside threads can deadlock."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert Background.start(lambda: 1) is None
    finally:
        stop.set()
        thread.join()
