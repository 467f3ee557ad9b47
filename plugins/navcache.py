"""``fast_build``, part 3: Material's navigation partial rendered once and reused, same bytes.

Material's ``base.html`` includes ``partials/nav.html`` on every page, and it renders the whole
navigation: on a blog, the archive, every category and every author profile. Blog posts are not
in the navigation, so on most pages the navigation differs only in what it takes from the page:

- which items are active (the page's ancestors) and whether the page is one of the items, or one
  of a listing's paginated pages (``page in nav_item.pages``): then the item shows the page itself
  and its table of contents. Such pages are rendered as Material does, never cached;
- its links, written relative to the page by MkDocs' ``url`` filter.

:class:`NavCache` keys a rendering by the first (one walk of the navigation, a few dozen items) and
by the other inputs the partials read from the page's context (``features``, the words ``lang``
gives them, the ``nav`` and ``config`` objects). The ``url`` filter records every link written
during a rendering, and a rendering is reused for a page only if each of those links comes out
the same for that page; otherwise the page is rendered and its rendering kept as another variant.

Only Material's own templates are cached (or templates without any Jinja syntax, such as a
custom SVG icon): a ``custom_dir`` override could read anything from the page.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import material
from jinja2 import Environment, Template, pass_context
from jinja2.runtime import Context

NAV = "partials/nav.html"
MATERIAL_TEMPLATES = Path(material.__file__).resolve().parent / "templates"
#: Names Material's navigation partials (nav, nav-item, logo, source) read from the page's context
#: besides ``config``, ``features``, ``lang``, ``nav`` and ``page``
#: (``jinja2.meta.find_undeclared_variables``; most are set by the macros before they are read).
#: Neither MkDocs nor Material puts them in a page's context; a page whose context has one is
#: rendered as Material does.
UNSET_NAMES = ("checked", "first", "icon", "indeterminate", "index", "is_pruned", "is_section", "tabindex", "toc")
#: The ``lang.t`` keys the partials use: their words are part of the key.
WORDS = ("nav", "source")
#: Renderings kept per key: pages at other depths get other relative links.
VARIANTS = 8


class _Variant(NamedTuple):
    html: str
    links: tuple[tuple[Any, str], ...]  # (value given to the url filter, what it returned)


def install(env: Environment) -> NavCache | None:
    """Cache ``partials/nav.html`` of this build's environment, unless it is not Material's own."""
    template = env.get_template(NAV)
    return NavCache(env, template) if _material_own(template) else None


class NavCache:
    """Stands in for the compiled root function of ``partials/nav.html``.

    Jinja's ``{% include %}`` and ``Template.render`` call ``template.root_render_func(context)``
    on the environment's cached ``Template``, so setting that attribute is enough.
    """

    def __init__(self, env: Environment, template: Template) -> None:
        self.env = env
        self.material_render = template.root_render_func
        self.material_url = env.filters["url"]
        self.url_filter = self.url  # one bound method, to tell later whether the filter is still ours
        self.recording: list[tuple[Any, str]] | None = None
        self.variants: dict[tuple[Any, ...], list[_Variant]] = {}
        self.checked: dict[str, bool] = {}  # template file -> may be cached
        self.enabled = True
        env.filters["url"] = self.url_filter
        template.root_render_func = self.render

    @pass_context
    def url(self, context: Context, value: Any) -> str:
        """The ``url`` filter as it was, recording what it returns during a navigation rendering."""
        result: str = self.material_url(context, value)
        if self.recording is not None:
            self.recording.append((value, result))
        return result

    def render(self, context: Context) -> Iterator[str]:
        key = self._key(context) if self.enabled else None
        if key is None:
            yield from self.material_render(context)
            return
        variants = self.variants.setdefault(key, [])
        url = self.material_url
        for variant in variants:
            if all(url(context, value) == result for value, result in variant.links):
                yield variant.html
                return
        html, links = self._render_recorded(context)
        if self.enabled and len(variants) < VARIANTS:
            variants.append(_Variant(html, links))
        yield html

    def _key(self, context: Context) -> tuple[Any, ...] | None:
        """What the navigation takes from the page besides its links, or None if it is not cacheable."""
        if self.env.filters["url"] is not self.url_filter or any(name in context for name in UNSET_NAMES):
            return None  # another plugin wrapped the filter after us, or a name the macros may read
        nav, page, config = context.get("nav"), context.get("page"), context.get("config")
        active: list[bool] = []
        if not _walk(getattr(nav, "items", None), page, active):
            return None
        t = getattr(context.get("lang"), "t", None)
        if not callable(t):
            return None
        words = tuple(str(context.call(t, word)) for word in WORDS)
        features = tuple(context.get("features") or ())
        # nav and config live as long as the build, and so does this cache: their ids are stable.
        return (id(nav), id(config), features, words, tuple(active))

    def _render_recorded(self, context: Context) -> tuple[str, tuple[tuple[Any, str], ...]]:
        """Material's rendering, with the links it wrote; disables the cache if it used a template
        that is neither Material's own nor plain text."""
        env, links, used = self.env, [], []
        get_template = env.get_template

        def loading(name: Any, parent: str | None = None, globals: Any = None) -> Template:
            template = get_template(name, parent, globals)
            used.append(template)
            return template

        self.recording = links
        env.get_template = loading  # type: ignore[method-assign]  # the partials' includes and imports
        try:
            html = env.concat(self.material_render(context))  # type: ignore[attr-defined]
        finally:
            self.recording = None
            del env.get_template
        if not all(self._cacheable(template) for template in used):
            self.enabled = False
            self.variants.clear()
        return html, tuple(links)

    def _cacheable(self, template: Template) -> bool:
        name = template.filename or ""
        if name not in self.checked:
            self.checked[name] = _material_own(template) or _plain(self.env, template)
        return self.checked[name]


def _walk(items: Any, page: Any, active: list[bool]) -> bool:
    """Append each item's ``active``, depth first, as the partials read them; False if the page is
    an item or one of an item's paginated pages (the partials' ``==`` and ``in``)."""
    for item in items or ():
        if item == page or (getattr(item, "pages", None) and page in item.pages):
            return False
        active.append(bool(getattr(item, "active", False)))
        if not _walk(getattr(item, "children", None), page, active):
            return False
    return True


def _material_own(template: Template) -> bool:
    return template.filename is not None and Path(template.filename).resolve().is_relative_to(MATERIAL_TEMPLATES)


def _plain(env: Environment, template: Template) -> bool:
    """A template without any Jinja syntax, such as an SVG icon: the same text on every page."""
    assert env.loader is not None and template.name is not None
    source = env.loader.get_source(env, template.name)[0]
    return all(token == "data" for _, token, _ in env.lex(source))
