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
from dataclasses import dataclass, field

from byline.prose import Block, Document
from byline.voice.lexicon import sentiment_words
from byline.voice.matcher import Match, PhraseMatcher

#: The share of a post's sentences, from the end, where an invitation to respond counts.
CLOSING_SHARE = 0.2

#: Categories that say something about the writer's voice, so they do not count in headings,
#: quotations and Q&A labels (buzzwords and hype count wherever they stand).
PERSONAL = frozenset({"first_person", "we", "reader", "invitations", "feelings", "lessons"})

#: Code blocks beyond this many add nothing to the concrete-value signal.
CODE_BLOCKS_COUNTED = 2


def _voiced(doc: Document, block: Block) -> bool:
    """Whether a block speaks in the writer's voice: not a heading, not a quotation, not a
    paragraph set wholly in bold (interviews set their questions as headings or bold lines)."""
    if block.kind == "heading" or block.in_quote:
        return False
    if not doc.text.startswith(("**", "__"), block.start):
        return True
    bare = doc.text[block.start:block.end].strip()
    return not (len(bare) > 4 and bare.rstrip("?:. ")[-2:] == bare[:2])


def _felt(words: tuple[str, ...]) -> bool:
    """A strongly valenced word of vaderSentiment's lexicon (hype excluded) among the words. Looked
    up only in the writer's "I" sentences, the only place it counts, so it stays out of the
    combined scan that every word of every post goes through."""
    return not sentiment_words().isdisjoint(" ".join(words).lower().split(" "))


def _word_offsets(text: str, words: tuple[str, ...], base: int) -> list[tuple[int, int]]:
    """Offsets of a sentence's words (they stand in ``text`` in order, separated by characters
    that are never part of a word, so each is found after the last)."""
    offsets = []
    position = 0
    for word in words:
        position = text.find(word, position)
        offsets.append((base + position, base + position + len(word)))
        position += len(word)
    return offsets


def spans(doc: Document, hits: list[Match]) -> list[tuple[int, int]]:
    """The offsets of ``hits`` in the document's prose text (a whole sentence when a hit's length
    is 0), computed only for the occurrences a finding lists, each sentence's words located once."""
    located: dict[int, list[tuple[int, int]]] = {}
    result = []
    for hit in hits:
        sentence = doc.sentences[hit.sentence]
        if not hit.length:
            result.append((sentence.start, sentence.end))
            continue
        parts = located.get(hit.sentence)
        if parts is None:
            parts = located[hit.sentence] = _word_offsets(sentence.text, sentence.words, sentence.start)
        result.append((parts[hit.first][0], parts[hit.first + hit.length - 1][1]))
    return result


@dataclass
class Measurement:
    """Counts, rates per 100 prose words, and every occurrence by category."""

    words: int = 0
    counts: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    hits: dict[str, list[Match]] = field(default_factory=lambda: defaultdict(list))
    rates: dict[str, float] = field(default_factory=dict)


def measure(doc: Document, matcher: PhraseMatcher) -> Measurement:
    """Scan the post's words once and derive the signal rates of ``byline.voice.score``."""
    sentences = doc.sentences
    result = Measurement(words=sum(len(s.words) for s in sentences))
    counts, hits = result.counts, result.hits
    closing = len(sentences) - max(1, round(len(sentences) * CLOSING_SHARE))
    voiced_blocks = [_voiced(doc, block) for block in doc.blocks]
    scan = matcher.scan([s.words for s in sentences])
    counts["number"] = scan.figures
    counts["contraction"] = scan.contractions  # in all prose: a quoted "don't" is informal too
    by_sentence: dict[int, list[Match]] = defaultdict(list)
    for match in scan.matches:
        by_sentence[match.sentence].append(match)
    questions = {k for k, s in enumerate(sentences) if "?" in s.text and s.text.rstrip(" \"')”’*_").endswith("?")}
    for number in sorted(by_sentence.keys() | questions):
        voiced = voiced_blocks[sentences[number].block]
        categories = set()
        for match in by_sentence.get(number, ()):
            if voiced or match.category not in PERSONAL:
                categories.add(match.category)
                counts[match.category] += match.weight
                hits[match.category].append(match)
        if not voiced:
            continue
        if number in questions:
            counts["questions"] += 1
            hits["questions"].append(Match(number, "questions", "", 1.0, 0, 0))
            if number >= closing and "reader" in categories:
                categories.add("invitations")
        if number >= closing and "invitations" in categories:
            counts["invitation"] = 1
        if "lessons" in categories and ("first_person" in categories or "we" in categories) or (
            "first_person" in categories and ("feelings" in categories or _felt(sentences[number].words))
        ):
            counts["personal_feeling"] += 1
            hits["personal_feeling"].append(Match(number, "personal_feeling", "", 1.0, 0, 0))
    per100 = 100.0 / result.words if result.words else 0.0
    # Figures exclude versions and years (see matcher); code counts for at most two blocks, so a
    # changelog full of snippets does not look concrete by volume.
    concrete = counts["number"] + counts["concrete"] + min(doc.code_blocks, CODE_BLOCKS_COUNTED) + doc.images
    result.rates = {
        "personal_voice": counts["first_person"] * per100,
        "personal_feeling": counts["personal_feeling"] * per100,
        "reader_address": counts["reader"] * per100,
        "questions": counts["questions"] * per100,
        "invitation": counts["invitation"],
        "contractions": counts["contraction"] * per100,
        "concrete": concrete * per100,
        "press_release": counts["press_release"] * per100,
        "announcement": counts["announcements"] * per100,
        "buzzwords": counts["buzzwords"] * per100,
        "self_promotion": (counts["company"] + 3 * counts["calls_to_action"]) * per100,
        "hedges": counts["hedges"] * per100,
        "we": counts["we"] * per100,
        "questions_count": counts["questions"],
        "words": float(result.words),
    }
    return result
