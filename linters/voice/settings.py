"""What a blog configures about voice: word-list edits and its company's names. The matcher built
from them is cached, so linting many posts compiles the lists once."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from linters.prose import Document
from linters.voice.lexicon import phrases
from linters.voice.matcher import PhraseMatcher
from linters.voice.score import Score, score
from linters.voice.signals import Measurement, measure


@dataclass(frozen=True)
class VoiceSettings:
    """``allow`` prunes phrases from every list (a developer blog may allow "ecosystem");
    ``extend`` adds phrases to named lists; ``company_names`` are the company's and its
    products' names (self-promotion), from ``byline/authors``' ``company`` and ``products``."""

    allow: tuple[str, ...] = ()
    extend: tuple[tuple[str, tuple[str, ...]], ...] = ()
    company_names: tuple[str, ...] = ()

    @classmethod
    def of(cls, allow: Iterable[str] = (), extend: Mapping[str, Iterable[str]] | None = None,
           company_names: Iterable[str] = ()) -> VoiceSettings:
        return cls(
            tuple(sorted(str(a) for a in allow)),
            tuple(sorted((str(k), tuple(str(x) for x in v)) for k, v in (extend or {}).items())),
            tuple(company_names),
        )

    @property
    def matcher(self) -> PhraseMatcher:
        return _matcher(self)


@lru_cache(maxsize=8)
def _matcher(settings: VoiceSettings) -> PhraseMatcher:
    return PhraseMatcher(phrases(settings.allow, dict(settings.extend), settings.company_names))


@dataclass(frozen=True)
class Voice:
    """A post's voice: its measurement and its score."""

    measurement: Measurement
    score: Score = field(compare=False)


def analyse(doc: Document, settings: VoiceSettings) -> Voice:
    """Measure and score one post's prose (memoised on the document: rules share one pass)."""
    found = doc.cache.get("voice")
    if found is None:
        measured = measure(doc, settings.matcher)
        found = doc.cache["voice"] = Voice(measured, score(measured.rates, measured.words))
    return found
