"""`byline comments serve`: the real command runs Isso behind the gate; bad input is one line."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from byline.comments.closing import CLOSED_TEXT
from byline.comments.manifest import Thread, write_manifest
from support.isso import IssoServer, write_isso_config

SITE = "http://127.0.0.1:9"
OPEN = Thread("/open/", f"{SITE}/open/", "Open", "isso", dt.date(2024, 5, 1), None, False)
CLOSED = Thread("/old/", f"{SITE}/old/", "Old", "isso", dt.date(2020, 1, 1), dt.date(2020, 2, 1), True)


def new_comment(isso_url: str, uri: str) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"{isso_url}/new?uri={uri}",
        data=json.dumps({"text": "Hello there, author.", "title": "T"}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


def test_serve_runs_isso_behind_the_gate(tmp_path):
    manifest = tmp_path / "threads.json"
    write_manifest(manifest, [OPEN, CLOSED], dt.date(2024, 5, 10))
    with IssoServer(tmp_path, SITE, manifest) as isso:
        assert new_comment(isso.url, OPEN.uri)[0] == 202
        assert new_comment(isso.url, CLOSED.uri) == (403, {"message": CLOSED_TEXT})
    assert isso.process is not None and isso.process.returncode is not None
    assert "gate reading" in isso.log.read_text()


def run_serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "byline.cli", "comments", "serve", *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("no-manifest", "cannot read the threads manifest"),
        ("broken-manifest", "threads.json:1: broken threads manifest"),
        ("no-isso-config", "cannot read the Isso configuration"),
        ("no-host", "[general] host is empty"),
        ("broken-isso-config", "broken Isso configuration"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, case, expected):
    manifest = tmp_path / "threads.json"
    config = write_isso_config(tmp_path, SITE, 8080)
    if case != "no-manifest":
        write_manifest(manifest, [OPEN], dt.date(2024, 5, 10))
    if case == "broken-manifest":
        manifest.write_text("{", encoding="utf-8")
    if case == "no-isso-config":
        config = tmp_path / "missing.cfg"
    if case == "no-host":
        config.write_text(config.read_text().replace(f"host = {SITE}", "host ="), encoding="utf-8")
    if case == "broken-isso-config":
        config.write_text("this is not an ini file\n", encoding="utf-8")
    result = run_serve("--isso-config", str(config), "--manifest", str(manifest))
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("byline:")]
    assert len(errors) == 1 and expected in errors[0], result.stderr
    assert "Traceback" not in result.stderr


def test_without_isso_installed_the_command_says_how_to_get_it(tmp_path, monkeypatch, capsys):
    from byline.cli import main

    monkeypatch.setitem(sys.modules, "isso", None)  # what Python sees when Isso is not installed
    config = write_isso_config(tmp_path, SITE, 8080)
    assert main(["comments", "serve", "--isso-config", str(config), "--manifest", str(tmp_path / "threads.json")]) == 2
    assert capsys.readouterr().err == "byline: isso: not installed: pip install 'byline[isso]'\n"
