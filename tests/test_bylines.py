"""The byline rule: every post, drafts included, is signed with registry ids. The same message
comes from the rule, from `byline lint` and from `mkdocs build` (before Material's KeyError)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from byline.authors import load_registry
from byline.bylines import check_bylines
from byline.posts import parse_post
from support.blog import AUTHORS, POSTS, byline, mkdocs_build, write_blog

VALID = "valid ids: jane-doe, sam-lee"

#: case -> (front matter lines, rule, message); `authors:` is always on line 3 of the file.
BAD_BYLINES = {
    "unknown id": ("authors: [jane-do]", "byline.unknown-author", f"unknown author 'jane-do': did you mean 'jane-doe'? {VALID}"),
    "unknown id, no near match": ("authors: [zed]", "byline.unknown-author", f"unknown author 'zed': {VALID}"),
    "string": ("authors: jane-doe", "byline.authors-format", "'authors: jane-doe' is a text: write a list, authors: [jane-doe]"),
    "empty list": ("authors: []", "byline.authors-format", "'authors:' must be a non-empty list of author ids, e.g. [jane-doe]"),
    "not an id": ("authors: [{name: Jane}]", "byline.authors-format", "author '{'name': 'Jane'}' is not an id: write ids from authors/, e.g. [jane-doe]"),
    "listed twice": ("authors: [jane-doe, jane-doe]", "byline.authors-format", "author 'jane-doe' is listed twice: list each author once"),
    "draft with unknown id": ("authors: [sam-le]\ndraft: true", "byline.unknown-author", f"unknown author 'sam-le': did you mean 'sam-lee'? {VALID}"),
}


def _post(front: str) -> str:
    return f"---\ndate: 2024-05-02\n{front}\n---\n\n# Bad\n\nWords.\n\n<!-- more -->\n\nMore.\n"


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory):
    folder = write_blog(tmp_path_factory.mktemp("registry"))
    return load_registry(folder / "authors")


@pytest.mark.parametrize("case", sorted(BAD_BYLINES))
def test_rule(registry, case: str) -> None:
    front, rule, message = BAD_BYLINES[case]
    findings = check_bylines(parse_post(_post(front), "bad.md"), registry)
    assert [(f.path, f.line, f.rule, f.message) for f in findings] == [("bad.md", 3, rule, message)]


def test_missing_authors(registry) -> None:
    findings = check_bylines(parse_post("---\ndate: 2024-05-02\n---\n# Unsigned\n", "bad.md"), registry)
    assert [(f.line, f.rule, f.message) for f in findings] == [
        (1, "byline.missing-author", "no 'authors:' in front matter: sign the post, e.g. authors: [jane-doe]")]


def test_toml_front_matter(registry) -> None:
    post = parse_post('+++\ntitle = "x"\nauthors = ["jane-doe", "bob"]\n+++\nText\n', "bad.md")
    assert [(f.line, f.message) for f in check_bylines(post, registry)] == [(3, f"unknown author 'bob': {VALID}")]


def test_signed_post_passes(registry) -> None:
    assert check_bylines(parse_post(POSTS["hello.md"], "hello.md"), registry) == []


@pytest.mark.parametrize("case", ["unknown id", "string", "draft with unknown id", "listed twice"])
def test_build_fails_with_the_line(tmp_path: Path, case: str) -> None:
    front, _, message = BAD_BYLINES[case]
    folder = write_blog(tmp_path, posts={**POSTS, "bad.md": _post(front)})
    result = mkdocs_build(folder)
    assert result.returncode == 1, result.stderr
    assert re.search(rf"^docs/blog/posts/bad\.md:3: {re.escape(message)}$", result.stderr, re.MULTILINE), result.stderr
    assert "KeyError" not in result.stderr and "Traceback" not in result.stderr


def test_build_reports_a_missing_byline_and_every_bad_post(tmp_path: Path) -> None:
    posts = {**POSTS, "a.md": "---\ndate: 2024-05-02\n---\n# A\n", "b.md": _post("authors: jane-doe")}
    result = mkdocs_build(write_blog(tmp_path, posts=posts))
    assert result.returncode == 1
    assert "byline/authors: 2 problem(s) in the posts' front matter:" in result.stderr
    assert "\ndocs/blog/posts/a.md:1: no 'authors:' in front matter: sign the post, e.g. authors: [jane-doe]\n" in result.stderr
    assert "\ndocs/blog/posts/b.md:3: 'authors: jane-doe' is a text: write a list, authors: [jane-doe]\n" in result.stderr


def test_build_reports_broken_front_matter_with_its_line(tmp_path: Path) -> None:
    posts = {**POSTS, "bad.md": "---\ndate: 2024-05-02\nauthors: [jane-doe\ntitle: x\n---\n# Bad\n"}
    result = mkdocs_build(write_blog(tmp_path, posts=posts))
    assert result.returncode == 1
    assert "\ndocs/blog/posts/bad.md:4: broken YAML front matter: expected ',' or ']', but got ':'\n" in result.stderr


def test_lint_command_reports_the_same_finding(tmp_path: Path) -> None:
    folder = write_blog(tmp_path, posts={**POSTS, "bad.md": _post("authors: [jane-do]")})
    result = byline(folder, "lint")
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(
        rf"^docs/blog/posts/bad\.md:3:1: error byline\.unknown-author {re.escape(BAD_BYLINES['unknown id'][2])}$",
        _relative(result.stdout, folder), re.MULTILINE), result.stdout


def test_lint_command_has_no_byline_finding_on_signed_posts(tmp_path: Path) -> None:
    result = byline(write_blog(tmp_path, authors=AUTHORS), "lint")
    assert result.returncode in (0, 1), result.stderr  # other rule families may warn on these tiny posts
    assert "byline." not in result.stdout + result.stderr


def _relative(output: str, folder: Path) -> str:
    return output.replace(f"{folder}/", "")
