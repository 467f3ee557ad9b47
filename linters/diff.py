"""Changed-lines mode (``--diff REV``): judge a pull request on what it changed.

Line findings count when their line, or one of their occurrences, was added or changed since
REV. Post-level findings (a post's reading ease, its byline) count when the post changed at all:
the verdict is about the post as a whole, and an edit is the moment to fix it. Files that git
does not track yet are wholly new.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from byline.errors import BylineError
from byline.findings import Finding

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
_FILE = re.compile(r"^\+\+\+ (.+)$", re.MULTILINE)
#: git's C-style escapes in quoted path names (quote_c_style); octal escapes are bytes.
_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}

#: A file's changed lines, or None when the whole file is new.
Changes = dict[Path, "set[int] | None"]


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise BylineError("--diff", None, f"cannot run git: {exc.strerror}") from None
    if done.returncode != 0:
        problem = done.stderr.strip().splitlines()
        raise BylineError("--diff", None, f"git {' '.join(args[:2])} failed: {problem[-1] if problem else 'no output'}")
    return done.stdout


def changed_lines(rev: str, cwd: Path | None = None) -> Changes:
    """Lines added or changed since ``rev`` in the working tree, per absolute file path."""
    here = (cwd or Path.cwd()).resolve()
    top = Path(_git(["rev-parse", "--show-toplevel"], here).strip())
    _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top)
    changes: Changes = {}
    diff = _git(["-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "--unified=0", "--no-renames",
                 "--src-prefix=a/", "--dst-prefix=b/", rev, "--"], top)
    for section in diff.split("\ndiff --git "):
        header = _FILE.search(section)
        name = _new_path(header.group(1)) if header else None
        if name is None:
            continue
        lines: set[int] = set()
        for hunk in _HUNK.finditer(section):
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            lines.update(range(start, start + count))
        if lines:
            changes[(top / name).resolve()] = lines
    for name in _git(["ls-files", "-z", "--others", "--exclude-standard"], top).split("\0"):
        if name:
            changes[(top / name).resolve()] = None
    return changes


def _new_path(header: str) -> str | None:
    """The file a ``+++`` header names (None for a deletion). git writes a name with a space
    followed by a tab, and quotes a name with a quote, backslash or control character C-style."""
    if header.startswith('"'):
        name = _unquote(header.rstrip("\t"))
    else:
        name = header[:-1] if header.endswith("\t") else header
    if name == "/dev/null":
        return None
    return name[2:] if name.startswith("b/") else name


def _unquote(quoted: str) -> str:
    body, out, at = quoted[1:-1], bytearray(), 0
    while at < len(body):
        char = body[at]
        if char != "\\":
            out += char.encode("utf-8", "surrogateescape")
            at += 1
        elif body[at + 1] in "01234567":
            out.append(int(body[at + 1 : at + 4], 8))
            at += 4
        else:
            out.append(_ESCAPES[body[at + 1]])
            at += 2
    return out.decode("utf-8", "surrogateescape")


def keep(finding: Finding, scope: str, lines: set[int] | None) -> bool:
    """Whether a finding in a changed file concerns the change."""
    if lines is None or scope == "post":
        return True
    return finding.line in lines or any(o.line in lines for o in finding.occurrences)
