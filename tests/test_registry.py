"""Every bad registry input gives one `path:line: message` line and a failing exit code, the same
through `byline authors` and through `mkdocs build`, and never a traceback."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from byline.authors import load_registry
from byline.findings import Severity
from support.blog import AUTHORS, byline, config, mkdocs_build, write_blog

#: case -> (extra author files, the exact line reported)
BAD_INPUTS = {
    "missing role": ({"bob": "---\nname: Bob Stone\nemail: bob@example.com\n---\n"},
                     "authors/bob.md:1: missing required field 'role' (a non-empty text)"),
    "missing name": ({"bob": "---\nrole: Support Lead\n---\n"},
                     "authors/bob.md:1: missing required field 'name' (a non-empty text)"),
    "bad id": ({"Bob_Stone": "---\nname: Bob Stone\nrole: Support Lead\n---\n"},
               "authors/Bob_Stone.md:1: bad author id 'Bob_Stone': use lowercase letters, digits and hyphens (rename the file)"),
    "javascript link": ({"bob": "---\nname: Bob Stone\nrole: Support\nlinks:\n  - label: Site\n    url: javascript:alert(1)\n---\n"},
                        "authors/bob.md:4: link 'Site' uses 'javascript' scheme: only https and mailto links are allowed"),
    "http link": ({"bob": "---\nname: Bob Stone\nrole: Support\nlinks:\n  - label: Site\n    url: http://bob.example.com\n---\n"},
                  "authors/bob.md:4: link 'Site' uses 'http' scheme: only https and mailto links are allowed"),
    "avatar outside": ({"bob": "---\nname: Bob Stone\nrole: Support\navatar: ../docs/bob.png\n---\n"},
                       "authors/bob.md:4: avatar '../docs/bob.png' points outside the authors folder"),
    "svg avatar": ({"bob": "---\nname: Bob Stone\nrole: Support\navatar: bob.svg\n---\n", "bob.svg": "<svg/>"},
                   "authors/bob.md:4: avatar 'bob.svg' is not an image (.avif, .gif, .jpeg, .jpg, .png, .webp)"),
    "missing avatar file": ({"bob": "---\nname: Bob Stone\nrole: Support\navatar: bob.png\n---\n"},
                            "authors/bob.md:4: avatar file 'bob.png' does not exist in the authors folder"),
    "broken yaml": ({"bob": "---\nname: [Bob Stone\nrole: Support\n---\n"},
                    "authors/bob.md:3: broken YAML front matter: expected ',' or ']', but got ':'"),
    "team name": ({"mkt": "---\nname: The Marketing Team\nrole: Marketing\n---\n"},
                  "authors/mkt.md:2: 'The Marketing Team' names a group ('The …'), not a person: a person signs a post (name the team in their role or bio instead)"),
    "role as name": ({"admin": "---\nname: Admin\nrole: Webmaster\n---\n"},
                     "authors/admin.md:2: 'Admin' is a role or a function, not a person: a person signs a post (name the team in their role or bio instead)"),
    "staff name": ({"ed": "---\nname: Editorial Staff\nrole: Editors\n---\n"},
                   "authors/ed.md:2: 'Editorial Staff' names a team or organisation ('staff'), not a person: a person signs a post (name the team in their role or bio instead)"),
    "company name": ({"acme": "---\nname: Acme Corp\nrole: Company\n---\n"},
                     "authors/acme.md:2: 'Acme Corp' is the name of the company or one of its products, not a person's: a person signs a post (name the team in their role or bio instead)"),
    "markup in name": ({"eve": "---\nname: Eve <script>alert(1)</script>\nrole: Hacker\n---\n"},
                       "authors/eve.md:2: 'name' contains '<': write plain text, not markup"),
    "bad email": ({"bob": "---\nname: Bob Stone\nrole: Support\nemail: bob at example\n---\n"},
                  "authors/bob.md:4: email 'bob at example' is not an address like name@example.com"),
    "left not a date": ({"bob": "---\nname: Bob Stone\nrole: Support\nleft: last spring\n---\n"},
                        "authors/bob.md:4: 'left' must be a date like 2024-03-31, not 'last spring'"),
}


def _blog(tmp_path: Path, extra: dict[str, str]) -> Path:
    return write_blog(tmp_path, authors={**AUTHORS, **extra})


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_registry_input_via_cli(tmp_path: Path, case: str) -> None:
    extra, line = BAD_INPUTS[case]
    result = byline(_blog(tmp_path, extra), "authors")
    assert result.returncode == 1, result.stderr
    assert line in _finding_messages(result.stderr)
    assert "Traceback" not in result.stderr
    assert "jane-doe" in result.stdout  # the good entries are still listed


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_registry_input_fails_the_build(tmp_path: Path, case: str) -> None:
    extra, line = BAD_INPUTS[case]
    folder = _blog(tmp_path, extra)
    result = mkdocs_build(folder)
    assert result.returncode == 1, result.stderr
    assert re.search(rf"^{re.escape(line)}$", result.stderr, re.MULTILINE), result.stderr
    assert "Traceback" not in result.stderr and "KeyError" not in result.stderr
    assert not (folder / "site" / "blog" / "index.html").exists()  # stopped before writing pages


def test_avatar_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = _blog(tmp_path, {"bob": "---\nname: Bob Stone\nrole: Support\navatar: bob.png\n---\n"})
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    os.symlink(secret, folder / "authors" / "bob.png")
    line = "authors/bob.md:4: avatar 'bob.png' points outside the authors folder"
    cli = byline(folder, "authors")
    assert cli.returncode == 1 and line in _finding_messages(cli.stderr)
    build = mkdocs_build(folder)
    assert build.returncode == 1 and re.search(rf"^{re.escape(line)}$", build.stderr, re.MULTILINE), build.stderr


def test_unknown_field_is_a_warning_with_the_nearest_field(tmp_path: Path) -> None:
    folder = _blog(tmp_path, {"bob": "---\nname: Bob Stone\nrole: Support\ntopcis: [support]\n---\n"})
    line = "authors/bob.md:4: unknown field 'topcis'; did you mean 'topics'?"
    cli = byline(folder, "authors")
    assert cli.returncode == 0, cli.stderr  # a warning does not fail the registry check
    assert "authors/bob.md:4:1: warning byline.author-registry unknown field 'topcis'; did you mean 'topics'?" in cli.stderr
    strict = mkdocs_build(folder)
    assert strict.returncode == 1 and f"WARNING -  {line}" in strict.stderr, strict.stderr
    assert "Aborted with 1 warnings in strict mode!" in strict.stdout + strict.stderr
    lenient = mkdocs_build(folder, strict=False)
    assert lenient.returncode == 0 and f"WARNING -  {line}" in lenient.stderr


def test_hand_written_authors_file_is_refused(tmp_path: Path) -> None:
    folder = _blog(tmp_path, {})
    (folder / "docs" / "blog" / ".authors.yml").write_text("authors: {}\n", encoding="utf-8")
    result = mkdocs_build(folder)
    assert result.returncode == 1
    assert ("docs/blog/.authors.yml:1: Byline builds the authors file from authors/ at build time; "
            "import it once with 'byline authors import docs/blog/.authors.yml', then delete it") in result.stderr


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    """Loading never stops at the first bad file: one run shows the whole list."""
    folder = _blog(tmp_path, {
        "admin": "---\nname: Admin\nrole: Webmaster\n---\n",
        "bob": "---\nname: Bob Stone\n---\n",
        "eve": "---\nname: Eve\nrole: <b>x</b>\n---\n",
    }) / "authors"
    registry = load_registry(folder)
    errors = sorted((Path(p.path).name, p.line) for p in registry.errors)
    assert errors == [("admin.md", 2), ("bob.md", 1), ("eve.md", 3)]
    assert sorted(registry.authors) == ["jane-doe", "sam-lee"]
    assert all(p.severity is Severity.ERROR for p in registry.errors)


def test_configured_products_are_not_people(tmp_path: Path) -> None:
    folder = write_blog(tmp_path, authors={**AUTHORS, "bot": "---\nname: Widget Cloud\nrole: Product\n---\n"},
                        settings=config(products=["Widget Cloud"]))
    result = byline(folder, "authors")
    assert result.returncode == 1
    assert "'Widget Cloud' is the name of the company or one of its products" in result.stderr


def _finding_messages(stderr: str) -> list[str]:
    """`path:line:col: severity rule message` lines as `path:line: message`, to compare with the build."""
    found = []
    for match in re.finditer(r"^(\S+?):(\d+):\d+: \w+ \S+ (.*)$", stderr, re.MULTILINE):
        found.append(f"{match.group(1)}:{match.group(2)}: {match.group(3)}")
    return found


@pytest.mark.parametrize(("ask_url", "message"), [
    ("http://example.com/ask?to={author}", "'ask_url' must be an https URL"),
    ("https://example.com/ask?to={name}", "'ask_url' may only use {author} and {subject} placeholders"),
])
def test_bad_ask_url_is_one_line(tmp_path: Path, ask_url: str, message: str) -> None:
    folder = write_blog(tmp_path, settings=config(ask_url=ask_url))
    result = mkdocs_build(folder)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr


def test_authors_without_email_are_asked_through_the_form(tmp_path: Path) -> None:
    folder = write_blog(tmp_path, settings=config(ask_url="https://example.com/ask?to={author}&re={subject}"))
    assert mkdocs_build(folder).returncode == 0
    page = next((folder / "site" / "blog").glob("20*/**/hello/index.html")).read_text(encoding="utf-8")
    assert 'href="mailto:jane@example.com?subject=Re%3A%20Hello"' in page
    assert 'href="https://example.com/ask?to=sam-lee&amp;re=Re%3A%20Hello"' in page
