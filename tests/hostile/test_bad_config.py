"""Bad settings in the byline/lint, byline/authors and byline/comments blocks of ``mkdocs.yml``,
through ``byline lint``, ``byline authors`` and ``mkdocs build``.

The CLI reads byline/lint and the byline/authors settings it needs (authors_dir, company,
products): a mistake there is ``byline: mkdocs.yml:LINE: message`` and exit 2. The build lets
MkDocs check each option's type first ("Config value 'plugins': Plugin 'byline/…' option '…':
…", exit 1, before anything is read or written); Byline then checks values, rule ids and
thresholds (``mkdocs.yml:LINE: message``, exit 1). Unknown keys are MkDocs warnings (``--strict``
fails); byline/lint and byline/comments also refuse them without ``--strict``, as ``byline
lint`` does, while byline/authors leaves them to MkDocs' warning.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest

from hostile.helpers import TRACEBACK, all_plugins, byline_here, hostile_blog
from support.blog import mkdocs_build

ISSO = {"provider": "isso", "isso": {"url": "https://comments.example.com"}}


@dataclass(frozen=True)
class Case:
    blocks: dict[str, dict[str, Any]]  # keyword arguments of all_plugins
    key: str  # the key whose line the messages name
    cli: str | None  # byline lint and byline authors: None exits 0, else the message (exit 2)
    authors_reads: bool  # whether byline authors reads the block (byline lint always does)
    build: str  # the build's message (exit 1); "{line}" is the key's line
    lenient: str | None = None  # without --strict, when it differs: None builds (exit 0)


def _type_error(plugin: str, key: str, problem: str) -> str:
    return f"ERROR   -  Config value 'plugins': Plugin '{plugin}' option '{key}': {problem}"


def _unknown(plugin: str, key: str) -> str:
    return f"WARNING -  Config value 'plugins': Plugin '{plugin}' option '{key}': Unrecognised configuration name: {key}"


CASES: dict[str, Case] = {
    "lint: unknown key": Case(
        {"lint": {"fail_onn": "error"}}, "fail_onn",
        "mkdocs.yml:{line}: byline/lint: unknown setting 'fail_onn'; did you mean 'fail_on'?", False,
        _unknown("byline/lint", "fail_onn"),
        lenient="ERROR   -  mkdocs.yml:{line}: byline/lint: unknown setting 'fail_onn'; did you mean 'fail_on'?"),
    "lint: wrong type": Case(
        {"lint": {"fail_on": 3}}, "fail_on", "mkdocs.yml:{line}: byline/lint: fail_on must be error, warning or info, not 3", False,
        _type_error("byline/lint", "fail_on", "Expected one of: ('error', 'warning', 'info') but received: 3")),
    "lint: rules not a mapping": Case(
        {"lint": {"rules": ["readability"]}}, "rules", "mkdocs.yml:{line}: 'rules' must map rule ids or families to off, on, a severity or options", False,
        _type_error("byline/lint", "rules", "Expected type: <class 'dict'> but received: <class 'list'>")),
    "lint: unknown rule id": Case(
        {"lint": {"rules": {"readability.long-sentense": "off"}}}, "readability.long-sentense",
        "mkdocs.yml:{line}: unknown rule 'readability.long-sentense': did you mean 'readability.long-sentence'?", False,
        "ERROR   -  mkdocs.yml:{line}: unknown rule 'readability.long-sentense': did you mean 'readability.long-sentence'?"),
    "lint: negative threshold": Case(
        {"lint": {"rules": {"readability.long-sentence": {"max_words": -5}}}}, "max_words",
        "mkdocs.yml:{line}: readability.long-sentence: max_words must be at least 1, not -5", False,
        "ERROR   -  mkdocs.yml:{line}: readability.long-sentence: max_words must be at least 1, not -5"),
    "lint: threshold of the wrong type": Case(
        {"lint": {"rules": {"readability.long-paragraph": {"max_words": "many"}}}}, "max_words",
        "mkdocs.yml:{line}: readability.long-paragraph: max_words must be a whole number, not 'many'", False,
        "ERROR   -  mkdocs.yml:{line}: readability.long-paragraph: max_words must be a whole number, not 'many'"),
    "authors: unknown key": Case(
        {"authors": {"feed_lenght": 5}}, "feed_lenght", None, True, _unknown("byline/authors", "feed_lenght"), lenient=None),
    "authors: wrong type": Case(
        {"authors": {"authors_dir": 5}}, "authors_dir", "mkdocs.yml:{line}: byline/authors: authors_dir must be a folder name, not 5", True,
        _type_error("byline/authors", "authors_dir", "Expected type: <class 'str'> but received: <class 'int'>")),
    "authors: a text for a list": Case(
        {"authors": {"products": "Acme Cloud"}}, "products", "mkdocs.yml:{line}: byline/authors: products must be a list of names, not 'Acme Cloud'", True,
        _type_error("byline/authors", "products", "Expected a list of items, but a <class 'str'> was given.")),
    "authors: negative threshold": Case(
        {"authors": {"feed_length": -1}}, "feed_length", None, True,
        _type_error("byline/authors", "feed_length", "Expected a whole number of 1 or more, but received: -1")),
    "comments: unknown key": Case(
        {"comments": {**ISSO, "providr": "isso"}}, "providr", None, False, _unknown("byline/comments", "providr"),
        lenient="ERROR   -  mkdocs.yml:{line}: byline/comments: unknown setting 'providr'; did you mean 'provider'?"),
    "comments: unknown nested key": Case(
        {"comments": {"provider": "isso", "isso": {"url": "https://comments.example.com", "urll": "x"}}}, "urll", None, False,
        "ERROR   -  mkdocs.yml:{line}: byline/comments: unknown setting 'isso.urll'; did you mean 'url'?"),
    "comments: wrong type": Case(
        {"comments": {**ISSO, "close_after_days": "30"}}, "close_after_days", None, False,
        _type_error("byline/comments", "close_after_days", "Expected type: <class 'int'> but received: <class 'str'>")),
    "comments: negative threshold": Case(
        {"comments": {**ISSO, "close_after_days": -1}}, "close_after_days", None, False,
        "ERROR   -  mkdocs.yml:{line}: byline/comments: 'close_after_days' must be a whole number of days (0 or more), not '-1'"),
}


def _line(folder: Path, key: str) -> int:
    """Where ``key:`` is written in mkdocs.yml, found by reading the file (not by Byline)."""
    lines = (folder / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if text.strip().lstrip("- ").startswith(f"{key}:"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, bool], tuple[Path, CompletedProcess[str]]]:
    """Every case built once with --strict, and once without where that differs; two at a time."""
    jobs = [(case, strict) for case in CASES for strict in (True, False) if strict or "unknown key" in case]
    folders = {job: hostile_blog(tmp_path_factory.mktemp("config"), settings=all_plugins(**CASES[job[0]].blocks)) for job in jobs}
    with ThreadPoolExecutor(2) as pool:
        results = pool.map(lambda job: mkdocs_build(folders[job], strict=job[1]), jobs)
        return {job: (folders[job], result) for job, result in zip(jobs, results)}


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_refuses_what_it_reads_in_one_line(built: dict, case: str) -> None:
    spec = CASES[case]
    folder, _ = built[(case, True)]
    lint = byline_here(folder, "lint", "-q")
    authors = byline_here(folder, "authors")
    if spec.cli is None:
        assert (lint.code, authors.code) == (0, 0), lint.err + authors.err
        return
    message = "byline: " + spec.cli.format(line=_line(folder, spec.key)) + "\n"
    assert (lint.code, lint.err, lint.out) == (2, message, "")
    assert (authors.code, authors.err) == ((2, message) if spec.authors_reads else (0, ""))


@pytest.mark.parametrize("case", sorted(CASES))
def test_strict_build_refuses_in_one_line_before_writing(built: dict, case: str) -> None:
    folder, result = built[(case, True)]
    output = result.stdout + result.stderr
    assert result.returncode == 1 and TRACEBACK not in output
    assert CASES[case].build.format(line=_line(folder, CASES[case].key)) in result.stderr.splitlines(), result.stderr[-2000:]
    if "unknown key" in case:  # MkDocs builds the whole site, then aborts for the warning
        assert "Aborted with 1 configuration warnings in 'strict' mode!" in output
    else:
        assert not (folder / "site").exists()


@pytest.mark.parametrize("case", sorted(c for c in CASES if "unknown key" in c))
def test_lenient_build_on_unknown_keys(built: dict, case: str) -> None:
    folder, result = built[(case, False)]
    spec = CASES[case]
    assert TRACEBACK not in result.stdout + result.stderr
    assert spec.build in result.stderr.splitlines()  # MkDocs' warning, with or without --strict
    if spec.lenient is None:
        assert result.returncode == 0
    else:
        assert result.returncode == 1
        assert spec.lenient.format(line=_line(folder, spec.key)) in result.stderr.splitlines()
