"""plugins/feeds.py: a feed's bytes depend on the posts, and on the build's clock only when empty."""
from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

from byline.clock import build_time
from byline.plugins.feeds import write_feed
from support.blog import config, mkdocs_build, write_blog


def _empty_feed(path: Path) -> bytes:
    write_feed(
        path, site_url="https://blog.example/", title="Ann's posts", description="Posts by Ann",
        page_url="blog/author/ann/", feed_url="blog/feeds/ann.xml", entries=[], names={}, language="en",
        built=build_time(),
    )
    return path.read_bytes()


def test_a_feed_with_no_post_yet_is_dated_by_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An author who has not published yet: the same sources and epoch give the same file."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = _empty_feed(tmp_path / "first.xml")
    monkeypatch.setattr("time.time", lambda: 1800000000.0)  # a later clock changes nothing
    assert _empty_feed(tmp_path / "second.xml") == first
    parsed = feedparser.parse(first)
    assert parsed.feed.updated_parsed[:6] == (2023, 11, 14, 22, 13, 20) and parsed.entries == []


def test_a_bad_source_date_epoch_stops_the_build_with_one_line_before_any_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Feeds read the build's clock once, in on_config: no traceback, nothing written."""
    folder = write_blog(tmp_path, settings=config(feeds=True))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "last tuesday")
    built = mkdocs_build(folder, strict=False)
    errors = [line for line in (built.stdout + built.stderr).splitlines() if line.startswith("ERROR")]
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert errors == ["ERROR   -  SOURCE_DATE_EPOCH: 'last tuesday' is not whole seconds since 1970-01-01 (e.g. 1714521600)"]
    assert not (folder / "site").exists() or not any((folder / "site").rglob("*.html"))
