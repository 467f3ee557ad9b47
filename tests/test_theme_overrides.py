"""A site's own ``overrides/main.html`` keeps every Byline feature.

Material tells sites to customise it through ``main.html`` in their ``custom_dir``; a plugin that
ships its own ``main.html`` is silently replaced by the site's. The example site is built once
with a ``main.html`` that overrides ``extrahead`` (without ``super()``) and the announcement bar,
and every Byline part of every page of the plain build (feed discovery links, bylines, comments,
author cards, the authors index) must be in the overridden build too.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from support.blog import mkdocs_build
from support.example import copy_example, edit_config

OWN_MAIN = """{% extends "base.html" %}
{% block extrahead %}<meta name="fernhill-theme" content="own">{% endblock %}
{% block announce %}Fernhill's own banner{% endblock %}
"""


@pytest.fixture(scope="module")
def overridden_site(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = copy_example(repo_root, tmp_path_factory.mktemp("own-main"))
    (folder / "overrides").mkdir()
    (folder / "overrides" / "main.html").write_text(OWN_MAIN, encoding="utf-8")
    edit_config(folder, lambda data: data["theme"].update(custom_dir="overrides"))
    result = mkdocs_build(folder)
    assert result.returncode == 0, result.stderr
    return folder / "site"


def byline_parts(page: Path) -> list[str]:
    """Byline's marks on a page: its feed links in the head and its elements in the body."""
    doc = html.fromstring(page.read_bytes())
    feeds = [f"feed {href}" for href in doc.xpath("//head/link[@type='application/rss+xml']/@href")]
    classes = [
        f"{el.tag}.{cls}"
        for el in doc.xpath("//body//*[contains(@class, 'byline')]")
        for cls in el.get("class").split() if cls.startswith("byline")
    ]
    return feeds + classes


def test_the_sites_own_main_html_is_used(overridden_site: Path) -> None:
    doc = html.fromstring((overridden_site / "index.html").read_bytes())
    assert doc.xpath("//head/meta[@name='fernhill-theme']/@content") == ["own"]
    assert "Fernhill's own banner" in doc.text_content()


def test_every_byline_feature_survives_the_sites_main_html(example_site: Path, overridden_site: Path) -> None:
    plain = sorted(p.relative_to(example_site) for p in example_site.rglob("*.html"))
    assert plain == sorted(p.relative_to(overridden_site) for p in overridden_site.rglob("*.html"))
    for page in plain:
        assert byline_parts(overridden_site / page) == byline_parts(example_site / page), page


def test_the_parts_compared_are_there(example_site: Path) -> None:
    """The comparison above covers each feature: feed links everywhere, and the body parts."""
    author = byline_parts(example_site / "blog" / "author" / "hannah-kowalczyk" / "index.html")
    assert [p for p in author if p.startswith("feed ")] == ["feed ../../feed.xml", "feed ../../feeds/hannah-kowalczyk.xml"]
    assert "section.byline-card" in author
    post = byline_parts(next(example_site.glob("blog/2024/03/12/*/index.html")))
    assert {"div.byline-post", "section.byline-comments"} <= set(post)
    assert "div.byline-index" in byline_parts(example_site / "blog" / "authors" / "index.html")
    assert "feed blog/feed.xml" in byline_parts(example_site / "index.html")
