"""The ``github`` format: GitHub Actions workflow commands (``::warning file=…,line=…::…``).

GitHub shows at most 10 annotations of each level per step and 50 per job, and drops the rest
silently. So findings are ranked (errors first; within a level, post-level verdicts before single
places, then by file and line), at most 10 per level are emitted, and when a level has more, its
10th slot says how many more there are. Every finding not annotated is still printed as a plain
log line, so the step's log is complete.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from byline.findings import Finding, Severity
from byline.report import Summary
from byline.rules import rules

if TYPE_CHECKING:
    from byline.engine import FileResult

PER_LEVEL = 10
PER_JOB = 50
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    return (
        f"::{COMMANDS[finding.severity]} file={_property(finding.path)},line={finding.line},col={finding.column},"
        f"title={_property(finding.rule)}::{_data(finding.message)}"
    )


class GithubReporter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.findings: list[Finding] = []

    def add(self, result: FileResult) -> None:
        self.findings.extend(result.findings)

    def finish(self, summary: Summary) -> None:
        scope = {rule_id: rule.scope for rule_id, rule in rules().items()}
        ranked = sorted(self.findings, key=lambda f: (-f.severity.rank, scope[f.rule] != "post", f.path, f.line, f.column, f.rule))
        budget = PER_JOB
        plain: list[Finding] = []
        for severity in Severity:
            level = [f for f in ranked if f.severity is severity]
            room = min(PER_LEVEL, budget)
            shown = level if len(level) <= room else level[:max(room - 1, 0)]
            for finding in shown:
                print(annotation(finding), file=self.out)
            budget -= len(shown)
            hidden = level[len(shown):]
            if hidden and budget > 0:
                noun = {"error": "errors", "warning": "warnings", "notice": "notices"}[COMMANDS[severity]]
                print(f"::{COMMANDS[severity]} title=byline lint::{len(hidden)} more {noun} not shown as annotations "
                      f"(GitHub shows {PER_LEVEL} per level per step); they are listed in this step's log", file=self.out)
                budget -= 1
            plain.extend(hidden)
        for finding in plain:
            print(finding, file=self.out)
        print(f"byline lint: {summary.findings} finding(s) in {summary.files} post(s), "
              f"{len(self.findings) - len(plain)} annotated; exit {summary.exit_code}", file=self.out)
