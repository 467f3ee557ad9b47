"""A small blog for the comments tests (written by ``support.blog``, built with MkDocs' own API):
posts in every comment state (open, closed, off, per-post days, each provider)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from support.blog import write_blog

#: The build date of these tests: SOURCE_DATE_EPOCH for 2024-05-10 00:00 UTC.
EPOCH = "1715299200"

AUTHORS = {
    "jane": "name: Jane Doe\nrole: Staff Engineer\nemail: jane@example.com\n",
    "bob": "name: Bob Stone\nrole: Support Lead\nemail: bob@example.com\n",
    "ana": "name: Ana Lima\nrole: Designer\n",
}

#: name -> front matter; every post is dated so the closing decision is known: with
#: close_after_days 30 and the build on 2024-05-10, posts before 2024-04-10 are closed.
POSTS: dict[str, dict[str, Any]] = {
    "open": {"date": dt.date(2024, 5, 1), "authors": ["jane"], "categories": ["Engineering"]},
    "old": {"date": dt.date(2023, 1, 2), "authors": ["jane"], "categories": ["Engineering"]},
    "quiet": {"date": dt.date(2024, 5, 2), "authors": ["jane"], "categories": ["Engineering"], "comments": False},
    "long": {"date": dt.date(2024, 1, 3), "authors": ["ana"], "categories": ["Engineering"], "comments": {"close_after_days": 365}},
    "short": {"date": dt.date(2024, 5, 4), "authors": ["ana"], "categories": ["Engineering"], "comments": {"close_after_days": 0}},
    "support": {"date": dt.date(2024, 5, 5), "authors": ["bob", "jane"], "categories": ["Support"]},
    "support-old": {"date": dt.date(2023, 1, 6), "authors": ["bob"], "categories": ["Support"]},
    "community": {"date": dt.date(2024, 5, 7), "authors": ["jane"], "categories": ["Community"]},
    "community-old": {"date": dt.date(2023, 1, 8), "authors": ["jane"], "categories": ["Community"]},
    "draft": {"date": dt.date(2024, 5, 9), "authors": ["jane"], "categories": ["Engineering"], "draft": True},
}

GISCUS = {"repo": "acme/blog", "repo_id": "R_kgDOtest", "category": "Comments", "category_id": "DIC_kwDOtest"}


def comments_block(isso_url: str = "http://127.0.0.1:8080") -> dict[str, Any]:
    """Isso by default, email for Support, giscus for Community: every provider in one build."""
    return {
        "provider": "isso",
        "close_after_days": 30,
        "isso": {"url": isso_url},
        "categories": {"Support": "email", "Community": "giscus"},
        "giscus": GISCUS,
    }


def write_site(
    folder: Path,
    comments: dict[str, Any] | None,
    posts: dict[str, dict[str, Any]] = POSTS,
    site_url: str = "https://blog.example.com/",
    features: tuple[str, ...] = (),
) -> Path:
    """Write the blog with ``support.blog.write_blog``; returns the mkdocs.yml path."""
    plugins: list[Any] = ["search", {"byline/authors": {"feeds": False}}, {"blog": {"authors_profiles": True, "pagination": False}}]
    if comments is not None:
        plugins.insert(2, {"byline/comments": comments})
    settings = {
        "site_name": "Comments test blog",
        "site_url": site_url,
        "theme": {"name": "material", "font": False, "features": list(features)},
        "plugins": plugins,
    }
    write_blog(
        folder,
        authors={author_id: f"---\n{fields}---\nWrites here.\n" for author_id, fields in AUTHORS.items()},
        posts={f"{name}.md": _post(name, meta) for name, meta in posts.items()},
        settings=settings,
    )
    return folder / "mkdocs.yml"


def _post(name: str, meta: dict[str, Any]) -> str:
    front = yaml.safe_dump(meta, sort_keys=False)
    return f"---\n{front}---\n\n# Post {name}\n\nWhat I learned from {name}.\n\n<!-- more -->\n\nThe rest of it.\n"


@contextmanager
def loaded(config_file: Path, **overrides: Any) -> Iterator[MkDocsConfig]:
    """A loaded config with fresh plugins, started and shut down like ``mkdocs build`` does.

    MkDocs keeps plugin instances that have on_startup/on_shutdown across ``load_config`` calls in
    one process (for ``mkdocs serve``); once shut down they have lost their temporary folders, so
    the cache is emptied before and after, and other in-process builds never meet a dead plugin.
    """
    cache = MkDocsConfig.plugins.plugin_cache
    cache.clear()
    config = load_config(config_file=str(config_file), **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        yield config
    finally:
        config.plugins.on_shutdown()
        cache.clear()


def build_site(config_file: Path, strict: bool = True) -> Path:
    """Build in-process (the caller sets SOURCE_DATE_EPOCH); returns the site folder."""
    with loaded(config_file, strict=strict) as config:
        build(config)
        return Path(config.site_dir)


def post_url(name: str) -> str:
    """Site-relative URL of a test post (Material: blog/<yyyy>/<MM>/<dd>/<slug>/)."""
    return f"blog/{POSTS[name]['date']:%Y/%m/%d}/post-{name}/"
