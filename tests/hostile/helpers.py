"""What the hostile-input tests share: a blog with every Byline plugin, the ``byline`` command run
in this process (fast enough to run once per bad input), and a scan of built HTML for anything
that could run script. Blogs are written by :mod:`support.blog` and built by its real
``mkdocs build``."""
from __future__ import annotations

import contextlib
import io
import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from byline.cli import main
from support.blog import config, write_blog

POSTS_DIR = "docs/blog/posts"
#: The start of every traceback Python prints; no output of Byline may contain it.
TRACEBACK = "Traceback (most recent call last)"


def all_plugins(authors: dict[str, Any] | None = None, lint: dict[str, Any] | None = None,
                comments: dict[str, Any] | None = None) -> dict[str, Any]:
    """support.blog's mkdocs.yml with byline/lint and byline/comments added to byline/authors."""
    settings = config(**(authors or {}))
    settings["plugins"] += [{"byline/lint": lint or {}}, {"byline/comments": comments or {"provider": "none"}}]
    return settings


def hostile_blog(folder: Path, posts: dict[str, str | bytes] | None = None, authors: dict[str, str | bytes] | None = None,
                 settings: dict[str, Any] | None = None) -> Path:
    """A blog with every Byline plugin; posts and author files may be raw bytes."""
    write_blog(folder, authors=authors, settings=settings or all_plugins())
    for name, data in (posts or {}).items():
        path = folder / POSTS_DIR / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return folder


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def byline_here(folder: Path, *args: str) -> Run:
    """``byline ARGS`` run in ``folder`` by this process: the same ``main`` the console script
    calls, so the exit code is the command's. An exception escaping ``main`` fails the test."""
    out, err = io.StringIO(), io.StringIO()
    before = Path.cwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(before)
    run = Run(code, out.getvalue(), err.getvalue())
    assert TRACEBACK not in run.out + run.err
    return run


def files_under(folder: Path) -> set[str]:
    """Every file below ``folder`` (relative paths), to show a command wrote nothing."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


# -- built pages --------------------------------------------------------------------------------

#: Attributes whose value a browser follows or loads as a URL.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background", "cite", "srcset"}
#: Attributes a browser only shows as text: hostile text may land there, escaped.
TEXT_ATTRIBUTES = {"alt", "title", "aria-label", "data-title", "content", "value"}
#: Elements no author field may ever produce (Material's own pages have none of them).
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


def url_scheme(value: str) -> str:
    """The scheme a browser sees: it drops control characters and whitespace inside the scheme
    (``java\\tscript:``) and ignores case; entities are already decoded by the parser."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", value).casefold()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else ""


def _inert(tag: str, name: str, value: str, scheme: str) -> bool:
    """Hostile text is harmless here: shown as text, a link out, or a slug (heading ids)."""
    return (name in TEXT_ATTRIBUTES or (tag == "a" and name == "href" and scheme in ("https", "mailto"))
            or (name in ("id", "href") and re.fullmatch(r"#?[\w-]*", value) is not None))


class _Scan(HTMLParser):
    """Collects what could run script or restyle the page, and the visible text."""

    def __init__(self, marker: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.problems: list[str] = []
        self.text: list[str] = []
        self._raw: str | None = None  # inside <script> or <style>: content is code, not text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        where = f"<{tag} {attrs}>"
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"forbidden element {where}")
        for name, value in attrs:
            value = value or ""
            scheme = url_scheme(value) if name in URL_ATTRIBUTES else ""
            if name.startswith("on"):
                self.problems.append(f"event handler attribute {where}")
            elif scheme in ("javascript", "vbscript", "data"):
                self.problems.append(f"{scheme}: URL {where}")
            elif self.marker in value and not _inert(tag, name, value, scheme):
                self.problems.append(f"hostile text in attribute {name!r} {where}")
        if tag in ("script", "style"):
            self._raw = tag

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == self._raw:
            self._raw = None

    def handle_endtag(self, tag: str) -> None:
        if tag == self._raw:
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw is None:
            self.text.append(data)
        elif self.marker in data:
            self.problems.append(f"hostile text inside <{self._raw}>: {data.strip()[:80]!r}")


def scan_html(document: str, marker: str) -> tuple[list[str], str]:
    """Problems that would let ``marker``-carrying input run script or restyle the page, and the
    page's visible text (to show the hostile input did reach it, as text)."""
    scan = _Scan(marker)
    scan.feed(document)
    scan.close()
    return scan.problems, " ".join(" ".join(scan.text).split())
