"""The suite runs wherever CI runs it: nothing fetched at test time, no fixed machine paths, the
browser found on PATH, and tiers a developer can run alone (issue 11, item 14)."""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from pathlib import Path

import pytest

from corpora import corpus_posts
from support import tiers
from support.browser import chromium_path

TESTS = Path(__file__).resolve().parents[1]
SARIF = TESTS / "data" / "sarif"


def test_the_sarif_schema_is_vendored_with_its_source_and_licence() -> None:
    schema = SARIF / "sarif-2.1.0-rtm.5.json"
    recorded = re.search(r"sha256: `([0-9a-f]{64})`", (SARIF / "SOURCE.md").read_text(encoding="utf-8"))
    assert recorded and hashlib.sha256(schema.read_bytes()).hexdigest() == recorded.group(1)
    assert json.loads(schema.read_text(encoding="utf-8"))["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    assert "MIT License" in (SARIF / "LICENSE.txt").read_text(encoding="utf-8")


def _test_sources() -> list[tuple[Path, str]]:
    return [(p, p.read_text(encoding="utf-8")) for p in sorted(TESTS.rglob("*.py")) if p != Path(__file__).resolve()]


def test_no_test_fetches_or_depends_on_where_it_runs() -> None:
    """npm/pip/curl at test time, a fixed browser path, or the checkout's folder name ("main")."""
    bad = re.compile(r"""["'](?:npm|npx|curl|wget)["']|/usr/bin/chromium|/work/|/\s*["']main["']""")
    found = [f"{path.relative_to(TESTS)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group()}"
             for path, text in _test_sources() for m in bad.finditer(text)]
    assert found == []


def _executable(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_chromium_is_found_on_path_under_any_of_its_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BYLINE_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="no chromium on PATH.*BYLINE_CHROMIUM"):
        chromium_path()
    browser = _executable(tmp_path, "chromium-browser")  # Ubuntu's and Fedora's name
    assert chromium_path() == str(browser)


def test_byline_chromium_names_the_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = _executable(tmp_path, "my-chrome")
    monkeypatch.setenv("PATH", os.defpath)
    monkeypatch.setenv("BYLINE_CHROMIUM", str(chosen))
    assert chromium_path() == str(chosen)
    monkeypatch.setenv("BYLINE_CHROMIUM", str(tmp_path / "absent"))
    with pytest.raises(FileNotFoundError, match="BYLINE_CHROMIUM"):
        chromium_path()


def test_a_test_reaching_the_corpora_without_its_marker_fails() -> None:
    """The fast tier (-m "not slow and not browser and not corpus") cannot silently grow slow."""
    assert tiers.active and "corpus" not in tiers.current
    with pytest.raises(AssertionError, match=r"mark it @pytest.mark.corpus"):
        corpus_posts()


@pytest.mark.corpus
def test_a_marked_test_reaches_the_corpora() -> None:
    assert corpus_posts("Textualize+textual")


def test_the_tiers_are_registered_and_strict() -> None:
    text = (TESTS.parent / "pyproject.toml").read_text(encoding="utf-8")
    for marker in ("slow:", "browser:", "corpus:"):
        assert f'"{marker}' in text
    assert "--strict-markers" in text
