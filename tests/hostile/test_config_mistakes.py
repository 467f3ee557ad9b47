"""Configuration mistakes are one line, never a wrong result (issue 11, item 12): numbers that
are not numbers, word-list entries that could never match, a manifest path over another site
file, format tricks in ``ask_url``, two posts at one URL, duplicate YAML keys, titles too long
for a file name, and ``--diff`` on a path with spaces."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest

from hostile.helpers import POSTS_DIR, TRACEBACK, all_plugins, byline_here, files_under, hostile_blog
from support.blog import mkdocs_build

SIGNED = "---\ndate: 2024-05-01\nauthors: [jane-doe]\n---\n\n# Title\n\n"
TEXT = "I wrote this post to say one plain thing. What do you think?\n"


def _line_of(folder: Path, key: str) -> int:
    lines = (folder / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(f"{key}:"))


def _one_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    assert TRACEBACK not in text and len(lines) == 1, text
    return lines[0]


def _build_error(folder: Path) -> str:
    built = mkdocs_build(folder, strict=False)
    assert built.returncode == 1 and TRACEBACK not in built.stderr, built.stderr
    return built.stderr


# -- numbers that are not numbers --------------------------------------------------------------

@pytest.mark.parametrize(("rule", "option", "value"), [
    ("readability.flesch-reading-ease", "min_score", float("nan")),
    ("readability.long-sentences", "max_share", float("nan")),
    ("readability.grade-level", "max_grade", float("inf")),
    ("voice.score", "min_score", float("-inf")),
    ("voice.buzzwords", "max_per_100", float("nan")),
])
def test_nan_and_infinity_are_refused_in_one_line(tmp_path: Path, rule: str, option: str, value: float) -> None:
    folder = hostile_blog(tmp_path, {"a.md": SIGNED + TEXT}, settings=all_plugins(lint={"rules": {rule: {option: value}}}))
    text = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    assert ".nan" in text or ".inf" in text
    run = byline_here(folder, "lint")
    expected = f"mkdocs.yml:{_line_of(folder, option)}: {rule}: {option} must be a finite number, not {value!r}"
    assert run.code == 2 and _one_line(run.err) == f"byline: {expected}"
    assert expected in _build_error(folder)


# -- word lists --------------------------------------------------------------------------------

@pytest.mark.parametrize("entry", ["!!!", "—", "   ", "()", "_"])
def test_a_word_list_entry_without_a_word_is_refused_not_every_post_failed(tmp_path: Path, entry: str) -> None:
    settings = all_plugins(lint={"rules": {"voice.buzzwords": {"add": ["synergy", entry]}}})
    folder = hostile_blog(tmp_path, {"a.md": SIGNED + TEXT, "b.md": SIGNED + TEXT}, settings=settings)
    run = byline_here(folder, "lint")
    assert run.code == 2 and "byline.input" not in run.out
    assert _one_line(run.err) == (f"byline: mkdocs.yml:{_line_of(folder, 'add')}: voice.buzzwords: add entry {entry!r} "
                                  "has no word in it (letters or digits): it could never match")


def test_a_product_name_without_a_word_is_refused(tmp_path: Path) -> None:
    folder = hostile_blog(tmp_path, {"a.md": SIGNED + TEXT}, settings=all_plugins(authors={"products": ["Acme Cloud", "+++"]}))
    run = byline_here(folder, "lint")
    assert run.code == 2
    assert _one_line(run.err) == f"byline: mkdocs.yml:{_line_of(folder, 'products')}: byline/authors: products entry '+++' has no word in it (letters or digits)"


# -- the comments manifest ---------------------------------------------------------------------

def test_the_manifest_never_overwrites_a_site_file(tmp_path: Path) -> None:
    folder = hostile_blog(tmp_path, {"a.md": SIGNED + TEXT}, settings=all_plugins(comments={"provider": "none", "manifest": "data/prices.json"}))
    (folder / "docs" / "data").mkdir()
    (folder / "docs" / "data" / "prices.json").write_text('{"plan": 10}\n', encoding="utf-8")
    assert "manifest 'data/prices.json' would overwrite the site file made from data/prices.json" in _build_error(folder)


def test_the_manifest_never_overwrites_the_search_index(tmp_path: Path) -> None:
    settings = all_plugins(comments={"provider": "none", "manifest": "search/search_index.json"})
    settings["plugins"].insert(0, "search")
    folder = hostile_blog(tmp_path, {"a.md": SIGNED + TEXT}, settings=settings)
    assert "manifest 'search/search_index.json' would overwrite the site's search index" in _build_error(folder)


def test_the_manifest_never_replaces_another_plugins_output(tmp_path: Path) -> None:
    from byline.comments.manifest import write_manifest
    from byline.errors import BylineError

    other = tmp_path / "feed.json"
    other.write_text('{"items": []}\n', encoding="utf-8")
    with pytest.raises(BylineError, match="another file of the site is already there"):
        write_manifest(other, [], dt.date(2024, 1, 1))
    assert other.read_text(encoding="utf-8") == '{"items": []}\n'
    mine = tmp_path / "threads.json"
    write_manifest(mine, [], dt.date(2024, 1, 1))
    write_manifest(mine, [], dt.date(2024, 1, 2))  # a rebuild replaces its own manifest
    assert '"built": "2024-01-02"' in mine.read_text(encoding="utf-8")


# -- ask_url -----------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "https://example.com/ask?to={author.__class__}",
    "https://example.com/ask?to={author:>100000000}",
    "https://example.com/ask?to={author!r}",
    "https://example.com/ask?to={author[0]}",
    "https://example.com/ask?to={0}",
    "https://example.com/ask?to={subject:{author}}",
])
def test_ask_url_takes_only_plain_author_and_subject(tmp_path: Path, url: str) -> None:
    folder = hostile_blog(tmp_path, {"a.md": SIGNED + TEXT}, settings=all_plugins(authors={"ask_url": url}))
    assert "'ask_url' may only use {author} and {subject} placeholders, as written, not '" in _build_error(folder)
    assert not (folder / "site").exists() or not any((folder / "site").rglob("*.html"))


# -- one page per URL --------------------------------------------------------------------------

def test_two_posts_at_one_url_are_refused_naming_both(tmp_path: Path) -> None:
    posts = {"first.md": SIGNED + TEXT, "second.md": SIGNED + "Another post under the same title.\n"}
    err = _build_error(hostile_blog(tmp_path, posts))
    assert (f"{POSTS_DIR}/second.md:1: published at the same URL, /blog/2024/05/01/title/, as {POSTS_DIR}/first.md" in err)


def test_a_slug_that_takes_another_posts_url_is_refused(tmp_path: Path) -> None:
    posts = {"a.md": SIGNED + TEXT, "b.md": "---\ndate: 2024-05-01\nslug: title\nauthors: [jane-doe]\n---\n\n# Other\n\nWords.\n"}
    err = _build_error(hostile_blog(tmp_path, posts))
    assert f"{POSTS_DIR}/b.md:1: published at the same URL" in err and f"as {POSTS_DIR}/a.md" in err


# -- duplicate YAML keys -----------------------------------------------------------------------

def test_an_imported_authors_file_with_a_key_twice_is_refused(tmp_path: Path) -> None:
    folder = hostile_blog(tmp_path, authors={})
    source = tmp_path / ".authors.yml"
    source.write_text("authors:\n  ann:\n    name: Ann Lee\n    description: Writer\n    avatar: https://example.com/a.png\n"
                      "  ann:\n    name: Ann Other\n    description: Editor\n    avatar: https://example.com/b.png\n", encoding="utf-8")
    run = byline_here(folder, "authors", "import", str(source))
    assert run.code == 2
    assert _one_line(run.err) == (f"byline: {source}:6: broken YAML: duplicate key 'ann': YAML would keep only the last one (first on line 2)")
    assert files_under(folder / "authors") == set()


def test_a_post_with_a_key_twice_is_refused_with_both_lines(tmp_path: Path) -> None:
    post = "---\ndate: 2024-05-01\nauthors: [jane-doe]\ntitle: A\nauthors: [sam-lee]\n---\n\n# A\n\nText.\n"
    folder = hostile_blog(tmp_path, {"a.md": post})
    run = byline_here(folder, "lint", "--format", "json")
    assert run.code == 1
    assert (f"{POSTS_DIR}/a.md:5:1: error byline.input broken YAML front matter: duplicate key 'authors': YAML would keep "
            "only the last one (first on line 3)") in byline_here(folder, "lint").out


def test_mkdocs_yml_with_a_key_twice_is_refused(tmp_path: Path) -> None:
    folder = hostile_blog(tmp_path, {"a.md": SIGNED + TEXT})
    text = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text(text + "site_name: Other\n", encoding="utf-8")
    run = byline_here(folder, "lint")
    first = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("site_name:"))
    assert run.code == 2 and _one_line(run.err) == (
        f"byline: mkdocs.yml:{len(text.splitlines()) + 1}: broken YAML: duplicate key 'site_name': YAML would keep only "
        f"the last one (first on line {first})")


# -- byline new --------------------------------------------------------------------------------

@pytest.mark.parametrize("title", ["Why " * 100 + "we did it", "x" * 400, "日本語のタイトル " * 40 + "and an ASCII tail"])
def test_a_long_title_makes_a_file_name_every_file_system_takes(tmp_path: Path, title: str) -> None:
    folder = hostile_blog(tmp_path)
    run = byline_here(folder, "new", title, "--author", "jane-doe", "--date", "2024-05-01")
    assert run.code == 0, run.err
    written = next((folder / POSTS_DIR).glob("2024-05-01-*.md"))
    assert len(written.name.encode()) <= 100 and not written.stem.endswith("-")
    assert f"# {' '.join(title.split())}\n" in written.read_text(encoding="utf-8")


# -- --diff ------------------------------------------------------------------------------------

def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com"})


@pytest.mark.parametrize("name", ["my post.md", 'a "quoted" post.md', "tab\there.md", "café au lait.md"])
def test_diff_keeps_posts_whose_path_git_quotes_or_pads(tmp_path: Path, name: str) -> None:
    long_sentence = " ".join(["word"] * 30) + ".\n"
    folder = hostile_blog(tmp_path, {name: SIGNED + TEXT})
    _git(folder, "init", "-q")
    _git(folder, "-c", "diff.mnemonicPrefix=true", "add", ".")
    _git(folder, "commit", "-q", "-m", "base")
    _git(folder, "config", "diff.mnemonicPrefix", "true")  # i/ and w/ instead of a/ and b/
    (folder / POSTS_DIR / name).write_text(SIGNED + TEXT + "\n" + long_sentence, encoding="utf-8")
    run = byline_here(folder, "lint", "--diff", "HEAD", "--format", "json")
    found = [(Path(f["path"]).name, x["rule"], x["line"]) for f in json.loads(run.out)["files"] for x in f["findings"]]
    assert (name, "readability.long-sentence", 10) in found
