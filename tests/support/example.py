"""The repository's own example site copied into a temporary folder, for tests that build it with
another runner or change its configuration (the repository's files stay untouched)."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

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


def edit_config(folder: Path, change) -> None:
    """Apply ``change`` to the copied ``mkdocs.yml`` (plain YAML: the example uses no tags)."""
    path = folder / "mkdocs.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
