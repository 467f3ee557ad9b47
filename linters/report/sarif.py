"""The ``sarif`` format: SARIF 2.1.0, as GitHub code scanning and other tools read it.

Each rule that exists is described in ``tool.driver.rules`` (id, summary, the full explanation
as help, default level), so a result's ``ruleId`` always resolves. Occurrences of post-level
findings are ``relatedLocations``. Each post's metrics are an artifact property.

Fingerprints (``partialFingerprints["bylineFinding/v1"]``) let code scanning follow a finding
across commits: a hash of the rule, the file and the trimmed text of the finding's source line
(plus its rank among identical ones), so inserting lines above keeps it while rewriting the line
retires it. Post-level findings hash the rule and file only: the post is the subject.
"""
from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from byline.findings import Finding, Severity
from byline.report import Summary
from byline.rules import rules

if TYPE_CHECKING:
    from byline.engine import FileResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def fingerprint(finding: Finding, source_line: str, rank: int, post_level: bool) -> str:
    subject = "" if post_level else " ".join(source_line.split())
    key = "\0".join((finding.rule, finding.path, subject, str(0 if post_level else rank)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _uri(path: str) -> dict[str, str]:
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(Path(path).as_posix()), "uriBaseId": "%SRCROOT%"}


def _location(path: str, line: int, column: int) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": _uri(path), "region": {"startLine": line, "startColumn": column}}}


class SarifReporter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.ids = {rule_id: index for index, rule_id in enumerate(rules())}
        self.results: list[dict[str, Any]] = []
        self.artifacts: list[dict[str, Any]] = []

    def add(self, result: FileResult) -> None:
        self.artifacts.append({"location": _uri(result.path), "properties": {"metrics": result.metrics}})
        lines = _source_lines(result.path) if result.findings else []
        seen: dict[tuple[str, str], int] = {}
        known = rules()
        for f in result.findings:
            post_level = known[f.rule].scope == "post"
            source = lines[f.line - 1] if 0 < f.line <= len(lines) else ""
            rank = seen[(f.rule, source)] = seen.get((f.rule, source), -1) + 1
            entry: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": self.ids[f.rule],
                "level": LEVELS[f.severity],
                "message": {"text": f.message},
                "locations": [_location(f.path, f.line, f.column)],
                "partialFingerprints": {"bylineFinding/v1": fingerprint(f, source, rank, post_level)},
            }
            if f.occurrences:
                entry["relatedLocations"] = [
                    {"id": i, **_location(f.path, o.line, o.column), "message": {"text": o.text or f.rule}}
                    for i, o in enumerate(f.occurrences, 1)
                ]
            self.results.append(entry)

    def finish(self, summary: Summary) -> None:
        driver_rules = []
        for rule in rules().values():
            driver_rules.append({
                "id": rule.id,
                "name": "".join(part.capitalize() for part in rule.id.replace(".", "-").split("-")),
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.summary},
                "help": {"text": rule.explain(), "markdown": rule.explain()},
                "defaultConfiguration": {"level": LEVELS[rule.severity]},
                "properties": {"tags": [rule.family], "scope": rule.scope},
            })
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "byline", "version": version("byline"), "rules": driver_rules}},
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "artifacts": self.artifacts,
                "results": self.results,
                "invocations": [{"executionSuccessful": not summary.config_error, "exitCode": summary.exit_code}],
            }],
        }
        self.out.write(json.dumps(log, ensure_ascii=False) + "\n")  # one line: json's C encoder (see json.py)


def _source_lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n").split("\n")
    except OSError:
        return []
