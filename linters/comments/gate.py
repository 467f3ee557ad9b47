"""A WSGI gate in front of Isso: new comments are accepted only on threads the build lists as open.

Hiding the form on a closed post does not stop anyone from POSTing to Isso's ``/new`` directly,
so the gate answers such requests itself, with 403 and the same closed text readers see. It also
refuses threads the build never made (posts with ``comments: false``, made-up URLs), so nobody
can open a thread the site does not show. Everything else passes through to Isso untouched.

The gate re-reads the manifest when the file changes, so the daily rebuild that closes a thread
on the page closes it on the server too, without a restart.
"""
from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from byline.comments.closing import CLOSED_TEXT
from byline.comments.manifest import Manifest, read_manifest
from byline.errors import BylineError

NO_THREAD_TEXT = "There is no comment thread at this address."

log = logging.getLogger("byline.comments")

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class ManifestWatcher:
    """The current manifest, re-read when the file is replaced. A manifest that goes missing or
    breaks during a rebuild keeps the last good one in force (the gate never opens by accident)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._manifest = read_manifest(path)
        try:
            self._stamp: tuple[int, int, int] | None = self._read_stamp()
        except OSError:  # replaced in between: the next request reads it again
            self._stamp = None

    def _read_stamp(self) -> tuple[int, int, int]:
        info = self.path.stat()
        return info.st_mtime_ns, info.st_size, info.st_ino

    def current(self) -> Manifest:
        try:
            stamp = self._read_stamp()
        except OSError:
            return self._manifest
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    try:
                        self._manifest = read_manifest(self.path)
                        self._stamp = stamp
                        log.info("byline: reloaded %s (%d threads)", self.path, len(self._manifest.threads))
                    except BylineError as exc:
                        log.warning("byline: keeping the previous threads manifest: %s", exc)
        return self._manifest


class ClosedThreadGate:
    """WSGI middleware around Isso. ``refusal_wrapper`` wraps the refusal answer (the server passes
    Isso's CORS middleware, so the browser may read the 403 like any other Isso answer)."""

    def __init__(self, app: WSGIApp, manifest: ManifestWatcher, refusal_wrapper: Callable[[WSGIApp], WSGIApp] | None = None) -> None:
        self.app = app
        self.manifest = manifest
        self._refuse = refusal_wrapper(_refusal) if refusal_wrapper else _refusal

    def refusal(self, uri: str | None) -> str | None:
        """Why a new comment on ``uri`` is refused, or None when its thread is open."""
        thread = self.manifest.current().threads.get(uri) if uri else None
        if thread is None or thread.provider != "isso":
            return NO_THREAD_TEXT
        return CLOSED_TEXT if thread.closed else None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO", "").endswith("/new"):
            uri = parse_qs(environ.get("QUERY_STRING", "")).get("uri", [None])[0]
            reason = self.refusal(uri)
            if reason is not None:
                log.info("byline: refused a new comment on %r: %s", uri, reason)
                environ["byline.refusal"] = reason
                return self._refuse(environ, start_response)
        return self.app(environ, start_response)


def _refusal(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    body = json.dumps({"message": environ["byline.refusal"]}).encode("utf-8")
    start_response("403 Forbidden", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
