"""The one error type every layer raises for bad input, so callers can print it as a single line,
and where a setting was written, so the error can name its line. No dependencies: every layer,
configuration readers included, imports this without loading the rule registry."""
from __future__ import annotations

import re
from dataclasses import dataclass


class BylineError(Exception):
    """Bad input that cannot be used: printed as ``path:line: message``, never as a traceback."""

    def __init__(self, path: str | None, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Where:
    """Where a setting was written, for error messages: a file, its text, the block's line."""

    path: str
    text: str = ""
    first_line: int = 1

    def line_of(self, key: str) -> int:
        """The line where ``key`` is written at or after the block's first line."""
        lines = self.text.split("\n")
        pattern = re.compile(rf"^\s*(?:-\s*)?[\"']?{re.escape(key)}[\"']?\s*[:=]")
        for number in range(self.first_line - 1, len(lines)):
            if pattern.match(lines[number]):
                return number + 1
        return self.first_line

    def error(self, key: str, message: str) -> BylineError:
        return BylineError(self.path, self.line_of(key), message)
