"""The README is a front door: it fits on a few screens, keeps the two commands CI and newcomers
run, and every link in it lands: a file of the repository, a heading in it, or, for the guide's
pages, a heading of the page as the example site builds it. The reference lives in the guide."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from lxml import html
from markdown_it import MarkdownIt

from support.blog import mkdocs_build, write_blog

MAX_LINES, MAX_BYTES = 150, 8 * 1024


def readme(repo: Path) -> str:
    return (repo / "README.md").read_text(encoding="utf-8")


def links(text: str) -> list[str]:
    """Every link and image target of the Markdown, as markdown-it reads it (code is skipped)."""
    found = []
    stack = MarkdownIt("commonmark").parse(text)
    while stack:
        token = stack.pop()
        stack += token.children or []
        if token.type in ("link_open", "image"):
            found.append(token.attrs.get("href") or token.attrs.get("src"))
    return sorted(found)


def github_anchors(text: str) -> set[str]:
    """The heading anchors GitHub gives a Markdown file."""
    tokens = MarkdownIt("commonmark").parse(text)
    titles = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    return {re.sub(r"[^\w\- ]", "", t.replace("`", "")).strip().lower().replace(" ", "-") for t in titles}


def test_readme_fits_on_a_few_screens(repo_root: Path) -> None:
    text = readme(repo_root)
    assert len(text.splitlines()) <= MAX_LINES and len(text.encode("utf-8")) <= MAX_BYTES


def test_readme_keeps_both_commands_where_ci_reads_them(repo_root: Path) -> None:
    """``.ci/run`` runs the line two below ``<!-- test-command -->``: run its own extraction."""
    script = (repo_root / ".ci" / "run").read_text(encoding="utf-8")
    program = re.search(r"awk '([^']+)' README\.md", script).group(1)
    extract = subprocess.run(["awk", program, "README.md"], cwd=repo_root, capture_output=True, text=True, check=True)
    assert "pip install" in extract.stdout and ".venv/bin/python -m pytest" in extract.stdout
    build = re.search(r"<!-- build-command -->\n```sh\n(.+)\n```", readme(repo_root))
    assert build and "mkdocs build --strict" in build.group(1)


def test_readme_has_a_quick_start_for_each_reader(repo_root: Path) -> None:
    headings = re.findall(r"^## (.+)$", readme(repo_root), re.MULTILINE)
    assert {"Quick start: authors", "Quick start: editors", "Quick start: site owners"} <= set(headings)


def test_every_readme_link_resolves(repo_root: Path, example_site: Path) -> None:
    targets = links(readme(repo_root))
    assert len(targets) >= 10
    docs = repo_root / "docs"
    for target in targets:
        parts = urlsplit(target)
        if parts.scheme:
            assert parts.scheme == "https", target  # external: only secure links, not fetched here
            continue
        path = (repo_root / unquote(parts.path)).resolve()
        assert path.is_file() and path.is_relative_to(repo_root), target
        if path.is_relative_to(docs.resolve()) and path.suffix == ".md":
            built = example_site / path.relative_to(docs.resolve()).with_suffix("")
            page = built / "index.html" if path.name != "index.md" else built.parent / "index.html"
            assert page.is_file(), f"{target}: the site builds no page from it"
            if parts.fragment:
                assert html.fromstring(page.read_bytes()).xpath("//*[@id=$id]", id=parts.fragment), target
        elif parts.fragment:
            assert parts.fragment in github_anchors(path.read_text(encoding="utf-8")), target


@pytest.mark.parametrize("page, needles", [
    ("reference-lint.md", ["--format", "--fail-on", "--diff", "--jobs", "--quiet", "--config", "sarif",
                           "byline-disable-next-line", "overrides", "Exit codes"]),
    ("reference-authors.md", ["`name`", "`role`", "`avatar`", "`guest`", "`left`", "authors_index", "feed_length",
                              "ask_url", "fast_build", "byline authors import", "byline authors export"]),
    ("reference-comments.md", ["close_after_days", "giscus", "threads.json", "trusted-proxies", "byline comments serve"]),
    ("reference-voice.md", ["passion score", "min_score", "allow"]),
])
def test_the_reference_moved_into_the_guide(repo_root: Path, page: str, needles: list[str]) -> None:
    text = (repo_root / "docs" / "guide" / page).read_text(encoding="utf-8")
    assert [n for n in needles if n not in text] == []



@pytest.mark.slow
def test_the_site_owners_configuration_builds(repo_root: Path, tmp_path: Path) -> None:
    """The quick start's mkdocs.yml, as written, builds a blog strictly (web fonts off for the test)."""
    snippet = re.search(r"## Quick start: site owners.*?```yaml\n(.*?)```", readme(repo_root), re.DOTALL).group(1)
    settings = {"site_name": "Quick start", **yaml.safe_load(snippet)}
    settings["theme"]["font"] = False
    result = mkdocs_build(write_blog(tmp_path, settings=settings))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "blog" / "feed.xml").is_file()
