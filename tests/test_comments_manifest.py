"""The threads manifest: written atomically and deterministically, read back with clear errors."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from byline.comments.manifest import Thread, read_manifest, write_manifest
from byline.errors import BylineError

OPEN = Thread("/blog/2024/05/01/open/", "https://example.com/blog/2024/05/01/open/", "Open", "isso", dt.date(2024, 5, 1), dt.date(2024, 6, 1), False)
CLOSED = Thread("/blog/2023/01/01/old/", "https://example.com/blog/2023/01/01/old/", "Old “quoted”", "isso", dt.date(2023, 1, 1), dt.date(2023, 2, 1), True)
NEVER = Thread("/blog/2024/05/02/mail/", "https://example.com/blog/2024/05/02/mail/", "Mail", "email", dt.date(2024, 5, 2), None, False)


def test_round_trip_sorted_by_uri(tmp_path):
    path = tmp_path / "byline" / "threads.json"
    write_manifest(path, [OPEN, NEVER, CLOSED], dt.date(2024, 5, 10))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [t["uri"] for t in data["threads"]] == [CLOSED.uri, OPEN.uri, NEVER.uri]
    assert data["threads"][0] == {
        "uri": CLOSED.uri, "url": CLOSED.url, "title": "Old “quoted”", "provider": "isso",
        "published": "2023-01-01", "closes": "2023-02-01", "closed": True,
    }
    manifest = read_manifest(path)
    assert manifest.built == dt.date(2024, 5, 10)
    assert manifest.threads == {t.uri: t for t in (OPEN, CLOSED, NEVER)}


def test_same_threads_same_bytes_and_no_temporary_files(tmp_path):
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    write_manifest(one, [OPEN, CLOSED], dt.date(2024, 5, 10))
    write_manifest(two, [CLOSED, OPEN], dt.date(2024, 5, 10))
    assert one.read_bytes() == two.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.json", "two.json"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"version": 1,\n "threads": [}', r"threads.json:2: broken threads manifest"),
        ('{"version": 2, "built": "2024-01-01", "threads": []}', "not a Byline threads manifest"),
        ('[]', "not a Byline threads manifest"),
        ('{"version": 1, "built": "2024-01-01", "threads": [{"uri": "/a/"}]}', "broken threads manifest entry"),
        ('{"version": 1, "built": "soon", "threads": []}', "broken threads manifest entry"),
    ],
)
def test_broken_manifests_are_one_clear_error(tmp_path, text, expected):
    path = tmp_path / "threads.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BylineError, match=expected):
        read_manifest(path)


def test_a_missing_manifest_says_to_build_first(tmp_path):
    with pytest.raises(BylineError, match="build the site first"):
        read_manifest(tmp_path / "nope.json")
