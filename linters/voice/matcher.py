"""One pass over a post's words finds every phrase of every voice list at once.

Every phrase of every list (pronouns, the word lists, the company's names) is indexed by one of
its words, the first that is not a function word; the scan joins all the post's words (as the
prose layer split them, :mod:`byline.prose`) into one sequence, looks each word up once in that
index, and compares only the few phrases anchored there. Cost grows with the text, not with the
number of phrases (textlint's one-regex-per-phrase stop-word rule is 13x slower than the rest of
textlint).

Words are the prose layer's: letters and digits joined by apostrophes, dots or hyphens are one
word, so "don't", "v2.3.1" and "ferretdb.io" are each one word (a name inside a domain is not a
mention of the name). A phrase with a hyphen is indexed both ways, so "best-in-class" and "best
in class" match each other.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import attrgetter, itemgetter
from typing import NamedTuple

from byline.prose import WORD
from byline.voice.lexicon import Phrase

#: In the space-joined, lowercased words (with a leading space): a word starting with a digit.
#: Years are dates and "1.94.1" (two dots) a version: not figures (:data:`YEAR`).
DIGIT_WORD = re.compile(r" \d[^ ]*")
YEAR = re.compile(r"(?:19|20)\d\d")
#: Contractions, the marker of informal speech (Liebrecht et al. 2021), found from their
#: apostrophe (the regex engine jumps from one to the next): n't, 're, 've, 'll, 'd, 'm, and 's
#: only after words where it cannot be a possessive (:data:`S_CONTRACTED`: "it's", "let's"; not
#: "Rust's").
CONTRACTION = re.compile(r"'(?:re|ve|ll|d|m|s|t)(?![^ ])")
S_CONTRACTED = frozenset("it that there here what who where how let he she".split())


class Scan(NamedTuple):
    """A post's phrase matches, each placed in its sentence, and two counts that need no list:
    figures (a word starting with a digit, not a year or a dotted version) and contractions."""

    matches: list[Match]
    figures: int
    contractions: int


@dataclass(frozen=True, slots=True)
class Match:
    """A phrase found in sentence ``sentence``: its words ``first`` to ``first + length - 1``."""

    sentence: int
    category: str
    phrase: str
    weight: float
    first: int
    length: int


def _forms(text: str) -> list[list[str]]:
    """A phrase's words as the prose layer splits text, and, if it has a hyphen, split there too."""
    words = WORD.findall(text.replace("’", "'"))
    forms = [words]
    if any("-" in w for w in words):
        forms.append(" ".join(words).replace("-", " ").split(" "))
    return forms


#: Stands between sentences in the joined word sequence (never a word: no letters or digits).
_SEPARATOR = "\x00"

#: Function words never anchor a phrase: "for example" is looked up at "example", so the scan
#: stops only where a rarer word stands (a phrase made only of these anchors on its first word).
FUNCTION_WORDS = frozenset(
    "a an the to in on of for at by with from as is are was were be been am has have had do did "
    "can will would this that these those it its and or but not no so all we our us i me my you "
    "your they their he she what how let more most".split()
)


def _contracted(text: str, found: re.Match[str]) -> bool:
    """Whether an apostrophe suffix found in ``text`` ends a contraction (see :data:`CONTRACTION`)."""
    suffix, start = found.group(), found.start()
    if suffix == "'t":
        return text[start - 1 : start] == "n"
    if suffix == "'s":
        return text[text.rfind(" ", 0, start) + 1 : start] in S_CONTRACTED
    return start > 0 and text[start - 1] != " "


def _anchor_word(words: list[str]) -> str:
    return next((w for w in words if w not in FUNCTION_WORDS), words[0])


class PhraseMatcher:
    """All phrases of all categories in one index; ``scan`` is the single pass."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        index: dict[str, tuple[list[Phrase], list[tuple[int, list[str], Phrase, tuple[str, ...] | None]]]] = {}

        def add(words: list[str], phrase: Phrase, exact: tuple[str, ...] | None) -> None:
            key = _anchor_word(words)
            singles, others = index.setdefault(key, ([], []))
            if len(words) == 1 and exact is None:
                singles.append(phrase)  # the common case, matched without any comparison
            else:
                others.append((words.index(key), words, phrase, exact))

        for phrase in phrases:
            for form in _forms(phrase.text):
                words = [w.lower() for w in form]
                exact = tuple(form) if phrase.exact else None
                add(words, phrase, exact)
                if exact is not None and len(words) == 1:  # possessive: "FerretDB's" mentions FerretDB
                    add([words[0] + "'s"], phrase, (exact[0] + "'s",))
        self._index = index

    def scan(self, sentences: Sequence[Sequence[str]]) -> Scan:
        """Every phrase in a post's sentences (each a non-empty sequence of words as
        :mod:`byline.prose` splits them), leftmost-longest per category; a word may belong to two categories ("we're
        excited" is press release and "we"). The sentences are joined with a separator no phrase
        crosses and scanned as one sequence: per-sentence overhead would dominate."""
        starts = list(accumulate([n + 1 for n in map(len, sentences)], initial=0))  # +1: the separator
        plain = f" {_SEPARATOR} ".join(map(" ".join, sentences)).replace("’", "'")
        lowered = plain.lower()
        low = lowered.split(" ")
        words: list[str] = []  # the original case, split only if a case-sensitive name may match
        figures = sum(1 for w in DIGIT_WORD.findall(" " + lowered) if w.count(".") < 2 and not YEAR.fullmatch(w, 1))
        contractions = sum(map(_contracted, repeat(lowered), CONTRACTION.finditer(lowered)))
        index = self._index
        matches: list[Match] = []
        longer: list[tuple[int, int, Phrase]] = []  # multi-word or case-sensitive: resolved below
        for j in compress(range(len(low)), map(index.__contains__, low)):
            singles, others = index[low[j]]
            if singles:
                sentence = bisect_right(starts, j) - 1
                first = j - starts[sentence]
                for phrase in singles:
                    matches.append(Match(sentence, phrase.category, phrase.text, phrase.weight, first, 1))
            for anchor, phrase_words, phrase, exact in others:
                i = j - anchor
                end = i + len(phrase_words)
                if len(phrase_words) > 1 and (i < 0 or low[i:end] != phrase_words):
                    continue
                if exact is not None:
                    words = words or plain.split(" ")
                    if tuple(words[i:end]) != exact:
                        continue
                longer.append((i, -end, phrase))
        if longer:
            # Leftmost-longest per category; a single word inside a longer phrase of its own
            # category counts for that phrase only.
            longer.sort(key=itemgetter(0, 1))
            busy: dict[str, int] = {}  # category -> first word index free for a new match
            covered: set[tuple[str, int]] = set()
            for i, negative_end, phrase in longer:
                if busy.get(phrase.category, 0) <= i:
                    busy[phrase.category] = -negative_end
                    sentence = bisect_right(starts, i) - 1
                    matches.append(Match(sentence, phrase.category, phrase.text, phrase.weight, i - starts[sentence], -negative_end - i))
                    covered.update((phrase.category, k) for k in range(i, -negative_end) if -negative_end - i > 1)
            if covered:
                matches = [m for m in matches if m.length > 1 or (m.category, starts[m.sentence] + m.first) not in covered]
            matches.sort(key=attrgetter("sentence", "first"))
        return Scan(matches, figures, contractions)
