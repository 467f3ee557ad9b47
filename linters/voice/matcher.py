"""One pass over a post's words finds every phrase of every voice list at once.

Every phrase of every list (pronouns, ~2,000 sentiment words, the company's names…) is indexed by
its first word; the scan walks the words the prose layer already split (:mod:`linters.prose`),
looks each one up once in that index, and compares only the few phrases that start there. Cost
grows with the text, not with the number of phrases (textlint's one-regex-per-phrase stop-word
rule is 13x slower than the rest of textlint), and nothing re-reads the text.

Words are the prose layer's: letters and digits joined by apostrophes or dots are one word, so
"don't", "v2.3.1" and "ferretdb.io" are each one word (a name inside a domain is not a mention
of the name). Hyphenated words are split into their parts here, so "best-in-class" and "best in
class" match each other.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from linters.prose import WORD
from linters.voice.lexicon import Phrase

#: In the space-joined, lowercased words: a word starting with a digit (the digit comes first so
#: the regex engine skips ahead to it). Years are dates and "1.94.1" (two dots) a version: not
#: figures (:data:`YEAR`).
DIGIT_WORD = re.compile(r"\d(?<![^ ]\d)[^ ]*")
YEAR = re.compile(r"(?:19|20)\d\d")
#: Contractions, the marker of informal speech (Liebrecht et al. 2021). "'s" counts only after
#: words where it cannot be a possessive (:data:`S_CONTRACTED`: "it's", "let's"; not "Rust's").
CONTRACTION = re.compile(r"(?:n't|'re|'ve|'ll|'d|'m|'s)(?![^ ])")
S_CONTRACTED = frozenset("it that there here what who where how let he she".split())


class Scan(NamedTuple):
    """A post's phrase matches, each placed in its sentence, and two counts that need no list:
    figures (a word starting with a digit, not a year or a dotted version) and contractions."""

    matches: list[Match]
    figures: int
    contractions: int


@dataclass(frozen=True, slots=True)
class Match:
    """A phrase found in sentence ``sentence``: its words ``first`` to ``first + length - 1``
    (words split at hyphens)."""

    sentence: int
    category: str
    phrase: str
    weight: float
    first: int
    length: int


def split_words(words: Sequence[str]) -> list[str]:
    """The prose layer's words with hyphenated ones split into their parts."""
    return " ".join(words).replace("-", " ").split(" ") if words else []


def _key(text: str) -> list[str]:
    return [w.lower() for w in split_words([w.replace("’", "'") for w in WORD.findall(text)])]


#: Stands between sentences in the joined word sequence (never a word: no letters or digits).
_SEPARATOR = "\x00"

#: Function words never anchor a phrase: "for example" is looked up at "example", so the scan
#: stops only where a rarer word stands (a phrase made only of these anchors on its first word).
FUNCTION_WORDS = frozenset(
    "a an the to in on of for at by with from as is are was were be been am has have had do did "
    "can will would this that these those it its and or but not no so all we our us i me my you "
    "your they their he she what how let more most".split()
)


class PhraseMatcher:
    """All phrases of all categories in one index; ``scan`` is the single pass."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        index: dict[str, list[tuple[int, tuple[str, ...], Phrase, tuple[str, ...] | None]]] = {}

        def add(words: list[str], phrase: Phrase, exact: tuple[str, ...] | None) -> None:
            anchor = next((k for k, w in enumerate(words) if w not in FUNCTION_WORDS), 0) if len(words) > 1 else 0
            index.setdefault(words[anchor], []).append((anchor, tuple(words), phrase, exact))

        for phrase in phrases:
            words = _key(phrase.text)
            if not words:
                continue
            exact = tuple(split_words(WORD.findall(phrase.text.replace("’", "'")))) if phrase.exact else None
            add(words, phrase, exact)
            if exact is not None and len(words) == 1:  # possessive: "FerretDB's" mentions FerretDB
                add([words[0] + "'s"], phrase, (exact[0] + "'s",))
        self._index = index

    def scan(self, sentences: Sequence[Sequence[str]]) -> Scan:
        """Every phrase in a post's sentences (each a sequence of words as :mod:`linters.prose`
        splits them), leftmost-longest per category; a word may belong to two categories ("we're
        excited" is press release and "we"). The sentences are joined with a separator no phrase
        crosses and scanned as one sequence: per-sentence overhead would dominate."""
        texts = [" ".join(words) for words in sentences]
        starts = list(accumulate((t.count(" ") + t.count("-") + 2 for t in texts), initial=0))  # +1 word, +1 separator
        plain = f" {_SEPARATOR} ".join(texts).replace("’", "'").replace("-", " ")
        lowered = plain.lower()
        words, low = plain.split(" "), lowered.split(" ")
        figures = sum(1 for w in DIGIT_WORD.findall(lowered) if w.count(".") < 2 and not YEAR.fullmatch(w))
        contractions = sum(
            1 for m in CONTRACTION.finditer(lowered)
            if m.group() != "'s" or lowered[lowered.rfind(" ", 0, m.start()) + 1 : m.start()] in S_CONTRACTED
        )
        index = self._index
        found: list[tuple[int, int, Phrase]] = []
        for j in [j for j, word in enumerate(low) if word in index]:
            for anchor, phrase_words, phrase, exact in index[low[j]]:
                i = j - anchor
                end = i + len(phrase_words)
                if i < 0 or (len(phrase_words) > 1 and tuple(low[i:end]) != phrase_words):
                    continue
                if exact is not None and tuple(words[i:end]) != exact:
                    continue
                found.append((i, -end, phrase))
        matches: list[Match] = []
        busy: dict[str, int] = {}  # category -> first word index free for a new match
        for i, negative_end, phrase in sorted(found, key=lambda f: (f[0], f[1])):
            if busy.get(phrase.category, 0) <= i:
                busy[phrase.category] = -negative_end
                sentence = bisect_right(starts, i) - 1
                matches.append(Match(sentence, phrase.category, phrase.text, phrase.weight, i - starts[sentence], -negative_end - i))
        return Scan(matches, figures, contractions)
