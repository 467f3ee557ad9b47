"""Small blogs written into a temporary folder, built by the real ``mkdocs`` and ``byline``
commands, so tests see exactly what a user sees: exit code, stdout and stderr."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

AUTHORS = {
    "jane-doe": "---\nname: Jane Doe\nrole: Staff Engineer\nemail: jane@example.com\n---\nJane runs the build farm.\n",
    "sam-lee": "---\nname: Sam Lee\nrole: Designer\n---\nSam draws things.\n",
}
POSTS = {
    "hello.md": "---\ndate: 2024-05-01\nauthors: [jane-doe, sam-lee]\n---\n\n# Hello\n\nFirst words.\n\n<!-- more -->\n\nMore words.\n",
}


def config(**byline: Any) -> dict[str, Any]:
    """A minimal mkdocs.yml: Material without web fonts, the blog with profiles, Byline."""
    return {
        "site_name": "Test blog",
        "site_url": "https://blog.example.com/",
        "theme": {"name": "material", "font": False},
        "plugins": [{"blog": {"authors_profiles": True}}, {"byline/authors": {"company": "Acme Corp", **byline}}],
    }


def write_blog(
    folder: Path,
    authors: dict[str, str | bytes] | None = None,
    posts: dict[str, str] | None = None,
    settings: dict[str, Any] | None = None,
) -> Path:
    """Write ``mkdocs.yml``, ``authors/`` and ``docs/``; returns ``folder``."""
    (folder / "authors").mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "blog" / "posts").mkdir(parents=True, exist_ok=True)
    for name, text in (AUTHORS if authors is None else authors).items():
        path = folder / "authors" / (name if "." in name else f"{name}.md")
        path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text, encoding="utf-8")
    for name, text in (POSTS if posts is None else posts).items():
        (folder / "docs" / "blog" / "posts" / name).write_text(text, encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (folder / "docs" / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(settings or config(), allow_unicode=True), encoding="utf-8")
    return folder


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(args, cwd=folder, capture_output=True, text=True, env=env, timeout=300, check=False)


def mkdocs_build(folder: Path, *, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """``mkdocs build [--strict]`` in ``folder``, as a user runs it."""
    return _run(folder, sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []))


def byline(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The ``byline`` command in ``folder``."""
    return _run(folder, sys.executable, "-m", "byline.cli", *args)
