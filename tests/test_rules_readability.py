"""Golden tests for the readability rules: each fires on its trigger at a hand-checked line and
column, and not on a near miss. Every expected place is also checked against the source text, so
a wrong column cannot hide behind a wrong expectation."""
from __future__ import annotations

from byline.engine import Linter
from byline.posts import parse_post
from byline.errors import Where
from byline.settings import parse_block

FRONT = "---\nauthors: [ann]\n---\n"  # the body starts on line 4


def lint(body: str, rules: dict | None = None):  # type: ignore[no-untyped-def]
    config = parse_block({"rules": {"voice": "off", "byline": "off", **(rules or {})}}, Where("mkdocs.yml"))
    source = FRONT + body
    result = Linter(config).lint_post(parse_post(source, "post.md"))
    lines = source.split("\n")
    for finding in result.findings:  # every reported place starts a word of the source
        for line, column in [(finding.line, finding.column)] + [(o.line, o.column) for o in finding.occurrences]:
            assert lines[line - 1][column - 1].isalnum(), (finding, lines[line - 1])
    return result


def places(result, rule: str) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    return [(f.line, f.column) for f in result.findings if f.rule == rule]


LONG = ("Our old build farm ran every job on one slow machine, so most builds waited in a queue for an hour "
        "before anything useful happened for the people who wrote the code.")  # 32 words


def test_long_sentence_at_its_own_line_and_column() -> None:
    result = lint(f"# Title\n\nShort one. {LONG}\n\n- Item one.\n- {LONG}\n")
    found = [f for f in result.findings if f.rule == "readability.long-sentence"]
    assert [(f.line, f.column, f.severity.value) for f in found] == [(6, 12, "info"), (9, 3, "info")]
    assert found[0].message.startswith("sentence has 32 words (max 25): split it")
    near_miss = " ".join(LONG.split()[:25]) + "."
    assert places(lint(near_miss + "\n"), "readability.long-sentence") == []


def test_long_sentence_threshold_is_configurable() -> None:
    result = lint("One two three four five six.\n", {"readability.long-sentence": {"max_words": 5}})
    assert places(result, "readability.long-sentence") == [(4, 1)]


def test_share_of_long_sentences_lists_each_long_sentence() -> None:
    body = f"{LONG}\n\n{LONG} Short one.\n\nAnother short. And one more. Then this. {LONG}\nFine. Done.\n"
    result = lint(body)
    [finding] = [f for f in result.findings if f.rule == "readability.long-sentences"]
    assert (finding.line, finding.column, finding.severity.value) == (4, 1, "warning")
    assert [(o.line, o.column, o.text) for o in finding.occurrences] == [(4, 1, "32 words"), (6, 1, "32 words"), (8, 41, "32 words")]
    assert finding.message.startswith("33% of sentences are long (3 of 9 over 25 words; max 25%)")
    near_miss = f"{LONG}\n\n{LONG} Short one.\n\nAnother short. And one more. Then this. Fine.\nDone.\n"
    assert places(lint(near_miss), "readability.long-sentences") == []  # 2 of 8: 25% is allowed


def test_long_paragraph_where_it_starts_including_in_lists() -> None:
    words = " ".join(["word"] * 151)
    result = lint(f"Intro.\n\n{words}.\n\n- {words}.\n")
    assert places(result, "readability.long-paragraph") == [(6, 1), (8, 3)]
    assert [f.message for f in result.findings if f.rule == "readability.long-paragraph"][0] == (
        "paragraph has 151 words (max 150): split it where the topic shifts")
    assert places(lint(" ".join(["word"] * 150) + ".\n"), "readability.long-paragraph") == []


PASSIVE = "The report was written by Ann. The plan was approved in May. Then Sam read it. Ann laughed. Sam agreed.\n"


def test_passive_share_lists_each_passive_sentence_at_its_be_word() -> None:
    result = lint("We shipped it. They tested it. Ann liked it.\n\n" + PASSIVE)
    [finding] = [f for f in result.findings if f.rule == "readability.passive-voice"]
    assert (finding.line, finding.column) == (6, 12)
    assert [(o.line, o.column, o.text) for o in finding.occurrences] == [(6, 12, "was written"), (6, 41, "was approved")]
    assert finding.message.startswith("25% of sentences are passive (2 of 8; max 10%)")
    near_miss = "We shipped it. They tested it. Ann liked it. Sam ran. Ann sang. Bo hid.\n\n" + PASSIVE
    assert places(lint(near_miss, {"readability.passive-voice": {"max_share": 0.2}}), "readability.passive-voice") == []


def test_repeated_start_at_the_first_sentence_of_the_run() -> None:
    result = lint("We shipped it. We tested it. We liked it.\n")
    [finding] = [f for f in result.findings if f.rule == "readability.repeated-start"]
    assert (finding.line, finding.column, finding.severity.value) == (4, 1, "info")
    assert [(o.line, o.column) for o in finding.occurrences] == [(4, 1), (4, 16), (4, 30)]
    assert places(lint("We shipped it. We tested it.\n\n# Break\n\nWe liked it.\n"), "readability.repeated-start") == []
    assert places(lint("- We shipped it.\n- We tested it.\n- We liked it.\n"), "readability.repeated-start") == []


HARD = ("Organizational stakeholders' heterogeneous prioritization methodologies necessitate comprehensive, "
        "iterative, multidimensional alignment initiatives across interdependent operational capabilities. ") * 8


def test_reading_ease_and_grade_point_at_the_posts_first_word() -> None:
    result = lint("# A title\n\n" + HARD + "\n")
    ease = [f for f in result.findings if f.rule == "readability.flesch-reading-ease"]
    grade = [f for f in result.findings if f.rule == "readability.grade-level"]
    assert [(f.line, f.column) for f in ease + grade] == [(4, 3), (4, 3)]
    assert ease[0].message.startswith("Flesch reading ease 0.0 is below 30 (")
    assert grade[0].message.startswith("Flesch–Kincaid grade ")
    assert places(lint("# A title\n\n" + HARD[:300] + "\n"), "readability.flesch-reading-ease") == []  # under 100 words
    plain = "We moved the build to new machines. It is fast now, and we like it. " * 10
    assert places(lint(plain + "\n"), "readability.flesch-reading-ease") == []


def test_metrics_are_reported_when_every_rule_passes() -> None:
    result = lint("Short and plain. Nothing to flag here.\n")
    assert result.findings == ()
    assert result.metrics["readability"]["sentences"] == 2
    assert result.metrics["readability"]["flesch_reading_ease"] is not None
