"""Inline suppression in markdownlint's forms; unknown ids are errors; examples in code are not
instructions."""
from __future__ import annotations

from byline.engine import Linter
from byline.posts import parse_post
from byline.errors import Where
from byline.settings import parse_block

LONG = " ".join(["word"] * 30) + "."
CONFIG = parse_block({"rules": {"voice": "off", "byline": "off", "readability.long-sentence": "warning"}}, Where("mkdocs.yml"))


def lint(body: str):  # type: ignore[no-untyped-def]
    return Linter(CONFIG).lint_post(parse_post(body, "post.md"))


def lines(body: str) -> list[tuple[int, str]]:
    return [(f.line, f.rule) for f in lint(body).findings]


def test_without_comments_every_long_sentence_is_reported() -> None:
    assert lines(f"{LONG}\n\n{LONG}\n") == [(1, "readability.long-sentence"), (3, "readability.long-sentence")]


def test_disable_and_enable_bound_a_region() -> None:
    body = f"{LONG}\n\n<!-- byline-disable readability.long-sentence -->\n\n{LONG}\n\n<!-- byline-enable readability.long-sentence -->\n\n{LONG}\n"
    assert lines(body) == [(1, "readability.long-sentence"), (9, "readability.long-sentence")]


def test_disable_without_enable_runs_to_the_end_and_takes_families() -> None:
    body = f"{LONG}\n\n<!-- byline-disable readability -->\n\n{LONG}\n\n{LONG}\n"
    assert lines(body) == [(1, "readability.long-sentence")]


def test_disable_without_ids_disables_every_rule_until_enable_without_ids() -> None:
    body = f"<!-- byline-disable -->\n{LONG}\n<!-- byline-enable -->\n\n{LONG}\n"
    assert lines(body) == [(5, "readability.long-sentence")]


def test_disable_line_applies_to_its_own_line_only() -> None:
    body = f"{LONG} <!-- byline-disable-line readability.long-sentence -->\n\n{LONG}\n"
    assert lines(body) == [(3, "readability.long-sentence")]


def test_disable_next_line_applies_to_the_following_line_only() -> None:
    body = f"<!-- byline-disable-next-line readability.long-sentence -->\n{LONG}\n\n{LONG}\n"
    assert lines(body) == [(4, "readability.long-sentence")]


def test_disable_file_applies_everywhere_wherever_it_stands() -> None:
    body = f"{LONG}\n\n{LONG}\n\n<!-- byline-disable-file readability.long-sentence -->\n"
    assert lines(body) == []


def test_other_rules_stay_on_and_several_ids_may_be_listed() -> None:
    config = parse_block({"rules": {"voice": "off", "byline": "off", "readability.repeated-start": "warning"}}, Where("x"))
    body = f"We ran. We hid. We won. {LONG}\n"
    suppressed = body + "<!-- byline-disable-file readability.long-sentence -->\n"
    assert [f.rule for f in Linter(config).lint_post(parse_post(suppressed, "p.md")).findings] == ["readability.repeated-start"]
    both = body + "<!-- byline-disable-file readability.long-sentence, readability.repeated-start -->\n"
    assert Linter(config).lint_post(parse_post(both, "p.md")).findings == ()


def test_post_level_findings_drop_suppressed_occurrences_and_move_to_the_first_kept() -> None:
    config = parse_block({"rules": {"voice": "off", "byline": "off", "readability.passive-voice": {"max_share": 0.0, "min_sentences": 1}}}, Where("x"))
    body = "It was made by Ann. <!-- byline-disable-line readability.passive-voice -->\n\nIt was seen by Sam.\n"
    [finding] = Linter(config).lint_post(parse_post(body, "p.md")).findings
    assert (finding.line, [o.line for o in finding.occurrences]) == (3, [3])


def test_unknown_rule_in_a_comment_is_a_config_error_and_suppresses_nothing() -> None:
    result = lint(f"<!-- byline-disable-next-line readability.long-sentense -->\n{LONG}\n")
    assert result.config_error
    assert [(f.line, f.column, f.rule, f.message) for f in result.findings] == [
        (1, 1, "byline.config", "byline-disable-next-line: unknown rule 'readability.long-sentense': did you mean 'readability.long-sentence'?"),
        (2, 1, "readability.long-sentence", "sentence has 30 words (max 25): split it where the thought turns, or cut the aside"),
    ]


def test_comments_inside_code_are_examples_not_instructions() -> None:
    body = f"```markdown\n<!-- byline-disable-file readability.long-sentence -->\n```\n\n{LONG}\n"
    assert lines(body) == [(5, "readability.long-sentence")]


def test_input_and_config_problems_cannot_be_suppressed() -> None:
    result = lint("<!-- byline-disable -->\n<!-- byline-disable-file nosuch.rule -->\n")
    assert [f.rule for f in result.findings] == ["byline.config"]
