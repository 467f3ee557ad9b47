"""One page per URL. Material's blog gives each post a URL from its date and slug, after MkDocs
has checked that no two files share a destination; two posts with the same title and date (or the
same ``slug:``), or a post and a page, then write the same file, and the one written last silently
replaces the other. The build refuses that instead, naming both sources."""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files


def check_unique_urls(files: Files, root: Path) -> None:
    """Stop the build if two files that will be written share a destination."""
    first: dict[str, File] = {}
    clashes: list[str] = []
    for file in files:
        if file.inclusion.is_excluded():  # drafts and excluded files are never written
            continue
        earlier = first.setdefault(file.dest_uri, file)
        if earlier is not file:
            clashes.append(f"{_shown(file, root)}:1: published at the same URL, /{file.url}, as {_shown(earlier, root)}, "
                           "so one would replace the other: give one of them another 'slug:', title or date")
    if clashes:
        raise PluginError("\n".join(clashes))


def _shown(file: File, root: Path) -> str:
    return os.path.relpath(file.abs_src_path, root) if file.abs_src_path else file.src_uri
