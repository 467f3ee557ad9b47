"""The navigation cache of ``fast_build`` (plugins/navcache.py): same bytes, fewer renderings.

Each site is built with and without ``fast_build`` and every output file is compared. The builds
count how often Material's navigation partial really runs: each rendering of ``partials/nav.html``
imports ``partials/nav-item.html`` once, so counting those imports counts the renderings.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2.meta
import pytest
import yaml
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from mkdocs.commands.build import build
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.theme import Theme

from byline.plugins import navcache
from byline.plugins.navcache import MATERIAL_TEMPLATES, UNSET_NAMES, NavCache
from support.comments_site import loaded
from test_accelerator import _differences, _load_generator

REPO = Path(__file__).resolve().parents[1]
POSTS = 150
#: Pages left out of the navigation (not_in_nav), at two depths: one key, two variants of links.
OUTSIDE = {"extra/a.md": "# A\n", "extra/b.md": "# B\n", "extra/deep/er/c.md": "# C\n"}
#: A section with an index page and items with an icon, a subtitle and a status.
GUIDE = {
    "guide/index.md": "# Guide\n",
    "guide/start.md": "---\nicon: material/rocket-launch\nsubtitle: The first hour\n---\n\n# Start\n\n## Install\n\n## Configure\n",
    "guide/more.md": "---\nstatus: new\n---\n\n# More\n\n## One\n\n### Deeper\n",
}


class Builds:
    """Both builds of one site: their folders, Material's navigation renderings and the caches."""

    def __init__(self) -> None:
        self.sites: dict[bool, Path] = {}
        self.renders: dict[bool, int] = {}
        self.caches: list[NavCache | None] = []

    @property
    def differences(self) -> list[str]:
        return _differences(self.sites[False], self.sites[True])


def _build_both(config_file: Path, out: Path, plugin: BasePlugin | None = None) -> Builds:
    """Build without and with ``fast_build`` (and with ``plugin`` added to both), counting."""
    builds = Builds()
    get_template, install = Environment.get_template, navcache.install

    def counting(env: Environment, name: Any, parent: str | None = None, globals: Any = None) -> Any:
        if name == "partials/nav-item.html" and parent == navcache.NAV:
            builds.renders[fast] += 1
        return get_template(env, name, parent, globals)

    def keeping(env: Environment) -> NavCache | None:
        cache = install(env)
        builds.caches.append(cache)
        return cache

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # sitemap.xml.gz stores the build time
        patch.setattr(Environment, "get_template", counting)
        patch.setattr(navcache, "install", keeping)
        for fast in (False, True):
            builds.renders[fast] = 0
            builds.sites[fast] = out / ("site-fast" if fast else "site-plain")
            with loaded(config_file, site_dir=str(builds.sites[fast])) as config:
                config.plugins["byline/authors"].config.fast_build = fast
                if plugin is not None:
                    config.plugins["test/plugin"] = plugin
                build(config)
    assert builds.renders[False] > 0
    return builds


def _blog(folder: Path, posts: int, theme: dict[str, Any] | None = None, pages: dict[str, str] | None = None) -> Path:
    """A synthetic blog (bench/generate.py) with more pages and theme settings; its mkdocs.yml."""
    blog = _load_generator().generate(folder, posts)
    settings = yaml.safe_load((blog / "mkdocs-byline.yml").read_text(encoding="utf-8"))
    settings["theme"].update(theme or {})
    settings["not_in_nav"] = "/extra/\n"
    for name, text in {**OUTSIDE, **GUIDE, **(pages or {})}.items():
        path = blog / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config_file = blog / "mkdocs-test.yml"
    config_file.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return config_file


def _html_pages(site: Path) -> int:
    return sum(1 for path in site.rglob("*.html") if "md-sidebar--primary" in path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builds]:
    folder = tmp_path_factory.mktemp("navcache")
    yield _build_both(_blog(folder, POSTS), folder)


def test_synthetic_blog_is_byte_identical_with_the_nav_cache(synthetic: Builds) -> None:
    assert (synthetic.sites[True] / "extra" / "deep" / "er" / "c" / "index.html").is_file()
    assert synthetic.differences == []


def test_every_page_renders_the_navigation_without_the_cache(synthetic: Builds) -> None:
    assert synthetic.renders[False] == _html_pages(synthetic.sites[False]) > POSTS


def _reuse(builds: Builds) -> tuple[int, int]:
    """Pages whose navigation could be reused (those that are not items of it), and the renderings
    kept for them: every other page is rendered as Material does, and only those are."""
    [cache] = builds.caches
    assert cache is not None and cache.enabled
    renderings = sum(len(variants) for variants in cache.variants.values())
    pages = [path.read_text(encoding="utf-8") for path in builds.sites[True].rglob("*.html")]
    in_nav = sum(1 for html in pages if "md-nav__link--active" in html)  # the page's own item
    assert builds.renders[True] == in_nav + renderings
    return builds.renders[False] - in_nav, renderings


def test_posts_reuse_one_rendering_of_the_navigation(synthetic: Builds) -> None:
    """Posts share their active items and the depth of their URLs: one rendering serves them all.
    Still rendered: pages in the navigation and the listings' paginated pages (their own item)."""
    reusable, renderings = _reuse(synthetic)
    assert reusable > POSTS
    # One per key and set of relative links: the posts; extra/a/ with extra/b/; extra/deep/er/c/;
    # blog/authors/ (Byline's authors page); 404.html (links from the site's root).
    assert renderings == 5
    assert synthetic.renders[False] - synthetic.renders[True] == reusable - renderings


def test_pages_at_other_depths_get_their_own_variant(synthetic: Builds) -> None:
    """Pages outside the navigation share a key (nothing is active) but not their relative links:
    the links check refuses a variant made for another depth, and another variant is made."""
    [cache] = synthetic.caches
    assert cache is not None
    [variants] = [variants for key, variants in cache.variants.items() if not any(key[-1])]
    homepage = {dict(variant.links)[""] for variant in variants}  # the logo's link, to docs/index.md
    assert {"../..", "../../../.."} <= homepage  # extra/a/ (and extra/b/), extra/deep/er/c/
    assert len({variant.html for variant in variants}) == len(variants)


def test_example_blog_is_byte_identical_and_reuses_the_navigation(tmp_path: Path) -> None:
    builds = _build_both(REPO / "mkdocs.yml", tmp_path)
    assert builds.differences == []
    reusable, renderings = _reuse(builds)
    assert reusable >= 9 and renderings == 2  # the posts, and 404.html (links from the site's root)


class PageTaggedLinks(BasePlugin):
    """Wraps the ``url`` filter after fast_build did: every link names the page it is written on."""

    @event_priority(-200)
    def on_env(self, env: Environment, *, config: Any, files: Any) -> None:
        url = env.filters["url"]

        @pass_context
        def tagged(context: Context, value: Any) -> str:
            page = context.get("page")
            return f"{url(context, value)}?on={page.url if page else ''}"

        env.filters["url"] = tagged


def test_a_url_filter_wrapped_after_fast_build_turns_the_cache_off(tmp_path: Path) -> None:
    """The links check asks the filter the cache wrapped; a later wrapper could write anything."""
    builds = _build_both(_blog(tmp_path / "blog", 30), tmp_path, PageTaggedLinks())
    assert builds.differences == []
    assert builds.renders[True] == builds.renders[False]
    assert "?on=blog/" in (builds.sites[True] / "blog" / "index.html").read_text(encoding="utf-8")


class LeakingName(BasePlugin):
    """Puts a name in each page's context that Material's macros read when they did not set it."""

    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        context["indeterminate"] = f"from-{page.url}"  # the class of each section's toggle
        return context


def test_a_page_context_with_a_name_the_macros_may_read_is_rendered_as_material_does(tmp_path: Path) -> None:
    builds = _build_both(_blog(tmp_path / "blog", 30), tmp_path, LeakingName())
    assert builds.differences == []
    assert builds.renders[True] == builds.renders[False]
    assert "md-toggle from-extra/a/" in (builds.sites[True] / "extra" / "a" / "index.html").read_text(encoding="utf-8")


def _material(name: str) -> str:
    return (MATERIAL_TEMPLATES / name).read_text(encoding="utf-8")


#: Overrides in custom_dir (name -> text) and whether the cache may still be used with them.
OVERRIDES = {
    # Each page writes its own title into the navigation: a cached navigation would show the
    # first page's title on every page, so the byte comparison proves the cache stayed off.
    "nav.html": ({"partials/nav.html": _material("partials/nav.html").replace("</nav>", "<!-- {{ page.title }} --></nav>")}, False),
    "nav-item.html": ({"partials/nav-item.html": _material("partials/nav-item.html").replace('class="md-nav__link">', 'class="md-nav__link" data-from="{{ page.url }}">')}, False),
    "logo.html": ({"partials/logo.html": "<!-- {{ page.url }} -->" + _material("partials/logo.html")}, False),
    "icon reading the page": ({".icons/acme/mark.svg": "<svg><title>{{ page.title }}</title></svg>"}, False),
    "plain icon": ({".icons/acme/mark.svg": "<svg><title>Acme</title></svg>"}, True),
}


@pytest.mark.parametrize("case", OVERRIDES)
def test_templates_overridden_in_custom_dir_are_rendered_for_every_page(tmp_path: Path, case: str) -> None:
    files, cached = OVERRIDES[case]
    for name, text in files.items():
        path = tmp_path / "overrides" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    theme: dict[str, Any] = {"custom_dir": str(tmp_path / "overrides")}
    if ".icons/acme/mark.svg" in files:
        theme["icon"] = {"logo": "acme/mark"}  # the logo in the navigation's title
    builds = _build_both(_blog(tmp_path / "blog", 30, theme), tmp_path)
    assert builds.differences == []
    if cached:
        assert builds.renders[True] < builds.renders[False] - 30
    else:
        assert builds.renders[True] == builds.renders[False]


@pytest.mark.parametrize(
    "features",
    [
        ["navigation.tabs", "navigation.sections", "navigation.indexes"],
        ["navigation.sections", "navigation.expand"],
        ["navigation.prune", "navigation.indexes"],
        ["navigation.tabs", "toc.integrate"],
    ],
)
def test_navigation_features_keep_the_output_identical(tmp_path: Path, features: list[str]) -> None:
    builds = _build_both(_blog(tmp_path / "blog", 30, {"features": features}), tmp_path)
    assert builds.differences == []
    assert builds.renders[True] < builds.renders[False] - 30


def test_features_set_per_page_are_part_of_the_key(tmp_path: Path) -> None:
    """A base.html override that takes features from the page: extra/a/ and extra/b/ have the
    same links, and only the features tell their navigations apart."""
    base = _material("base.html").replace(
        "{% set features = config.theme.features or [] %}", "{% set features = (page and page.meta.features) or config.theme.features or [] %}"
    )
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "base.html").write_text(base, encoding="utf-8")
    pages = {"extra/b.md": "---\nfeatures: [navigation.tabs]\n---\n\n# B\n"}
    builds = _build_both(_blog(tmp_path / "blog", 30, {"custom_dir": str(tmp_path / "overrides")}, pages), tmp_path)
    assert builds.differences == []
    assert "md-nav--lifted" in (builds.sites[True] / "extra" / "b" / "index.html").read_text(encoding="utf-8")
    assert "md-nav--lifted" not in (builds.sites[True] / "extra" / "a" / "index.html").read_text(encoding="utf-8")
    assert builds.renders[True] < builds.renders[False] - 30


def test_unset_names_are_those_materials_partials_read_from_the_context() -> None:
    """The names the key does not cover are checked to be absent; this list must follow Material."""
    env = Theme(name="material").get_env()
    read: set[str] = set()
    for name in ("nav.html", "nav-item.html", "logo.html", "source.html"):
        read |= jinja2.meta.find_undeclared_variables(env.parse(_material(f"partials/{name}")))
    assert sorted(read - {"config", "features", "lang", "nav", "page"}) == list(UNSET_NAMES)
