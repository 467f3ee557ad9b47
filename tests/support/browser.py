"""Loopback-only browsing for tests: a static file server on 127.0.0.1 in a thread, Debian's
chromium driven by Playwright, and a route that aborts every request leaving the machine.

Tests must never reach the network (Material links Google Fonts, avatars may be https URLs), so
every page goes through :func:`loopback_only`; the URLs it refused are kept for assertions.
"""
from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Route, sync_playwright

from support import tiers

#: Names Debian, Fedora, Arch and snap give the browser, tried in order on PATH.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


@contextmanager
def serve_static(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free port of 127.0.0.1; yields the origin with a trailing slash."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def loopback_only(context: BrowserContext, blocked: list[str]) -> None:
    """Abort every request whose host is not this machine, recording its URL in ``blocked``."""

    def guard(route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOOPBACK or route.request.url.startswith("data:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)


def chromium_path() -> str:
    """The chromium to drive: ``BYLINE_CHROMIUM`` if set, else the first of :data:`CHROMIUM_NAMES`
    on PATH. Playwright's own browser download is never used (nothing is fetched at test time)."""
    chosen = os.environ.get("BYLINE_CHROMIUM")
    if chosen:
        found = shutil.which(chosen)
        if found is None:
            raise FileNotFoundError(f"BYLINE_CHROMIUM={chosen} is not an executable")
        return found
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found is not None:
            return found
    raise FileNotFoundError(f"no chromium on PATH (tried {', '.join(CHROMIUM_NAMES)}): install it or set BYLINE_CHROMIUM")


@contextmanager
def chromium() -> Iterator[Browser]:
    """The system's chromium (no Playwright browser download), closed on exit."""
    tiers.require("browser", "a browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
