"""Broken and hostile author files through every reader of the registry: ``byline authors``,
``byline lint`` (which reports the registry first), ``byline new``, ``mkdocs build`` and
``byline authors import``.

Each bad file is one ``error byline.author-registry`` line naming the file and line; the good
entries are still read. ``byline authors`` and ``byline lint`` exit 1, ``byline new`` exits 2
without writing a post, the build exits 1 before writing a page, and an import that cannot be
used exits 2 having written nothing.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from hostile.helpers import TRACEBACK, byline_here, files_under, hostile_blog
from byline.authors import load_registry
from support.blog import AUTHORS, mkdocs_build

OK = "---\nname: Bob Stone\nrole: Support Lead\n---\n"

#: case -> (author files to add, the problems reported as "path:line: message", in file order)
CASES: dict[str, tuple[dict[str, str | bytes], list[str]]] = {
    "script in name": ({"eve": "---\nname: Eve <script>alert('pwn')</script>\nrole: Tester\n---\n"},
                       ["authors/eve.md:2: 'name' contains '<': write plain text, not markup"]),
    "markup in role": ({"eve": "---\nname: Eve Adams\nrole: Tester\"><img src=x onerror=alert('pwn')>\n---\n"},
                       ["authors/eve.md:3: 'role' contains '>': write plain text, not markup"]),
    "javascript link": ({"eve": "---\nname: Eve Adams\nrole: Tester\nlinks:\n  - label: Home\n    url: ' JaVaScRiPt:alert(1)'\n---\n"},
                        ["authors/eve.md:4: link 'Home' uses 'javascript' scheme: only https and mailto links are allowed"]),
    "data link": ({"eve": "---\nname: Eve Adams\nrole: Tester\nlinks:\n  - label: Home\n    url: 'data:text/html,<script>alert(1)</script>'\n---\n"},
                  ["authors/eve.md:4: link 'Home' uses 'data' scheme: only https and mailto links are allowed"]),
    "avatar escaping authors/": ({"eve": "---\nname: Eve Adams\nrole: Tester\navatar: ../../etc/passwd\n---\n"},
                                 ["authors/eve.md:4: avatar '../../etc/passwd' points outside the authors folder"]),
    "absolute avatar": ({"eve": "---\nname: Eve Adams\nrole: Tester\navatar: /etc/passwd\n---\n"},
                        ["authors/eve.md:4: avatar '/etc/passwd' points outside the authors folder"]),
    "javascript avatar": ({"eve": "---\nname: Eve Adams\nrole: Tester\navatar: 'javascript:alert(1)'\n---\n"},
                          ["authors/eve.md:4: avatar 'javascript:alert(1)' is not an image (.avif, .gif, .jpeg, .jpg, .png, .webp)"]),
    "data avatar": ({"eve": "---\nname: Eve Adams\nrole: Tester\navatar: 'data:image/png;base64,iVBORw0KGgo='\n---\n"},
                    ["authors/eve.md:4: avatar 'data:image/png;base64,iVBORw0KGgo=' is not an image (.avif, .gif, .jpeg, .jpg, .png, .webp)"]),
    "id differing only in case": ({"Jane-Doe": "---\nname: Jane Doe\nrole: Staff Engineer\n---\n"},
                                  ["authors/Jane-Doe.md:1: bad author id 'Jane-Doe': use lowercase letters, digits and hyphens (rename the file)"]),
    "upper-case suffix": ({"eve.MD": "---\nname: Eve Adams\nrole: Tester\n---\n"},
                          ["authors/eve.MD:1: author files must end in lowercase '.md'"]),
    "binary": ({"eve": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, ["authors/eve.md:1: binary file, not text (it contains NUL bytes)"]),
    "latin-1": ({"eve": "---\nname: René Adams\nrole: Chef\n---\n".encode("latin-1")},
                ["authors/eve.md:2: not valid UTF-8 (byte 0xe9); save the file as UTF-8"]),
    "alias bomb": ({"eve": "---\nname: &n Eve Adams\nrole: *n\n---\n"},
                   ["authors/eve.md:3: broken YAML front matter: YAML aliases (*name) are not allowed"]),
    "tabs": ({"eve": "---\nname: Eve Adams\n\trole: Tester\n---\n"},
             ["authors/eve.md:3: broken YAML front matter: found character '\\t' that cannot start any token"]),
    "name not text": ({"eve": "---\nname: [[Eve]]\nrole: 42\n---\n"},
                      ["authors/eve.md:2: 'name' must be a text, not [['Eve']]", "authors/eve.md:3: 'role' must be a text, not 42"]),
    "empty file": ({"eve": ""}, ["authors/eve.md:1: missing required field 'name' (a non-empty text)",
                                 "authors/eve.md:1: missing required field 'role' (a non-empty text)"]),
    "bio nested 1,000 deep": ({"eve": OK + "".join("    " * i + "- x\n" for i in range(1000))},
                              ["authors/eve.md:105: Markdown nested 101 levels deep (lists, quotes, indentation; at most 100): flatten it"]),
}


def _registry_lines(output: str) -> list[str]:
    """``path:line:col: error byline.author-registry message`` lines as ``path:line: message``."""
    found = []
    for line in output.splitlines():
        head, sep, message = line.partition(": error byline.author-registry ")
        if sep:
            path, number, _ = head.rsplit(":", 2)
            found.append(f"{path}:{number}: {message}")
    return found


@pytest.mark.parametrize("case", sorted(CASES))
def test_byline_authors_reports_each_bad_file_in_one_line(tmp_path: Path, case: str) -> None:
    extra, lines = CASES[case]
    folder = hostile_blog(tmp_path, authors={**AUTHORS, **extra})
    run = byline_here(folder, "authors")
    assert run.code == 1
    assert _registry_lines(run.err) == lines
    assert [line.split()[0] for line in run.out.splitlines()] == ["jane-doe", "sam-lee"]  # the good ones still listed


@pytest.mark.parametrize("case", sorted(CASES))
def test_byline_lint_reports_the_registry_first(tmp_path: Path, case: str) -> None:
    extra, lines = CASES[case]
    folder = hostile_blog(tmp_path, authors={**AUTHORS, **extra})
    run = byline_here(folder, "lint", "-q")
    assert run.code == 1
    assert _registry_lines(run.out) == lines
    assert run.out.splitlines()[-1].startswith(f"Found {len(lines)} finding")


def test_byline_new_refuses_a_broken_registry_and_writes_nothing(tmp_path: Path) -> None:
    folder = hostile_blog(tmp_path, authors={**AUTHORS, "eve": b"\x00binary"})
    before = files_under(folder)
    run = byline_here(folder, "new", "A post", "--author", "jane-doe")
    assert run.code == 2
    assert run.err == "byline: authors/eve.md:1: fix the author registry first: binary file, not text (it contains NUL bytes)\n"
    assert files_under(folder) == before


def test_avatar_symlink_pointing_outside_is_refused(tmp_path: Path) -> None:
    folder = hostile_blog(tmp_path / "blog", authors={**AUTHORS, "eve": "---\nname: Eve Adams\nrole: Tester\navatar: eve.png\n---\n"})
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    os.symlink(secret, folder / "authors" / "eve.png")
    run = byline_here(folder, "authors")
    assert run.code == 1
    assert _registry_lines(run.err) == ["authors/eve.md:4: avatar 'eve.png' points outside the authors folder"]


def test_build_refuses_every_bad_registry_file_before_writing(tmp_path: Path) -> None:
    """All cases in one registry: one error listing every problem, exit 1, no page written."""
    authors: dict[str, str | bytes] = dict(AUTHORS)
    expected: list[str] = []
    for number, (extra, lines) in enumerate(CASES.values()):
        for name, data in extra.items():
            renamed = name.replace("eve", f"eve{number}")
            authors[renamed] = data
        expected += [line.replace("authors/eve", f"authors/eve{number}", 1) for line in lines]
    folder = hostile_blog(tmp_path, authors=authors)
    result = mkdocs_build(folder)
    assert result.returncode == 1
    assert TRACEBACK not in result.stdout + result.stderr
    head = f"ERROR   -  byline/authors: {len(expected)} problem(s) in the author registry:"
    assert head in result.stderr, result.stderr[-3000:]
    listed = result.stderr.split(head, 1)[1].strip().splitlines()[: len(expected)]
    assert sorted(listed) == sorted(expected)
    assert not (folder / "site").exists()


# -- byline authors import ---------------------------------------------------------------------

#: case -> (the file to import, the one line on stderr); each exits 2 and writes nothing.
UNUSABLE_IMPORTS = {
    "alias bomb": (b"l0: &l0 [lol, lol, lol]\nl1: &l1 [*l0, *l0, *l0]\nauthors: {x: {name: *l1}}\n",
                   "byline: in.yml:2: broken YAML: YAML aliases (*name) are not allowed\n"),
    "binary": (b"\x00\x01\x02", "byline: in.yml: binary file, not text (it contains NUL bytes)\n"),
    "latin-1": ("authors:\n  rene:\n    name: René\n".encode("latin-1"), "byline: in.yml:3: not valid UTF-8 (byte 0xe9); save the file as UTF-8\n"),
    "tabs": (b"authors:\n\tjane:\n    name: Jane Doe\n", "byline: in.yml:2: broken YAML: found character '\\t' that cannot start any token\n"),
    "a post, not an authors file": (b"---\ntitle: Hello\n---\n# Hello\n", "byline: in.yml:3: broken YAML: expected a single document in the stream but found another document\n"),
    "TOML": (b"[authors.jane]\nname = 'Jane Doe'\n", "byline: in.yml:2: broken YAML: expected '<document start>', but found '<scalar>'\n"),
    "ids differing only in case": (b"authors:\n  Jane:\n    name: Jane Doe\n    description: Engineer\n  jane:\n    name: Jane Dee\n    description: Engineer\n",
                                   "byline: in.yml: two entries map to the same id ['jane']: rename one in the file (nothing was written)\n"),
}


@pytest.mark.parametrize("case", sorted(UNUSABLE_IMPORTS))
def test_import_refuses_an_unusable_file_and_writes_nothing(tmp_path: Path, case: str) -> None:
    data, message = UNUSABLE_IMPORTS[case]
    folder = hostile_blog(tmp_path, authors={})
    (folder / "in.yml").write_bytes(data)
    run = byline_here(folder, "authors", "import", "in.yml")
    assert (run.code, run.err, run.out) == (2, message, "")
    assert files_under(folder / "authors") == set()


def test_import_skips_hostile_entries_and_writes_only_whole_valid_files(tmp_path: Path) -> None:
    """Script in a name is refused; javascript:/data: links and an avatar path leaving the
    other blog are dropped with a note (the file outside is never copied); what is written
    loads cleanly."""
    source = tmp_path / "other" / "docs" / "blog"
    source.mkdir(parents=True)
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (source / ".authors.yml").write_text(
        "authors:\n"
        "  eve:\n    name: \"Eve <script>alert('pwn')</script>\"\n    description: Tester\n"
        "  olga:\n    name: Olga Kay\n    description: Engineer\n    url: 'javascript:alert(1)'\n"
        "    avatar: ../../../secret.png\n"
        "  ray:\n    name: Ray Ng\n    description: Writer\n    url: 'data:text/html,<script>alert(1)</script>'\n",
        encoding="utf-8")
    folder = hostile_blog(tmp_path / "blog", authors={})
    run = byline_here(folder, "authors", "import", str(source / ".authors.yml"))
    assert run.code == 1
    assert run.err == f"{source / '.authors.yml'}: skipped eve: 'name' contains '<': write plain text, not markup\n"
    notes = [line for line in run.out.splitlines() if line.startswith("note: ")]
    assert notes == [
        "note: olga: avatar '../../../secret.png' leaves the blog's folders: initials are shown instead",
        "note: olga: link 'javascript:alert(1)' dropped: only https and mailto links are allowed",
        "note: ray: link 'data:text/html,<script>alert(1)</script>' dropped: only https and mailto links are allowed",
    ]
    assert files_under(folder / "authors") == {"olga.md", "ray.md"}
    registry = load_registry(folder / "authors")
    assert sorted(registry.authors) == ["olga", "ray"] and registry.problems == []
    assert registry.authors["olga"].avatar is None and registry.authors["olga"].links == ()
