"""Avatars: an author's own image when the registry names one, generated initials otherwise.

A generated SVG means a reader never sees a broken image or a grey silhouette: every author gets
a picture, and it is built locally (no avatar service, nothing fetched at build or read time).
"""
from __future__ import annotations

import hashlib
from pathlib import PurePosixPath
from xml.sax.saxutils import escape, quoteattr

from byline.authors import Author

#: Where avatars land in the site, next to Byline's other assets.
AVATAR_DIR = "assets/byline/avatars"
#: Background colours with white text at a contrast ratio of at least 4.5:1 (WCAG AA).
_BACKGROUNDS = ("#1f5f8b", "#8b3a1f", "#2e6b3a", "#6b2e6b", "#5b4a14", "#0f5e5e", "#7a2944", "#3d3d8f")


def avatar_uri(author: Author) -> str:
    """The avatar as Material's templates want it: an https URL or a path inside the site."""
    if author.avatar and author.avatar.startswith("https://"):
        return author.avatar
    if author.avatar:
        return f"{AVATAR_DIR}/{author.id}{PurePosixPath(author.avatar).suffix.lower()}"
    return f"{AVATAR_DIR}/{author.id}.svg"


def initials_svg(author: Author) -> str:
    """A round badge with the author's initials; the colour is stable for an id across builds."""
    colour = _BACKGROUNDS[hashlib.sha256(author.id.encode()).digest()[0] % len(_BACKGROUNDS)]
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" '
        f"aria-label={quoteattr(author.name)}>"
        f'<circle cx="32" cy="32" r="32" fill="{colour}"/>'
        '<text x="32" y="32" dy="0.35em" text-anchor="middle" fill="#ffffff" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="26" font-weight="600">'
        f"{escape(author.initials)}</text></svg>\n"
    )
