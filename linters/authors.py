"""The author registry: one Markdown file per person in ``authors/``, checked before anything uses it.

Loading never stops at the first problem: every file is read and every problem becomes a finding
with file and line, so ``byline authors`` shows the whole list at once and the build fails once.
"""
from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from byline.errors import BylineError
from byline.hints import did_you_mean
from byline.findings import Finding, Severity
from byline.people import not_a_person
from byline.posts import Post, read_post

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: Raster images only: an SVG can carry script, and an avatar is served from the site's origin.
AVATAR_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}
FIELDS = ("name", "role", "avatar", "email", "links", "topics", "guest", "active", "left")
REQUIRED = ("name", "role")
_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+")
#: Characters no name or role needs and markup does: refused at the source, so a template that
#: forgets to escape (Material prints both raw) still cannot be made to run script. Quotes and
#: ampersands stay allowed (Sergey "Shnatsel" Davidoff); Byline escapes them for Material.
_MARKUP = re.compile(r"[<>\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Author:
    """A validated registry entry. ``avatar`` is a file name inside the registry folder, an https
    URL, or None (readers then see generated initials)."""

    id: str
    name: str
    role: str
    bio: str
    path: str
    avatar: str | None = None
    email: str | None = None
    links: tuple[Link, ...] = ()
    topics: tuple[str, ...] = ()
    guest: bool = False
    active: bool = True
    left: dt.date | None = None

    @property
    def alumni(self) -> bool:
        """Former staff: their posts stay signed, their page says they have moved on."""
        return not self.active or self.left is not None

    @property
    def initials(self) -> str:
        letters = [w[0] for w in re.findall(r"\w+", self.name) if w[0].isalpha()]
        return ("".join(letters[:1] + letters[-1:]) if len(letters) > 1 else self.name[:2]).upper()


@dataclass
class Registry:
    """Authors by id, and every problem found while loading them."""

    folder: Path
    authors: dict[str, Author] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    def suggest(self, unknown: str) -> str:
        """A "did you mean …?" hint followed by the valid ids, for messages about unknown ids."""
        ids = sorted(self.authors)
        close = difflib.get_close_matches(unknown.casefold(), ids, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"{hint}valid ids: {', '.join(ids) if ids else '(the registry is empty)'}"


def load_registry(folder: str | Path, company_names: tuple[str, ...] = (), root: Path | None = None) -> Registry:
    """Read every ``*.md`` in ``folder``; paths in findings are shown relative to ``root``."""
    folder = Path(folder)
    registry = Registry(folder)
    if not folder.is_dir():
        registry.problems.append(_problem(str(folder), 1, f"author registry folder not found: {folder}"))
        return registry
    for path in sorted(folder.glob("*.md")):
        shown = _shown(path, root)
        author_id = path.stem
        if not ID_PATTERN.fullmatch(author_id):
            registry.problems.append(_problem(shown, 1, f"bad author id '{author_id}': use lowercase letters, digits and hyphens (rename the file)"))
            continue
        try:
            post = read_post(path, shown)
        except BylineError as exc:
            registry.problems.append(_problem(shown, exc.line or 1, exc.message))
            continue
        author = _author_from(post, author_id, folder, company_names, registry.problems)
        if author is not None:
            registry.authors[author_id] = author
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() == ".md" and path.suffix != ".md":
            registry.problems.append(_problem(_shown(path, root), 1, "author files must end in lowercase '.md'"))
    return registry


def _author_from(post: Post, author_id: str, folder: Path, company_names: tuple[str, ...], problems: list[Finding]) -> Author | None:
    meta, path = post.metadata, post.path
    before = len([p for p in problems if p.severity is Severity.ERROR])

    def error(key: str, message: str) -> None:
        problems.append(_problem(path, post.key_line(key), message))

    for key in meta:
        if key not in FIELDS:
            hint = did_you_mean(str(key), FIELDS, "known fields")
            problems.append(_problem(path, post.key_line(str(key)), f"unknown field '{key}'{hint}", Severity.WARNING))
    for key in REQUIRED:
        if meta.get(key) is not None and not isinstance(meta[key], str):
            error(key, f"'{key}' must be a text, not {meta[key]!r}")
        elif not isinstance(meta.get(key), str) or not meta[key].strip():
            error(key, f"missing required field '{key}' (a non-empty text)")
        elif found := _MARKUP.search(meta[key]):
            error(key, f"'{key}' contains {found.group()!r}: write plain text, not markup")
    name = meta["name"].strip() if isinstance(meta.get("name"), str) else ""  # a non-text is reported above
    if name:
        reason = not_a_person(name, company_names)
        if reason:
            error("name", f"{reason}: a person signs a post (name the team in their role or bio instead)")
    avatar = _avatar(meta.get("avatar"), folder, lambda m: error("avatar", m))
    email = meta.get("email")
    if email is not None and not (isinstance(email, str) and _EMAIL.fullmatch(email)):
        error("email", f"email '{email}' is not an address like name@example.com")
    links = _links(meta.get("links"), lambda m: error("links", m))
    topics = meta.get("topics", [])
    if isinstance(topics, str) or not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        error("topics", "topics must be a list of texts, e.g. [observability, hiring]")
        topics = []
    flags = {}
    for key, default in (("guest", False), ("active", True)):
        value = meta.get(key, default)
        if not isinstance(value, bool):
            error(key, f"'{key}' must be true or false, not '{value}'")
            value = default
        flags[key] = value
    left = meta.get("left")
    if left is not None and not isinstance(left, dt.date):
        error("left", f"'left' must be a date like 2024-03-31, not '{left}'")
        left = None
    if len([p for p in problems if p.severity is Severity.ERROR]) > before:
        return None
    return Author(
        id=author_id, name=name, role=meta["role"].strip(), bio=post.body.strip(), path=path,
        avatar=avatar, email=email, links=links, topics=tuple(topics),
        guest=flags["guest"], active=flags["active"], left=left,
    )


def _avatar(value: Any, folder: Path, error: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        error("avatar must be an image file name in authors/ or an https URL")
        return None
    if "://" in value or value.startswith("//"):
        if urlsplit(value).scheme != "https":
            error(f"avatar URL '{value}' must use https")
            return None
        return value
    target = (folder / value).resolve()
    if not target.is_relative_to(folder.resolve()):
        error(f"avatar '{value}' points outside the authors folder")
        return None
    if target.suffix.lower() not in AVATAR_SUFFIXES:
        error(f"avatar '{value}' is not an image ({', '.join(sorted(AVATAR_SUFFIXES))})")
        return None
    if not target.is_file():
        error(f"avatar file '{value}' does not exist in the authors folder")
        return None
    return target.relative_to(folder.resolve()).as_posix()


def _links(value: Any, error: Any) -> tuple[Link, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        error("links must be a list of {label: …, url: …} entries")
        return ()
    links = []
    for item in value:
        if not (isinstance(item, dict) and isinstance(item.get("label"), str) and isinstance(item.get("url"), str)):
            error("each link needs a 'label' and a 'url', both texts")
            continue
        scheme = urlsplit(item["url"].strip()).scheme.casefold()
        if scheme not in ("https", "mailto"):
            error(f"link '{item['label']}' uses '{scheme or 'no'}' scheme: only https and mailto links are allowed")
            continue
        links.append(Link(item["label"].strip(), item["url"].strip()))
    return tuple(links)


def _problem(path: str, line: int, message: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(path, line, 1, "byline.author-registry", severity, message)


def _shown(path: Path, root: Path | None) -> str:
    """The path as the writer sees it: links are not followed (a file may link elsewhere)."""
    if root is not None:
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
        except ValueError:
            pass
    return path.as_posix()
