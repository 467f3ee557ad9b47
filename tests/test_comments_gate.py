"""The gate around a real Isso app (in-process): new comments only on threads the build lists as
open; a closed or unknown thread gets 403 with the closed text; everything else reaches Isso."""
from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from werkzeug.test import Client

from byline.comments.closing import CLOSED_TEXT
from byline.comments.gate import NO_THREAD_TEXT
from byline.comments.manifest import Thread, write_manifest
from byline.comments.serve import load_isso_config, make_gated_app
from support.isso import write_isso_config

SITE = "http://127.0.0.1:9"  # nothing listens there: Isso only warns at start-up
OPEN = Thread("/blog/open/", f"{SITE}/blog/open/", "Open post", "isso", dt.date(2024, 5, 1), None, False)
CLOSED = Thread("/blog/old/", f"{SITE}/blog/old/", "Old post", "isso", dt.date(2020, 1, 1), dt.date(2020, 2, 1), True)
MAILED = Thread("/blog/mail/", f"{SITE}/blog/mail/", "Mail post", "email", dt.date(2024, 5, 1), None, False)


@pytest.fixture
def gate(tmp_path):
    manifest = tmp_path / "site" / "byline" / "threads.json"
    write_manifest(manifest, [OPEN, CLOSED, MAILED], dt.date(2024, 5, 10))
    conf = load_isso_config(write_isso_config(tmp_path, SITE, 8080))
    app = make_gated_app(conf, manifest)
    return app, manifest


def post(app, uri: str, text: str = "A thoughtful reply.", **extra):
    body = json.dumps({"text": text, "author": "Reader", "title": "A title", **extra})
    return Client(app).post("/new", query_string={"uri": uri}, data=body, headers={"Content-Type": "application/json", "Origin": SITE})


def test_open_thread_reaches_isso_and_waits_for_moderation(gate):
    app, _ = gate
    answer = post(app, OPEN.uri)
    assert answer.status_code == 202  # Isso's "accepted, in the moderation queue"
    assert answer.get_json()["mode"] == 2


def test_closed_thread_is_refused_with_the_closed_text_and_cors_headers(gate):
    app, _ = gate
    answer = post(app, CLOSED.uri)
    assert answer.status_code == 403
    assert answer.get_json() == {"message": CLOSED_TEXT}
    assert answer.headers["Access-Control-Allow-Origin"] == SITE
    assert answer.headers["Access-Control-Allow-Credentials"] == "true"
    replies = post(app, CLOSED.uri, parent=1)
    assert replies.status_code == 403


@pytest.mark.parametrize("uri", ["/blog/made-up/", MAILED.uri, ""])
def test_threads_the_build_did_not_make_for_isso_are_refused(gate, uri):
    app, _ = gate
    answer = post(app, uri)
    assert answer.status_code == 403
    assert answer.get_json() == {"message": NO_THREAD_TEXT}


def test_reading_and_counting_pass_through(gate):
    app, _ = gate
    assert post(app, OPEN.uri).status_code == 202
    client = Client(app)
    counts = client.post("/count", data=json.dumps([OPEN.uri, CLOSED.uri]), headers={"Content-Type": "application/json"})
    assert counts.status_code == 200 and counts.get_json() == [0, 0]  # the queued comment is not counted yet
    assert client.get("/js/embed.min.js").status_code == 200


def test_a_rebuilt_manifest_closes_the_thread_without_a_restart(gate):
    app, manifest = gate
    assert post(app, OPEN.uri).status_code == 202
    now_closed = Thread(OPEN.uri, OPEN.url, OPEN.title, "isso", OPEN.published, dt.date(2024, 6, 1), True)
    write_manifest(manifest, [now_closed, CLOSED], dt.date(2024, 6, 1))
    assert post(app, OPEN.uri).get_json() == {"message": CLOSED_TEXT}


def test_a_missing_or_broken_manifest_keeps_the_last_good_one(gate):
    app, manifest = gate
    manifest.write_text("{ half written", encoding="utf-8")
    assert post(app, CLOSED.uri).status_code == 403
    assert post(app, OPEN.uri).status_code == 202
    os.remove(manifest)  # MkDocs empties the site folder at the start of a rebuild
    assert post(app, CLOSED.uri).status_code == 403
    assert post(app, OPEN.uri).status_code == 202
