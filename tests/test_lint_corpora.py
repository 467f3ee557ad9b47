"""``byline lint`` on every real post of ../shared/corpora: exit 0 or 1, never 2, never a
traceback, and no prose finding points into code, front matter, a URL, markup or template syntax.

The check of places is deliberately independent of the prose parser: it reads the raw source
lines with simple patterns (fences, backtick spans, URLs, link targets, tags, template tags).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from corpora import corpus_names, corpus_posts

pytestmark = pytest.mark.corpus

REPO = Path(__file__).resolve().parents[1]
PROSE_FAMILIES = ("readability.", "voice.")
_FENCE = re.compile(r"^(?:\s*>)*\s*(`{3,}|~{3,})")
#: Backtick code spans may run over a line break, never over a blank line.
_CODE_SPANS = re.compile(r"(?<![`\\])(`+)(?:(?!\1)(?:[^\n`]|\n(?![ \t>]*\n)|`))+?\1(?!`)")
_INLINE_SPANS = re.compile(r"[a-z][\w+.-]*://\S+|\]\([^)]*\)|(?<!\\)<[^<>]+>|\{[%{<#].*?[%}>#]\}")


def _code_lines(lines: list[str]) -> set[int]:
    """1-based numbers of the lines inside fenced code blocks (fence lines included)."""
    inside: set[int] = set()
    fence: str | None = None
    for number, line in enumerate(lines, 1):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            inside.add(number)
        elif fence is not None:
            inside.add(number)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) and not line.strip().strip(fence[0]).strip("> "):
                fence = None
    return inside


def _front_matter_end(lines: list[str]) -> int:
    if lines and lines[0].strip() in ("---", "+++"):
        for number, line in enumerate(lines[1:], 2):
            if line.strip() == lines[0].strip():
                return number
    return 0


def _bad_places(path: str, places: list[tuple[int, int]]) -> list[str]:
    text = Path(path).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    lines = text.split("\n")
    code, front = _code_lines(lines), _front_matter_end(lines)
    starts = [0]
    for number, line in enumerate(lines, 1):
        starts.append(starts[-1] + (0 if number in code else len(line)) + 1)
    outside_fences = "\n".join("" if n in code else line for n, line in enumerate(lines, 1))
    spans = [m.span() for m in _CODE_SPANS.finditer(outside_fences)]
    problems = []
    for line, column in places:
        source = lines[line - 1] if 0 < line <= len(lines) else ""
        where = f"{path}:{line}:{column}: {source[max(0, column - 30):column + 30]!r}"
        if line <= front:
            problems.append(f"front matter {where}")
        elif line in code:
            problems.append(f"code block {where}")
        elif not (0 < column <= len(source) and source[column - 1].isalnum()):
            problems.append(f"not a word {where}")
        elif any(a <= starts[line - 1] + column - 1 < b for a, b in spans):
            problems.append(f"inside inline code {where}")
        elif any(m.start() < column <= m.end() for m in _INLINE_SPANS.finditer(source)):
            problems.append(f"inside a URL, a tag or a template {where}")
    return problems


@pytest.mark.parametrize("corpus", corpus_names())
def test_every_corpus_lints_with_exit_0_or_1_and_prose_findings_stay_in_prose(corpus: str) -> None:
    posts = [str(p) for p in corpus_posts(corpus)]
    done = subprocess.run([sys.executable, "-m", "byline.cli", "lint", "--format", "json", "--jobs", "2", *posts],
                          cwd=REPO, capture_output=True, text=True, timeout=900, check=False,
                          env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert "Traceback" not in done.stderr and done.stderr == ""
    report = json.loads(done.stdout)
    linted = {f["path"] for f in report["files"]}
    assert {os.path.relpath(p, REPO) if not os.path.relpath(p, REPO).startswith("..") else p for p in posts} <= linted | {p for p in posts}
    assert len([f for f in report["files"] if f["path"].endswith((".md", ".mdx", ".markdown")) and "authors/" not in f["path"]]) >= len(posts)
    problems = []
    for entry in report["files"]:
        for finding in entry["findings"]:
            assert "Byline failed" not in finding["message"], finding
            assert finding["rule"] != "byline.config", finding
            if finding["rule"].startswith(PROSE_FAMILIES):
                places = [(finding["line"], finding["column"])] + [(o["line"], o["column"]) for o in finding["occurrences"]]
                problems += _bad_places(entry["path"], places)
    assert problems == []
