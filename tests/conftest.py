"""Shared fixtures: where the repository and the real corpora are, and one build of the example
blog for every HTML test (building takes seconds; it happens once per session)."""
from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from support import tiers

REPO = Path(__file__).resolve().parents[1]
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The shared real-blog corpora beside the repository (read-only: never copy from it into the project)."""
    tiers.require("corpus", "the shared corpora")
    assert CORPORA.is_dir(), f"the shared corpora are missing: expected them at {CORPORA}"
    return CORPORA


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own mkdocs.yml built strictly into a temporary folder, without web fonts."""
    site = tmp_path_factory.mktemp("example-site")
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.theme["font"] = False
    build(config)
    config.plugins.on_shutdown()
    return site


#: Fixtures that put a test in a tier by themselves (tests/support/tiers.py).
TIER_OF_FIXTURE = {"corpora": "corpus", "example_site": "slow", "synthetic": "slow"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(REPO / "tests" / "browser"):  # every test there drives chromium
            item.add_marker("browser")
        for fixture, marker in TIER_OF_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Record the test's markers before its fixtures run, for :func:`support.tiers.require`."""
    tiers.active = True
    tiers.current = frozenset(mark.name for mark in item.iter_markers())
