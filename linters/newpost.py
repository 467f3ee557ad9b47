"""``byline new``: a post that passes the byline rule from its first save.

The file gets today's date, the authors as a YAML list and Material's excerpt marker, and is
never written over an existing one: a title that collides with a post is the writer's call.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from pathlib import Path

from byline.authors import Registry
from byline.errors import BylineError

EXCERPT_MARKER = "<!-- more -->"
#: Longest slug, in bytes: file systems cap a name at 255 bytes (some at 143), and a URL path
#: segment this long is already more than a reader looks at.
MAX_SLUG_BYTES = 80


def slugify(title: str, limit: int = MAX_SLUG_BYTES) -> str:
    """A file name from a title: ASCII letters and digits joined by hyphens, at most ``limit``
    bytes, cut after a whole word where there is one."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    ascii_title = re.sub(r"(?<=\w)['’,.](?=\w)", "", ascii_title)  # "1,000" -> "1000", "don't" -> "dont"
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.casefold()).strip("-")
    if len(slug.encode()) > limit:
        cut = slug.encode()[:limit].decode("ascii")
        slug = (cut.rsplit("-", 1)[0] if "-" in cut and slug[len(cut)] != "-" else cut).strip("-")
    return slug


def _name_max(folder: Path) -> int:
    """The longest file name, in bytes, the posts folder's file system takes."""
    while not folder.exists() and folder != folder.parent:  # the posts folder may not exist yet
        folder = folder.parent
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):
        return 255


def render_post(title: str, authors: list[str], date: dt.date) -> str:
    """The new post's text: front matter, title, a hint for the opening and the excerpt marker."""
    return (
        f"---\ndate: {date.isoformat()}\nauthors: [{', '.join(authors)}]\n---\n\n"
        f"# {title}\n\n"
        "<!-- The opening: what happened, and why your reader should care. Listings show it. -->\n\n"
        f"{EXCERPT_MARKER}\n\n"
        "<!-- The rest of the post. End with a question you want answered. -->\n"
    )


def new_post(posts_dir: Path, title: str, authors: list[str], registry: Registry, date: dt.date) -> Path:
    """Write ``<posts_dir>/<date>-<slug>.md``; unknown authors and existing files are refused."""
    title = " ".join(title.split())
    if not title:
        raise BylineError("title", None, "the post needs a title, e.g. byline new \"What we learned\" --author jdoe")
    if registry.errors:
        first = registry.errors[0]
        raise BylineError(first.path, first.line, f"fix the author registry first: {first.message}")
    for author in authors:
        if author not in registry.authors:
            raise BylineError("--author", None, f"unknown author '{author}': {registry.suggest(author)}")
    if len(set(authors)) != len(authors):
        raise BylineError("--author", None, "an author is listed twice: give each --author once")
    prefix, suffix = f"{date.isoformat()}-", ".md"
    slug = slugify(title, min(MAX_SLUG_BYTES, _name_max(posts_dir) - len(prefix) - len(suffix)))
    if not slug:
        raise BylineError("title", None, f"cannot make a file name from '{title}': use some letters or digits")
    path = posts_dir / f"{prefix}{slug}{suffix}"
    posts_dir.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(render_post(title, authors, date))
    except FileExistsError:
        raise BylineError(str(path), None, "a post with this name already exists: pick another title (nothing was written)") from None
    return path
