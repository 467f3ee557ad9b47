"""The byline/lint plugin: the same rules during ``mkdocs build``, findings in the build log with
path and line, errors fail the build, warnings fail --strict, results cached by content hash."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files

from byline.cli import main
from byline.engine import Linter
from byline.plugins import background
from support.blog import config, mkdocs_build, write_blog

REPO = Path(__file__).resolve().parents[1]
SIGNED = "---\ndate: 2024-05-01\nauthors: [jane-doe]\n---\n\n# Title\n\n"
PASSIVE = "It was made. It was seen. It was done. It was said. Ann ran. Sam hid. Bo sang. Al won.\n"


def blog(tmp_path: Path, block: dict, posts: dict[str, str]) -> Path:
    settings = config()
    settings["plugins"].append({"byline/lint": {"rules": {"voice": "off"}, **block}})
    return write_blog(tmp_path, posts=posts, settings=settings)


def test_findings_appear_in_the_build_log_and_warnings_fail_strict(tmp_path: Path) -> None:
    folder = blog(tmp_path, {}, {"a.md": SIGNED + "Fine words here.\n\n" + PASSIVE})
    built = mkdocs_build(folder, strict=False)
    assert built.returncode == 0, built.stderr
    assert ("WARNING -  docs/blog/posts/a.md:10:4: readability.passive-voice 44% of sentences are passive (4 of 9; max 10%)"
            in built.stderr)
    assert "INFO    -  docs/blog/posts/a.md:10:1: readability.repeated-start 4 sentences in a row start with 'It'" in built.stderr
    assert "INFO    -  docs/blog/posts/a.md: 23 words, reading ease" in built.stderr  # metrics of every post
    strict = mkdocs_build(folder, strict=True)
    assert strict.returncode == 1 and "Aborted with 1 warnings in strict mode!" in strict.stdout + strict.stderr


def test_errors_fail_the_build_with_every_error_listed(tmp_path: Path) -> None:
    folder = blog(tmp_path, {"rules": {"readability.passive-voice": "error"}}, {"a.md": SIGNED + PASSIVE, "b.md": SIGNED.replace("# Title", "# Second") + PASSIVE})
    built = mkdocs_build(folder, strict=False)
    assert built.returncode == 1
    assert "byline/lint: 2 error(s) in posts:" in built.stderr
    assert "docs/blog/posts/a.md:8:4: readability.passive-voice" in built.stderr and "docs/blog/posts/b.md:8:4:" in built.stderr


def test_configuration_errors_stop_the_build_with_one_line(tmp_path: Path) -> None:
    folder = blog(tmp_path, {"rules": {"readability.long-sentense": "off"}}, {"a.md": SIGNED + "Fine.\n"})
    built = mkdocs_build(folder, strict=False)
    assert built.returncode == 1
    assert "mkdocs.yml:" in built.stderr and "unknown rule 'readability.long-sentense': did you mean 'readability.long-sentence'?" in built.stderr


def test_byline_rules_are_left_to_byline_authors_when_it_runs(tmp_path: Path) -> None:
    folder = blog(tmp_path, {}, {"a.md": "---\ndate: 2024-05-01\nauthors: [nobody]\n---\n\nFine.\n"})
    built = mkdocs_build(folder, strict=False)
    assert built.returncode == 1
    assert "unknown author 'nobody'" in built.stderr and "byline.unknown-author" not in built.stderr  # reported once, by byline/authors


def _plugin(folder: Path) -> tuple[MkDocsConfig, Any]:
    mkdocs_config = load_config(str(folder / "mkdocs.yml"))
    return mkdocs_config, mkdocs_config.plugins["byline/lint"]


def _lint_events(mkdocs_config: MkDocsConfig, plugin: Any) -> None:
    """The plugin's part of one build: configuration, files (lint starts), env (findings)."""
    plugin.on_config(mkdocs_config)
    files = get_files(mkdocs_config)
    plugin.on_files(files, config=mkdocs_config)
    plugin.on_env(None, config=mkdocs_config, files=files)


def test_results_are_cached_by_content_hash(tmp_path: Path, monkeypatch) -> None:
    folder = blog(tmp_path, {}, {"a.md": SIGNED + "One.\n", "b.md": SIGNED + "Two.\n"})
    calls: list[str] = []
    original = Linter.lint_bytes
    monkeypatch.setattr(Linter, "lint_bytes", lambda self, data, shown: calls.append(shown) or original(self, data, shown))
    monkeypatch.setattr(threading, "active_count", lambda: 3)  # mkdocs serve: a watcher and a server
    monkeypatch.chdir(folder)
    mkdocs_config, plugin = _plugin(folder)
    plugin.on_startup(command="serve", dirty=False)

    def rebuild() -> list[str]:
        calls.clear()
        _lint_events(mkdocs_config, plugin)  # as each serve rebuild does (only this plugin matters here)
        return sorted(calls)

    assert rebuild() == ["docs/blog/posts/a.md", "docs/blog/posts/b.md"]
    assert rebuild() == []  # nothing changed: nothing re-linted
    (folder / "docs/blog/posts/b.md").write_text(SIGNED + "Two, changed.\n", encoding="utf-8")
    assert rebuild() == ["docs/blog/posts/b.md"]


def test_the_example_blog_passes_its_own_lint_without_warnings(monkeypatch, capsys) -> None:
    monkeypatch.chdir(REPO)
    assert main(["lint", "--fail-on", "warning", "-q"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].endswith("fail on warning: exit 0.") and " warning " not in out


def test_posts_are_linted_in_a_forked_child_with_the_same_results(tmp_path: Path, monkeypatch) -> None:
    """With a second core, the build goes on while a child lints: nothing is linted in the build's
    own process, and the findings reported are those of linting in-process."""
    folder = blog(tmp_path, {}, {"a.md": SIGNED + "Fine words here.\n\n" + PASSIVE, "b.md": SIGNED + "Two.\n"})
    monkeypatch.chdir(folder)
    monkeypatch.setattr(background, "_usable_cpus", lambda: 2)
    calls: list[str] = []
    original = Linter.lint_bytes
    monkeypatch.setattr(Linter, "lint_bytes", lambda self, data, shown: calls.append(shown) or original(self, data, shown))
    mkdocs_config, plugin = _plugin(folder)
    _lint_events(mkdocs_config, plugin)
    assert calls == []  # all of it ran in the child
    forked = dict(plugin.cache)
    plugin.cache.clear()
    monkeypatch.setattr(background, "_usable_cpus", lambda: 1)
    _lint_events(mkdocs_config, plugin)
    assert sorted(calls) == ["docs/blog/posts/a.md", "docs/blog/posts/b.md"]
    assert forked == plugin.cache and any(result.findings for result in forked.values())


def test_errors_found_by_the_child_stop_the_build_before_any_page_is_written(tmp_path: Path, monkeypatch) -> None:
    folder = blog(tmp_path, {"rules": {"readability.passive-voice": "error"}}, {"a.md": SIGNED + PASSIVE})
    monkeypatch.chdir(folder)
    monkeypatch.setattr(background, "_usable_cpus", lambda: 2)
    mkdocs_config, plugin = _plugin(folder)
    with pytest.raises(PluginError, match=r"byline/lint: 1 error\(s\) in posts:\ndocs/blog/posts/a.md:8:4: readability.passive-voice"):
        _lint_events(mkdocs_config, plugin)
    built = mkdocs_build(folder, strict=False)
    assert built.returncode == 1 and "byline/lint: 1 error(s)" in built.stderr
    assert not (folder / "site").exists() or not any((folder / "site").rglob("*.html"))


def test_a_child_that_stalls_is_killed_and_the_build_lints_itself(tmp_path: Path, monkeypatch) -> None:
    """The forked lint has a deadline: past it the child is killed and the posts are linted here,
    with the same verdict (the passive-voice error stops the build)."""
    folder = blog(tmp_path, {"rules": {"readability.passive-voice": "error"}}, {"a.md": SIGNED + PASSIVE})
    monkeypatch.chdir(folder)
    monkeypatch.setattr(background, "_usable_cpus", lambda: 2)
    monkeypatch.setattr(background, "DEADLINE", 0.5)
    build_pid = os.getpid()
    original = Linter.lint_bytes

    def stalls_in_the_child(self: Linter, data: bytes, shown: str) -> Any:
        if os.getpid() != build_pid:
            time.sleep(3600)
        return original(self, data, shown)

    monkeypatch.setattr(Linter, "lint_bytes", stalls_in_the_child)
    mkdocs_config, plugin = _plugin(folder)
    plugin.on_config(mkdocs_config)
    files = get_files(mkdocs_config)
    plugin.on_files(files, config=mkdocs_config)
    child = plugin.running
    assert child is not None
    with pytest.raises(PluginError, match=r"docs/blog/posts/a.md:8:4: readability.passive-voice"):
        plugin.on_env(None, config=mkdocs_config, files=files)
    with pytest.raises(ProcessLookupError):
        os.kill(child.pid, 0)
