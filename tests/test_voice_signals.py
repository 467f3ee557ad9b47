"""Each voice signal pinned on short hand-written texts, and its near misses."""
from __future__ import annotations

import pytest

from byline.errors import BylineError
from byline.posts import parse_post
from byline.prose import parse_document
from byline.voice.lexicon import packaged, phrases
from byline.prose import WORD
from byline.voice.matcher import PhraseMatcher
from byline.voice.settings import VoiceSettings, analyse
from byline.voice.signals import spans


def measure(markdown: str, **settings):
    doc = parse_document(parse_post(markdown, "post.md"))
    return analyse(doc, VoiceSettings.of(**settings)).measurement, doc


def found(markdown: str, category: str, **settings) -> list[str]:
    measured, doc = measure(markdown, **settings)
    return [doc.text[start:end] for start, end in spans(doc, measured.hits[category])]


def test_every_list_loads_with_weights():
    for name in ("press_release", "buzzwords", "hedges", "calls_to_action", "invitations", "feelings", "lessons", "concrete"):
        assert packaged(name), name
    assert {p.text: p.weight for p in packaged("press_release")}["today announced"] == 3


def test_one_matcher_finds_all_lists_in_one_scan_longest_first():
    matcher = PhraseMatcher(phrases(company_names=["Acme"]))
    words = WORD.findall("Acme today announced a best-in-class solution, and we are pleased to announce more.".replace("-", " "))
    matches = matcher.scan([words]).matches
    got = {(m.category, " ".join(words[m.first:m.first + m.length])) for m in matches}
    assert ("press_release", "today announced") in got
    assert ("press_release", "best in class") in got
    # Leftmost-longest within a category: "we are pleased" takes the words "pleased to announce" would.
    assert ("press_release", "we are pleased") in got
    assert ("press_release", "pleased to announce") not in got
    assert ("buzzwords", "solution") in got
    assert ("company", "Acme") in got
    assert ("we", "we") in got


def test_hyphen_and_space_match_each_other():
    assert found("It is best in class.", "press_release") == ["best in class"]
    assert found("It is best-in-class.", "press_release") == ["best-in-class"]


def test_first_person_counts_capital_i_only_and_its_contractions():
    assert found("I think I'm right and my team agrees with me.", "first_person") == ["I", "I'm", "my", "me"]
    assert found("Step i of the loop.", "first_person") == []


def test_us_is_we_but_the_US_is_not():
    assert found("The US helped us.", "we") == ["us"]


def test_you_inside_code_is_not_reader_address():
    assert found("Run `you --help` and read it.\n\n```\nyou = 1\n```\n", "reader") == []
    assert found("Then you run it.", "reader") == ["you"]


def test_company_name_inside_a_url_is_not_a_mention():
    text = "See https://acme.example/Acme/docs and acme.io and [the docs](https://x.example/Acme)."
    assert found(text, "company", company_names=["Acme"]) == []
    assert found("Acme's docs helped.", "company", company_names=["Acme"]) == ["Acme's"]


def test_company_names_keep_their_case():
    assert found("Rust is fast; rust is iron oxide.", "company", company_names=["Rust"]) == ["Rust"]


def test_announced_in_a_past_tense_story_is_not_press_release():
    story = "When the team announced the move in 2019, I was sceptical. Nobody announced anything today."
    assert found(story, "press_release") == []
    assert found("Acme today announced a partnership.", "press_release") == ["today announced"]


def test_contractions_exclude_possessives():
    assert measure("It's Rust's job; don't worry, they've done it.")[0].counts["contraction"] == 3
    assert measure("Rust's job is the store's.")[0].counts["contraction"] == 0


def test_figures_exclude_versions_and_years():
    assert measure("In 2024 we cut 40% of 1.94.1 builds to 3.5 s.")[0].counts["number"] == 2  # 40 and 3.5


def test_questions_count_in_paragraphs_not_headings_or_bold_interview_labels():
    text = "## What is it?\n\n**Q: Why did you start?**\n\nWhat would you do here?\n"
    measured, _ = measure(text)
    assert measured.counts["questions"] == 1


def test_quotations_do_not_speak_for_the_writer():
    measured, _ = measure("> I was thrilled, I said.\n\nThe team shipped it.\n")
    assert measured.counts["first_person"] == 0


def test_feeling_needs_the_writer_as_i_and_hype_never_counts():
    assert measure("I was frustrated by the build.")[0].counts["personal_feeling"] == 1
    assert measure("The build is frustrating.")[0].counts["personal_feeling"] == 0
    assert measure("We learned that the cache was wrong.")[0].counts["personal_feeling"] == 1
    assert measure("We are glad to ship.")[0].counts["personal_feeling"] == 0
    # "revolutionary" is press-release hype: never a feeling, even with "I".
    assert measure("I built a revolutionary tool.")[0].counts["personal_feeling"] == 0


def test_invitation_counts_only_near_the_end():
    filler = " ".join(f"Sentence number {n} is here." for n in range(10))
    assert measure(f"Let me know what you think. {filler}")[0].counts["invitation"] == 0
    assert measure(f"{filler} Let me know what you think.")[0].counts["invitation"] == 1
    assert measure(f"{filler} What would you change?")[0].counts["invitation"] == 1


def test_code_blocks_count_as_concrete_at_most_twice():
    blocks = "Text here.\n\n" + "```\nx\n```\n\n" * 5
    measured, _ = measure(blocks)
    assert measured.rates["concrete"] == pytest.approx(2 * 100 / 2)


def test_configuration_allows_and_extends_lists():
    text = "Our ecosystem grows; we circle the wagons."
    assert found(text, "buzzwords") == ["ecosystem"]
    assert found(text, "buzzwords", allow={"buzzwords": ["ecosystem"]}) == []
    assert found(text, "buzzwords", extend={"buzzwords": ["circle the wagons"]}) == ["ecosystem", "circle the wagons"]


def test_unknown_list_in_configuration_is_an_error():
    with pytest.raises(BylineError, match="voice word list 'buzzword' does not exist"):
        phrases(extend={"buzzword": ["x"]})
