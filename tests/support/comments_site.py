"""A small blog for the comments tests, written into a temporary folder and built with MkDocs'
own API: posts in every comment state (open, closed, off, per-post days, each provider)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

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
    """Write mkdocs.yml, authors/ and docs/; returns the mkdocs.yml path."""
    for author_id, fields in AUTHORS.items():
        (folder / "authors").mkdir(parents=True, exist_ok=True)
        (folder / "authors" / f"{author_id}.md").write_text(f"---\n{fields}---\nWrites here.\n", encoding="utf-8")
    posts_dir = folder / "docs" / "blog" / "posts"
    posts_dir.mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (folder / "docs" / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    for name, meta in posts.items():
        front = yaml.safe_dump(meta, sort_keys=False)
        title = f"Post {name}"
        body = f"# {title}\n\nWhat I learned from {name}.\n\n<!-- more -->\n\nThe rest of it.\n"
        (posts_dir / f"{name}.md").write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    plugins: list[Any] = [
        "search",
        {"byline/authors": {"feeds": False}},
        {"blog": {"authors_profiles": True, "pagination": False}},
    ]
    if comments is not None:
        plugins.insert(2, {"byline/comments": comments})
    config = {
        "site_name": "Comments test blog",
        "site_url": site_url,
        "theme": {"name": "material", "font": False, "features": list(features)},
        "plugins": plugins,
    }
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def build_site(config_file: Path, strict: bool = True) -> Path:
    """Build in-process (the caller sets SOURCE_DATE_EPOCH); returns the site folder."""
    config = load_config(config_file=str(config_file), strict=strict)
    build(config)
    return Path(config.site_dir)


def post_url(name: str) -> str:
    """Site-relative URL of a test post (Material: blog/<yyyy>/<MM>/<dd>/<slug>/)."""
    return f"blog/{POSTS[name]['date']:%Y/%m/%d}/post-{name}/"
