"""The one error type every layer raises for bad input, so callers can print it as a single line."""
from __future__ import annotations


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
