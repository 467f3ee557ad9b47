"""Measuring a post's voice signals from its prose sentences in one pass.

Design choices against the traps the naive counts fall into:
- only prose counts (code, URLs, front matter and markup are gone before this module sees text),
  and every rate is per 100 prose words, so a code-heavy tutorial is judged on its prose;
- headings and quotations are read for words but not for voice: an interview's questions set as
  headings or bold lines are not the writer asking the reader, and a quoted "I" is someone else;
- "we" is measured and shown but not rewarded: announcements are written in "we";
- hype words are penalised as press-release phrasing and never count as feeling; a feeling counts
  only in a sentence where the writer speaks as "I".
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from linters.voice.matcher import Match, PhraseMatcher

#: The share of a post's sentences, from the end, where an invitation to respond counts.
CLOSING_SHARE = 0.2

#: Code blocks beyond this many add nothing to the concrete-value signal.
CODE_BLOCKS_COUNTED = 2

#: Sentence kinds whose words count but whose voice does not (see the module docstring).
NOT_VOICE = frozenset({"heading", "quote", "label"})


class Sentence(Protocol):
    """What the measurement needs of a prose sentence (the lint framework's sentence provides it)."""

    text: str
    kind: str  # "paragraph", "list", "table", "heading", "quote", "label" (a bold-only Q&A line)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based file line and column of a character offset in ``text``."""
        ...


@dataclass(frozen=True)
class Hit:
    """One located occurrence, kept for the rule that reports it."""

    sentence: int
    match: Match


@dataclass
class Measurement:
    """Counts, rates per 100 prose words, and every occurrence by category."""

    words: int = 0
    counts: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    hits: dict[str, list[Hit]] = field(default_factory=lambda: defaultdict(list))
    rates: dict[str, float] = field(default_factory=dict)


def measure(sentences: Sequence[Sentence], matcher: PhraseMatcher, code_blocks: int = 0, images: int = 0) -> Measurement:
    """Scan every sentence once and derive the signal rates of ``linters.voice.score``."""
    result = Measurement()
    counts, hits = result.counts, result.hits
    closing = len(sentences) - max(1, round(len(sentences) * CLOSING_SHARE))
    for number, sentence in enumerate(sentences):
        words, matches = matcher.scan(sentence.text)
        result.words += words
        voiced = sentence.kind not in NOT_VOICE
        categories = {m.category for m in matches}
        for match in matches:
            if not voiced and match.category in ("first_person", "we", "reader", "invitations", "contraction", "feelings", "lessons", "sentiment"):
                continue
            counts[match.category] += match.weight
            hits[match.category].append(Hit(number, match))
        if not voiced:
            continue
        text = sentence.text.rstrip(" \"')”’*_")
        if text.endswith("?"):
            counts["questions"] += 1
            hits["questions"].append(Hit(number, Match("questions", "?", 1.0, 0, len(sentence.text))))
            if number >= closing and "reader" in categories:
                categories.add("invitations")
        if number >= closing and "invitations" in categories:
            counts["invitation"] = 1
        if "lessons" in categories and ("first_person" in categories or "we" in categories) or (
            "first_person" in categories and ("feelings" in categories or "sentiment" in categories)
        ):
            counts["personal_feeling"] += 1
            hits["personal_feeling"].append(Hit(number, Match("personal_feeling", "", 1.0, 0, len(sentence.text))))
    per100 = 100.0 / result.words if result.words else 0.0
    # Version numbers and years are not evidence; a changelog's many code blocks count as one
    # showing of code at most twice, so release notes do not look concrete by volume.
    concrete = counts["number"] + counts["concrete"] + min(code_blocks, CODE_BLOCKS_COUNTED) + images
    result.rates = {
        "personal_voice": counts["first_person"] * per100,
        "personal_feeling": counts["personal_feeling"] * per100,
        "reader_address": counts["reader"] * per100,
        "questions": counts["questions"] * per100,
        "invitation": counts["invitation"],
        "contractions": counts["contraction"] * per100,
        "concrete": concrete * per100,
        "press_release": counts["press_release"] * per100,
        "buzzwords": counts["buzzwords"] * per100,
        "self_promotion": (counts["company"] + 3 * counts["calls_to_action"]) * per100,
        "hedges": counts["hedges"] * per100,
        "we": counts["we"] * per100,
    }
    return result
