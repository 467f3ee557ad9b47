"""Each voice rule fires on its trigger, not on a near miss, once per post with located occurrences;
word lists, names and the minimum score come from configuration (per path too)."""
from __future__ import annotations

from pathlib import Path

import pytest

from byline.config import SiteConfig
from byline.engine import Linter
from byline.errors import BylineError
from byline.posts import parse_post
from byline.errors import Where
from byline.settings import parse_block

SITE = SiteConfig(Path("."), Path("docs"), "blog", {"byline/authors": {"company": "Acme", "products": ["Acme Cloud"]}})

#: Neutral prose: no pronouns, contractions, figures, questions or listed phrases.
FILLER = (
    "The service reads each record from the queue and writes it to the store. "
    "The store keeps the record until the nightly job moves it to the archive. "
    "The archive is compressed and checked before the old copy is removed. "
)  # 42 words


def post(*paragraphs: str, words: int = 320, path: str = "docs/blog/posts/post.md") -> str:
    """A post of at least ``words`` prose words: the paragraphs, then filler."""
    body = list(paragraphs)
    while sum(len(p.split()) for p in body) < words:
        body.append(FILLER)
    return "\n\n".join(body) + "\n"


def lint(markdown: str, block: dict | None = None, path: str = "docs/blog/posts/post.md"):
    config = parse_block(block or {}, Where("mkdocs.yml"), Path("."))
    return Linter(config, None, SITE).lint_post(parse_post(markdown, path))


def voice(markdown: str, rule: str, **kw):
    return [f for f in lint(markdown, **kw).findings if f.rule == rule]


def test_press_release_fires_once_with_every_occurrence_located():
    text = post("Acme today announced a best-in-class platform.", "It is industry-leading.")
    (finding,) = voice(text, "voice.press-release")
    assert [(o.line, o.column, o.text) for o in finding.occurrences] == [
        (1, 6, "today announced"), (1, 24, "best-in-class"), (3, 7, "industry-leading")]
    assert (finding.line, finding.column) == (1, 6)
    assert "say what changed" in finding.message


def test_announced_in_a_past_tense_story_does_not_fire():
    text = post("When the board announced the merger, the team announced its own plan a week later.")
    assert voice(text, "voice.press-release") == []


def test_buzzwords_fire_and_a_blog_may_allow_its_words():
    text = post("Leverage the seamless ecosystem to empower synergy across every solution.")
    (finding,) = voice(text, "voice.buzzwords")
    assert [o.text for o in finding.occurrences] == ["Leverage", "seamless", "ecosystem", "empower", "synergy", "solution"]
    allowed = voice(text, "voice.buzzwords", block={"rules": {"voice.buzzwords": {"allow": ["ecosystem"]}}})
    assert [o.text for o in allowed[0].occurrences] == ["Leverage", "seamless", "empower", "synergy", "solution"]
    assert voice(post("Our tools share one ecosystem."), "voice.buzzwords") == []


def test_added_phrases_count_in_the_rule_and_the_score():
    text = post("We circle the wagons. " * 4)
    block = {"rules": {"voice.buzzwords": {"add": ["circle the wagons"]}}}
    assert voice(text, "voice.buzzwords") == []
    (finding,) = voice(text, "voice.buzzwords", block=block)
    assert len(finding.occurrences) == 4
    assert lint(text, block).metrics["voice"]["signals"]["buzzwords"]["points"] < 0


def test_self_promotion_counts_configured_names_but_not_inside_urls():
    named = post("Acme Cloud makes Acme faster. Acme Cloud helps Acme teams. Acme is here. " * 3)
    (finding,) = voice(named, "voice.self-promotion")
    assert {o.text for o in finding.occurrences} == {"Acme", "Acme Cloud"}
    in_urls = post("See https://acme.example/Acme and <https://acme.example/Acme-Cloud> and acme.io. " * 5)
    assert voice(in_urls, "voice.self-promotion") == []


def test_self_promotion_names_option_and_calls_to_buy():
    text = post("Request a demo today. Contact sales for a quote. " * 3)  # each call to buy counts 3 times
    (finding,) = voice(text, "voice.self-promotion")
    assert [o.text for o in finding.occurrences] == ["Request a demo", "Contact sales"] * 3
    text = post("Widgetly is great. Widgetly is fast. Widgetly ships. " * 4)
    assert voice(text, "voice.self-promotion") == []
    assert voice(text, "voice.self-promotion", block={"rules": {"voice.self-promotion": {"names": ["Widgetly"]}}})


def test_first_person_fires_on_a_we_only_post_and_lists_the_we():
    we_post = post("We shipped it and we tested it; our team and our users liked it. " * 3)
    (finding,) = voice(we_post, "voice.first-person")
    assert finding.occurrences[0].text == "We" and len(finding.occurrences) == 12
    assert voice(post("We shipped it and I tested it; our team and my users liked it. " * 3), "voice.first-person") == []


def test_reader_fires_without_you_or_question():
    assert voice(post(), "voice.reader")
    assert voice(post("Then you restart the worker."), "voice.reader") == []
    assert voice(post("Which store is best here?"), "voice.reader") == []


def test_you_inside_code_is_not_reader_address():
    assert voice(post("Run `you --help` first.", "```\nyou = me\n```"), "voice.reader")


def test_invitation_fires_on_long_posts_that_invite_no_reply():
    assert voice(post(words=820), "voice.invitation")
    assert voice(post(words=400), "voice.invitation") == []  # too short for absence to mean much
    assert voice(post(FILLER * 20, "Let me know what would help."), "voice.invitation") == []
    assert voice(post("Let me know what would help.", words=820), "voice.invitation")  # not near the end


def test_feeling_fires_on_long_posts_without_a_personal_sentence():
    assert voice(post(words=820), "voice.feeling")
    assert voice(post("I was surprised how slow the archive job was.", words=820), "voice.feeling") == []
    assert voice(post("We are thrilled with the archive job.", words=820), "voice.feeling")


def test_contractions_rule():
    assert voice(post(), "voice.contractions")
    assert voice(post("It's the store that's slow."), "voice.contractions") == []
    assert voice(post("The store's disk is slow."), "voice.contractions")  # a possessive is not a contraction


def test_concrete_rule():
    assert voice(post(), "voice.concrete")
    assert voice(post("For example, the job took 40 minutes on 3 servers."), "voice.concrete") == []
    assert voice(post("Version 1.2.3 shipped in 2024."), "voice.concrete")  # versions and years are not figures


def test_hedges_rule():
    text = post("Very many users saw various quite significantly faster builds, up to several times, mostly. " * 2)
    (finding,) = voice(text, "voice.hedges")
    assert finding.occurrences[0].text == "Very"
    assert voice(post("Many users saw faster builds."), "voice.hedges") == []


def test_short_posts_are_never_judged():
    text = "Acme today announced a best-in-class, industry-leading platform."
    assert [f for f in lint(text).findings if f.rule.startswith("voice.")] == []
    assert lint(text).metrics["voice"]["passion_score"] is None


def test_voice_score_rule_with_minimum_per_path():
    release = post("Acme today announced Acme Cloud, the best-in-class, industry-leading, award-winning platform.",
                   "Acme is pleased to announce it is now generally available.")
    (finding,) = voice(release, "voice.score")
    assert finding.severity.value == "warning"
    assert finding.message.startswith("passion score ") and "below 35" in finding.message
    block = {"overrides": [{"files": "docs/blog/posts/releases/*", "rules": {"voice.score": {"min_score": 0}}}]}
    assert voice(release, "voice.score", block=block, path="docs/blog/posts/releases/r.md") == []
    assert voice(release, "voice.score", block=block, path="docs/blog/posts/r.md")


def test_thresholds_are_configurable_and_checked():
    text = post("Acme today announced it.")
    assert voice(text, "voice.press-release", block={"rules": {"voice.press-release": {"max_per_100": 5.0}}}) == []
    with pytest.raises(BylineError):
        parse_block({"rules": {"voice.press-release": {"max_per_100": -1}}}, Where("mkdocs.yml"))
    with pytest.raises(BylineError):
        parse_block({"rules": {"voice.press-release": {"allow": "today announced"}}}, Where("mkdocs.yml"))


def test_metrics_carry_the_score_and_breakdown():
    metrics = lint(post("I think you will like it. What do you think?")).metrics["voice"]
    assert isinstance(metrics["passion_score"], int)
    assert set(metrics["signals"]) >= {"personal_voice", "press_release", "buzzwords", "self_promotion"}
    assert metrics["best_change"]["signal"] in metrics["signals"]


def test_announcement_rule_lists_release_note_formulas():
    text = post("Version 2.0 is now available. What's new in this release: bug fixes.")
    (finding,) = voice(text, "voice.announcement")
    assert [o.text for o in finding.occurrences] == ["now available", "What's new", "this release", "bug fixes"]
    assert voice(post("The cache release valve opened; the new cache works."), "voice.announcement") == []


def test_rule_reference_documents_every_voice_rule_with_its_options():
    from byline.rules import rules

    reference = (Path(__file__).resolve().parents[1] / "docs" / "guide" / "rules.md").read_text(encoding="utf-8")
    for rule_id, rule in rules().items():
        if rule.family == "voice":
            section = reference.split(f"\n### {rule_id}\n", 1)[1].split("\n### ", 1)[0]
            assert all(f"`{option}`" in section for option in rule.options), rule_id
