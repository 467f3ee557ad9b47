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

Patching depends on Material's internals, so it is only done for versions it was tested with.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
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

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> None:
        """Every post has been rendered and has its excerpt; listings are rendered next."""
        for blog in _blogs(config):
            for post in blog.blog.posts:
                if isinstance(post.excerpt, Excerpt):
                    post.excerpt.render = ReusedExcerpt(post.excerpt)


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
    """

    def __init__(self, excerpt: Excerpt) -> None:
        self.excerpt = excerpt
        self.renders = 0
        self.reference: tuple[str, str, list[Any], bool] | None = None  # view URL, content, toc, more?
        self.template: _Template | None = None
        self.reusable = True

    def __call__(self, page: View, separator: str) -> None:
        excerpt = self.excerpt
        source = _source(excerpt)
        self.renders += 1
        if not self.reusable:
            Excerpt.render(excerpt, page, separator)
        elif self.renders == 1:
            Excerpt.render(excerpt, page, separator)
            self.reference = (page.url, excerpt.content, excerpt.md.toc_tokens, excerpt.more is not None)
            self.reusable = _OPEN not in source and _CLOSE not in source
        elif self.template is None:
            excerpt.md.treeprocessors["excerpt"].base = page
            self.template = _render_with_placeholders(excerpt, source, separator)
            self.template.fill(excerpt, page)
            self.reusable = self._matches_reference(separator) and self.template.source == source
        elif self.template.source == source and self.template.separator == separator:
            excerpt.markdown = source
            excerpt.md.treeprocessors["excerpt"].base = page
            self.template.fill(excerpt, page)
        else:  # another plugin changed the post between listings: Material's way from here on
            self.reusable = False
            Excerpt.render(excerpt, page, separator)

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
