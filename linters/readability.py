"""Readability measures of a post's running text, from our own sentences, words and syllables.

The formulas are Flesch's reading ease (Flesch 1948) and the Flesch–Kincaid grade (Kincaid et al.
1975), the ones textstat implements; ``tests/test_readability.py`` checks them against textstat on
text where textstat's sentence split agrees with ours. We do not call textstat at run time: it
splits "version 1.88.0" into three sentences, leaves reading ease unclamped (values above 100), and
0.7.9+ downloads NLTK data on first use (see :mod:`byline.syllables`).

Running text means paragraph blocks (list items, quotes, admonitions and footnotes included).
Headings and table cells are prose for the voice rules but not sentences: a heading of four words
without a verb would pull the average sentence length down and flatter the score.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from byline.passive import find_passive
from byline.prose import Document, Sentence
from byline.syllables import total_syllables


def flesch_reading_ease(words: int, sentences: int, syllable_count: int) -> float:
    """206.835 − 1.015·words/sentence − 84.6·syllables/word, clamped to the scale's 0–100."""
    score = 206.835 - 1.015 * (words / sentences) - 84.6 * (syllable_count / words)
    return min(100.0, max(0.0, score))


def flesch_kincaid_grade(words: int, sentences: int, syllable_count: int) -> float:
    """0.39·words/sentence + 11.8·syllables/word − 15.59: a US school grade, never below 0."""
    return max(0.0, 0.39 * (words / sentences) + 11.8 * (syllable_count / words) - 15.59)


@dataclass(frozen=True)
class Readability:
    """Counts and scores of one post; scores are None when the post has no running text."""

    words: int
    sentences: int
    syllables: int
    reading_ease: float | None
    grade: float | None
    long_sentences: tuple[Sentence, ...]
    passive: tuple[tuple[Sentence, int, int], ...]  # each passive sentence, where its "be" starts and the participle ends
    paragraphs: int
    longest_paragraph: int
    long_words: int  # the sentence length above which a sentence is long

    def metrics(self) -> dict[str, Any]:
        """The numbers reported for every post (docs/guide/reference-lint.md, "Output formats")."""
        per = self.sentences or 1
        return {
            "words": self.words,
            "sentences": self.sentences,
            "syllables": self.syllables,
            "words_per_sentence": round(self.words / per, 2),
            "syllables_per_word": round(self.syllables / self.words, 3) if self.words else 0.0,
            "flesch_reading_ease": None if self.reading_ease is None else round(self.reading_ease, 1),
            "flesch_kincaid_grade": None if self.grade is None else round(self.grade, 1),
            "long_sentences": len(self.long_sentences),
            "long_sentence_share": round(len(self.long_sentences) / per, 3),
            "passive_sentences": len(self.passive),
            "passive_share": round(len(self.passive) / per, 3),
            "paragraphs": self.paragraphs,
            "longest_paragraph_words": self.longest_paragraph,
        }


def running_sentences(doc: Document) -> list[Sentence]:
    return [s for b in doc.blocks if b.kind == "paragraph" for s in b.sentences]


def measure(doc: Document, long_words: int = 25) -> Readability:
    """Every readability number of ``doc`` in one pass (memoised: several rules share it)."""
    key = f"readability:{long_words}"
    found = doc.cache.get(key)
    if found is not None:
        return found
    sentences = running_sentences(doc)
    words = syllable_count = 0
    long: list[Sentence] = []
    passive: list[tuple[Sentence, int, int]] = []
    for sentence in sentences:
        count = len(sentence.words)
        words += count
        syllable_count += total_syllables(sentence.words)
        if count > long_words:
            long.append(sentence)
        span = find_passive(sentence.words)
        if span is not None:
            passive.append((sentence, *span))
    paragraphs = [len(b.words) for b in doc.blocks if b.kind == "paragraph"]
    found = doc.cache[key] = Readability(
        words=words,
        sentences=len(sentences),
        syllables=syllable_count,
        reading_ease=flesch_reading_ease(words, len(sentences), syllable_count) if words else None,
        grade=flesch_kincaid_grade(words, len(sentences), syllable_count) if words else None,
        long_sentences=tuple(long),
        passive=tuple(passive),
        paragraphs=len(paragraphs),
        longest_paragraph=max(paragraphs, default=0),
        long_words=long_words,
    )
    return found
