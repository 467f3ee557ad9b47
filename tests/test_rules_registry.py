"""The rule registry on ruff's model: stable ids, default severities, one-line summaries,
thresholds as data, explanations with the same sections, and the commands that show them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from byline.cli import main
from byline.rules import SECTIONS, rules

REPO = Path(__file__).resolve().parents[1]


def test_every_rule_has_an_id_a_severity_a_summary_and_an_explanation() -> None:
    known = rules()
    assert {r.family for r in known.values()} >= {"byline", "readability", "voice"}
    for rule in known.values():
        assert re.fullmatch(r"[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*", rule.id), rule.id
        assert "\n" not in rule.summary and rule.summary.endswith(".") and len(rule.summary) < 100, rule.id
        for section in SECTIONS:
            assert section in rule.explanation, (rule.id, section)
        assert rule.scope in ("post", "line")
        for name, option in rule.options.items():
            assert option.check(option.default) is None, (rule.id, name)
            assert option.help, (rule.id, name)


def test_option_checks_refuse_wrong_types_and_out_of_range_values() -> None:
    options = rules()["readability.long-sentence"].options
    assert options["max_words"].check(0) == "must be at least 1, not 0"
    assert options["max_words"].check("30") == "must be a whole number, not '30'"
    assert options["max_words"].check(True) == "must be a whole number, not True"
    share = rules()["readability.passive-voice"].options["max_share"]
    assert share.check(1) is None and share.check(1.5) == "must be at most 1, not 1.5"


def test_readability_defaults_are_the_documented_thresholds() -> None:
    known = rules()
    assert known["readability.long-sentence"].defaults() == {"max_words": 25}
    assert known["readability.long-sentences"].defaults()["max_share"] == 0.25
    assert known["readability.long-paragraph"].defaults() == {"max_words": 150}
    assert known["readability.passive-voice"].defaults()["max_share"] == 0.10
    assert known["readability.repeated-start"].defaults() == {"min_run": 3}


def test_rules_lists_every_rule(capsys) -> None:
    assert main(["rules"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == list(rules())


def test_explain_prints_the_explanation_and_generated_configuration(capsys) -> None:
    assert main(["explain", "readability.long-paragraph"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# readability.long-paragraph\n\nDefault severity: warning.")
    assert "## Why it matters" in out and "- `max_words` (default `150`, min 1):" in out


def test_explain_a_family_prints_each_of_its_rules(capsys) -> None:
    assert main(["explain", "readability"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n# readability.") + out.startswith("# readability.") == len([r for r in rules() if r.startswith("readability.")])


def test_explain_an_unknown_rule_is_a_usage_error_with_a_suggestion(capsys) -> None:
    assert main(["explain", "readability.long-sentense"]) == 2
    assert capsys.readouterr().err.strip() == "byline: explain: unknown rule 'readability.long-sentense': did you mean 'readability.long-sentence'?"


def test_rule_reference_names_every_rule() -> None:
    reference = (REPO / "docs" / "guide" / "rules.md").read_text(encoding="utf-8")
    assert [rule_id for rule_id in rules() if f"`{rule_id}`" not in reference] == []


@pytest.mark.parametrize("rule_id", [r for r in rules() if r.split(".")[0] in ("byline", "readability")])
def test_rule_reference_section_of_each_rule_lists_its_options(rule_id: str) -> None:
    reference = (REPO / "docs" / "guide" / "rules.md").read_text(encoding="utf-8")
    section = reference[reference.index(f"\n### {rule_id}\n"):]
    section = section[:section.find("\n### ", 1) if "\n### " in section[1:] else len(section)]
    for option in rules()[rule_id].options:
        assert f"`{option}`" in section, (rule_id, option)
