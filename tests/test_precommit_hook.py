"""The pre-commit hook: a valid manifest whose entry lints the posts pre-commit hands it."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from support.blog import config, write_blog

REPO = Path(__file__).resolve().parents[1]
MANIFEST = REPO / ".pre-commit-hooks.yaml"


def test_manifest_is_valid_for_pre_commit() -> None:
    done = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_hook_selects_posts_and_its_entry_lints_them(tmp_path: Path) -> None:
    [hook] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    selected = [p for p in ("docs/blog/posts/a.md", "docs/blog/posts/2024/b.mdx", "README.md", "docs/guide/lint.md", "docs/blog/posts/x.png")
                if re.search(hook["files"], p)]
    assert selected == ["docs/blog/posts/a.md", "docs/blog/posts/2024/b.mdx"]
    settings = config()
    settings["plugins"].append({"byline/lint": {}})
    folder = write_blog(tmp_path, posts={"a.md": "---\nauthors: [jane-doe]\n---\n\nShort and plain.\n", "b.md": "---\ntitle: x\n---\n\nUnsigned.\n"}, settings=settings)
    program, command = hook["entry"].split()
    assert program == "byline"

    def entry(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "byline.cli", command, *files], cwd=folder, capture_output=True, text=True, check=False)

    assert entry("docs/blog/posts/a.md").returncode == 0
    failed = entry("docs/blog/posts/a.md", "docs/blog/posts/b.md")
    assert failed.returncode == 1 and "docs/blog/posts/b.md:1:1: error byline.missing-author" in failed.stdout
