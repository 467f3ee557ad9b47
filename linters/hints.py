"""The "did you mean …?" tail of messages about unknown names, written once for every layer."""
from __future__ import annotations

import difflib
from collections.abc import Sequence


def did_you_mean(name: str, choices: Sequence[str], known: str = "known") -> str:
    """``; did you mean 'x'?`` for a close choice, else ``; <known>: a, b, c``."""
    close = difflib.get_close_matches(name, list(choices), n=1)
    return f"; did you mean '{close[0]}'?" if close else f"; {known}: {', '.join(choices)}"
