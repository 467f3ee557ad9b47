"""The real blog posts in ``../shared/corpora`` (beside the repository), found by each corpus's
own ``post path pattern`` in its SOURCE.txt, so licence files and registries are never linted."""
from __future__ import annotations

import re
from pathlib import Path

from support import tiers

ROOT = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def corpus_names() -> list[str]:
    return sorted(p.parent.name for p in ROOT.glob("*/SOURCE.txt"))


def corpus_posts(name: str | None = None) -> list[Path]:
    """Every post of one corpus (or of all), sorted."""
    tiers.require("corpus", "the shared corpora")
    posts: list[Path] = []
    for corpus in [name] if name else corpus_names():
        folder = ROOT / corpus
        source = (folder / "SOURCE.txt").read_text(encoding="utf-8")
        spec = re.search(r"^post path pattern:\s*(\S+)(?:\s+\(excluding (.+)\))?", source, re.MULTILINE)
        assert spec, f"{corpus}/SOURCE.txt has no post path pattern"
        include = re.compile(spec.group(1))
        exclude = re.compile(spec.group(2)) if spec.group(2) else None
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and include.search(relative) and not (exclude and exclude.search(relative)):
                posts.append(path)
    return posts
