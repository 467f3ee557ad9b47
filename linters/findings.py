"""Findings: plain data with a location, so every output format is a projection of the same records."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """Ordered from most to least serious; ``--fail-on`` compares by rank."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True)
class Occurrence:
    """One place inside a post where a rule's trigger stands (a voice rule lists many)."""

    line: int
    column: int
    text: str


@dataclass(frozen=True)
class Finding:
    """A rule's verdict on one place of one file. Lines and columns are 1-based."""

    path: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    occurrences: tuple[Occurrence, ...] = field(default=())

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity.value} {self.rule} {self.message}"
