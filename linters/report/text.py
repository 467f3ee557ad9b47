"""The ``text`` format, ruff-like: ``path:line:col: severity rule message``, each occurrence of a
post-level finding indented below it, each post's metrics on one line, then a summary. Findings
stream as files finish; colour only when writing to a terminal."""
from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from byline.findings import Severity
from byline.report import Summary
from byline.rules import summarize

if TYPE_CHECKING:
    from byline.engine import FileResult

_COLORS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


class TextReporter:
    def __init__(self, out: TextIO, *, color: bool = False, metrics: bool = True) -> None:
        self.out, self.color, self.metrics = out, color, metrics

    def _paint(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def add(self, result: FileResult) -> None:
        for f in result.findings:
            place = self._paint(_BOLD, f.path) + self._paint(_DIM, f":{f.line}:{f.column}:")
            print(f"{place} {self._paint(_COLORS[f.severity], f.severity.value)} {self._paint(_BOLD, f.rule)} {f.message}", file=self.out)
            for o in f.occurrences:
                print(self._paint(_DIM, f"    {o.line}:{o.column}") + f" {o.text}", file=self.out)
        if self.metrics and result.metrics:
            parts = "; ".join(summarize(family, values) for family, values in result.metrics.items())
            print(self._paint(_DIM, f"{result.path}: {parts}"), file=self.out)

    def finish(self, summary: Summary) -> None:
        posts = f"{summary.files} post{'s' if summary.files != 1 else ''}"
        counts = ", ".join(f"{summary.counts[s]} {s.value}{'s' if s is not Severity.INFO and summary.counts[s] != 1 else ''}" for s in Severity)
        if summary.findings:
            line = f"Found {summary.findings} finding{'s' if summary.findings != 1 else ''} ({counts}) in {summary.files_with_findings} of {posts}"
        else:
            line = f"No findings in {posts}"
        verdict = "configuration error" if summary.config_error else f"fail on {summary.fail_on.value}"
        print(f"{line}; {verdict}: exit {summary.exit_code}.", file=self.out)
