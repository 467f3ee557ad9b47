"""Every kind of broken or hostile post, through ``byline lint`` and ``mkdocs build`` with every
Byline plugin.

A post that cannot be used gives one line naming the file and line: from ``byline lint`` as an
``error byline.*`` finding (exit 1), from the build as ``path:line: message`` under one
"byline/authors: N problem(s) in the posts' front matter" error (exit 1), before any page is
written. A post that can be used (odd but valid) lints with exit 0 and builds. Some posts only the
build refuses: Material's blog needs YAML front matter and a sortable date, which ``byline lint``
does not demand because it also lints Zola, Hugo and Docusaurus posts.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from hostile.helpers import POSTS_DIR, TRACEBACK, byline_here, files_under, hostile_blog
from byline.posts import MAX_BYTES, MAX_NESTING, MAX_UNCLOSED
from support.blog import mkdocs_build

FRONT = "---\ndate: 2024-05-01\nauthors: [jane-doe]\n---\n"
BODY = "\n# {title}\n\nWe tried it on a Tuesday and it held.\n\n<!-- more -->\n\nThe rest came later.\n"
#: Nine levels of nine aliases: a billion "lol"s if a loader expanded them.
BOMB = "".join(
    [f"l0: &l0 [{', '.join(['lol'] * 9)}]\n"]
    + [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9)]
)
LOG_LINE = "    2024-05-01T10:00:00Z INFO request id={0} path=/api/v1/items/{0} status=200\n"
#: A pasted log with the writer's comments between its parts: 10 MB, a tenth of it prose.
TEN_MB = "".join(
    f"At {part} requests the queue held. We read the log below twice, and I still can't say why it stalled. " * 5
    + "\n\n" + "".join(LOG_LINE.format(part * 55 + i) for i in range(55)) + "\n"
    for part in range(2200)
)


def post(title: str, front: str = FRONT, body: str = BODY) -> str:
    return front + body.format(title=title)


def nested_list(levels: int) -> str:
    return "".join("    " * level + f"- level {level}\n" for level in range(levels))


def nested_blocks(levels: int) -> str:
    """Material's grids and cards: HTML blocks with Markdown inside (md_in_html), nested."""
    return '<div class="grid" markdown>\n\n' * levels + "Inside.\n\n" + "</div>\n\n" * levels


@dataclass(frozen=True)
class Bad:
    """A post ``byline lint`` refuses, and the build with the same line and message."""

    data: str | bytes
    rule: str
    line: int
    message: str


@dataclass(frozen=True)
class BuildOnly:
    """A post ``byline lint`` reads (exit 0) but Material cannot: the build's line and message."""

    data: str
    line: int
    message: str


#: The issue's front-matter and content cases that cannot be used.
BAD: dict[str, Bad] = {
    "broken-yaml": Bad(post("x", "---\ndate: 2024-05-01\ntitle: [Unclosed\nauthors: [jane-doe]\n---\n"), "byline.input", 4,
                       "broken YAML front matter: expected ',' or ']', but got ':'"),
    "tabs": Bad(post("x", "---\ndate: 2024-05-01\n\tauthors: [jane-doe]\n---\n"), "byline.input", 3,
                "broken YAML front matter: found character '\\t' that cannot start any token"),
    "alias-bomb": Bad(post("x", FRONT.replace("---\n", "---\n" + BOMB, 1)), "byline.input", 3,
                      "broken YAML front matter: YAML aliases (*name) are not allowed"),
    "unclosed-front-matter": Bad("---\ndate: 2024-05-01\nauthors: [jane-doe]\n\n# Never closed\n", "byline.input", 1,
                                 "front matter opened with '---' is never closed"),
    "front-matter-list": Bad(post("x", "---\n- date\n- authors\n---\n"), "byline.input", 2,
                             "front matter must be a mapping of keys to values, not list"),
    "empty": Bad("", "byline.missing-author", 1, "no 'authors:' in front matter: sign the post, e.g. authors: [jane-doe]"),
    "authors-string": Bad(post("x", "---\ndate: 2024-05-01\nauthors: jane-doe\n---\n"), "byline.authors-format", 3,
                          "'authors: jane-doe' is a text: write a list, authors: [jane-doe]"),
    "authors-number": Bad(post("x", "---\ndate: 2024-05-01\nauthors: 42\n---\n"), "byline.authors-format", 3,
                          "'authors:' must be a non-empty list of author ids, e.g. [jane-doe]"),
    "authors-nested": Bad(post("x", "---\ndate: 2024-05-01\nauthors: [[jane-doe]]\n---\n"), "byline.authors-format", 3,
                          "author '['jane-doe']' is not an id: write ids from authors/, e.g. [jane-doe]"),
    "binary": Bad(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "byline.input", 1,
                  "binary file, not text (it contains NUL bytes)"),
    "invalid-utf8": Bad(post("x").encode() + b"Broken \xff\xfe bytes.\n", "byline.input", 13,
                        "not valid UTF-8 (byte 0xff); save the file as UTF-8"),
    "latin-1": Bad(post("Crème brûlée").encode("latin-1"), "byline.input", 6, "not valid UTF-8 (byte 0xe8); save the file as UTF-8"),
    "deep-list": Bad(post("x", body=BODY + "\n" + nested_list(1000)), "byline.input", 114,
                     f"Markdown nested {MAX_NESTING + 1} levels deep (lists, quotes, indentation; at most {MAX_NESTING}): flatten it"),
    "deep-html": Bad(post("x", body=BODY + "\n" + nested_blocks(400)), "byline.input", 214,
                     f"HTML blocks with markdown inside nested {MAX_NESTING + 1} levels deep (at most {MAX_NESTING}): flatten them"),
    "unclosed-brackets": Bad(post("x", body=BODY + "\nA pasted dump " + "[x " * 100_000 + "\n"), "byline.input", 14,
                             f"paragraph with more than {MAX_UNCLOSED} unclosed '[': Markdown takes the square of that time "
                             "to render it; close them, or put the text in a code block"),
    "unclosed-angles": Bad(post("x", body=BODY + "\nA pasted dump\n" + "<x " * 100_000 + "\n"), "byline.input", 14,
                           f"paragraph with more than {MAX_UNCLOSED} unclosed '<': Markdown takes the square of that time "
                           "to render it; close them, or put the text in a code block"),
    "deep-quote": Bad(post("x", body=BODY + "\n" + "> " * 1000 + "deep\n"), "byline.input", 14,
                      f"Markdown nested 1000 levels deep (lists, quotes, indentation; at most {MAX_NESTING}): flatten it"),
}

#: Cases Material refuses (YAML only, a sortable date); ``byline lint`` reads them.
BUILD_ONLY: dict[str, BuildOnly] = {
    "toml": BuildOnly('+++\ndate = 2024-05-01\nauthors = ["jane-doe"]\n+++\n' + BODY.format(title="TOML"), 1,
                      "TOML front matter (+++): Material's blog reads YAML only; write it between --- lines"),
    "date-string": BuildOnly(post("x", "---\ndate: '2024-05-01'\nauthors: [jane-doe]\n---\n"), 2,
                             "date '2024-05-01' is not a date: write date: 2024-05-01 (no quotes)"),
    "date-words": BuildOnly(post("x", "---\ndate: last Tuesday\nauthors: [jane-doe]\n---\n"), 2,
                            "date 'last Tuesday' is not a date: write date: 2024-05-01 (no quotes)"),
    "date-mapping-nonsense": BuildOnly(post("x", "---\ndate: {published: soon}\nauthors: [jane-doe]\n---\n"), 2,
                                       "'date:' as a mapping needs 'created', e.g. date: {created: 2024-05-01, updated: 2024-06-01}"),
    "date-mapping-bad-value": BuildOnly(post("x", "---\ndate:\n  created: 2024-05-01\n  updated: tomorrow\nauthors: [jane-doe]\n---\n"), 2,
                                        "date 'updated: tomorrow' is not a date: write updated: 2024-05-01 (no quotes)"),
    "date-missing": BuildOnly(post("x", "---\nauthors: [jane-doe]\n---\n"), 1,
                              "no 'date:' in front matter: Material's blog sorts posts by it, e.g. date: 2024-05-01"),
}

#: Odd but usable posts: ``byline lint`` exits 0 and the build writes their pages.
USABLE: dict[str, str | bytes] = {
    "bom.md": b"\xef\xbb\xbf" + post("With a byte order mark").encode(),
    "crlf.md": post("Windows line ends").replace("\n", "\r\n").encode(),
    "only-front-matter.md": FRONT,
    "date-mapping.md": post("Created and updated", "---\ndate: {created: 2024-05-01, updated: 2024-06-01}\nauthors: [jane-doe]\n---\n"),
    "long-line.md": post("One long line", body=BODY + "\n" + " ".join(f"word{i % 97}" for i in range(14000))[:100_000] + "\n"),
    "long-token.md": post("One long token", body=BODY + "\n" + "x" * 100_000 + "\n"),
    "nested-at-limit.md": post("Nested to the limit", body=BODY + "\n" + nested_list(MAX_NESTING)),
    "html-nested-at-limit.md": post("Blocks nested to the limit", body=BODY + "\n" + nested_blocks(MAX_NESTING)),
    "unclosed-at-limit.md": post("Brackets to the limit", body=BODY + "\nOpen " + "[x " * MAX_UNCLOSED + "\n"),
    "many-links.md": post("Five thousand links", body=BODY + "\n" + "See [a](https://a.example) and [b][b]. " * 5000 + "\n\n[b]: https://b.example\n"),
    "quoted-at-limit.md": post("Quoted to the limit", body=BODY + "\n" + "> " * MAX_NESTING + "deep\n"),
    "unclosed-fence.md": post("An unclosed fence", body=BODY + "\n```python\nprint('never closed')\n\nStill code.\n"),
    "unbalanced-html.md": post("Unbalanced HTML", body=BODY + "\n<div><span>Open <b>tags\n\n</div></div></p>\n\nText after.\n"),
    "ten-mb.md": post("A ten megabyte log", body=BODY + "\n" + TEN_MB),
}


def _finding(case: str, rule: str, line: int, message: str) -> str:
    return f"{POSTS_DIR}/{case}.md:{line}:1: error {rule} {message}"


@pytest.fixture(scope="module")
def bad_blog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    posts = {f"{case}.md": bad.data for case, bad in BAD.items()}
    posts |= {f"{case}.md": only.data for case, only in BUILD_ONLY.items()}
    folder = hostile_blog(tmp_path_factory.mktemp("bad-posts"), posts=posts)
    with (folder / POSTS_DIR / "too-big.md").open("wb") as handle:  # stat() refuses it unread
        handle.truncate(MAX_BYTES + 1024 * 1024)
    return folder


@pytest.mark.parametrize("case", sorted(BAD))
def test_lint_refuses_an_unusable_post_in_one_line(bad_blog: Path, case: str) -> None:
    bad = BAD[case]
    run = byline_here(bad_blog, "lint", "-q", f"{POSTS_DIR}/{case}.md")
    assert run.code == 1, run.out + run.err
    assert _finding(case, bad.rule, bad.line, bad.message) in run.out.splitlines()
    assert run.out.count(f"{case}.md:") == 1 and run.err == ""
    assert run.out.splitlines()[-1].startswith("Found 1 finding (1 error,")


def test_lint_refuses_a_post_over_the_size_limit(bad_blog: Path) -> None:
    run = byline_here(bad_blog, "lint", "-q", f"{POSTS_DIR}/too-big.md")
    assert run.code == 1
    assert _finding("too-big", "byline.input", 1, "file is 21 MB, over the 20 MB limit for a post") in run.out.splitlines()


@pytest.mark.parametrize("case", sorted(BUILD_ONLY))
def test_lint_reads_what_only_material_refuses(bad_blog: Path, case: str) -> None:
    run = byline_here(bad_blog, "lint", "-q", f"{POSTS_DIR}/{case}.md")
    assert run.code == 0, run.out
    assert " error " not in run.out and run.err == ""


def test_one_bad_post_never_hides_the_others(bad_blog: Path) -> None:
    """The whole folder in one run: every unusable post reported once, in order, exit 1."""
    run = byline_here(bad_blog, "lint", "-q")
    assert run.code == 1
    expected = [_finding(case, bad.rule, bad.line, bad.message) for case, bad in BAD.items()]
    expected.append(_finding("too-big", "byline.input", 1, "file is 21 MB, over the 20 MB limit for a post"))
    errors = [line for line in run.out.splitlines() if ": error " in line]
    assert sorted(errors) == sorted(expected)


def test_build_stops_on_every_unusable_post_before_writing(bad_blog: Path) -> None:
    """One build over all of them: one error listing every post with its line, exit 1, and
    nothing written. MkDocs empties an existing site/ before plugins run (its own behaviour),
    so a stale page from an earlier build is gone and no new page is there."""
    site = bad_blog / "site"
    site.mkdir(exist_ok=True)
    (site / "stale.html").write_text("<p>from an earlier build</p>\n", encoding="utf-8")
    result = mkdocs_build(bad_blog)
    assert result.returncode == 1
    assert TRACEBACK not in result.stdout + result.stderr and "KeyError" not in result.stderr
    expected = [f"{POSTS_DIR}/{case}.md:{bad.line}: {bad.message}" for case, bad in BAD.items()]
    expected += [f"{POSTS_DIR}/{case}.md:{only.line}: {only.message}" for case, only in BUILD_ONLY.items()]
    expected.append(f"{POSTS_DIR}/too-big.md:1: file is 21 MB, over the 20 MB limit for a post")
    head = f"ERROR   -  byline/authors: {len(expected)} problem(s) in the posts' front matter:"
    assert head in result.stderr, result.stderr[-3000:]
    listed = result.stderr.split(head, 1)[1].strip().splitlines()[: len(expected)]
    assert sorted(listed) == sorted(expected)
    assert "Aborted with a BuildError!" in result.stdout
    assert files_under(site) == set()


@pytest.fixture(scope="module")
def usable_blog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_blog(tmp_path_factory.mktemp("usable-posts"), posts=USABLE)


def test_the_big_post_is_over_ten_megabytes(usable_blog: Path) -> None:
    assert (usable_blog / POSTS_DIR / "ten-mb.md").stat().st_size > 10 * 1024 * 1024


@pytest.mark.parametrize("name", sorted(USABLE))
def test_lint_reads_odd_but_usable_posts(usable_blog: Path, name: str) -> None:
    run = byline_here(usable_blog, "lint", "-q", f"{POSTS_DIR}/{name}")
    assert run.code == 0, run.out
    assert " error " not in run.out and run.err == ""


def test_crlf_and_bom_keep_exact_lines(usable_blog: Path) -> None:
    """A long sentence after CRLF line ends or a BOM is reported on its own line, column 1."""
    sentence = "\nThen " + " ".join(["word"] * 28) + " end."
    line = len(post("x").split("\n")) + 1  # after the post's last line and a blank one
    for name, data in {"crlf-long.md": (post("CRLF") + sentence + "\n").replace("\n", "\r\n"),
                       "bom-long.md": "\ufeff" + post("BOM") + sentence + "\n"}.items():
        path = usable_blog / POSTS_DIR / name
        path.write_bytes(data.encode())
        try:
            run = byline_here(usable_blog, "lint", "-q", f"{POSTS_DIR}/{name}")
        finally:
            path.unlink()
        assert run.code == 0
        expected = f"{POSTS_DIR}/{name}:{line}:1: info readability.long-sentence sentence has 30 words (max 25)"
        assert any(out.startswith(expected) for out in run.out.splitlines()), run.out


def test_build_writes_every_odd_but_usable_post(usable_blog: Path) -> None:
    """Without --strict: the lint plugin logs warnings about these posts (a 100,000-character
    sentence is long), which --strict turns into a failure by design."""
    result = mkdocs_build(usable_blog, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert TRACEBACK not in result.stdout + result.stderr and "ERROR" not in result.stderr
    pages = list((usable_blog / "site" / "blog").glob("20*/*/*/*/index.html"))
    assert len(pages) == len(USABLE) + 1  # every post has its own page, hello.md included
