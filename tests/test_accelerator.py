"""``fast_build`` (plugins/accelerator.py): the same site, byte for byte, without the quadratic work.

The example blog and a 500-post synthetic blog (bench/generate.py) are each built with and
without ``fast_build`` and every output file is compared. The synthetic builds also count the
work the accelerator removes: page comparisons (Material's ``page not in posts``) and Markdown
conversions of excerpts for listings, with the excerpts checked in the build's own process and
in a forked child ahead of the listings. Timings live in bench/, never here.
"""
from __future__ import annotations

import filecmp
import importlib.util
import itertools
import logging
import os
import sys
import time
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import material
import pytest
from markdown import Markdown
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from byline.plugins import accelerator, background
from byline.plugins.accelerator import PageList, ReusedExcerpt, accelerate
from support.comments_site import loaded

REPO = Path(__file__).resolve().parents[1]
POSTS = 500
SEPARATOR = "<!-- more -->"


def _load_generator() -> Any:
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def _build(config_file: Path, site: Path, fast: bool) -> MkDocsConfig:
    """Build in this process (so the test can count calls) and return the finished config."""
    with loaded(config_file, site_dir=str(site)) as config:
        config.plugins["byline/authors"].config.fast_build = fast
        build(config)
    return config


def _differences(left: Path, right: Path) -> list[str]:
    """Files that exist on one side only or differ in content, relative to the site folders."""
    compare = filecmp.dircmp(left, right)
    found = [f"only in one site: {name}" for name in compare.left_only + compare.right_only + compare.funny_files]
    _, mismatch, errors = filecmp.cmpfiles(left, right, compare.common_files, shallow=False)
    found += [f"differs: {name}" for name in mismatch + errors]
    for folder in compare.common_dirs:
        found += [f"{folder}/{entry}" for entry in _differences(left / folder, right / folder)]
    return found


def _file_count(site: Path) -> int:
    return sum(1 for path in site.rglob("*") if path.is_file())


class Counts:
    """Calls made during one build: page comparisons and conversions per Markdown instance."""

    def __init__(self) -> None:
        self.comparisons = 0
        # Keyed by the converter itself: a freed page converter's id() can come back as an excerpt's.
        self.conversions: weakref.WeakKeyDictionary[Markdown, int] = weakref.WeakKeyDictionary()


def _ahead(patch: pytest.MonkeyPatch, mode: str, fail_after: int | None = None) -> None:
    """Where fast_build checks the excerpts: ``here`` (one core: in the build's process) or
    ``ahead`` (in a forked child); with ``fail_after``, the child dies after that many posts."""
    patch.setattr(background, "_usable_cpus", lambda: 1 if mode == "here" else 2)
    if fail_after is not None:
        check = accelerator._check_excerpts

        def failing(order: Any, separator: str) -> Iterator[Any]:
            yield from itertools.islice(check(order, separator), fail_after)
            raise RuntimeError("the child dies here")

        patch.setattr(accelerator, "_check_excerpts", failing)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The 500-post blog built without ``fast_build``, and with it both with its forked check of
    the excerpts and without (one core), with call counts in the build's own process."""
    blog = _load_generator().generate(tmp_path_factory.mktemp("synthetic"), POSTS)
    results: dict[str, Any] = {"blog": blog}
    compare, convert = Page.__eq__, Markdown.convert
    for mode in ("plain", "here", "ahead"):
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # sitemap.xml.gz stores the build time
            _ahead(patch, mode)
            counts = Counts()

            def counting_eq(self: Page, other: object, counts: Counts = counts) -> bool:
                counts.comparisons += 1
                return compare(self, other)

            def counting_convert(self: Markdown, source: str, counts: Counts = counts) -> str:
                counts.conversions[self] = counts.conversions.get(self, 0) + 1
                return convert(self, source)

            patch.setattr(Page, "__eq__", counting_eq)
            patch.setattr(Markdown, "convert", counting_convert)
            site = blog / f"site-{mode}"
            config = _build(blog / "mkdocs-byline.yml", site, fast=mode != "plain")
            posts = config.plugins["material/blog"].blog.posts
            excerpt_conversions = sum(counts.conversions.get(post.excerpt.md, 0) for post in posts)
            results[mode] = (site, config, counts, posts, excerpt_conversions)
    yield results


@pytest.mark.parametrize("mode", ["here", "ahead"])
def test_synthetic_blog_is_byte_identical_with_fast_build(synthetic: dict[str, Any], mode: str) -> None:
    plain, fast = synthetic["plain"][0], synthetic[mode][0]
    assert _file_count(plain) > POSTS
    assert (plain / "sitemap.xml.gz").is_file()
    assert _differences(plain, fast) == []


def test_fast_build_is_installed_only_when_asked(synthetic: dict[str, Any]) -> None:
    assert "byline/accelerator" not in synthetic["plain"][1].plugins
    assert "byline/accelerator" in synthetic["here"][1].plugins
    assert not any(isinstance(post.excerpt.render, ReusedExcerpt) for post in synthetic["plain"][3])


def test_membership_tests_no_longer_compare_every_page_with_every_post(synthetic: dict[str, Any]) -> None:
    site, config, counts = synthetic["here"][:3]
    blog = config.plugins["material/blog"]
    listings = len(list(blog._resolve_views(blog.blog)))  # index, archive, categories, authors
    pages = sum(1 for _ in site.rglob("*.html"))
    plain = synthetic["plain"][2].comparisons
    assert plain > POSTS * POSTS  # each post page against the posts, twice
    # What is left is Material asking, for every page, whether it is one of the listings.
    assert counts.comparisons < 3 * pages * listings
    assert counts.comparisons < plain / 5


def test_listings_reuse_each_posts_rendered_excerpt(synthetic: dict[str, Any]) -> None:
    posts = synthetic["here"][3]
    plain_conversions, fast_conversions = synthetic["plain"][4], synthetic["here"][4]
    listings = sum(post.excerpt.render.renders for post in posts)
    assert plain_conversions == listings  # Material converts a post again for every listing
    assert listings > 3 * len(posts)
    reused = [post for post in posts if post.excerpt.render.reusable]
    assert len(reused) > 0.8 * len(posts)
    assert sum(synthetic["here"][2].conversions.get(post.excerpt.md, 0) for post in reused) == 2 * len(reused)
    assert fast_conversions < plain_conversions / 2


def _excerpt(post: Any) -> str:
    return post.markdown.split(SEPARATOR, 1)[0]


def test_excerpts_whose_rendering_changes_between_listings_are_rendered_as_material_does(synthetic: dict[str, Any]) -> None:
    """Material never resets an excerpt's converter: code-line anchors and footnote ids in an
    excerpt differ from one listing to the next, so those posts are never reused."""
    posts = synthetic["here"][3]
    stateful = [post for post in posts if "```" in _excerpt(post) or "[^why]" in _excerpt(post)]
    assert stateful, "the synthetic blog should have excerpts with code and footnotes"
    for post in stateful:
        assert not post.excerpt.render.reusable, post.file.src_uri
        assert post.excerpt.render.renders == synthetic["here"][2].conversions.get(post.excerpt.md, 0)


def test_links_in_reused_excerpts_are_filled_in_for_each_listing(synthetic: dict[str, Any]) -> None:
    """Excerpts linking to posts (with and without an anchor), showing an image or linking into
    the post itself are reused, with a placeholder for each such link (output identical above)."""
    posts = synthetic["here"][3]
    expected = {
        ".md)": lambda kind, target, query_or_anchor, fragment: kind == "link" and target.endswith("/") and not fragment,
        ".md#": lambda kind, target, query_or_anchor, fragment: kind == "link" and target.endswith("/") and fragment,
        "](diagrams/": lambda kind, target, query_or_anchor, fragment: kind == "link" and target.endswith("/diagrams/latency.svg"),
        "](#": lambda kind, target, query_or_anchor, fragment: kind == "post" and query_or_anchor.startswith("#"),
    }
    for marker, is_placeholder in expected.items():
        reused = [p for p in posts if marker in _excerpt(p) and p.excerpt.render.reusable]
        assert reused, f"no reused excerpt contains {marker!r}"
        for post in reused:
            assert any(is_placeholder(*link) for link in post.excerpt.render.template.links), post.file.src_uri


def test_excerpts_checked_ahead_are_never_converted_in_the_build(synthetic: dict[str, Any]) -> None:
    """The forked child did Material's rendering and the checked one: the build fills in links."""
    _, _, counts, posts, conversions = synthetic["ahead"]
    checks = [post.excerpt.render for post in posts]
    assert all(check.reference is None for check in checks)  # no Material rendering kept here
    reused = [post for post in posts if post.excerpt.render.reusable]
    assert len(reused) == sum(1 for post in synthetic["here"][3] if post.excerpt.render.reusable) > 0.8 * len(posts)
    assert sum(counts.conversions.get(post.excerpt.md, 0) for post in reused) == 0
    rendered_as_material = [post for post in posts if not post.excerpt.render.reusable]
    assert conversions == sum(post.excerpt.render.renders for post in rendered_as_material)


@pytest.mark.slow
@pytest.mark.parametrize(("mode", "fail_after"), [("here", None), ("ahead", None), ("ahead", 3)])
def test_example_blog_is_byte_identical_with_fast_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str, fail_after: int | None) -> None:
    """Also when the forked check dies part of the way: the posts it did not give are checked here."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    plain = tmp_path / "plain"
    fast = tmp_path / "fast"
    _build(REPO / "mkdocs.yml", plain, fast=False)
    _ahead(monkeypatch, mode, fail_after)
    config = _build(REPO / "mkdocs.yml", fast, fast=True)
    assert "byline/accelerator" in config.plugins
    assert (plain / "blog" / "index.html").is_file()
    assert _differences(plain, fast) == []
    checks = [post.excerpt.render for post in config.plugins["material/blog"].blog.posts]
    here = sum(check.reference is not None for check in checks)  # checked in the build's process
    given_by_child = 0 if mode == "here" else fail_after if fail_after is not None else len(checks)
    assert here == len(checks) - given_by_child


@pytest.mark.slow
def test_a_stalled_forked_check_is_killed_and_the_build_checks_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The forked check has a deadline: a child that stops giving verdicts is killed, and the
    posts it did not check are checked in the build, with the same output."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    plain, fast = tmp_path / "plain", tmp_path / "fast"
    _build(REPO / "mkdocs.yml", plain, fast=False)
    _ahead(monkeypatch, "ahead")
    monkeypatch.setattr(background, "DEADLINE", 0.5)
    check = accelerator._check_excerpts

    def stalling(order: Any, separator: str) -> Iterator[Any]:
        yield from itertools.islice(check(order, separator), 2)
        time.sleep(3600)

    monkeypatch.setattr(accelerator, "_check_excerpts", stalling)
    children: list[int] = []  # the lint plugin's child and the accelerator's
    checks_excerpts: list[int] = []
    start = background.Background.start

    def recording(work: Any, deadline: float | None = None) -> Any:
        running = start(work, deadline)
        if running is not None:
            children.append(running.pid)
            checks_excerpts.extend([running.pid] if getattr(work, "func", None) is stalling else [])
        return running

    monkeypatch.setattr(background.Background, "start", staticmethod(recording))
    config = _build(REPO / "mkdocs.yml", fast, fast=True)
    assert _differences(plain, fast) == [] and len(checks_excerpts) == 1
    checks = [post.excerpt.render for post in config.plugins["material/blog"].blog.posts]
    assert sum(check.reference is not None for check in checks) == len(checks) - 2
    for pid in children:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_untested_material_version_is_refused_with_one_line(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    with loaded(REPO / "mkdocs.yml") as config:
        monkeypatch.setattr(material, "__version__", "9.9.0")
        with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.byline.accelerator"):
            assert accelerate(config) is False
        assert [r.getMessage() for r in caplog.records] == [
            "byline/authors: fast_build is off: it was tested with mkdocs-material 9.8.2, this is 9.9.0; "
            "remove 'fast_build: true' or install a tested version"
        ]
        assert "byline/accelerator" not in config.plugins
        monkeypatch.setattr(material, "__version__", accelerator.TESTED_MATERIAL[0])
        assert accelerate(config) is True
        assert "byline/accelerator" in config.plugins


def _page(title: str, file: File) -> Page:
    return Page(title, file, {"site_url": None, "repo_url": None, "edit_uri": None, "edit_uri_template": None})


def test_page_list_gives_the_answers_of_a_list() -> None:
    files = [File(f"blog/posts/p{n}.md", "docs", "site", True) for n in range(4)]
    pages = [_page(f"Post {n}", file) for n, file in enumerate(files[:3])]
    indexed = PageList(pages)
    twin = _page("Post 1", files[1])  # another object, same title and file: equal to pages[1]
    renamed = _page("Renamed", files[2])  # same file, other title: equal to nothing
    stranger = _page("Post 3", files[3])
    for candidate in (*pages, twin, renamed, stranger, "blog/posts/p0.md", None):
        assert (candidate in indexed) == (candidate in pages)
    assert twin in indexed and renamed not in indexed and stranger not in indexed
    indexed.append(stranger)
    assert stranger in indexed
    indexed.remove(pages[0])
    assert pages[0] not in indexed
    indexed[0] = pages[0]
    assert pages[0] in indexed and pages[1] not in indexed
    del indexed[:]
    assert stranger not in indexed
