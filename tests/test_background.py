"""plugins/background.py: a function run in a forked child, its result collected once."""
from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from collections.abc import Iterator

import pytest

from byline.plugins import background
from byline.plugins.background import Background


@pytest.fixture(autouse=True)
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "_usable_cpus", lambda: 2)


def test_the_items_come_from_another_process() -> None:
    running = Background.start(lambda: iter([os.getpid(), [1, "two"]]))
    assert running is not None
    items = running.result()
    assert items is not None and items[0] != os.getpid() and items[1] == [1, "two"]
    assert not os.path.exists(running.path)


def test_items_arrive_while_the_child_still_runs() -> None:
    """The build takes each item as soon as it is written, without waiting for the rest."""
    release = tempfile.mktemp()

    def slow() -> Iterator[str]:
        yield "first"
        while not os.path.exists(release):
            time.sleep(0.01)
        yield "second"

    running = Background.start(slow)
    assert running is not None
    try:
        assert running.wait_for(1) and running.items == ["first"] and running.running
        assert not os.path.exists(running.path)  # already unlinked: a killed build leaves nothing
        open(release, "w").close()
        assert running.result() == ["first", "second"]
    finally:
        running.cancel()
        os.unlink(release)


def test_a_failing_child_gives_what_it_made_and_says_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    def fail() -> Iterator[int]:
        yield 1
        logging.getLogger("mkdocs").error("from the child")
        raise RuntimeError("boom")

    running = Background.start(fail)
    assert running is not None
    assert running.wait_for(2) is False and running.items == [1]  # ended short of a second item
    assert running.result() is None  # not all of it: callers do the work themselves
    captured = capfd.readouterr()
    assert "boom" not in captured.err and "from the child" not in captured.err


def test_cancel_stops_a_running_child() -> None:
    running = Background.start(lambda: iter([time.sleep(60)]))
    assert running is not None
    started = time.monotonic()
    running.cancel()
    assert time.monotonic() - started < 5
    assert running.result() is None and not os.path.exists(running.path)
    with pytest.raises(ProcessLookupError):
        os.kill(running.pid, 0)


def test_not_started_on_one_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "_usable_cpus", lambda: 1)
    assert Background.start(lambda: iter([1])) is None


def test_not_started_beside_other_threads() -> None:
    """mkdocs serve runs a file watcher and a server: forking beside threads can deadlock."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert Background.start(lambda: iter([1])) is None
    finally:
        stop.set()
        thread.join()
