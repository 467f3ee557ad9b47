"""The repository's own example site copied into a temporary folder, for tests that build it with
another runner or change its configuration (the repository's files stay untouched)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from byline.authors import Registry, load_registry

#: What a build of the example reads: its configuration, pages and author registry.
PARTS = ("mkdocs.yml", "docs", "authors")


def copy_example(repo: Path, dest: Path) -> Path:
    """Copy the example site into ``dest`` and return ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        source = repo / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        else:
            shutil.copy2(source, dest / part)
    return dest


def example_registry(repo: Path) -> Registry:
    """The example's author registry, which has no problems."""
    registry = load_registry(repo / "authors")
    assert not registry.problems
    return registry


def edit_config(folder: Path, change) -> None:
    """Apply ``change`` to the copied ``mkdocs.yml`` (plain YAML: the example uses no tags)."""
    path = folder / "mkdocs.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def build_site(runner: str, config: Path, site: Path) -> None:
    """``<runner> build --strict`` (mkdocs or properdocs) of ``config`` into ``site``, as a user runs
    it, with the build clock fixed so two builds can be compared byte for byte."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", runner, "build", "--strict", "-f", str(config), "-d", str(site)]
    result = subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, f"{runner} build failed:\n{result.stderr}"


def tree(site: Path) -> dict[Path, bytes]:
    """Every file of a built site by its path inside the site."""
    return {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
