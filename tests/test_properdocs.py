"""ProperDocs, the maintained continuation of MkDocs 1.x, is a supported runner: it builds the
example site into exactly the files ``mkdocs build`` writes. Only the generator meta tag may
differ (it names the runner); everything else, Byline's pages, feeds, avatars and assets
included, must be byte for byte the same."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

#: The one line a runner may change: ``<meta name="generator" content="mkdocs-1.6.1, …">``.
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def build(runner: str, repo: Path, site: Path) -> None:
    """``<runner> build --strict`` of the example, with the build clock fixed for both runs."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", runner, "build", "--strict", "-f", str(repo / "mkdocs.yml"), "-d", str(site)]
    result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, f"{runner} build failed:\n{result.stderr}"


def generators(site: Path) -> set[bytes]:
    return {m.group(1) for page in site.rglob("*.html") for m in GENERATOR.finditer(page.read_bytes())}


@pytest.mark.slow
def test_properdocs_builds_the_example_as_mkdocs_does(repo_root: Path, tmp_path: Path) -> None:
    mkdocs_site, properdocs_site = tmp_path / "mkdocs", tmp_path / "properdocs"
    build("mkdocs", repo_root, mkdocs_site)
    build("properdocs", repo_root, properdocs_site)

    # Each run really was its runner (ProperDocs does not hand over to an installed MkDocs).
    assert generators(mkdocs_site)
    assert [g for g in generators(mkdocs_site) if not re.match(rb"mkdocs-1\.\d", g) or b"ProperDocs" in g] == []
    assert generators(properdocs_site) and all(b"ProperDocs" in g for g in generators(properdocs_site))

    files = sorted(p.relative_to(mkdocs_site) for p in mkdocs_site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(properdocs_site) for p in properdocs_site.rglob("*") if p.is_file())
    assert Path("blog/feed.xml") in files and Path("blog/authors/index.html") in files  # Byline ran
    different = [
        str(name) for name in files
        if GENERATOR.sub(b"", (mkdocs_site / name).read_bytes()) != GENERATOR.sub(b"", (properdocs_site / name).read_bytes())
    ]
    assert different == []
