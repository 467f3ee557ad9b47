"""What a blog configures about voice: word-list edits and its company's names. The matcher built
from them is cached, so linting many posts compiles the lists once."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from byline.prose import Document
from byline.voice.lexicon import phrases
from byline.voice.matcher import PhraseMatcher
from byline.voice.score import Score, score
from byline.voice.signals import Measurement, measure


@dataclass(frozen=True)
class VoiceSettings:
    """``allow`` prunes phrases from named lists (a developer blog may allow "ecosystem" in
    ``buzzwords``); ``extend`` adds phrases to named lists; ``company_names`` are the company's
    and its products' names (self-promotion), from ``byline/authors``' ``company`` and ``products``."""

    allow: tuple[tuple[str, tuple[str, ...]], ...] = ()
    extend: tuple[tuple[str, tuple[str, ...]], ...] = ()
    company_names: tuple[str, ...] = ()

    @classmethod
    def of(cls, allow: Mapping[str, Iterable[str]] | None = None, extend: Mapping[str, Iterable[str]] | None = None,
           company_names: Iterable[str] = ()) -> VoiceSettings:
        return cls(_frozen(allow), _frozen(extend), tuple(company_names))

    @property
    def matcher(self) -> PhraseMatcher:
        return _matcher(self)


def _frozen(lists: Mapping[str, Iterable[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((str(k), tuple(sorted(str(x) for x in v))) for k, v in (lists or {}).items() if v))


@lru_cache(maxsize=16)
def _matcher(settings: VoiceSettings) -> PhraseMatcher:
    return PhraseMatcher(phrases(dict(settings.allow), dict(settings.extend), settings.company_names))


@dataclass(frozen=True)
class Voice:
    """A post's voice: its measurement and its score."""

    measurement: Measurement
    score: Score = field(compare=False)


def analyse(doc: Document, settings: VoiceSettings) -> Voice:
    """Measure and score one post's prose (memoised on the document: rules share one pass)."""
    key = f"voice:{hash(settings)}"
    found = doc.cache.get(key)
    if found is None:
        measured = measure(doc, settings.matcher)
        found = doc.cache[key] = Voice(measured, score(measured.rates, measured.words))
    return found
