"""Authors as a generator shows them, built from the registry alone (no MkDocs).

The build hands Material the entries of :func:`material_entry`; ``byline authors export`` writes
the same entries into the docs folder, with the avatars, a profile page per author (bio
included) and the authors index, for a generator that runs without Byline's plugins (Zensical
reads ``mkdocs.yml`` but drops third-party plugins). Every exported file says so in its first
line, so an export can be refreshed and Byline's own build knows to replace it.
"""
from __future__ import annotations

import html
import os
import posixpath
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import nh3
import yaml
from markupsafe import Markup

from byline.authors import Author, Registry
from byline.avatars import AVATAR_DIR, avatar_uri, initials_svg
from byline.errors import BylineError

#: Only these URL schemes survive in a bio: a bio may link out, never run script.
BIO_URL_SCHEMES = {"https", "mailto"}
#: Every exported text file names its writer in its first lines (pages keep their H1 first).
MARKER = "Written by `byline authors export`"
_MARKER_LINES = 3


def sanitize_bio(bio: str) -> Markup:
    """The bio's Markdown as HTML with anything that could run or restyle the page removed,
    marked safe for templates that autoescape (the one author value printed as markup)."""
    rendered = markdown.markdown(bio, output_format="html")
    return Markup(nh3.clean(rendered, url_schemes=BIO_URL_SCHEMES, clean_content_tags={"script", "style"}))


def markdown_text(text: str) -> str:
    """Text that Markdown shows as written (names may contain ``*`` or ``_``)."""
    return re.sub(r"([\\`*_{}\[\]()#+!|~])", r"\\\1", text)


def material_entry(author: Author) -> dict[str, str]:
    """The author in Material's ``.authors.yml`` schema (name, description, avatar). Material's
    templates print name and description raw into HTML, so they are handed over as HTML text."""
    return {"name": html.escape(author.name), "description": html.escape(author.role), "avatar": avatar_uri(author)}


def is_exported(path: str | Path) -> bool:
    """Whether ``path`` is a file ``byline authors export`` wrote (its first lines say so)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return any(MARKER in handle.readline(1000) for _ in range(_MARKER_LINES))
    except OSError:
        return False


@dataclass(frozen=True)
class BlogLayout:
    """Where Material's blog (and Zensical's) looks for authors, from the ``blog`` plugin block."""

    docs_dir: Path
    blog_dir: str = "blog"
    authors_file: str = "{blog}/.authors.yml"
    profiles_url_format: str = "author/{slug}"
    index: bool = True  # byline/authors' authors_index
    index_title: str = "All authors"

    def profile(self, author: Author) -> str:
        """The profile page's source path in the docs folder (Material's own rule)."""
        path = self.profiles_url_format.format(slug=author.id, name=author.name)
        return posixpath.join(self.blog_dir, posixpath.normpath(path.strip("/")) + ".md")


def export_authors(registry: Registry, layout: BlogLayout) -> list[Path]:
    """Write the authors file, avatars, profile pages and index into the docs folder.

    Everything is checked before anything is written: a page or authors file in the way that
    the export did not write is refused (the writer's own page is never overwritten). Profile
    pages of authors no longer in the registry, left by an earlier export, are removed.
    """
    docs = layout.docs_dir
    texts: dict[str, str] = {}
    copies: dict[str, Path] = {}
    for author in sorted(registry.authors.values(), key=lambda a: a.id):
        uri = avatar_uri(author)
        if author.avatar and not uri.startswith("https://"):
            copies[uri] = registry.folder / author.avatar
        elif not author.avatar:
            texts[uri] = initials_svg(author)
        texts[layout.profile(author)] = _profile_page(author)
    entries = {a: material_entry(author) for a, author in sorted(registry.authors.items())}
    authors_file = posixpath.normpath(layout.authors_file.format(blog=layout.blog_dir))
    texts[authors_file] = f"# {MARKER} from the author registry: edit those files and export again.\n" + yaml.safe_dump(
        {"authors": entries}, allow_unicode=True, sort_keys=False)
    if layout.index:
        texts[posixpath.join(layout.blog_dir, "authors.md")] = _index_page(registry, layout)
    root = docs.resolve()
    for uri in [*texts, *copies]:
        target = docs / uri
        if not target.resolve().is_relative_to(root):  # a name in the profile URL format, a blog_dir
            raise BylineError(str(target), None, "would be written outside the docs folder: check blog_dir and authors_profiles_url_format")
        if not uri.startswith(AVATAR_DIR + "/") and target.exists() and not is_exported(target):
            raise BylineError(str(target), 1, "exists and was not written by 'byline authors export': move it, then export again")
    written = [_write(docs / uri, text.encode("utf-8")) for uri, text in texts.items()]
    written += [_write(docs / uri, source.read_bytes()) for uri, source in copies.items()]
    kept = set(written)
    for path in (docs / layout.blog_dir).rglob("*.md"):
        if path not in kept and is_exported(path):
            path.unlink()
    return sorted(written)


def _profile_page(author: Author) -> str:
    """Name, role, bio and links: what Material shows above the author's posts."""
    lines = [f"# {markdown_text(author.name)}", "",
             f"<!-- {MARKER} from {Path(author.path).name}: edit that file and export again. -->", "",
             f"<p><em>{html.escape(author.role)}</em></p>", ""]
    if author.bio:
        lines += [sanitize_bio(author.bio), ""]
    if author.links:
        items = "".join(f'<li><a href="{html.escape(link.url)}">{html.escape(link.label)}</a></li>' for link in author.links)
        lines += [f"<ul>{items}</ul>", ""]
    return "\n".join(lines)


def _index_page(registry: Registry, layout: BlogLayout) -> str:
    """Everyone who writes here, by name, each linked to their profile page."""
    lines = [f"# {markdown_text(layout.index_title)}", "",
             f"<!-- {MARKER} from the author registry: edit those files and export again. -->", ""]
    for author in sorted(registry.authors.values(), key=lambda a: a.name.casefold()):
        link = posixpath.relpath(layout.profile(author), layout.blog_dir)
        lines.append(f"- [{markdown_text(author.name)}]({_url(link)}) — {markdown_text(author.role)}")
    return "\n".join(lines) + "\n"


def _url(url: str) -> str:
    """A link target Markdown reads whole (spaces and parentheses escaped)."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _write(path: Path, data: bytes) -> Path:
    """Write ``data`` whole or not at all (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".byline-export-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
    return path


def layout_from(docs_dir: Path, blog: dict[str, Any], authors: dict[str, Any]) -> BlogLayout:
    """The layout from the ``blog`` and ``byline/authors`` blocks of ``mkdocs.yml``."""
    defaults = BlogLayout(docs_dir)
    layout = BlogLayout(
        docs_dir=docs_dir,
        blog_dir=str(blog.get("blog_dir", defaults.blog_dir)),
        authors_file=str(blog.get("authors_file", defaults.authors_file)),
        profiles_url_format=str(blog.get("authors_profiles_url_format", defaults.profiles_url_format)),
        index=bool(authors.get("authors_index", defaults.index)),
        index_title=str(authors.get("authors_index_title", defaults.index_title)),
    )
    for key, value, fields in (("authors_file", layout.authors_file, {"blog": "blog"}),
                               ("authors_profiles_url_format", layout.profiles_url_format, {"slug": "id", "name": "Name"})):
        try:
            value.format(**fields)
        except (KeyError, IndexError, ValueError, AttributeError):
            names = " and ".join(f"{{{f}}}" for f in fields)
            raise BylineError("mkdocs.yml", None, f"blog: {key} '{value}' may only use {names}") from None
    return layout
