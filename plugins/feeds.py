"""RSS feeds: one for the whole blog and one per author, so readers can follow a person.

feedgen writes the XML (escaping, dates, namespaces); co-authors go into ``dc:creator``, which
RSS readers show as authors without needing anyone's email address.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from byline.plugins.catalog import PostEntry


def write_feed(
    path: Path,
    *,
    site_url: str,
    title: str,
    description: str,
    page_url: str,
    feed_url: str,
    entries: list[PostEntry],
    names: dict[str, str],
    language: str,
    built: datetime,
) -> None:
    """Write an RSS 2.0 feed of ``entries`` (newest first). ``page_url``, ``feed_url`` and the
    posts' URLs are relative to ``site_url``; feeds carry them absolute. ``built`` (the build's
    clock, ``linters/clock.py``) dates a feed with no post yet."""
    site_url = site_url.rstrip("/") + "/"
    feed = FeedGenerator()
    feed.load_extension("dc")
    feed.title(title)
    feed.description(description)
    # feedgen takes the channel's <link> from the last link given: the self link goes first.
    feed.link(href=urljoin(site_url, feed_url), rel="self")
    feed.link(href=urljoin(site_url, page_url), rel="alternate")
    feed.language(language)
    # The newest post's date, not the clock: the same posts give the same file. A feed with no
    # post yet (an author who has not published) takes the build's clock, SOURCE_DATE_EPOCH if set.
    feed.lastBuildDate(entries[0].date if entries else built)
    for post in entries:
        url = urljoin(site_url, post.url)
        item = feed.add_entry(order="append")
        item.title(post.title)
        item.link(href=url)
        item.guid(url, permalink=True)
        item.published(post.date)
        item.description(post.summary or post.title)
        item.dc.dc_creator([names[a] for a in post.authors if a in names])
        for category in post.categories:
            item.category(term=category)
    path.parent.mkdir(parents=True, exist_ok=True)
    feed.rss_file(str(path), pretty=True)
