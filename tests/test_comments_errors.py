"""Each configuration mistake stops `mkdocs build` with one clear error line naming file and line,
a non-zero exit, and nothing written into the site."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from support.blog import mkdocs_build
from support.comments_site import EPOCH, GISCUS, write_site

ISSO = {"url": "http://127.0.0.1:8080"}
POST = {"date": dt.date(2024, 5, 1), "authors": ["jane"], "categories": ["Engineering"]}

CASES = {
    "unknown provider": (
        {"provider": "dsqus"}, None,
        "mkdocs.yml:6: byline/comments: unknown provider 'dsqus': choose one of isso, giscus, email, none",
    ),
    "missing isso url": (
        {"provider": "isso"}, None,
        "mkdocs.yml:6: byline/comments: provider isso needs isso.url",
    ),
    "missing giscus ids": (
        {"provider": "giscus", "giscus": {"repo": GISCUS["repo"], "category": "Comments"}}, None,
        "mkdocs.yml:6: byline/comments: provider giscus needs giscus.repo_id, giscus.category_id",
    ),
    "settings for an unused provider": (
        {"provider": "email", "isso": ISSO}, None,
        "mkdocs.yml:6: byline/comments: 'isso' settings are given but no post uses the isso provider (provider: email)",
    ),
    "closing without comments": (
        {"provider": "none", "close_after_days": 30}, None,
        "mkdocs.yml:6: byline/comments: 'close_after_days' has no effect",
    ),
    "misspelt setting": (  # under --strict MkDocs itself stops first, on its own warning
        {"provider": "isso", "isso": ISSO, "close_after": 3}, None,
        "Config value 'plugins': Plugin 'byline/comments' option 'close_after': Unrecognised configuration name",
    ),
    "bad post override": (
        {"provider": "isso", "isso": ISSO}, {**POST, "comments": {"close_after_days": "soon"}},
        "docs/blog/posts/post.md:7: comments: 'close_after_days' must be a whole number of days",
    ),
    "post asks for comments on a provider none site": (
        {"provider": "none"}, {**POST, "comments": {"close_after_days": 3}},
        "docs/blog/posts/post.md:7: comments: this post asks for comments but its provider is none",
    ),
    "categories with different providers": (
        {"provider": "isso", "isso": ISSO, "categories": {"Support": "email", "Quiet": "none"}, "email": {"address": "help@example.com"}},
        {**POST, "categories": ["Support", "Quiet"]},
        "docs/blog/posts/post.md:5: comments: this post's categories ask for different providers",
    ),
    "email replies without an address": (
        {"provider": "email"}, {**POST, "authors": ["ana"]},
        "docs/blog/posts/post.md:3: comments: replies to this post go by email, but none of its authors (ana) has an email",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_configuration_error_is_one_line_and_fails_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str):
    block, post, expected = CASES[case]
    write_site(tmp_path, block, posts={"post": post or POST})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = mkdocs_build(tmp_path)  # --strict, as the README builds
    output = result.stdout + result.stderr
    problems = [line for line in output.splitlines() if line.startswith(("ERROR", "WARNING"))]
    assert result.returncode != 0, output
    assert len(problems) == 1, output
    assert problems[0].split(" -  ", 1)[1].startswith(expected), output
    assert "Traceback" not in output
    assert not list((tmp_path / "site").rglob("*.html"))


def test_without_strict_a_misspelt_setting_is_still_an_error_with_a_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    write_site(tmp_path, {"provider": "isso", "isso": ISSO, "close_after": 3}, posts={"post": POST})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = mkdocs_build(tmp_path, strict=False)
    errors = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("ERROR")]
    assert result.returncode != 0
    assert errors == ["ERROR   -  mkdocs.yml:6: byline/comments: unknown setting 'close_after'; did you mean 'close_after_days'?"]


def test_a_bad_source_date_epoch_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    write_site(tmp_path, {"provider": "isso", "isso": ISSO}, posts={"post": POST})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "last tuesday")
    result = mkdocs_build(tmp_path)
    errors = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("ERROR")]
    assert result.returncode != 0
    assert errors == ["ERROR   -  SOURCE_DATE_EPOCH: 'last tuesday' is not whole seconds since 1970-01-01 (e.g. 1714521600)"]
