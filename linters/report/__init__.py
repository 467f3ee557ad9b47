"""Output formats. Every format is a projection of the same :class:`~byline.engine.FileResult`
stream, so they can never disagree: ``text`` for people, ``json`` for scripts, ``sarif`` for code
scanning, ``github`` for Actions annotations."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TextIO

from byline.findings import Severity

if TYPE_CHECKING:
    from byline.engine import FileResult

FORMATS = ("text", "json", "sarif", "github")


@dataclass
class Summary:
    """Totals of a run, and the exit code the CLI returns."""

    fail_on: Severity
    files: int = 0
    counts: dict[Severity, int] = field(default_factory=lambda: {s: 0 for s in Severity})
    files_with_findings: int = 0
    config_error: bool = False

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.files_with_findings += bool(result.findings)
        self.config_error = self.config_error or result.config_error
        for finding in result.findings:
            self.counts[finding.severity] += 1

    @property
    def findings(self) -> int:
        return sum(self.counts.values())

    @property
    def exit_code(self) -> int:
        """2 for a configuration error anywhere, 1 for findings at or above the fail level."""
        if self.config_error:
            return 2
        return 1 if any(n and s.rank >= self.fail_on.rank for s, n in self.counts.items()) else 0


class Reporter(Protocol):
    def add(self, result: FileResult) -> None: ...

    def finish(self, summary: Summary) -> None: ...


def make_reporter(name: str, out: TextIO, *, color: bool = False, metrics: bool = True) -> Reporter:
    """The reporter for a format name (one of :data:`FORMATS`)."""
    if name == "json":
        from byline.report.json import JsonReporter

        return JsonReporter(out)
    if name == "sarif":
        from byline.report.sarif import SarifReporter

        return SarifReporter(out)
    if name == "github":
        from byline.report.github import GithubReporter

        return GithubReporter(out)
    from byline.report.text import TextReporter

    return TextReporter(out, color=color, metrics=metrics)
