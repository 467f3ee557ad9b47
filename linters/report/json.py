"""The ``json`` format: one document, stable and versioned, described by
``lint-report.schema.json`` beside this module (tests validate every report against it).

Shape (``version`` 1)::

    {"version": 1,
     "tool": {"name": "byline", "version": "0.1.0"},
     "files": [{"path": "docs/blog/posts/x.md",
                "metrics": {"readability": {"words": 812, "flesch_reading_ease": 55.2, ...}},
                "findings": [{"rule": "readability.passive-voice", "severity": "warning",
                              "line": 20, "column": 5, "message": "...",
                              "occurrences": [{"line": 20, "column": 5, "text": "was made"}]}]}],
     "summary": {"files": 1, "files_with_findings": 1, "findings": 1, "error": 0,
                 "warning": 1, "info": 0, "fail_on": "error", "exit_code": 0}}

Every linted file appears, with its metrics, even when it has no findings. Lines and columns are
1-based; columns count Unicode code points. New fields may be added; none is renamed or removed
without bumping ``version``.
"""
from __future__ import annotations

import json
from importlib.metadata import version
from typing import TYPE_CHECKING, Any, TextIO

from byline.findings import Severity
from byline.report import Summary

if TYPE_CHECKING:
    from byline.engine import FileResult

FORMAT_VERSION = 1


def finding_dict(finding: Any) -> dict[str, Any]:
    return {
        "rule": finding.rule, "severity": finding.severity.value, "line": finding.line, "column": finding.column,
        "message": finding.message,
        "occurrences": [{"line": o.line, "column": o.column, "text": o.text} for o in finding.occurrences],
    }


class JsonReporter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.files: list[dict[str, Any]] = []

    def add(self, result: FileResult) -> None:
        self.files.append({"path": result.path, "metrics": result.metrics, "findings": [finding_dict(f) for f in result.findings]})

    def finish(self, summary: Summary) -> None:
        document = {
            "version": FORMAT_VERSION,
            "tool": {"name": "byline", "version": version("byline")},
            "files": self.files,
            "summary": {
                "files": summary.files, "files_with_findings": summary.files_with_findings, "findings": summary.findings,
                **{s.value: summary.counts[s] for s in Severity},
                "fail_on": summary.fail_on.value, "exit_code": summary.exit_code,
            },
        }
        # One line, written in one piece: with an indent, json falls back to its pure-Python
        # encoder, which took longer than linting on the corpora. Pipe to `jq .` to read it.
        self.out.write(json.dumps(document, ensure_ascii=False) + "\n")
