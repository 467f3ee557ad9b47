"""``byline score`` and the passion score in every lint output format."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from byline.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_voice_score import PERSONAL, PRESS_RELEASE  # noqa: E402

MKDOCS = """site_name: Test
plugins:
  - blog
  - byline/authors:
      company: Acme Corp
      products: [Acme, Acme Cloud]
  - byline/lint:
      overrides:
        - files: docs/blog/posts/releases/*
          rules:
            voice.score: {min_score: 0}
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    posts = tmp_path / "docs" / "blog" / "posts"
    (posts / "releases").mkdir(parents=True)
    (posts / "personal.md").write_text(PERSONAL, encoding="utf-8")
    (posts / "release.md").write_text(PRESS_RELEASE, encoding="utf-8")
    (posts / "releases" / "release.md").write_text(PRESS_RELEASE, encoding="utf-8")
    (posts / "short.md").write_text("I think you'll like this. What do you think?\n", encoding="utf-8")
    return tmp_path


def run(site: Path, *args: str) -> int:
    return main(["--config", str(site / "mkdocs.yml"), *args])


def test_score_prints_each_signal_its_points_and_the_best_change(site, capsys):
    assert run(site, "score", str(site / "docs/blog/posts/release.md")) == 0
    out = capsys.readouterr().out.splitlines()
    assert "passion score " in out[0] and "(press-release-like)" in out[0]
    rows = {line.split()[0]: line for line in out[2:-1]}
    assert {"personal_voice", "press_release", "buzzwords", "self_promotion", "base", "total"} <= set(rows)
    assert rows["press_release"].split()[2] == "-25.0"
    assert float(rows["self_promotion"].split()[2]) < 0  # Acme names come from byline/authors
    assert out[-1].startswith("Biggest gain: cut the announcement phrasing")


def test_score_of_a_conversational_post_and_a_short_one(site, capsys):
    assert run(site, "score", str(site / "docs/blog/posts/personal.md"), str(site / "docs/blog/posts/short.md")) == 0
    out = capsys.readouterr().out
    assert "(conversational)" in out
    assert "too short to score (9 prose words; 300 needed)" in out


def test_score_of_a_missing_file_is_a_usage_error(site, capsys):
    assert run(site, "score", str(site / "nope.md")) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_text_output_shows_the_score_under_each_post(site, capsys):
    run(site, "lint", str(site / "docs/blog/posts"))
    out = capsys.readouterr().out
    assert "personal.md: " in out and "passion score " in out and "(conversational)" in out
    assert "voice.score passion score " in out  # release.md is below 35
    assert "passion score: too short to score (9 prose words)" in out


def test_min_score_per_path(site, capsys):
    run(site, "lint", "--format", "json", str(site / "docs/blog/posts"))
    entries = json.loads(capsys.readouterr().out)["files"]
    files = {Path(f["path"]).as_posix().split("posts/")[1]: f for f in entries if "posts/" in f["path"]}
    assert files["release.md"]["metrics"]["voice"]["passion_score"] == files["releases/release.md"]["metrics"]["voice"]["passion_score"]
    assert any(f["rule"] == "voice.score" for f in files["release.md"]["findings"])
    assert not any(f["rule"] == "voice.score" for f in files["releases/release.md"]["findings"])


def test_json_and_sarif_carry_the_score_and_occurrences(site, capsys):
    run(site, "lint", "--format", "json", str(site / "docs/blog/posts/release.md"))
    data = json.loads(capsys.readouterr().out)
    (entry,) = [f for f in data["files"] if f["path"].endswith("release.md")]
    assert entry["metrics"]["voice"]["passion_band"] == "press-release-like"
    (press,) = [f for f in entry["findings"] if f["rule"] == "voice.press-release"]
    assert press["occurrences"][0]["line"] == 2 and press["occurrences"][0]["text"] == "today announced"
    run(site, "lint", "--format", "sarif", str(site / "docs/blog/posts/release.md"))
    sarif = json.loads(capsys.readouterr().out)
    (artifact,) = [a for a in sarif["runs"][0]["artifacts"] if a["location"]["uri"].endswith("release.md")]
    assert artifact["properties"]["metrics"]["voice"]["passion_score"] == entry["metrics"]["voice"]["passion_score"]
