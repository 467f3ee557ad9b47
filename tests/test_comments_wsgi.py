"""The gate in production (issue 11, item 13): ``byline comments serve`` runs under waitress, stops
cleanly on SIGTERM (systemd's stop), and ``byline.comments.wsgi:create_app`` gives the same app to
any WSGI server or to a larger application that mounts it."""
from __future__ import annotations

import datetime as dt
import json
import os
import signal
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import waitress

from byline.comments.closing import CLOSED_TEXT
from byline.comments.gate import NO_THREAD_TEXT
from byline.comments.manifest import Thread, write_manifest
from byline.comments.wsgi import create_app
from byline.errors import BylineError
from support.isso import IssoServer, free_port, write_isso_config

SITE = "http://127.0.0.1:9"
OPEN = Thread("/open/", f"{SITE}/open/", "Open", "isso", dt.date(2024, 5, 1), None, False)
CLOSED = Thread("/old/", f"{SITE}/old/", "Old", "isso", dt.date(2020, 1, 1), dt.date(2020, 2, 1), True)


def post(url: str, uri: str) -> tuple[int, dict, dict[str, str]]:
    request = urllib.request.Request(f"{url}/new?uri={uri}", method="POST", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"text": "Hello there, author.", "title": "T"}).encode())
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read()), dict(answer.headers)
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read()), dict(refused.headers)


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    manifest = tmp_path / "threads.json"
    write_manifest(manifest, [OPEN, CLOSED], dt.date(2024, 5, 10))
    return write_isso_config(tmp_path, SITE, free_port()), manifest


def test_serve_runs_under_waitress_and_stops_on_sigterm(tmp_path: Path, site: tuple[Path, Path]) -> None:
    with IssoServer(tmp_path, SITE, site[1]) as isso:
        status, _, headers = post(isso.url, OPEN.uri)
        assert status == 202 and headers["Server"] == "waitress"  # not Werkzeug's development server
        assert post(isso.url, CLOSED.uri)[:2] == (403, {"message": CLOSED_TEXT})
        assert isso.process is not None
        os.kill(isso.process.pid, signal.SIGTERM)
        assert isso.process.wait(timeout=30) == 0  # a clean stop, as systemd expects
    log = isso.log.read_text()
    assert "under waitress (4 threads)" in log and "Traceback" not in log


@contextmanager
def waitress_thread(app: object) -> Iterator[str]:
    """Any WSGI app under waitress on a free loopback port, in this process."""
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=10)


def test_the_app_factory_serves_the_gate_under_a_production_server(site: tuple[Path, Path]) -> None:
    config, manifest = site
    with waitress_thread(create_app(config, manifest)) as url:
        assert post(url, OPEN.uri)[0] == 202
        assert post(url, CLOSED.uri)[:2] == (403, {"message": CLOSED_TEXT})
        assert post(url, "/never-built/")[:2] == (403, {"message": NO_THREAD_TEXT})


def test_the_app_factory_reads_the_environment_when_called_bare(site: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """``waitress-serve --call byline.comments.wsgi:create_app`` calls it without arguments."""
    config, manifest = site
    monkeypatch.setenv("BYLINE_ISSO_CONFIG", str(config))
    monkeypatch.setenv("BYLINE_MANIFEST", str(manifest))
    with waitress_thread(create_app()) as url:
        assert post(url, CLOSED.uri)[:2] == (403, {"message": CLOSED_TEXT})


def test_the_app_factory_refuses_bad_input_before_serving(tmp_path: Path, site: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    config, manifest = site
    monkeypatch.delenv("BYLINE_ISSO_CONFIG", raising=False)
    monkeypatch.delenv("BYLINE_MANIFEST", raising=False)
    with pytest.raises(BylineError, match="BYLINE_ISSO_CONFIG: name Isso's configuration file"):
        create_app()
    with pytest.raises(BylineError, match="BYLINE_MANIFEST: name the threads manifest"):
        create_app(config)
    with pytest.raises(BylineError, match="cannot read the threads manifest"):
        create_app(config, tmp_path / "missing.json")


def test_two_apps_are_independent(tmp_path: Path, site: tuple[Path, Path]) -> None:
    """A larger application may mount the gate beside others: the factory keeps no global state."""
    config, manifest = site
    other = tmp_path / "other.json"
    write_manifest(other, [Thread(CLOSED.uri, CLOSED.url, "Reopened", "isso", CLOSED.published, None, False)], dt.date(2024, 5, 10))
    first, second = create_app(config, manifest), create_app(config, other)
    with waitress_thread(first) as one, waitress_thread(second) as two:
        assert post(one, CLOSED.uri)[0] == 403 and post(two, CLOSED.uri)[0] == 202
