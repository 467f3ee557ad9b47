"""One pass over a sentence's words finds every phrase of every voice list at once.

Each phrase is indexed by its first word; the scan looks up each word once in that index and
compares the few candidate phrases that start there. Cost grows with the text, not with the number
of phrases (textlint's one-regex-per-phrase stop-word rule is 13x slower than the rest of textlint).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from linters.voice.lexicon import Phrase

#: A word: letters/digits joined by apostrophes or dots, so "don't", "v2.3.1", "e.g" and
#: "ferretdb.io" are each one word (a name inside a domain is not a mention of the name).
#: Hyphens split words: "best-in-class" is matched as "best in class".
WORD = re.compile(r"\w+(?:['.]\w+)*")

#: Years are dates, not figures; "1.94.1" (two dots) is a version, not a figure.
YEAR = re.compile(r"(?:19|20)\d\d")

#: Contractions, the marker of informal speech (Liebrecht et al. 2021). "'s" counts only after
#: words where it cannot be a possessive ("it's", "that's", "let's"; not "Rust's").
CONTRACTION = re.compile(r"(?:n't|'re|'ve|'ll|'d|'m)$|^(?:it|that|there|here|what|who|where|how|let|he|she)'s$")


@dataclass(frozen=True, slots=True)
class Match:
    """A phrase found in a text; ``start``/``end`` are character offsets into that text."""

    category: str
    phrase: str
    weight: float
    start: int
    end: int


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text.replace("’", "'"))]


class PhraseMatcher:
    """All phrases of all categories in one index; ``scan`` is the single pass."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        index: dict[str, list[tuple[tuple[str, ...], Phrase, tuple[str, ...] | None]]] = {}
        for phrase in phrases:
            words = _words(phrase.text)
            if not words:
                continue
            exact = tuple(WORD.findall(phrase.text.replace("’", "'"))) if phrase.exact else None
            index.setdefault(words[0], []).append((tuple(words[1:]), phrase, exact))
        for candidates in index.values():
            candidates.sort(key=lambda c: -len(c[0]))  # longest phrase first at each word
        self._index = index

    def scan(self, text: str) -> list[Match]:
        """Every phrase match in ``text``, leftmost-longest per category
        (a word may belong to two categories: "we're excited" is press release and "we").
        Two categories need no list: ``number`` (a figure: a word starting with a digit, not
        a year or a dotted version) and ``contraction``."""
        plain = text.replace("’", "'")
        lowered = plain.lower()
        if len(lowered) != len(plain):  # a few characters change length when lowered
            lowered = plain
        spans = [(m.start(), m.end()) for m in WORD.finditer(lowered)]
        words = [lowered[s:e] for s, e in spans] if lowered is not plain else [plain[s:e].lower() for s, e in spans]
        index = self._index
        matches: list[Match] = []
        busy: dict[str, int] = {}  # category -> first word index free for a new match
        for i, word in enumerate(words):
            if word[0].isdigit() and word.count(".") < 2 and not YEAR.fullmatch(word):
                matches.append(Match("number", word, 1.0, spans[i][0], spans[i][1]))
            elif "'" in word and CONTRACTION.search(word):
                matches.append(Match("contraction", word, 1.0, spans[i][0], spans[i][1]))
            candidates = index.get(word)
            if candidates is None and word.endswith("'s"):
                candidates = index.get(word[:-2])  # possessive: "FerretDB's" mentions FerretDB
            if candidates is None:
                continue
            for tail, phrase, exact in candidates:
                if busy.get(phrase.category, 0) > i:
                    continue
                end = i + 1 + len(tail)
                if tail and tuple(words[i + 1 : end]) != tail:
                    continue
                if exact is not None and not _same_case(plain, spans, i, exact):
                    continue
                busy[phrase.category] = end
                matches.append(Match(phrase.category, phrase.text, phrase.weight, spans[i][0], spans[end - 1][1]))
        return matches


def _same_case(text: str, spans: list[tuple[int, int]], first: int, exact: tuple[str, ...]) -> bool:
    for k, expected in enumerate(exact):
        start, end = spans[first + k]
        word = text[start:end]
        if word != expected and not (k == len(exact) - 1 and word == expected + "'s"):
            return False
    return True
