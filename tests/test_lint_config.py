"""Configuration: one home (the byline/lint block), per-path overrides, per-post front matter, and
every mistake reported as one clear line with exit code 2, never ignored."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from byline.cli import main
from support.blog import config, write_blog

GOOD = "---\ndate: 2024-05-01\nauthors: [jane-doe]\n---\n\n# Title\n\n"
LONG = " ".join(["word"] * 30) + ".\n"


def site(tmp_path: Path, block: Any, posts: dict[str, str] | None = None, raw: str | None = None) -> Path:
    settings = config()
    settings["plugins"].append({"byline/lint": block})
    write_blog(tmp_path, posts=posts if posts is not None else {"a.md": GOOD + LONG}, settings=settings)
    if raw is not None:
        (tmp_path / "mkdocs.yml").write_text(raw, encoding="utf-8")
    return tmp_path


def lint(folder: Path, monkeypatch, capsys, *args: str) -> tuple[int, Any, str]:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(folder)
    code = main(["lint", "--format", "json", *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err.strip()


def findings(report: Any) -> list[tuple[str, str, str, int]]:
    return [(Path(f["path"]).name, x["rule"], x["severity"], x["line"]) for f in report["files"] for x in f["findings"]]


def test_defaults_apply_with_an_empty_block(tmp_path, monkeypatch, capsys) -> None:
    code, report, _ = lint(site(tmp_path, {}), monkeypatch, capsys)
    assert code == 0 and findings(report) == [("a.md", "readability.long-sentence", "info", 8)]


def test_rules_take_off_a_severity_or_options_and_families_switch_together(tmp_path, monkeypatch, capsys) -> None:
    block = {"fail_on": "warning", "rules": {"readability": "warning", "readability.long-sentence": {"max_words": 40}, "voice": False}}
    code, report, _ = lint(site(tmp_path, block, {"a.md": GOOD + LONG + "\n" + " ".join(["word"] * 45) + ".\n"}), monkeypatch, capsys)
    assert findings(report) == [("a.md", "readability.long-sentence", "warning", 10)]
    assert code == 1  # fail_on: warning
    assert list(report["files"][0]["metrics"]) == ["readability"]  # voice is off: no voice metrics


def test_per_path_overrides_apply_by_glob_in_order(tmp_path, monkeypatch, capsys) -> None:
    block = {"overrides": [
        {"files": "docs/blog/posts/releases/*", "rules": {"readability.long-sentence": "off"}},
        {"files": ["docs/blog/posts/releases/loud.md"], "rules": {"readability.long-sentence": "error"}},
    ]}
    posts = {"a.md": GOOD + LONG, "releases/quiet.md": GOOD + LONG, "releases/loud.md": GOOD + LONG}
    folder = site(tmp_path, block, {})
    for name, text in posts.items():
        (folder / "docs/blog/posts" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "docs/blog/posts" / name).write_text(text, encoding="utf-8")
    code, report, _ = lint(folder, monkeypatch, capsys)
    assert findings(report) == [("a.md", "readability.long-sentence", "info", 8), ("loud.md", "readability.long-sentence", "error", 8)]
    assert code == 1


def test_per_post_front_matter_overrides_win(tmp_path, monkeypatch, capsys) -> None:
    post = "---\nauthors: [jane-doe]\nlint:\n  readability.long-sentence: {severity: warning, max_words: 10}\n---\n\n" + LONG
    code, report, _ = lint(site(tmp_path, {"rules": {"readability.long-sentence": "off"}}, {"a.md": post}), monkeypatch, capsys)
    assert findings(report) == [("a.md", "readability.long-sentence", "warning", 7)]
    assert code == 0


@pytest.mark.parametrize(
    ("block", "key", "message"),
    [
        ({"rules": {"readability.long-sentense": "off"}}, "readability.long-sentense", "unknown rule 'readability.long-sentense': did you mean 'readability.long-sentence'?"),
        ({"rules": {"readabilty": "off"}}, "readabilty", "unknown rule 'readabilty': did you mean 'readability'?"),
        ({"rules": {"readability.long-sentence": {"max_words": -3}}}, "max_words", "readability.long-sentence: max_words must be at least 1, not -3"),
        ({"rules": {"readability.long-sentence": {"max_words": "many"}}}, "max_words", "readability.long-sentence: max_words must be a whole number, not 'many'"),
        ({"rules": {"readability.long-sentence": {"max_wrds": 3}}}, "max_wrds", "readability.long-sentence has no option 'max_wrds'; did you mean 'max_words'?"),
        ({"rules": {"readability.long-sentence": "loud"}}, "readability.long-sentence", "byline/lint: readability.long-sentence must be error, warning or info, not 'loud'"),
        ({"rules": {"readability": {"max_words": 3}}}, "readability", "'readability' takes off, on or a severity, not {'max_words': 3}"),
        ({"rules": {"byline.input": "off"}}, "byline.input", "byline.input reports a problem with the input and cannot be configured"),
        ({"fail_on": "sometimes"}, "fail_on", "byline/lint: fail_on must be error, warning or info, not 'sometimes'"),
        ({"rulez": {}}, "rulez", "byline/lint: unknown setting 'rulez'; did you mean 'rules'?"),
        ({"overrides": [{"files": 3, "rules": {}}]}, "files", "byline/lint: override 'files' must be a glob or a list of globs, e.g. 'docs/blog/posts/releases/*'"),
        ({"overrides": {"files": "x"}}, "overrides", "byline/lint: overrides must be a list of {files: GLOB, rules: {...}} entries"),
    ],
)
def test_configuration_errors_are_one_line_with_the_line_and_exit_2(tmp_path, monkeypatch, capsys, block, key, message) -> None:
    folder = site(tmp_path, block)
    text = (folder / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    start = next(i for i, t in enumerate(text, 1) if "byline/lint" in t)
    line = next(i for i, t in enumerate(text, 1) if i >= start and t.strip().lstrip("- ").startswith(f"{key}:"))
    code, report, err = lint(folder, monkeypatch, capsys)
    assert (code, report) == (2, None)
    assert err == f"byline: mkdocs.yml:{line}: {message}"


def test_unknown_rule_in_front_matter_is_a_config_error_for_that_file_and_exit_2(tmp_path, monkeypatch, capsys) -> None:
    bad = "---\nauthors: [jane-doe]\nlint:\n  readability.long-sentense: off\n---\n\nFine.\n"
    code, report, _ = lint(site(tmp_path, {}, {"a.md": GOOD + "Fine.\n", "b.md": bad}), monkeypatch, capsys)
    assert code == 2
    [b] = [f for f in report["files"] if f["path"].endswith("b.md")]
    assert [(x["rule"], x["line"], x["message"]) for x in b["findings"]] == [
        ("byline.config", 4, "unknown rule 'readability.long-sentense': did you mean 'readability.long-sentence'?")]


MKDOCS_WITH_TAGS = """site_name: Tags
site_url: !ENV [SITE_URL, 'https://example.com/']
theme:
  name: material
  font: false
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
plugins:
  - blog:
      authors_profiles: true
  - byline/authors
  - byline/lint:
      enabled: !ENV [BYLINE_LINT, true]
      rules:
        readability.long-sentence: warning
"""


def test_mkdocs_yml_with_env_and_python_name_tags_is_read(tmp_path, monkeypatch, capsys) -> None:
    code, report, err = lint(site(tmp_path, {}, raw=MKDOCS_WITH_TAGS), monkeypatch, capsys)
    assert err == "" and findings(report) == [("a.md", "readability.long-sentence", "warning", 8)]


def test_enabled_is_read_as_a_boolean(tmp_path, monkeypatch, capsys) -> None:
    raw = yaml.safe_dump({**config(), "plugins": [{"blog": {"authors_profiles": True}}, {"byline/lint": {"enabled": "yes please"}}]})
    code, _, err = lint(site(tmp_path, {}, raw=raw), monkeypatch, capsys)
    assert code == 2 and err.endswith("byline/lint: enabled must be true or false, not 'yes please'")
