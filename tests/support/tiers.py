"""Test tiers: ``slow`` (wheels, virtual environments, whole-site builds), ``browser`` (chromium)
and ``corpus`` (the real posts in ../shared/corpora). ``pytest -m "not slow and not browser and
not corpus"`` is the fast tier a developer runs while working; CI runs every tier.

A marker that is forgotten would silently slow the fast tier down, so the helpers that reach the
corpora or start a browser call :func:`require`, which fails the running test unless it carries
the marker (tests/conftest.py records each test's markers before its fixtures are set up).
"""
from __future__ import annotations

#: The markers of the test being set up or run (set by tests/conftest.py).
current: frozenset[str] = frozenset()
#: False outside a pytest run (bench scripts import the same helpers).
active = False


def require(marker: str, what: str) -> None:
    if active and marker not in current:
        raise AssertionError(f"this test uses {what}: mark it @pytest.mark.{marker} (see tests/support/tiers.py)")
