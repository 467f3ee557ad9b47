"""ProperDocs, the maintained continuation of MkDocs 1.x, is a supported runner: it builds the
example site into exactly the files ``mkdocs build`` writes. Only the generator meta tag may
differ (it names the runner); everything else, Byline's pages, feeds, avatars and assets
included, must be byte for byte the same."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from support.example import build_site, tree

#: The one line a runner may change: ``<meta name="generator" content="mkdocs-1.6.1, …">``.
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def generators(site: Path) -> set[bytes]:
    return {m.group(1) for page in site.rglob("*.html") for m in GENERATOR.finditer(page.read_bytes())}


@pytest.mark.slow
def test_properdocs_builds_the_example_as_mkdocs_does(repo_root: Path, tmp_path: Path) -> None:
    mkdocs_site, properdocs_site = tmp_path / "mkdocs", tmp_path / "properdocs"
    build_site("mkdocs", repo_root / "mkdocs.yml", mkdocs_site)
    build_site("properdocs", repo_root / "mkdocs.yml", properdocs_site)

    # Each run really was its runner (ProperDocs does not hand over to an installed MkDocs).
    assert generators(mkdocs_site)
    assert [g for g in generators(mkdocs_site) if not re.match(rb"mkdocs-1\.\d", g) or b"ProperDocs" in g] == []
    assert generators(properdocs_site) and all(b"ProperDocs" in g for g in generators(properdocs_site))

    by_mkdocs, by_properdocs = tree(mkdocs_site), tree(properdocs_site)
    assert sorted(by_mkdocs) == sorted(by_properdocs)
    assert Path("blog/feed.xml") in by_mkdocs and Path("blog/authors/index.html") in by_mkdocs  # Byline ran
    different = [str(name) for name, data in by_mkdocs.items() if GENERATOR.sub(b"", data) != GENERATOR.sub(b"", by_properdocs[name])]
    assert different == []


def test_the_runners_stay_capped_below_their_next_major(repo_root: Path) -> None:
    """MkDocs 2 and Material 10 are other programs: Byline's requirements exclude them."""
    project = tomllib.loads((repo_root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = {r.name: r.specifier for r in map(Requirement, project["dependencies"])}
    assert "1.6.1" in requirements["mkdocs"] and "2.0" not in requirements["mkdocs"]
    assert "9.8.2" in requirements["mkdocs-material"] and "10.0" not in requirements["mkdocs-material"]
