"""The ``byline/comments`` plugin: moderated comment threads that close, and a comment link on
every listing.

The decisions live in ``byline.comments`` (settings, closing, manifest); this plugin only feeds
them Material's posts and hands the results to the templates. Every post's thread is decided once
per build (``on_files``, ``on_env``) and stored in ``post.meta["byline_comments"]``, which the
post page and every excerpt of it share, so no page ever scans the list of posts.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from jinja2 import Environment
from material.plugins.blog.plugin import BlogPlugin
from material.plugins.blog.structure import Post
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from byline.authors import Registry
from byline.comments.closing import CLOSED_TEXT, build_date, published_day
from byline.comments.manifest import Thread, write_manifest
from byline.comments.settings import (
    DEFAULT_MANIFEST,
    CommentSettings,
    GiscusSettings,
    ThreadPolicy,
    decide_thread,
    locator,
    parse_post_comments,
    parse_settings,
)
from byline.errors import BylineError
from byline.posts import read_post
from byline.plugins.catalog import plain_text
from byline.plugins.theme import add_templates

#: Shipped in the shared template folder; MkDocs copies theme files into the site.
SCRIPT = "assets/byline/comments.js"
STYLESHEET = "assets/byline/comments.css"
#: Where MkDocs' and Material's search plugins write their index, after every page.
SEARCH_INDEX = "search/search_index.json"
#: After Material's blog plugin, which reads the posts in ``on_files`` at priority -50.
AFTER_BLOG = -60


class CommentsConfig(Config):
    """Settings of ``byline/comments`` in ``mkdocs.yml`` (docs/guide/reference-comments.md lists each)."""

    #: Turn the plugin off without removing its settings.
    enabled = c.Type(bool, default=True)
    #: isso, giscus, email or none.
    provider = c.Optional(c.Type(str))
    #: Threads close this many days after the post's date (never, when absent).
    close_after_days = c.Optional(c.Type(int))
    #: Blog category -> provider, for sections that take comments differently (e.g. by email).
    categories = c.Type(dict, default={})
    #: isso: {url: public address of the Isso server}.
    isso = c.Optional(c.Type(dict))
    #: giscus: {repo, repo_id, category, category_id, theme, lang} (ids from giscus.app).
    giscus = c.Optional(c.Type(dict))
    #: email: {address: where replies go instead of the post's authors}.
    email = c.Optional(c.Type(dict))
    #: Where the threads manifest is written, inside the site.
    manifest = c.Type(str, default=DEFAULT_MANIFEST)


@dataclass
class PostThread:
    """One post's thread as the templates see it (``page.meta.byline_comments``)."""

    policy: ThreadPolicy
    post: Post
    uri: str = ""
    url: str = ""
    title: str = ""
    reply_href: str = ""  # mailto link, for the email provider

    @property
    def provider(self) -> str:
        return self.policy.provider

    @property
    def closed(self) -> bool:
        return self.policy.closed


@dataclass(frozen=True)
class CommentsContext:
    """Site-wide comment settings for templates (the env global ``byline_comments``)."""

    settings: CommentSettings
    closed_text: str = CLOSED_TEXT

    @property
    def isso_url(self) -> str:
        return self.settings.isso.url if self.settings.isso else ""

    @property
    def giscus(self) -> GiscusSettings | None:
        return self.settings.giscus


class CommentsPlugin(BasePlugin[CommentsConfig]):
    """Comment threads on posts, comment links on listings, a threads manifest for the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.settings: CommentSettings
        self.today: dt.date  # the build date, set in on_config
        self.blog: BlogPlugin
        self.root: Path
        self.threads: list[PostThread] = []

    # -- configuration ----------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        add_templates(config)
        path = Path(config.config_file_path or "mkdocs.yml")
        self.root = path.resolve().parent
        try:
            text = path.read_text(encoding="utf-8") if path.is_file() else ""
            self.settings = parse_settings(dict(self.config), os.path.relpath(path), locator(text))
            self.today = build_date()
        except BylineError as exc:
            raise PluginError(str(exc)) from None
        self.blog = _blog_plugin(config)
        search = [name for name in ("search", "material/search") if name in config.plugins]
        if search and self.settings.manifest == SEARCH_INDEX:
            raise PluginError(f"byline/comments: manifest '{SEARCH_INDEX}' would overwrite the site's search index "
                              f"(written by the '{search[0]}' plugin); choose another path, e.g. {DEFAULT_MANIFEST}")
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if "isso" in self.settings.providers_in_use and SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(SCRIPT)
        return config

    # -- every post's thread, decided once ----------------------------------------------------

    @event_priority(AFTER_BLOG)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        taken = next((f for f in files if f.dest_uri == self.settings.manifest and not f.inclusion.is_excluded()), None)
        if taken is not None:
            raise PluginError(f"byline/comments: manifest '{self.settings.manifest}' would overwrite the site file made from "
                              f"{taken.src_uri}; choose another path, e.g. {DEFAULT_MANIFEST}")
        registry = _registry(config)
        self.threads = []
        problems: list[str] = []
        for post in self.blog.blog.posts:
            shown = os.path.relpath(post.file.abs_src_path, self.root) if post.file.abs_src_path else post.file.src_uri

            def line_of(key: str, post: Post = post) -> int | None:
                return read_post(post.file.abs_src_path).key_line(key) if post.file.abs_src_path else None

            try:
                asked = parse_post_comments(post.meta.get("comments"), shown, line_of)
                policy = decide_thread(
                    self.settings, asked, list(post.config.categories), published_day(post.config.date.created),
                    self.today, shown, line_of,
                )
                thread = PostThread(policy, post) if policy else None
                if thread and thread.provider == "email":
                    thread.reply_href = self._reply_to(post, registry, shown, line_of)
            except BylineError as exc:
                problems.append(str(exc))
                continue
            post.meta["byline_comments"] = thread
            if thread:
                self.threads.append(thread)
        if problems:
            raise PluginError("\n".join(problems))
        return files

    def _reply_to(self, post: Post, registry: Registry | None, shown: str, line_of: Callable[[str], int | None]) -> str:
        """The recipients of "Reply by email" (the subject is added once the title is known)."""
        if self.settings.email_address:
            return self.settings.email_address
        ids = list(post.config.authors)
        emails = [registry.authors[a].email for a in ids if registry and a in registry.authors and registry.authors[a].email]
        if not emails:
            raise BylineError(
                shown, line_of("authors"),
                f"comments: replies to this post go by email, but none of its authors ({', '.join(ids) or 'none'}) has an "
                "email in authors/; add one, or set email.address in byline/comments",
            )
        return ",".join(quote(e, safe="@") for e in emails)

    # -- templates ----------------------------------------------------------------------------

    @event_priority(-100)  # after Material has rendered every post (titles are known)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if not self.config.enabled:
            return env
        site_path = urlsplit(config.site_url or "").path or "/"
        for thread in self.threads:
            post = thread.post
            thread.uri = site_path.rstrip("/") + "/" + post.url
            thread.url = config.site_url.rstrip("/") + "/" + post.url if config.site_url else thread.uri
            thread.title = plain_text(post.title or "")  # Material keeps HTML entities in titles
            if thread.provider == "email":
                thread.reply_href = f"mailto:{thread.reply_href}?subject={quote('Re: ' + thread.title, safe='')}"
        env.globals["byline_comments"] = CommentsContext(self.settings)
        return env

    # -- the manifest for the gate ------------------------------------------------------------

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        threads = [
            Thread(t.uri, t.url, t.title, t.provider, t.policy.published, t.policy.closes, t.closed)
            for t in self.threads
            if not t.post.file.inclusion.is_excluded()
        ]
        try:
            write_manifest(Path(config.site_dir) / self.settings.manifest, threads, self.today)
        except BylineError as exc:
            raise PluginError(f"byline/comments: {exc}") from None


def _blog_plugin(config: MkDocsConfig) -> BlogPlugin:
    blogs = [p for p in config.plugins.values() if isinstance(p, BlogPlugin) and p.config.enabled]
    if len(blogs) != 1:
        raise PluginError("byline/comments: comments attach to the posts of Material's blog: enable '- blog' (once) in mkdocs.yml")
    return blogs[0]


def _registry(config: MkDocsConfig) -> Registry | None:
    """The author registry byline/authors loaded (author emails for "Reply by email")."""
    authors = config.plugins.get("byline/authors")
    return getattr(authors, "registry", None) if authors is not None and authors.config.enabled else None
