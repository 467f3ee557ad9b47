"""Per-author data, computed once per build and handed to every template as ``byline``.

Templates look authors up by id or by page (dictionary lookups), so no page ever scans the
list of posts: the cost of a build grows with the number of posts once, not once per page.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote

import nh3

from byline.authors import Author, Registry
from byline.profiles import sanitize_bio

_HEADING = re.compile(r"<h1\b.*?</h1>", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class PostEntry:
    """What listings and feeds need from one published post."""

    title: str  # plain text: templates escape it, feeds carry it as is
    url: str
    date: datetime
    authors: tuple[str, ...]
    categories: tuple[str, ...]
    summary: str


@dataclass
class AuthorEntry:
    """An author as readers see them: registry data plus where their things live in the site."""

    author: Author
    url: str
    avatar: str
    bio_html: str
    feed_url: str | None
    ask_url: str | None = None  # the site's ask form, for authors without an email
    posts: list[PostEntry] = field(default_factory=list)

    def ask_link(self, subject: str) -> str | None:
        """Where a reader asks this author about ``subject``: their email, else the site's form."""
        if self.author.email:
            return f"mailto:{self.author.email}?subject={quote(subject)}"
        if self.ask_url:
            return self.ask_url.format(author=quote(self.author.id), subject=quote(subject))
        return None

    @property
    def count(self) -> int:
        return len(self.posts)

    @property
    def latest(self) -> PostEntry | None:
        return self.posts[0] if self.posts else None


@dataclass
class Catalog:
    """Everything Byline's templates read, keyed for constant-time lookups."""

    authors: dict[str, AuthorEntry]
    posts: list[PostEntry]
    feed_url: str | None
    index_url: str | None
    pages: dict[str, str]  # source path of an author page -> author id

    @property
    def people(self) -> list[AuthorEntry]:
        """Everyone, by name, for the authors index."""
        return sorted(self.authors.values(), key=lambda e: e.author.name.casefold())

    def author_of(self, page: Any) -> AuthorEntry | None:
        """The author whose page ``page`` is, if it is one."""
        author_id = self.pages.get(getattr(page.file, "src_uri", ""))
        return self.authors.get(author_id) if author_id else None


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment: tags dropped (scripts with their content), entities decoded."""
    text = nh3.clean(fragment, tags=set(), clean_content_tags={"script", "style"})
    return " ".join(html.unescape(text).split())


def summary_of(content: str, separator: str) -> str:
    """Plain text of a post's excerpt (the part before the separator), for feed readers."""
    return plain_text(_HEADING.sub("", content.split(separator, 1)[0], count=1))


def post_entry(post: Any, separator: str) -> PostEntry:
    """Read what Byline needs from one of Material's rendered posts."""
    return PostEntry(
        title=plain_text(post.title or ""),
        url=post.url,
        date=post.config.date.created,
        authors=tuple(post.config.authors),
        categories=tuple(post.config.categories),
        summary=summary_of(post.content or "", separator),
    )


def build_catalog(
    registry: Registry,
    posts: list[PostEntry],
    *,
    urls: dict[str, str],
    avatars: dict[str, str],
    feed_urls: dict[str, str] | None,
    feed_url: str | None,
    index_url: str | None,
    pages: dict[str, str],
    ask_url: str | None = None,
) -> Catalog:
    """Assign each post to its authors once; ``posts`` may come in any order."""
    ordered = sorted(posts, key=lambda p: p.date, reverse=True)
    authors = {
        author_id: AuthorEntry(
            author=author,
            url=urls[author_id],
            avatar=avatars[author_id],
            bio_html=sanitize_bio(author.bio),
            feed_url=feed_urls.get(author_id) if feed_urls else None,
            ask_url=ask_url,
        )
        for author_id, author in registry.authors.items()
    }
    for post in ordered:
        for author_id in post.authors:
            if author_id in authors:
                authors[author_id].posts.append(post)
    return Catalog(authors=authors, posts=ordered, feed_url=feed_url, index_url=index_url, pages=pages)
