"""Every real post in ../shared/corpora through the registry's readers, without a crash.

``byline lint`` on every post is tests/test_lint_corpora.py; the Material and Docusaurus
registries of the corpora are imported in tests/test_authors_tools.py. Here: every post dropped
into ``authors/`` (as a writer who confuses the folders would) through ``byline authors``, every
post given to ``byline authors import``, and the two registries no other test imports (linkerd's
YAML and 18F's CSV). Each run ends with an exit code and one line per problem naming the file
and line, never a traceback; an import that is refused writes nothing.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpora import ROOT, corpus_names, corpus_posts
from hostile.helpers import byline_here, files_under, hostile_blog
from byline.authors import load_registry

pytestmark = pytest.mark.corpus

FINDING = re.compile(r"^authors/p\d{4}\.md:(\d+):1: (error|warning) byline\.author-registry \S.*$")


@pytest.mark.parametrize("corpus", corpus_names())
def test_every_post_dropped_into_authors_is_reported_not_crashed_on(tmp_path: Path, corpus: str) -> None:
    posts = corpus_posts(corpus)
    folder = hostile_blog(tmp_path, authors={})
    for number, post in enumerate(posts):
        (folder / "authors" / f"p{number:04d}.md").symlink_to(post)
    run = byline_here(folder, "authors")
    assert run.code in (0, 1)
    problems = run.err.splitlines()
    assert all(FINDING.match(line) for line in problems), [line for line in problems if not FINDING.match(line)][:5]
    for line in problems:  # the line named exists in that file
        number, at = re.match(r"^authors/p(\d{4})\.md:(\d+):", line).groups()  # type: ignore[union-attr]
        assert int(at) <= posts[int(number)].read_bytes().count(b"\n") + 1, line
    registry = load_registry(folder / "authors")
    named = {Path(p.path).stem for p in registry.problems} | set(registry.authors)
    assert named == {f"p{n:04d}" for n in range(len(posts))}  # every file read: an author or a problem


@pytest.mark.parametrize("corpus", corpus_names())
def test_every_post_given_to_import_is_refused_in_one_line(tmp_path: Path, corpus: str) -> None:
    folder = hostile_blog(tmp_path, authors={})
    for post in corpus_posts(corpus):
        run = byline_here(folder, "authors", "import", str(post))
        assert run.code == 2, (post, run.out, run.err)
        assert run.out == "" and re.fullmatch(rf"byline: {re.escape(str(post))}(:\d+)?: [^\n]+\n", run.err), run.err
    assert files_under(folder / "authors") == set()


@pytest.mark.parametrize(("registry", "code", "head"), [
    ("linkerd+website/linkerd.io/data/authors.yaml", 1, "docusaurus authors file"),
    ("18F+18f.gsa.gov/data/team_members.csv", 2, None),
])
def test_registries_no_other_test_imports(tmp_path: Path, registry: str, code: int, head: str | None) -> None:
    folder = hostile_blog(tmp_path, authors={})
    run = byline_here(folder, "authors", "import", str(ROOT / registry))
    assert run.code == code, run.err
    if head is None:
        assert run.out == "" and re.fullmatch(rf"byline: {re.escape(str(ROOT / registry))}(:\d+)?: [^\n]+\n", run.err)
        assert files_under(folder / "authors") == set()
        return
    assert run.out.startswith(f"{ROOT / registry}: {head}\n")
    skipped = run.err.splitlines()
    assert skipped and all(line.startswith(f"{ROOT / registry}: skipped ") for line in skipped)
    written = load_registry(folder / "authors")
    assert written.problems == [] and len(written.authors) + len(skipped) == run.out.count("wrote ") + len(skipped)
