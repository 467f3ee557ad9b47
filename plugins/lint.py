"""The ``byline/lint`` plugin: ``byline lint``'s rules on every post during ``mkdocs build`` and
``mkdocs serve``.

It reads the same block the CLI reads (one home for configuration) and the same engine decides.
Findings are logged with path, line and column: info as INFO, warnings as WARNING (``--strict``
fails on them), errors stop the build in one message. Each post's metrics go to the log too.

With a second core, the posts are linted in a forked child (``plugins/background.py``) while
MkDocs converts the pages; the findings are logged, and errors stop the build, in ``on_env``,
before any page is written. Otherwise they are linted in ``on_files``, before Material reads them.

Results are cached by the post's content hash (and the settings' fingerprint). The plugin defines
``on_startup``, so ``mkdocs serve`` keeps this instance across rebuilds and re-lints only the
posts whose bytes changed. When ``byline/authors`` is enabled it already stops the build on
``byline.*`` problems before Material reads the posts, so this plugin leaves that family to it.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from byline.authors import load_registry
from byline.config import load_site_config
from byline.engine import SUFFIXES, FileResult, Linter
from byline.errors import BylineError
from byline.findings import Severity
from byline.rules import summarize
from byline.errors import Where
from byline.settings import parse_block
from byline.plugins.background import Background

log = logging.getLogger("mkdocs.plugins.byline.lint")


class LintPluginConfig(Config):
    """The ``byline/lint`` block; docs/guide/reference-lint.md ("Configuration") documents each key."""

    #: Turn the plugin off without removing its settings (``byline lint`` still reads them).
    enabled = c.Type(bool, default=True)
    #: Lowest severity that fails ``byline lint`` (the build: errors fail, warnings with --strict).
    fail_on = c.Choice(("error", "warning", "info"), default="error")
    #: Rule ids or families mapped to off, on, a severity, or options.
    rules = c.Type(dict, default={})
    #: Per-path settings: a list of ``{files: GLOB or [GLOB...], rules: {...}}``.
    overrides = c.Type(list, default=[])


class LintPlugin(BasePlugin[LintPluginConfig]):
    """Lints the blog's posts during the build; see the module docstring."""

    def __init__(self) -> None:
        super().__init__()
        self.cache: dict[str, FileResult] = {}
        self.linter: Linter
        self.fingerprint = ""
        self.prefix = ""
        self.posts: list[tuple[str, str, bytes]] = []  # content key, path as shown, bytes
        self.missing: list[tuple[str, bytes]] = []  # path as shown and bytes of posts not in the cache
        self.running: Background[FileResult] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Present so ``mkdocs serve`` keeps this instance, and its cache, across rebuilds."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        path = Path(config.config_file_path or "mkdocs.yml").resolve()
        try:
            site = load_site_config(path)
            text = path.read_text(encoding="utf-8")
            match = re.search(r"^\s*-\s*[\"']?byline/lint\b", text, re.MULTILINE)
            where = Where(os.path.relpath(path), text, text.count("\n", 0, match.start()) + 1 if match else 1)
            # Every key, unknown ones too: a lenient build refuses what `byline lint` refuses.
            settings = parse_block(dict(self.config), where, root=site.root)
        except BylineError as exc:
            raise PluginError(str(exc)) from None
        authors = config.plugins.get("byline/authors")
        skip = frozenset({"byline"}) if authors is not None and authors.config.enabled else frozenset()
        registry = None if skip else load_registry(site.authors_dir, site.company_names, root=site.root)
        self.linter = Linter(settings, registry, site, skip)
        self.prefix = site.posts_dir.relative_to(site.docs_dir).as_posix().rstrip("/") + "/" if site.posts_dir.is_relative_to(site.docs_dir) else ""
        ids = sorted(registry.authors) if registry else []
        self.fingerprint = hashlib.sha256(repr((settings, ids, site.company_names, sorted(skip))).encode()).hexdigest()
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Read the posts; lint the ones not in the cache, in a forked child when there is a
        second core (MkDocs converts the pages meanwhile), or here."""
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.posts = []
        for file in files.documentation_pages():
            if not file.src_uri.startswith(self.prefix) or not file.src_uri.lower().endswith(SUFFIXES):
                continue
            shown = os.path.relpath(file.abs_src_path, root) if file.abs_src_path else file.src_uri
            data = Path(file.abs_src_path).read_bytes() if file.abs_src_path else file.content_bytes
            key = hashlib.sha256(self.fingerprint.encode() + shown.encode() + b"\0" + data).hexdigest()
            self.posts.append((key, shown, data))
        self.missing = [(shown, data) for key, shown, data in self.posts if key not in self.cache]
        self.running = Background.start(partial(_lint_all, self.linter, self.missing)) if self.missing else None
        if self.running is None:
            self._report(list(_lint_all(self.linter, self.missing)))
        return files

    @event_priority(100)  # first: a post with errors stops the build before any page is written
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> None:
        if self.config.enabled and self.running is not None:
            results = self.running.result()
            self._report(results if results is not None else list(_lint_all(self.linter, self.missing)))

    def on_build_error(self, *, error: Exception) -> None:
        if self.running is not None:
            self.running.cancel()

    def _report(self, fresh: list[FileResult]) -> None:
        """Log every post's findings and metrics in the order of the files; errors stop the build."""
        linted = iter(fresh)
        errors: list[str] = []
        seen: dict[str, FileResult] = {}
        for key, _, _ in self.posts:
            result = self.cache.get(key) or next(linted)
            seen[key] = result
            for finding in result.findings:
                line = f"{finding.path}:{finding.line}:{finding.column}: {finding.rule} {finding.message}"
                if finding.severity is Severity.ERROR:
                    errors.append(line)
                elif finding.severity is Severity.WARNING:
                    log.warning(line)
                else:
                    log.info(line)
            if result.metrics:
                log.info(f"{result.path}: " + "; ".join(summarize(f, v) for f, v in result.metrics.items()))
        self.cache = seen  # forget posts that changed or went away
        self.running, self.missing = None, []
        if errors:
            raise PluginError(f"byline/lint: {len(errors)} error(s) in posts:\n" + "\n".join(errors))


def _lint_all(linter: Linter, posts: list[tuple[str, bytes]]) -> Iterator[FileResult]:
    return (linter.lint_bytes(data, shown) for shown, data in posts)
