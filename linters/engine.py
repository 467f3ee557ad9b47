"""Linting files: one post in, findings and metrics out; many posts streamed, serially or in
worker processes with the same output in the same order.

A post that cannot be read, or whose ``lint:`` front matter or suppression comments are wrong,
yields findings for that file and the run goes on: one bad file never hides the others.
"""
from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from byline.errors import BylineError
from byline.findings import Finding, Severity
from byline.posts import Post, decode, parse_post, read_post
from byline.processes import die_with_parent, fork_is_safe, usable_cpus
from byline.rules import Context, metric_functions, rules
from byline.errors import Where
from byline.settings import LintConfig

if TYPE_CHECKING:
    from byline.authors import Registry
    from byline.config import SiteConfig

#: What counts as a post: Markdown files (MDX is Markdown with JSX, as Docusaurus writes it).
SUFFIXES = (".md", ".markdown", ".mdx")


@dataclass(frozen=True)
class FileResult:
    """One file's verdict. ``config_error`` marks a bad ``lint:`` block or suppression (exit 2)."""

    path: str
    findings: tuple[Finding, ...]
    metrics: dict[str, dict[str, Any]] = field(default_factory=dict)
    config_error: bool = False


@dataclass
class Linter:
    """Applies every enabled rule to posts; picklable, so worker processes get a copy.
    ``skip`` names families another component already enforces (the build's byline/authors)."""

    config: LintConfig = field(default_factory=LintConfig)
    registry: Registry | None = None
    site: SiteConfig | None = None
    skip: frozenset[str] = frozenset()

    def lint_file(self, path: str | Path, shown: str | None = None) -> FileResult:
        shown = shown or display(path)
        try:
            post = read_post(path, shown)
        except BylineError as exc:
            return _unreadable(shown, exc)
        return self.lint_post(post)

    def lint_bytes(self, data: bytes, shown: str) -> FileResult:
        """Lint a post's raw bytes (the plugin hashes and caches them)."""
        try:
            post = parse_post(decode(data, shown), shown)
        except BylineError as exc:
            return _unreadable(shown, exc)
        return self.lint_post(post)

    def lint_post(self, post: Post) -> FileResult:
        try:
            return self._lint(post)
        except BylineError as exc:
            return FileResult(post.path, (Finding(post.path, exc.line or 1, 1, "byline.config", Severity.ERROR, exc.message),), config_error=True)
        except RecursionError:
            return _unreadable(post.path, BylineError(post.path, 1, "Markdown nested too deeply to read"))
        except Exception as exc:  # a bug must not hide the other files' findings  # noqa: BLE001
            return _unreadable(post.path, BylineError(post.path, 1, f"Byline failed on this file ({type(exc).__name__}: {exc}); please report it"))

    def _lint(self, post: Post) -> FileResult:
        lint_key = post.metadata.get("lint")
        where = Where(post.path, post.front_matter, post.key_line("lint")) if lint_key is not None else None
        states = self.config.states(post.path, lint_key, where)
        ctx = Context(post, self.registry, self.site, lambda rule_id: states[rule_id].options)
        known = rules()
        findings: list[Finding] = []
        for rule_id, state in states.items():
            if state.severity is None or known[rule_id].family in self.skip:
                continue
            for hit in known[rule_id].check(ctx, state.options):
                findings.append(Finding(post.path, hit.line, hit.column, rule_id, state.severity, hit.message, hit.occurrences))
        config_error = False
        if "byline-" in post.body:
            from byline.suppress import read_suppressions

            suppressions = read_suppressions(ctx.doc.comments)
            findings = [f for f in map(suppressions.apply, findings) if f is not None]
            for line, column, message in suppressions.problems:
                findings.append(Finding(post.path, line, column, "byline.config", Severity.ERROR, message))
                config_error = True
        metrics = {}
        for family, measure in metric_functions().items():
            if any(s.severity is not None for i, s in states.items() if known[i].family == family):
                metrics[family] = measure(ctx)
        findings.sort(key=lambda f: (f.line, f.column, f.rule))
        return FileResult(post.path, tuple(findings), metrics, config_error)


def _unreadable(shown: str, exc: BylineError) -> FileResult:
    return FileResult(shown, (Finding(shown, exc.line or 1, 1, "byline.input", Severity.ERROR, exc.message),))


def display(path: str | Path) -> str:
    """How a path is shown: relative to the working folder when inside it, like ruff."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def discover(arguments: Iterable[str]) -> list[str]:
    """Posts named by files, folders (searched recursively) and globs, sorted as paths, each once.
    A name that matches nothing, or a file that is not Markdown, is a usage error. Plain strings,
    not Path objects: a 10,000-post run keeps this list for its whole length (memory stays flat)."""
    found: set[str] = set()
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found.update(str(p) for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                raise BylineError(argument, None, f"not a Markdown post (expected {', '.join(SUFFIXES)})")
            found.add(str(path))
        elif glob.has_magic(argument):
            matches = [Path(p) for p in glob.glob(argument, recursive=True)]
            posts = [str(p) for p in matches if p.suffix.lower() in SUFFIXES and p.is_file()]
            if not posts:
                raise BylineError(argument, None, "the pattern matches no Markdown post")
            found.update(posts)
        else:
            raise BylineError(argument, None, "no such file or folder")
    return sorted(found, key=lambda name: name.split(os.sep))  # the order Path objects sort in


_worker: Linter | None = None


def _start_worker(linter: Linter, parent: int) -> None:
    global _worker
    die_with_parent(parent)  # a killed `byline lint` leaves no worker behind
    _worker = linter


def _lint_in_worker(path: str) -> FileResult:
    assert _worker is not None
    return _worker.lint_file(path)


def worker_count(jobs: int, posts: int) -> int:
    """Processes for ``--jobs jobs`` (0: one per usable CPU): never more than the CPUs this process
    may use (more only compete for them) nor than there are posts."""
    return max(1, min(jobs or usable_cpus(), usable_cpus(), posts))


def lint_files(linter: Linter, paths: list[str], jobs: int = 1) -> Iterator[FileResult]:
    """Results in the order of ``paths``, whatever ``jobs`` is, so output never depends on it.

    A worker that dies (killed, out of memory, crashed) fails the whole run with one
    :class:`BylineError` (exit 2): its posts were never linted, so no verdict may be given."""
    jobs = worker_count(jobs, len(paths))
    if jobs == 1:
        for path in paths:
            yield linter.lint_file(path)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork" if fork_is_safe() else "spawn")
    chunk = max(1, min(32, len(paths) // (jobs * 8)))
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(linter, os.getpid()))
    try:
        yield from pool.map(_lint_in_worker, paths, chunksize=chunk)
    except BrokenProcessPool:
        raise BylineError("--jobs", None, "a worker process ended abruptly (killed or crashed), so some posts were "
                          "never linted and no report is given; run again, or with --jobs 1") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
