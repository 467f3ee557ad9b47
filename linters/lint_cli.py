"""The ``byline lint``, ``byline rules`` and ``byline explain`` commands (wired in
:mod:`byline.cli`). Heavy modules load only when a command needs them: linting one file must
start in well under a second."""
from __future__ import annotations

import argparse
import os
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from byline.errors import BylineError
from byline.findings import Finding

if TYPE_CHECKING:
    from byline.config import SiteConfig
    from byline.settings import LintConfig

PROGRESS_FROM = 20  # runs with fewer posts finish before a progress bar would help


def add_lint_arguments(parser: argparse.ArgumentParser) -> None:
    from byline.report import FORMATS

    parser.add_argument("paths", nargs="*", metavar="PATH", help="posts, folders or globs (default: the blog's posts folder from mkdocs.yml)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that makes the exit code 1 (default: the block's fail_on, else error)")
    parser.add_argument("--diff", metavar="REV", help="report only findings on lines changed since git revision REV (post-level findings: posts changed)")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="lint in N processes (0: one per usable CPU; never more than that); output is identical to serial")
    parser.add_argument("--quiet", "-q", action="store_true", help="text format: omit each post's metrics line")


def load_lint_config(config_path: str | None) -> tuple[SiteConfig, LintConfig]:
    """The site and its ``byline/lint`` block, as ``byline lint`` and ``byline score`` read them."""
    from byline.config import find_site_config
    from byline.errors import Where
    from byline.settings import parse_block

    path, site = find_site_config(config_path)
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^\s*-\s*[\"']?byline/lint\b", text, re.MULTILINE)
    first_line = text.count("\n", 0, match.start()) + 1 if match else 1
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    return site, parse_block(site.block("byline/lint"), Where(shown, text, first_line), root=site.root)


def run_lint(args: argparse.Namespace) -> int:
    from byline.authors import load_registry
    from byline.engine import FileResult, Linter, discover, display, lint_files
    from byline.findings import Severity
    from byline.report import Summary, make_reporter

    site, config = load_lint_config(args.config)
    fail_on = Severity(args.fail_on) if args.fail_on else config.fail_on
    if args.jobs < 0:
        raise BylineError("--jobs", None, f"--jobs must be 0 (one per core) or more, not {args.jobs}")
    if not args.paths and not site.posts_dir.is_dir():
        raise BylineError(display(site.posts_dir), None, "the blog's posts folder does not exist (name PATHs to lint)")
    files = discover(args.paths or [str(site.posts_dir)])
    changes = None
    if args.diff:
        from byline.diff import changed_lines

        changes = changed_lines(args.diff)
        files = [f for f in files if Path(f).resolve() in changes]
    registry = load_registry(site.authors_dir, site.company_names, root=site.root)
    summary = Summary(fail_on)
    color = args.format == "text" and (bool(os.environ.get("FORCE_COLOR")) or (sys.stdout.isatty() and "NO_COLOR" not in os.environ))
    reporter = make_reporter(args.format, sys.stdout, color=color, metrics=not args.quiet)
    problems: dict[str, list[Finding]] = defaultdict(list)
    for problem in registry.problems:
        problems[problem.path].append(problem)
    for path, found in sorted(problems.items()):
        if changes is None or (site.root / path).resolve() in changes:
            result = FileResult(path, tuple(found))
            summary.add(result)
            reporter.add(result)
    progress = _Progress(len(files), sys.stderr) if len(files) >= PROGRESS_FROM and sys.stderr.isatty() else None
    linter = Linter(config, registry, site)
    from byline.rules import rules

    scopes = {rule_id: rule.scope for rule_id, rule in rules().items()}
    for path, result in zip(files, lint_files(linter, files, args.jobs)):
        if changes is not None:
            from byline.diff import keep

            lines = changes[Path(path).resolve()]
            result = FileResult(result.path, tuple(f for f in result.findings if keep(f, scopes[f.rule], lines)), result.metrics, result.config_error)
        if progress:
            progress.clear()
        summary.add(result)
        reporter.add(result)
        if progress:
            progress.step()
    if progress:
        progress.clear()
    reporter.finish(summary)
    return summary.exit_code


class _Progress:
    """A one-line bar on stderr, redrawn in place; cleared before any output line."""

    def __init__(self, total: int, out: TextIO) -> None:
        self.total, self.done, self.out = total, 0, out

    def step(self) -> None:
        self.done += 1
        filled = 30 * self.done // self.total
        self.out.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} posts")
        self.out.flush()

    def clear(self) -> None:
        self.out.write("\r\033[K")
        self.out.flush()


def run_rules(args: argparse.Namespace) -> int:
    from byline.rules import rules

    for rule in rules().values():
        print(f"{rule.id:<36} {rule.severity.value:<8} {rule.scope:<5} {rule.summary}")
    return 0


def run_explain(args: argparse.Namespace) -> int:
    from byline.rules import UnknownRule, resolve, rules

    try:
        ids = resolve(args.rule)
    except UnknownRule as exc:
        raise BylineError("explain", None, str(exc)) from None
    print("\n".join(rules()[rule_id].explain() for rule_id in ids), end="")
    return 0
