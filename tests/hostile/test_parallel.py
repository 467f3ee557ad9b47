"""Parallel runs fail cleanly (issue 11, item 11): a killed ``--jobs`` worker is one line and exit
2, never a traceback with an empty report and the findings' exit code; workers die with their
parent; ``--jobs`` never exceeds the usable CPUs; the build's forked helpers have a deadline and
are forked only where forking is safe."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hostile.helpers import TRACEBACK
from byline import processes
from byline.engine import worker_count
from byline.plugins import background
from byline.plugins.background import Background
from support.blog import write_blog

SIGNED = "---\ndate: 2024-05-01\nauthors: [jane-doe]\n---\n\n# Title\n\n"
POSTS = 600  # enough that the pool still holds unlinted posts when the test strikes


def _state(pid: int) -> str | None:
    """The process' state letter, None once it is gone (a zombie, "Z", has ended too)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return stat.rsplit(")", 1)[1].split()[0]


def _alive(pid: int) -> bool:
    return _state(pid) not in (None, "Z", "X")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _wait_for_workers(run: subprocess.Popen[str], count: int) -> list[int]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        workers = [pid for pid in _children(run.pid) if _alive(pid)]
        if len(workers) >= count:
            return workers
        assert run.poll() is None, f"lint ended before its workers were seen: {run.communicate()}"
        time.sleep(0.005)
    raise AssertionError("no workers appeared")


@pytest.fixture
def many_posts(tmp_path: Path) -> Path:
    return write_blog(tmp_path, posts={f"p{n:03}.md": SIGNED + f"Post {n} says one short thing.\n" for n in range(POSTS)})


def _lint(folder: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "byline.cli", "lint", *args], cwd=folder, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_killed_worker_is_one_line_and_exit_2(many_posts: Path, fmt: str) -> None:
    run = _lint(many_posts, "--jobs", "2", "--format", fmt)
    try:
        workers = _wait_for_workers(run, 2)
        os.kill(run.pid, signal.SIGSTOP)  # hold the parent: the worker dies with posts still to lint
        os.kill(workers[0], signal.SIGKILL)
        time.sleep(0.2)
        os.kill(run.pid, signal.SIGCONT)
        out, err = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert run.returncode == 2, (out[-500:], err)
    assert TRACEBACK not in err and len(err.strip().splitlines()) == 1
    assert err.startswith("byline: --jobs: a worker process ended abruptly")
    assert '"exit_code": 1' not in out  # never a report that claims a verdict


def test_workers_die_with_their_parent(many_posts: Path) -> None:
    run = _lint(many_posts, "--jobs", "2")
    workers = _wait_for_workers(run, 2)
    os.kill(run.pid, signal.SIGSTOP)  # the workers stay busy or blocked, never done
    os.kill(run.pid, signal.SIGKILL)
    run.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:  # never leave them running, whatever the verdict
        os.kill(pid, signal.SIGKILL)
    assert left == []


def test_jobs_are_capped_at_the_cpus_this_process_may_use() -> None:
    saved = os.sched_getaffinity(0)
    try:
        os.sched_setaffinity(0, {min(saved)})
        assert processes.usable_cpus() == 1
        assert worker_count(8, 100) == worker_count(0, 100) == 1  # serial: no pool at all
    finally:
        os.sched_setaffinity(0, saved)
    assert worker_count(64, 100) == len(saved)
    assert worker_count(64, 1) == 1 and worker_count(0, 100) == len(saved)


def test_fork_only_on_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "_usable_cpus", lambda: 2)
    assert processes.fork_is_safe() is sys.platform.startswith("linux")
    monkeypatch.setattr(sys, "platform", "darwin")  # fork exists there, but is not safe
    assert processes.fork_is_safe() is False
    assert Background.start(lambda: iter([1])) is None


def test_a_stalled_child_is_killed_at_its_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "_usable_cpus", lambda: 2)

    def stall() -> Iterator[int]:
        yield 1
        time.sleep(3600)
        yield 2

    running = Background.start(stall, deadline=0.5)
    assert running is not None
    started = time.monotonic()
    assert running.wait_for(2) is False and running.items == [1]
    assert time.monotonic() - started < 10
    assert running.result() is None  # failed: the caller does the work itself
    with pytest.raises(ProcessLookupError):
        os.kill(running.pid, 0)


def test_the_forked_child_dies_with_the_build(tmp_path: Path) -> None:
    """A build killed outright (SIGKILL, no clean-up) takes its forked child with it."""
    script = textwrap.dedent("""
        import sys, time
        from byline.plugins import background
        background._usable_cpus = lambda: 2
        running = background.Background.start(lambda: iter([time.sleep(3600)]))
        print(running.pid, flush=True)
        time.sleep(3600)
    """)
    build = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    child = int(build.stdout.readline())  # type: ignore[union-attr]
    assert _alive(child)
    build.kill()
    build.wait()
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = _alive(child)
    if alive:
        os.kill(child, signal.SIGKILL)
    assert not alive
