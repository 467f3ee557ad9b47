"""The ``byline/authors`` plugin: the blog is signed by the people in ``authors/``.

It runs before Material's blog plugin at every step: it checks the registry and every post's
``authors:`` first (so readers and writers never meet Material's raw KeyError), then hands
Material an ``.authors.yml`` generated from ``authors/``, so there is one list of authors.
Everything a template needs per author is computed once, in ``on_env``.
"""
from __future__ import annotations

import logging
import os
import posixpath
from collections.abc import Callable
from typing import Any
from pathlib import Path
from shutil import rmtree
from string import Formatter
from tempfile import mkdtemp

import yaml
from jinja2 import Environment
from material.plugins.blog.plugin import BlogPlugin
from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from byline.authors import Registry, load_registry
from byline.avatars import avatar_uri, initials_svg
from byline.bylines import check_bylines
from byline.clock import build_time
from byline.errors import BylineError
from byline.findings import Finding, Severity
from byline.material_meta import check_material_meta
from byline.posts import parse_post, read_post
from byline.profiles import is_exported, markdown_text, material_entry
from byline.plugins.accelerator import accelerate
from byline.plugins.catalog import Catalog, build_catalog, post_entry
from byline.plugins.feeds import write_feed
from byline.plugins.theme import add_templates, extend_env
from byline.plugins.urls import check_unique_urls

log = logging.getLogger("mkdocs.plugins.byline.authors")

#: Byline's stylesheet, shipped in the shared template folder (MkDocs copies it as a theme file).
STYLESHEET = "assets/byline/byline.css"
#: Runs before Material's blog plugin (its handlers run at 0 and -50).
EARLY = 100


class _AtLeastOne(c.Type[int]):
    """A count of 1 or more: a feed of 0 or -1 posts is a typo, never a choice."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < 1:
            raise ValidationError(f"Expected a whole number of 1 or more, but received: {number!r}")
        return number


class AuthorsConfig(Config):
    """Settings of ``byline/authors`` in ``mkdocs.yml`` (docs/guide/reference-authors.md lists each with an example)."""

    #: Turn the plugin off without removing its settings.
    enabled = c.Type(bool, default=True)
    #: Folder of author files, relative to ``mkdocs.yml``: one ``<id>.md`` per person.
    authors_dir = c.Type(str, default="authors")
    #: The company's name: a registry entry with this name is refused (a company does not sign).
    company = c.Optional(c.Type(str))
    #: Product names, refused as author names for the same reason.
    products = c.ListOfItems(c.Type(str), default=[])
    #: Generate an index of all authors at ``<blog>/authors/``.
    authors_index = c.Type(bool, default=True)
    #: Title of the authors index page.
    authors_index_title = c.Type(str, default="All authors")
    #: Write an RSS feed for the blog (``<blog>/feed.xml``) and one per author (``<blog>/feeds/<id>.xml``).
    feeds = c.Type(bool, default=True)
    #: Most recent posts per feed.
    feed_length = _AtLeastOne(default=20)
    #: Where readers ask an author who has no ``email``: an https form URL with ``{author}`` (the
    #: id) and ``{subject}`` placeholders, e.g. ``https://example.com/ask?to={author}&re={subject}``.
    ask_url = c.Optional(c.Type(str))
    #: Build big blogs fast: patches Material's blog plugin, same output (plugins/accelerator.py).
    fast_build = c.Type(bool, default=False)


class AuthorsPlugin(BasePlugin[AuthorsConfig]):
    """Author registry, enforced bylines, author pages, authors index and feeds."""

    def __init__(self) -> None:
        super().__init__()
        self.temp_dir = mkdtemp(prefix="byline-authors-")
        self.blog: BlogPlugin
        self.registry: Registry
        self.root: Path
        self.urls: dict[str, str] = {}  # author id -> author page URL
        self.pages: dict[str, str] = {}  # author page source path -> author id
        self.index_uri: str | None = None
        self.catalog: Catalog | None = None
        self.env: Environment | None = None

    # -- configuration: templates, the registry and Material's authors file ---------------------

    @event_priority(EARLY)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        # MkDocs keeps this instance across `mkdocs serve` rebuilds (it has on_shutdown), and in one
        # process across configurations too, after on_shutdown removed its folder: start clean.
        self.urls, self.pages, self.index_uri, self.catalog, self.env = {}, {}, None, None, None
        if not Path(self.temp_dir).is_dir():
            self.temp_dir = mkdtemp(prefix="byline-authors-")
        add_templates(config)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.blog = _blog_plugin(config)
        if self.config.feeds and not config.site_url:
            raise PluginError("byline/authors: feeds need absolute links: set 'site_url' in mkdocs.yml (or 'feeds: false')")
        try:
            self.built = build_time()  # read once, before any page is written
        except BylineError as exc:
            raise PluginError(str(exc)) from None
        _check_ask_url(self.config.ask_url)
        self.registry = self._load_registry()
        self._write_authors_file(config)
        if self.config.fast_build:
            accelerate(config)
        return config

    def _load_registry(self) -> Registry:
        """Load and check ``authors/``; warnings are logged, errors stop the build."""
        names = tuple(n for n in (self.config.company, *self.config.products) if n)
        registry = load_registry(self.root / self.config.authors_dir, names, root=self.root)
        _report(registry.problems, "the author registry")
        return registry

    def _write_authors_file(self, config: MkDocsConfig) -> None:
        """Give Material an ``.authors.yml`` built from the registry, outside ``docs/`` (one that
        ``byline authors export`` wrote into ``docs/`` for other generators is left alone)."""
        blog = self.blog.config
        configured = os.path.normpath(blog.authors_file.format(blog=blog.blog_dir))
        existing = Path(config.docs_dir) / configured
        ours = existing.resolve().is_relative_to(Path(self.temp_dir).resolve()) or is_exported(existing)
        if existing.is_file() and not ours:
            shown = os.path.relpath(existing, self.root)
            raise PluginError(
                f"{shown}:1: Byline builds the authors file from {self.config.authors_dir}/ at build time; "
                f"import it once with 'byline authors import {shown}', then delete it"
            )
        entries = {}
        for author_id, author in sorted(self.registry.authors.items()):
            self.urls[author_id] = _page_url(self._profile_path(author_id, author.name), config)
            entries[author_id] = {**material_entry(author), "url": self.urls[author_id]}
        path = Path(self.temp_dir) / ".authors.yml"
        path.write_text(yaml.safe_dump({"authors": entries}, allow_unicode=True, sort_keys=False), encoding="utf-8")
        blog.authors_file = str(path)

    # -- files: every post signed, then avatars, author pages and the index ---------------------

    @event_priority(EARLY)
    def _check_bylines(self, files: Files, *, config: MkDocsConfig) -> None:
        """Every post (drafts too) is signed by known authors and has front matter Material can
        read; stops the build before Material reads an unknown id or a date it cannot sort by."""
        if not self.config.enabled:
            return
        posts_dir = posixpath.normpath(self.blog.config.post_dir.format(blog=self.blog.config.blog_dir)) + "/"
        findings: list[Finding] = []
        for file in files.documentation_pages():
            if not file.src_uri.startswith(posts_dir):
                continue
            shown = os.path.relpath(file.abs_src_path, self.root) if file.abs_src_path else file.src_uri
            try:
                post = read_post(file.abs_src_path, shown) if file.abs_src_path else parse_post(file.content_string, shown)
            except BylineError as exc:
                findings.append(Finding(shown, exc.line or 1, 1, "byline.input", Severity.ERROR, exc.message))
                continue
            findings += check_bylines(post, self.registry) + check_material_meta(post)
        _report(findings, "the posts' front matter")

    @event_priority(EARLY - 10)
    def _add_author_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Avatars, one page per author (Material turns it into the profile view) and the index.
        What ``byline authors export`` left in docs/ for other generators gives way to them."""
        if not self.config.enabled:
            return files
        folder = self.root / self.config.authors_dir
        for author_id, author in self.registry.authors.items():
            uri = avatar_uri(author)
            _drop(files, uri, lambda _: True)  # Byline's avatars folder is Byline's own
            if author.avatar and not uri.startswith("https://"):
                files.append(File.generated(config, uri, abs_src_path=str(folder / author.avatar)))
            elif not author.avatar:
                files.append(File.generated(config, uri, content=initials_svg(author)))
            path = self._profile_path(author_id, author.name)
            self.pages[path] = author_id
            _drop(files, path, is_exported)
            if files.get_file_from_path(path) is None:  # a hand-written profile page wins
                files.append(self._generated_page(config, path, f"# {markdown_text(author.name)}\n"))
        if self.config.authors_index:
            self.index_uri = posixpath.join(self.blog.config.blog_dir, "authors.md")
            _drop(files, self.index_uri, is_exported)
            if files.get_file_from_path(self.index_uri) is not None:
                raise PluginError(
                    f"{os.path.relpath(Path(config.docs_dir) / self.index_uri, self.root)}:1: Byline generates the "
                    "authors index here: move this page or set 'authors_index: false'"
                )
            title = markdown_text(self.config.authors_index_title)
            files.append(self._generated_page(config, self.index_uri, f"# {title}\n"))
        return files

    on_files = CombinedEvent(_check_bylines, _add_author_files)

    @event_priority(-60)  # after Material's blog (-50) has given every post its URL and put it back in the build
    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> None:
        if self.config.enabled:
            check_unique_urls(files, self.root)

    # -- templates: per-author data, once per build ---------------------------------------------

    @event_priority(-100)  # after Material has read every post and registered its filters
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if not self.config.enabled:
            return env
        extend_env(env)
        separator = self.blog.config.post_excerpt_separator
        blog_dir = self.blog.config.blog_dir
        self.catalog = build_catalog(
            self.registry,
            [post_entry(post, separator) for post in self.blog.blog.posts],
            urls=self.urls,
            avatars={a: avatar_uri(author) for a, author in self.registry.authors.items()},
            feed_urls={a: f"{blog_dir}/feeds/{a}.xml" for a in self.registry.authors} if self.config.feeds else None,
            feed_url=f"{blog_dir}/feed.xml" if self.config.feeds else None,
            index_url=_page_url(self.index_uri, config) if self.index_uri else None,
            pages=self.pages,
            ask_url=self.config.ask_url,
        )
        env.globals["byline"] = self.catalog
        self.env = env
        return env

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
        """Author pages get the author's card, the index page the list of authors (one dict lookup)."""
        if not self.config.enabled or self.catalog is None or self.env is None:
            return context
        entry = self.catalog.author_of(page)
        if entry is not None:
            card = self.env.get_template("partials/byline/author-card.html")
            page.content = (page.content or "") + card.render({**context, "author": entry})
        elif self.index_uri and page.file.src_uri == self.index_uri:
            index = self.env.get_template("partials/byline/authors-index.html")
            page.content = (page.content or "") + index.render(context)
        return context

    # -- feeds ---------------------------------------------------------------------------------

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or not self.config.feeds or self.catalog is None:
            return
        site = Path(config.site_dir)
        names = {a: e.author.name for a, e in self.catalog.authors.items()}
        common = {"site_url": config.site_url, "names": names, "language": config.theme.get("language", "en"), "built": self.built}
        length = self.config.feed_length
        blog_url = _page_url(posixpath.join(self.blog.config.blog_dir, "index.md"), config)
        assert self.catalog.feed_url is not None
        write_feed(
            site / self.catalog.feed_url, title=config.site_name, page_url=blog_url, feed_url=self.catalog.feed_url,
            description=config.site_description or f"Posts on {config.site_name}",
            entries=self.catalog.posts[:length], **common,
        )
        for entry in self.catalog.authors.values():
            assert entry.feed_url is not None
            write_feed(
                site / entry.feed_url, title=f"{entry.author.name} on {config.site_name}", page_url=entry.url,
                feed_url=entry.feed_url, description=f"Posts by {entry.author.name}, {entry.author.role}",
                entries=entry.posts[:length], **common,
            )

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
        """`mkdocs serve` rebuilds when an author file changes, not only when docs/ does."""
        if self.config.enabled:
            server.watch(str(self.root / self.config.authors_dir))
        return server

    def on_shutdown(self) -> None:
        rmtree(self.temp_dir, ignore_errors=True)

    # -- helpers -------------------------------------------------------------------------------

    def _profile_path(self, author_id: str, name: str) -> str:
        """Where Material puts an author's profile (its ``authors_profiles_url_format``)."""
        blog = self.blog.config
        path = blog.authors_profiles_url_format.format(slug=author_id, name=name)
        return posixpath.join(blog.blog_dir, posixpath.normpath(path.strip("/")) + ".md")

    def _generated_page(self, config: MkDocsConfig, uri: str, text: str) -> File:
        """A page source in the temp folder (Material copies view sources when it paginates)."""
        source = Path(self.temp_dir) / uri
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(text, encoding="utf-8")
        return File.generated(config, uri, abs_src_path=str(source), inclusion=InclusionLevel.NOT_IN_NAV)


def _blog_plugin(config: MkDocsConfig) -> BlogPlugin:
    blogs = [p for p in config.plugins.values() if isinstance(p, BlogPlugin) and p.config.enabled]
    if not blogs:
        raise PluginError("byline/authors builds on Material's blog: add '- blog' to plugins in mkdocs.yml")
    if len(blogs) > 1:
        raise PluginError("byline/authors supports one blog per site; this site enables the blog plugin more than once")
    blog = blogs[0]
    if not blog.config.authors or not blog.config.authors_profiles:
        raise PluginError(
            "byline/authors builds author pages on Material's profiles: set 'authors: true' and "
            "'authors_profiles: true' under the blog plugin in mkdocs.yml"
        )
    return blog


def _report(findings: list[Finding], what: str) -> None:
    """Warnings go to the log (``--strict`` fails on them); errors stop the build in one message."""
    errors = []
    for finding in findings:
        line = f"{finding.path}:{finding.line}: {finding.message}"
        if finding.severity is Severity.ERROR:
            errors.append(line)
        else:
            log.warning(line)
    if errors:
        raise PluginError(f"byline/authors: {len(errors)} problem(s) in {what}:\n" + "\n".join(errors))


def _drop(files: Files, uri: str, replaceable: Callable[[str], bool]) -> None:
    """Remove the docs file at ``uri`` when Byline generates its own there and it may replace it."""
    existing = files.get_file_from_path(uri)
    if existing is not None and existing.abs_src_path and replaceable(existing.abs_src_path):
        files.remove(existing)


def _page_url(uri: str, config: MkDocsConfig) -> str:
    return File(uri, config.docs_dir, config.site_dir, config.use_directory_urls).url


def _check_ask_url(ask_url: str | None) -> None:
    """The ask form must be https and use only the placeholders Byline fills, as plain fields:
    ``str.format`` would otherwise follow attributes (``{author.__class__}``), index, convert
    (``{author!r}``) or pad (``{author:>99999999}``) on every page that shows an author."""
    if ask_url is None:
        return
    if not ask_url.startswith("https://"):
        raise PluginError(f"byline/authors: 'ask_url' must be an https URL, not '{ask_url}'")
    try:
        fields = [(name, conversion, spec) for _, name, spec, conversion in Formatter().parse(ask_url) if name is not None]
    except ValueError as exc:
        raise PluginError(f"byline/authors: 'ask_url' has a stray brace ({exc}); write {{{{ and }}}} for literal braces") from None
    for name, conversion, spec in fields:
        if name not in ("author", "subject") or conversion or spec:
            written = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise PluginError(f"byline/authors: 'ask_url' may only use {{author}} and {{subject}} placeholders, as written, not '{written}'")
