"""``fast_build``: removes the two causes of quadratic build time in Material's blog plugin.

Material's blog slows down quadratically as a blog grows, for two reasons, both fixed here with
the same output, byte for byte:

1. Its ``on_page_markdown`` and ``on_page_content`` ask ``page not in self.blog.posts`` for every
   page, and its navigation template asks ``page in nav_item.pages`` (a listing's paginated
   pages) for every listing in the navigation of every page. ``list.__contains__`` compares the
   page with every item, and each comparison derives both titles, from the Markdown bodies for
   posts. :class:`PageList` answers from a dictionary instead, comparing the page only with the
   items that share its file (the only ones it can equal).
2. Every listing (index, archive, category and author pages) converts the whole Markdown of each
   post it shows, again. :class:`ReusedExcerpt` converts a post once with placeholders where the
   links depend on the listing page, and fills them in for each listing.

Material never resets an excerpt's Markdown converter, so converter state can leak from one
listing's rendering into the next (code-line anchors, tab and footnote ids). A post's
placeholder rendering is therefore checked against Material's own first rendering of it; a post
whose excerpt changes between renderings keeps Material's way. Material's templates use only
``excerpt.content``, its table of contents and whether ``excerpt.more`` is set; ``more`` itself
(the text after the separator) is reused from the second rendering.

Listings are rendered after every post page, so with a second core both renderings and the check
are done ahead, in a forked copy of the build (``plugins/background.py``) started in ``on_env``,
each post on the listing MkDocs will render first; a post whose first listing comes before the
child has finished is handled in the build as above. Either way the output is the same.

Patching depends on Material's internals, so it is only done for versions it was tested with.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import material
from markdown.serializers import _escape_attrib_html  # the escaping Markdown applies to attributes
from material.plugins.blog.plugin import BlogPlugin
from material.plugins.blog.structure import Excerpt, View
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from byline.plugins import navcache
from byline.plugins.background import Background

log = logging.getLogger("mkdocs.plugins.byline.accelerator")

#: Versions of mkdocs-material whose blog plugin internals this module was checked against
#: (tests/test_accelerator.py builds with and without it and compares every output file).
TESTED_MATERIAL = ("9.8.2",)

#: Placeholders in rendered excerpts: ``\x0e<n>\x0f``. Control characters never appear in URLs,
#: and a post whose Markdown contains one is simply rendered Material's way.
_OPEN, _CLOSE = "\x0e", "\x0f"
_PLACEHOLDER = re.compile("\x0e(\\d+)\x0f")
#: A base URL that shares no path segment with any page, to tell rewritten links from kept ones.
_PROBE = "\x0e/"


def accelerate(config: MkDocsConfig) -> bool:
    """Install the accelerator into this build (``fast_build: true`` of ``byline/authors``), unless
    Material is a version it was not tested with: then say so in one line, and the build runs
    exactly as without ``fast_build``."""
    version = material.__version__
    if version not in TESTED_MATERIAL:
        log.warning(
            f"byline/authors: fast_build is off: it was tested with mkdocs-material {', '.join(TESTED_MATERIAL)}, "
            f"this is {version}; remove 'fast_build: true' or install a tested version"
        )
        return False
    config.plugins["byline/accelerator"] = FastBuild()
    return True


class FastBuild(BasePlugin):
    """Installed by :func:`accelerate` (never listed in ``mkdocs.yml``)."""

    def __init__(self) -> None:
        super().__init__()
        self.ahead: list[Background[_Template | None]] = []

    @event_priority(-100)  # after Material's on_files (-50) has made the posts, views and pages
    def on_files(self, files: Files, *, config: MkDocsConfig) -> None:
        for blog in _blogs(config):
            for view in list(blog._resolve_views(blog.blog)):
                # A view's paginated pages share its lists: each list is swapped everywhere at once.
                pages, posts = view.pages, view.posts
                indexed_pages, indexed_posts = PageList(pages), PageList(posts)
                for page in (view, *pages):
                    if page.pages is pages:
                        page.pages = indexed_pages
                    if page.posts is posts:
                        page.posts = indexed_posts

    @event_priority(-100)  # after Material's on_env, which rewrites the links in posts
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> None:
        """Every post has been rendered and has its excerpt; listings are rendered next."""
        navcache.install(env)  # 3. the navigation partial, rendered once per kind of page
        self.ahead = []
        for blog in _blogs(config):
            order = _first_listings(blog, files)
            ahead = Background.start(partial(_check_excerpts, order, blog.config.post_excerpt_separator))
            if ahead is not None:
                self.ahead.append(ahead)
            slots = {id(excerpt): slot for slot, (excerpt, _) in enumerate(order)}
            for post in blog.blog.posts:
                if isinstance(post.excerpt, Excerpt):
                    post.excerpt.render = ReusedExcerpt(post.excerpt, ahead, slots.get(id(post.excerpt)))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._stop_ahead()

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_ahead()

    def _stop_ahead(self) -> None:
        for ahead in self.ahead:
            ahead.cancel()
        self.ahead = []


def _blogs(config: MkDocsConfig) -> list[BlogPlugin]:
    return [p for p in config.plugins.values() if isinstance(p, BlogPlugin) and p.config.enabled and hasattr(p, "blog")]


class PageList(list):
    """A list of pages whose ``in`` gives ``list.__contains__``'s answer without a scan.

    ``page == item`` (MkDocs' ``Page.__eq__``) needs the very same ``File`` object, so only items
    holding the page's file can match; those few are compared exactly as the list would.
    """

    _by_file: dict[int, list[Page]] | None = None

    def __contains__(self, page: object) -> bool:
        if self._by_file is None:
            self._by_file = {}
            for item in self:
                self._by_file.setdefault(id(getattr(item, "file", None)), []).append(item)
        candidates = self._by_file.get(id(getattr(page, "file", None)), ())
        return any(item is page or item == page for item in candidates)


def _forget_index(name: str) -> Callable[..., Any]:
    method = getattr(list, name)

    def changed(self: PageList, *args: Any) -> Any:
        self._by_file = None
        return method(self, *args)

    changed.__name__ = name
    return changed


for _name in ("append", "extend", "insert", "remove", "pop", "clear", "__setitem__", "__delitem__", "__iadd__", "__imul__"):
    setattr(PageList, _name, _forget_index(_name))


class ReusedExcerpt:
    """Stands in for ``excerpt.render(view, separator)``: converts the post's Markdown once and
    fills in the view-dependent links for each listing.

    First listing: Material's own rendering, kept as the reference. Second listing: a rendering
    with placeholders, used for it and checked against the reference. From then on the checked
    rendering is reused; if the check failed, every listing renders the way Material does.

    Both steps may have been done ahead, for the post's first listing, by :func:`_check_excerpts`
    in a forked copy of the build (``ahead``, result number ``slot``): if its verdict is in when
    the first listing is rendered, the post is never converted here at all.
    """

    def __init__(self, excerpt: Excerpt, ahead: Background[_Template | None] | None = None, slot: int | None = None) -> None:
        self.excerpt = excerpt
        self.ahead, self.slot = ahead, slot
        self.renders = 0
        self.reference: tuple[str, str, list[Any], bool] | None = None  # view URL, content, toc, more?
        self.template: _Template | None = None
        self.reusable = True

    def __call__(self, page: View, separator: str) -> None:
        excerpt = self.excerpt
        source = _source(excerpt)
        self.renders += 1
        if self.renders == 1:
            self._take_verdict_ahead()
        if not self.reusable:
            Excerpt.render(excerpt, page, separator)
        elif self.template is not None:
            if self.template.source == source and self.template.separator == separator:
                excerpt.markdown = source
                excerpt.md.treeprocessors["excerpt"].base = page
                self.template.fill(excerpt, page)
            else:  # another plugin changed the post between listings: Material's way from here on
                self.reusable = False
                Excerpt.render(excerpt, page, separator)
        elif self.reference is None:
            Excerpt.render(excerpt, page, separator)
            self.reference = (page.url, excerpt.content, excerpt.md.toc_tokens, excerpt.more is not None)
            self.reusable = _OPEN not in source and _CLOSE not in source
        else:
            excerpt.md.treeprocessors["excerpt"].base = page
            self.template = _render_with_placeholders(excerpt, source, separator)
            self.template.fill(excerpt, page)
            self.reusable = self._matches_reference(separator) and self.template.source == source

    def _take_verdict_ahead(self) -> None:
        """Adopt the forked check of this post (waiting for it: the child checks the posts in the
        order their first listings come, so it is ahead or about to be): its template, if the
        post's Markdown is unchanged since, or its finding that the post must be rendered Material's
        way. If the child ended without it, the post is checked here."""
        if self.ahead is None or self.slot is None or not self.ahead.wait_for(self.slot + 1):
            return
        verdict = self.ahead.items[self.slot]
        if verdict is None:
            self.reusable = False
        elif verdict.source == _source(self.excerpt):
            self.template = verdict

    def _matches_reference(self, separator: str) -> bool:
        assert self.reference is not None and self.template is not None
        url, content, toc_tokens, has_more = self.reference
        template = self.template
        return (
            template.separator == separator
            and _fill(template.content, template.links, url) == content
            and template.toc_tokens == toc_tokens
            and (template.more is not None) == has_more
        )


class _Template:
    """An excerpt rendered once, with placeholders for links that depend on the listing page."""

    def __init__(self, source: str, separator: str, html: str, toc_tokens: list[Any], links: list[tuple[str, str, str, str]]) -> None:
        self.source, self.separator, self.toc_tokens, self.links = source, separator, toc_tokens, links
        self.content, *more = html.split(separator, 1)
        self.more: str | None = more[0] if more else None

    def fill(self, excerpt: Excerpt, page: View) -> None:
        """Set what ``Excerpt.render`` sets, as rendered for ``page``."""
        excerpt.content = _fill(self.content, self.links, page.url)
        excerpt.more = _fill(self.more, self.links, page.url) if self.more is not None else None
        excerpt.toc = get_toc(self.toc_tokens)
        excerpt.file.url = excerpt.post.url


def _source(excerpt: Excerpt) -> str:
    """The Markdown ``Excerpt.render`` converts: the post, with its title when it has no H1."""
    if excerpt.post._title_from_render:
        return excerpt.post.markdown
    return "\n\n".join([f"# {excerpt.post.title}", excerpt.post.markdown])


def _fill(html: str, links: list[tuple[str, str, str, str]], base_url: str) -> str:
    """Replace each placeholder with its link as Material writes it on the page at ``base_url``."""

    def link(match: re.Match[str]) -> str:
        kind, target, query_or_anchor, fragment = links[int(match.group(1))]
        relative = get_relative_url(target, base_url)
        if kind == "post":  # ExcerptTreeprocessor: the post's URL, plus the anchor if not the title
            return _escape_attrib_html(relative + query_or_anchor)
        return _escape_attrib_html(urlunsplit(("", "", relative, query_or_anchor, fragment)))

    return _PLACEHOLDER.sub(link, html)


def _render_with_placeholders(excerpt: Excerpt, source: str, separator: str) -> _Template:
    """Convert ``source`` with the excerpt's own converter (so its state advances exactly as in
    Material's rendering), while its two page-dependent tree processors write placeholders."""
    md = excerpt.md
    relpath = md.treeprocessors["relpath"]
    anchors = md.treeprocessors["excerpt"]
    links: list[tuple[str, str, str, str]] = []

    def placeholder(link: tuple[str, str, str, str]) -> str:
        links.append(link)
        return f"{_OPEN}{len(links) - 1}{_CLOSE}"

    def mark_links(root: Any) -> Any:
        """MkDocs' ``_RelativePathTreeprocessor.run``, marking the links it makes relative."""
        for element in root.iter():
            if element.tag == "a":
                key = "href"
            elif element.tag == "img":
                key = "src"
            else:
                continue
            url = element.get(key)
            assert url is not None
            relpath.file.url = ""
            from_root = relpath.path_to_url(url)
            relpath.file.url = _PROBE
            if relpath.path_to_url(url) == from_root:  # kept as written: the same on every page
                element.set(key, from_root)
                continue
            _, _, _, query, fragment = urlsplit(url)
            suffix = urlunsplit(("", "", "", query, fragment))
            target = from_root[: len(from_root) - len(suffix)] if suffix else from_root
            element.set(key, placeholder(("link", target, query, fragment)))
        return root

    def mark_anchors(root: Any) -> Any:
        """Material's ``ExcerptTreeprocessor.run``: in-page anchors point into the post."""
        main = True
        for element in root.iter("a"):
            anchor = element.get("href")
            if not anchor.startswith("#"):
                continue
            element.set("href", placeholder(("post", anchors.page.url, "" if main else anchor, "")))
            main = False
        return root

    relpath.run, anchors.run = mark_links, mark_anchors
    try:
        excerpt.markdown = source
        html = md.convert(source)
    finally:
        del relpath.run, anchors.run
        excerpt.file.url = excerpt.post.url
    return _Template(source, separator, html, md.toc_tokens, links)


def _first_listings(blog: BlogPlugin, files: Files) -> list[tuple[Excerpt, View]]:
    """Each post's excerpt with the listing that shows it first, in the order MkDocs builds
    pages, the posts chosen per (paginated) listing as Material's ``_render`` does."""
    views = {id(view) for view in blog._resolve_views(blog.blog)}
    order: list[tuple[Excerpt, View]] = []
    seen: set[int] = set()
    for file in files.documentation_pages():
        view = file.page
        if not isinstance(view, View) or id(blog._resolve_original(view)) not in views:
            continue
        posts = view.posts
        if blog._config_pagination(view):
            at = next(n for n, page in enumerate(view.pages) if page is view)
            step = blog._config_pagination_per_page(view)
            posts = posts[at * step : at * step + step]
        for post in posts:
            if isinstance(post.excerpt, Excerpt) and id(post) not in seen:
                seen.add(id(post))
                order.append((post.excerpt, view))
    return order


def _check_excerpts(order: list[tuple[Excerpt, View]], separator: str) -> Iterator[_Template | None]:
    """Run in a forked copy of the build: each post's first two steps of :class:`ReusedExcerpt`
    (Material's rendering on its first listing, then the checked placeholder rendering), giving
    the reusable template, or None for a post that must be rendered Material's way."""
    for excerpt, view in order:
        trial = ReusedExcerpt(excerpt)
        trial(view, separator)
        trial(view, separator)
        yield trial.template if trial.reusable else None
