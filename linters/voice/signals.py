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

from linters.prose import Block, Document
from linters.voice.matcher import PhraseMatcher

#: The share of a post's sentences, from the end, where an invitation to respond counts.
CLOSING_SHARE = 0.2

#: Categories that say something about the writer's voice, so they do not count in headings,
#: quotations and Q&A labels (buzzwords and hype count wherever they stand).
PERSONAL = frozenset({"first_person", "we", "reader", "invitations", "contraction", "feelings", "lessons", "sentiment"})

#: Code blocks beyond this many add nothing to the concrete-value signal.
CODE_BLOCKS_COUNTED = 2


def _voiced(doc: Document, block: Block) -> bool:
    """Whether a block speaks in the writer's voice: not a heading, not a quotation, not a
    paragraph set wholly in bold (interviews set their questions as headings or bold lines)."""
    if block.kind == "heading" or block.in_quote:
        return False
    bare = doc.text[block.start:block.end].strip()
    return not (len(bare) > 4 and bare[:2] in ("**", "__") and bare.rstrip("?:. ")[-2:] == bare[:2])


@dataclass(frozen=True)
class Hit:
    """One occurrence; ``start``/``end`` are offsets into the document's prose text."""

    category: str
    phrase: str
    start: int
    end: int


@dataclass
class Measurement:
    """Counts, rates per 100 prose words, and every occurrence by category."""

    words: int = 0
    counts: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    hits: dict[str, list[Hit]] = field(default_factory=lambda: defaultdict(list))
    rates: dict[str, float] = field(default_factory=dict)


def measure(doc: Document, matcher: PhraseMatcher) -> Measurement:
    """Scan every prose sentence once and derive the signal rates of ``linters.voice.score``."""
    result = Measurement(words=len(doc.words))
    counts, hits = result.counts, result.hits
    sentences = doc.sentences
    closing = len(sentences) - max(1, round(len(sentences) * CLOSING_SHARE))
    for number, sentence in enumerate(sentences):
        matches = matcher.scan(sentence.text)
        voiced = _voiced(doc, doc.blocks[sentence.block])
        categories = {m.category for m in matches}
        for match in matches:
            if voiced or match.category not in PERSONAL:
                counts[match.category] += match.weight
                hits[match.category].append(Hit(match.category, match.phrase, sentence.start + match.start, sentence.start + match.end))
        if not voiced:
            continue
        whole = Hit("sentence", "", sentence.start, sentence.end)
        if sentence.text.rstrip(" \"')”’*_").endswith("?"):
            counts["questions"] += 1
            hits["questions"].append(whole)
            if number >= closing and "reader" in categories:
                categories.add("invitations")
        if number >= closing and "invitations" in categories:
            counts["invitation"] = 1
        if "lessons" in categories and ("first_person" in categories or "we" in categories) or (
            "first_person" in categories and ("feelings" in categories or "sentiment" in categories)
        ):
            counts["personal_feeling"] += 1
            hits["personal_feeling"].append(whole)
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
