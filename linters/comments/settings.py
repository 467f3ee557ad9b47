"""The ``byline/comments`` settings and a post's ``comments:`` front matter, checked as data.

Every mistake is one :class:`BylineError` naming the file and line: an unknown provider, a
provider without the settings it needs, or settings that contradict each other (a block for a
provider no post uses, closing threads on a site without comments). The plugin and the CLI both
read settings through :func:`parse_settings`, so they cannot disagree.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from byline.comments.closing import closes_on, is_closed
from byline.errors import BylineError
from byline.hints import did_you_mean

PROVIDERS = ("isso", "giscus", "email", "none")
OPTIONS = ("enabled", "provider", "close_after_days", "categories", "isso", "giscus", "email", "manifest")
ISSO_OPTIONS = ("url",)
GISCUS_REQUIRED = ("repo", "repo_id", "category", "category_id")
GISCUS_OPTIONS = (*GISCUS_REQUIRED, "theme", "lang")
EMAIL_OPTIONS = ("address",)
POST_OPTIONS = ("close_after_days",)
DEFAULT_MANIFEST = "byline/threads.json"

_EMAIL = re.compile(r"[^@\s<>\"',?]+@[^@\s<>\"',?]+\.[^@\s<>\"',?]+")
_REPO = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")

#: Finds the line of a key path inside the plugin block (None when unknown).
Locate = Callable[[tuple[str, ...]], "int | None"]


@dataclass(frozen=True)
class IssoSettings:
    url: str  # the Isso server's public address, without a trailing slash


@dataclass(frozen=True)
class GiscusSettings:
    repo: str
    repo_id: str
    category: str
    category_id: str
    theme: str = "preferred_color_scheme"
    lang: str = "en"


@dataclass(frozen=True)
class CommentSettings:
    """Validated site-wide settings. ``categories`` maps a blog category to the provider its
    posts use instead of ``provider`` (one section of the blog can take replies by email)."""

    provider: str = "none"
    close_after_days: int | None = None
    categories: Mapping[str, str] = field(default_factory=dict)
    isso: IssoSettings | None = None
    giscus: GiscusSettings | None = None
    email_address: str | None = None
    manifest: str = DEFAULT_MANIFEST
    enabled: bool = True

    @property
    def providers_in_use(self) -> frozenset[str]:
        return frozenset({self.provider, *self.categories.values()})


@dataclass(frozen=True)
class PostComments:
    """What a post's front matter asks: ``comments: false``, ``true`` or ``{close_after_days: N}``.
    ``enabled`` is None when the post says nothing; ``close_after_days`` None inherits the site's."""

    enabled: bool | None = None
    close_after_days: int | None = None


@dataclass(frozen=True)
class ThreadPolicy:
    """The build's decision for one post's thread."""

    provider: str
    published: dt.date
    closes: dt.date | None
    closed: bool


def parse_settings(block: Mapping[str, Any], path: str, locate: Locate | None = None) -> CommentSettings:
    """Check the plugin block of ``mkdocs.yml`` (``path``) and return its settings."""
    where = locate or (lambda keys: None)

    def fail(keys: tuple[str, ...], message: str) -> BylineError:
        return BylineError(path, where(keys), f"byline/comments: {message}")

    _no_unknown(block, OPTIONS, (), fail)
    enabled = block.get("enabled", True)
    if not isinstance(enabled, bool):
        raise fail(("enabled",), f"'enabled' must be true or false, not '{enabled}'")
    provider = _provider(block.get("provider"), ("provider",), fail, required=True)
    categories = block.get("categories") or {}
    if not isinstance(categories, Mapping) or not all(isinstance(k, str) for k in categories):
        raise fail(("categories",), "'categories' maps a blog category to a provider, e.g. {Support: email}")
    by_category = {name: _provider(value, ("categories", name), fail) for name, value in categories.items()}
    in_use = {provider, *by_category.values()}
    close_after_days = _days(block.get("close_after_days"), ("close_after_days",), fail)
    if close_after_days is not None and in_use == {"none"}:
        raise fail(("close_after_days",), "'close_after_days' has no effect: no post has comments (provider: none); remove it or choose a provider")
    for name in ("isso", "giscus", "email"):
        if block.get(name) is not None and name not in in_use:
            raise fail((name,), f"'{name}' settings are given but no post uses the {name} provider (provider: {provider}); remove them or set provider: {name}")
    return CommentSettings(
        provider=provider,
        close_after_days=close_after_days,
        categories=by_category,
        isso=_isso(block.get("isso"), fail) if "isso" in in_use else None,
        giscus=_giscus(block.get("giscus"), fail) if "giscus" in in_use else None,
        email_address=_email(block.get("email"), fail),
        manifest=_manifest(block.get("manifest", DEFAULT_MANIFEST), fail),
        enabled=enabled,
    )


def parse_post_comments(value: Any, path: str, line_of: Callable[[str], int | None]) -> PostComments:
    """Check a post's ``comments:`` front matter (``value`` is None when the key is absent);
    ``line_of`` finds a front-matter key's line, asked only when there is an error to report."""
    if value is None:
        return PostComments()
    if isinstance(value, bool):
        return PostComments(enabled=value)

    def fail(keys: tuple[str, ...], message: str) -> BylineError:
        return BylineError(path, line_of("comments"), f"comments: {message}")

    if not isinstance(value, Mapping):
        raise fail((), f"'{value}' is not understood: write comments: false, or comments: {{close_after_days: 30}}")
    for key in value:
        if key not in POST_OPTIONS:
            raise fail((), f"unknown setting '{key}'{did_you_mean(str(key), POST_OPTIONS, 'known settings')}")
    return PostComments(close_after_days=_days(value.get("close_after_days"), ("close_after_days",), fail))


def decide_thread(
    settings: CommentSettings,
    asked: PostComments,
    categories: list[str],
    published: dt.date,
    today: dt.date,
    path: str,
    line_of: Callable[[str], int | None],
) -> ThreadPolicy | None:
    """The post's thread, or None when it has none (``comments: false`` or provider none)."""
    matched = {settings.categories[c]: c for c in categories if c in settings.categories}
    if len(matched) > 1:
        pairs = ", ".join(f"'{c}' ({p})" for p, c in sorted(matched.items()))
        raise BylineError(path, line_of("categories"), f"comments: this post's categories ask for different providers: {pairs}; map only one of them in byline/comments categories")
    provider = next(iter(matched), settings.provider)
    if asked.enabled is False:
        return None
    if provider == "none":
        if asked.enabled or asked.close_after_days is not None:
            raise BylineError(path, line_of("comments"), "comments: this post asks for comments but its provider is none; remove 'comments:' or choose a provider in byline/comments")
        return None
    days = asked.close_after_days if asked.close_after_days is not None else settings.close_after_days
    closes = closes_on(published, days)
    return ThreadPolicy(provider, published, closes, is_closed(closes, today))


def _no_unknown(block: Mapping[str, Any], known: tuple[str, ...], parent: tuple[str, ...], fail: Callable[..., BylineError]) -> None:
    for key in block:
        if key not in known:
            name = ".".join((*parent, str(key)))
            raise fail((*parent, str(key)), f"unknown setting '{name}'{did_you_mean(str(key), known, 'known settings')}")


def _provider(value: Any, keys: tuple[str, ...], fail: Callable[..., BylineError], required: bool = False) -> str:
    choices = ", ".join(PROVIDERS)
    if value is None and required:
        raise fail(keys, f"choose a provider: provider: isso (or {', '.join(PROVIDERS[1:])})")
    if not isinstance(value, str) or value not in PROVIDERS:
        close = difflib.get_close_matches(str(value), PROVIDERS, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise fail(keys, f"unknown provider '{value}': {hint}choose one of {choices}")
    return value


def _days(value: Any, keys: tuple[str, ...], fail: Callable[..., BylineError]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise fail(keys, f"'close_after_days' must be a whole number of days (0 or more), not '{value}'")
    return value


def _section(value: Any, name: str, known: tuple[str, ...], fail: Callable[..., BylineError]) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise fail((name,), f"'{name}' must be a mapping of settings ({', '.join(known)})")
    _no_unknown(value, known, (name,), fail)
    return value


def _isso(value: Any, fail: Callable[..., BylineError]) -> IssoSettings:
    section = _section(value, "isso", ISSO_OPTIONS, fail)
    url = section.get("url")
    if url is None:
        raise fail(("isso",) if value is not None else ("provider",), "provider isso needs isso.url, the public address of your Isso server (e.g. https://comments.example.com)")
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise fail(("isso", "url"), f"isso.url '{url}' must be an http(s) address like https://comments.example.com")
    return IssoSettings(url.rstrip("/"))


def _giscus(value: Any, fail: Callable[..., BylineError]) -> GiscusSettings:
    section = _section(value, "giscus", GISCUS_OPTIONS, fail)
    missing = [k for k in GISCUS_REQUIRED if not (isinstance(section.get(k), str) and section[k].strip())]
    if missing:
        keys = ", ".join(f"giscus.{k}" for k in missing)
        raise fail(("giscus",) if value is not None else ("provider",), f"provider giscus needs {keys} (copy the ids from https://giscus.app)")
    if not _REPO.fullmatch(section["repo"]):
        raise fail(("giscus", "repo"), f"giscus.repo '{section['repo']}' must be owner/name")
    for key in ("theme", "lang"):
        if key in section and not (isinstance(section[key], str) and section[key].strip()):
            raise fail(("giscus", key), f"giscus.{key} must be a text")
    return GiscusSettings(**{k: str(v).strip() for k, v in section.items()})


def _email(value: Any, fail: Callable[..., BylineError]) -> str | None:
    address = _section(value, "email", EMAIL_OPTIONS, fail).get("address")
    if address is not None and not (isinstance(address, str) and _EMAIL.fullmatch(address)):
        raise fail(("email", "address"), f"email.address '{address}' is not an address like replies@example.com")
    return address


def _manifest(value: Any, fail: Callable[..., BylineError]) -> str:
    path = PurePosixPath(value) if isinstance(value, str) and value.strip() else None
    if path is None or path.is_absolute() or ".." in path.parts or path.suffix != ".json":
        raise fail(("manifest",), f"manifest '{value}' must be a .json path inside the built site, e.g. {DEFAULT_MANIFEST}")
    return path.as_posix()


def locator(mkdocs_yml_text: str, plugin: str = "byline/comments") -> Locate:
    """Line numbers of keys inside the plugin's block of ``mkdocs.yml`` (found by indentation,
    because MkDocs hands plugins plain dicts without positions)."""
    lines = mkdocs_yml_text.splitlines()
    head = re.compile(rf"^(\s*)-\s*['\"]?{re.escape(plugin)}['\"]?\s*:")
    start = next((i for i, text in enumerate(lines) if head.match(text)), None)

    def locate(keys: tuple[str, ...]) -> int | None:
        if start is None:
            return None
        base = len(head.match(lines[start]).group(1))  # type: ignore[union-attr]
        found = start
        for key in keys:
            pattern = re.compile(rf"^\s*['\"]?{re.escape(key)}['\"]?\s*:")
            for i in range(found + 1, len(lines)):
                text = lines[i]
                if text.strip() and not text.lstrip().startswith("#") and len(text) - len(text.lstrip()) <= base:
                    return found + 1
                if pattern.match(text):
                    found = i
                    break
            else:
                return found + 1
        return found + 1

    return locate
