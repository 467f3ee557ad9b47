"""The gate in production (issue 11, item 13): ``byline comments serve`` runs under waitress, stops
cleanly on SIGTERM (systemd's stop), and ``byline.comments.wsgi:create_app`` gives the same app to
any WSGI server or to a larger application that mounts it."""
from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

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


class WaitressServe(IssoServer):
    """``waitress-serve --call byline.comments.wsgi:create_app``, configured by the environment, as
    the guide shows (in its own process: each Isso app starts a purge thread that never ends)."""

    def __init__(self, folder: Path, config: Path, manifest: Path) -> None:
        super().__init__(folder, SITE, manifest)
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = config
        self.env = {**os.environ, "BYLINE_ISSO_CONFIG": str(config), "BYLINE_MANIFEST": str(manifest)}

    def command(self) -> list[str]:
        return [sys.executable, "-m", "waitress", "--listen", f"127.0.0.1:{self.port}", "--call", "byline.comments.wsgi:create_app"]


#: A larger WSGI application mounting two gates, as the engagement server may: each is independent.
MOUNTED = """
import sys, waitress
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.wrappers import Response
from byline.comments.wsgi import create_app
config, first, second, port = sys.argv[1:]
app = DispatcherMiddleware(Response("the larger application", status=404),
                           {"/one": create_app(config, first), "/two": create_app(config, second)})
waitress.serve(app, host="127.0.0.1", port=int(port), threads=2)
"""


class Mounted(IssoServer):
    def __init__(self, folder: Path, config: Path, first: Path, second: Path) -> None:
        super().__init__(folder, SITE, first)
        self.arguments = [str(config), str(first), str(second), str(self.port)]

    def command(self) -> list[str]:
        return [sys.executable, "-c", MOUNTED, *self.arguments]


def test_the_app_factory_runs_under_waitress_serve(tmp_path: Path, site: tuple[Path, Path]) -> None:
    """``waitress-serve --call`` calls the factory without arguments: it reads the environment."""
    config, manifest = site
    with WaitressServe(tmp_path, config, manifest) as server:
        status, _, headers = post(server.url, OPEN.uri)
        assert status == 202 and headers["Server"] == "waitress"
        assert post(server.url, CLOSED.uri)[:2] == (403, {"message": CLOSED_TEXT})
        assert post(server.url, "/never-built/")[:2] == (403, {"message": NO_THREAD_TEXT})


def test_a_larger_application_mounts_independent_gates(tmp_path: Path, site: tuple[Path, Path]) -> None:
    config, manifest = site
    other = tmp_path / "other.json"
    write_manifest(other, [Thread(CLOSED.uri, CLOSED.url, "Reopened", "isso", CLOSED.published, None, False)], dt.date(2024, 5, 10))
    with Mounted(tmp_path, config, manifest, other) as server:
        assert post(f"{server.url}/one", CLOSED.uri)[:2] == (403, {"message": CLOSED_TEXT})
        assert post(f"{server.url}/two", CLOSED.uri)[0] == 202  # the same thread, open in the other manifest
        assert post(f"{server.url}/one", OPEN.uri)[0] == 202


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
