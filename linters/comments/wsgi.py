"""The comments gate as a WSGI application, for any production WSGI server.

``byline comments serve`` runs it under waitress. To run it under another server, or to mount it
inside a larger WSGI application, call :func:`create_app`::

    gunicorn --threads 8 'byline.comments.wsgi:create_app("/etc/isso.cfg", "/srv/blog/site/byline/threads.json")'
    BYLINE_ISSO_CONFIG=/etc/isso.cfg BYLINE_MANIFEST=/srv/blog/site/byline/threads.json \\
        waitress-serve --listen 127.0.0.1:8080 --call byline.comments.wsgi:create_app

The app is Isso's own, configured by Isso's own file, behind the gate that refuses comments on
threads the build closed or never made (:mod:`byline.comments.gate`). It holds no global state:
each call makes an independent app.
"""
from __future__ import annotations

import os
from pathlib import Path

from byline.comments.gate import WSGIApp
from byline.comments.serve import load_isso_config, make_gated_app
from byline.errors import BylineError

#: Where :func:`create_app` looks when a server calls it without arguments.
CONFIG_VARIABLE = "BYLINE_ISSO_CONFIG"
MANIFEST_VARIABLE = "BYLINE_MANIFEST"


def create_app(isso_config: str | os.PathLike[str] | None = None, manifest: str | os.PathLike[str] | None = None) -> WSGIApp:
    """Isso behind the gate, from Isso's configuration file and the built site's threads manifest
    (default: the ``BYLINE_ISSO_CONFIG`` and ``BYLINE_MANIFEST`` environment variables). Bad input
    raises :class:`~byline.errors.BylineError` before any request is served."""
    config_path = isso_config or os.environ.get(CONFIG_VARIABLE)
    manifest_path = manifest or os.environ.get(MANIFEST_VARIABLE)
    if not config_path:
        raise BylineError(CONFIG_VARIABLE, None, "name Isso's configuration file: create_app(isso_config, manifest) or set the variable")
    if not manifest_path:
        raise BylineError(MANIFEST_VARIABLE, None, "name the threads manifest (site/byline/threads.json): create_app(isso_config, manifest) or set the variable")
    return make_gated_app(load_isso_config(Path(config_path)), Path(manifest_path))
