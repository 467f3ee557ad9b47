"""``byline comments serve``: Isso's own app, configured by Isso's own config file, behind the gate.

Isso is an optional dependency (``pip install 'byline[isso]'``): it is imported here only, so the
rest of Byline works without it.
"""
from __future__ import annotations

import configparser
import sys
from functools import partial
from pathlib import Path
from typing import Any

from byline.comments.gate import ClosedThreadGate, ManifestWatcher
from byline.errors import BylineError


def _isso() -> Any:
    try:
        import isso
        import isso.config
        import isso.wsgi
    except ImportError:
        raise BylineError("isso", None, "not installed: pip install 'byline[isso]'") from None
    return isso


def load_isso_config(path: Path) -> Any:
    """Isso's configuration (its defaults, then the file), with the mistakes Isso would only log
    turned into one clear error."""
    isso = _isso()
    try:
        conf = isso.config.load(isso.config.default_file(), str(path))
    except OSError as exc:
        raise BylineError(str(path), None, f"cannot read the Isso configuration: {exc.strerror}") from None
    except configparser.Error as exc:
        line = getattr(exc, "lineno", None)
        raise BylineError(str(path), line, f"broken Isso configuration: {exc.message.splitlines()[0]}") from None
    if not any(conf.getiter("general", "host")):
        raise BylineError(str(path), None, "[general] host is empty: list the address(es) of your site, e.g. host = https://blog.example.com")
    if not conf.get("server", "listen").startswith("http://"):
        raise BylineError(str(path), None, "[server] listen must be an http:// address, e.g. listen = http://127.0.0.1:8080")
    return conf


def make_gated_app(conf: Any, manifest: Path) -> ClosedThreadGate:
    """Isso's WSGI app wrapped in the gate; refusals get Isso's CORS headers."""
    isso = _isso()
    watcher = ManifestWatcher(manifest)  # first: a missing manifest fails before Isso starts
    app = isso.make_app(conf)
    cors = partial(
        isso.wsgi.CORSMiddleware,
        origin=isso.wsgi.origin(conf.getiter("general", "host")),
        allowed=("Origin", "Referer", "Content-Type"),
        exposed=("X-Set-Cookie", "Date"),
    )
    return ClosedThreadGate(app, watcher, refusal_wrapper=cors)


def serve(isso_config: Path, manifest: Path) -> None:
    """Run Isso behind the gate on ``[server] listen`` until interrupted."""
    conf = load_isso_config(isso_config)
    app = make_gated_app(conf, manifest)
    if not conf.getboolean("moderation", "enabled"):
        print(f"byline: warning: {isso_config}: [moderation] enabled = false, comments appear without review", file=sys.stderr)
    from werkzeug.serving import run_simple

    host, port, _ = _isso().wsgi.urlsplit(conf.get("server", "listen"))
    threads = app.manifest.current().threads.values()
    closed = sum(1 for t in threads if t.closed)
    print(f"byline: Isso on http://{host}:{port}, gate reading {manifest} ({len(threads)} threads, {closed} closed)", file=sys.stderr, flush=True)
    run_simple(host, port, app, threaded=True)
