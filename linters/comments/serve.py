"""``byline comments serve``: Isso's own app, configured by Isso's own config file, behind the gate,
under waitress, a production WSGI server (Werkzeug's development server, which Isso's own runner
uses, says not to deploy it). :mod:`byline.comments.wsgi` offers the same app to other servers.

Isso is an optional dependency (``pip install 'byline[isso]'``): it is imported here only, so the
rest of Byline works without it.
"""
from __future__ import annotations

import configparser
import signal
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


#: waitress' worker threads: requests handled at once (more wait in its queue, none are dropped).
DEFAULT_THREADS = 4


def serve(isso_config: Path, manifest: Path, threads: int = DEFAULT_THREADS) -> None:
    """Run Isso behind the gate under waitress on ``[server] listen`` until SIGINT or SIGTERM
    (systemd's stop), finishing the requests in hand."""
    if threads < 1:
        raise BylineError("--threads", None, f"--threads must be 1 or more, not {threads}")
    conf = load_isso_config(isso_config)
    app = make_gated_app(conf, manifest)
    if not conf.getboolean("moderation", "enabled"):
        print(f"byline: warning: {isso_config}: [moderation] enabled = false, comments appear without review", file=sys.stderr)
    import waitress

    host, port, _ = _isso().wsgi.urlsplit(conf.get("server", "listen"))
    try:
        server = waitress.create_server(app, host=host, port=port, threads=threads)
    except OSError as exc:
        raise BylineError(str(isso_config), None, f"cannot listen on {host}:{port} ([server] listen): {exc.strerror}") from None
    known = app.manifest.current().threads.values()
    closed = sum(1 for t in known if t.closed)
    print(f"byline: Isso on http://{host}:{port} under waitress ({threads} threads), gate reading {manifest} "
          f"({len(known)} threads, {closed} closed)", file=sys.stderr, flush=True)
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()


def _stop(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt
