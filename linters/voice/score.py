"""The passion score: a post's voice signals combined with published weights into 0–100.

The model is deliberately small and additive so an editor can check it by hand: a post starts at
``BASE`` (an impersonal but harmless text: flat), each positive signal adds up to its weight as its
rate approaches the rate of a conversational post, each negative signal takes away up to its
weight. Weights follow the research's order of importance: personalization (first-person
singular, the writer's own feelings and lessons) weighs most, because a "we"/"you" text is what a
company sounds like (Kelleher & Miller 2006; Liebrecht, Tsaousi & van Hooijdonk 2021); informal
speech and invitational rhetoric add less; press-release phrasing is the heaviest penalty, because
it is the dullness Forrester (2008) found in 56% of B2B posts. Rates are per 100 prose words (code,
front matter, URLs and markup are not words), so long and short posts compare.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

#: Where a post with no signal at all lands: "flat", neither conversational nor a press release.
BASE = 40.0

#: Posts with fewer prose words are reported as too short to score: rates of a few words swing.
MIN_WORDS = 300

#: Bands, highest first: the lowest score of each band.
BANDS: tuple[tuple[int, str], ...] = (
    (70, "conversational"),
    (50, "mixed"),
    (35, "flat"),
    (0, "press-release-like"),
)


@dataclass(frozen=True)
class Signal:
    """One measurable trait. ``weight`` is the most points it can add (positive) or take away
    (negative); ``full`` is the rate (per 100 prose words) at which it counts fully; ``free`` is a
    rate below which a negative signal costs nothing (naming your product once is not promotion)."""

    name: str
    label: str
    weight: float
    full: float
    free: float = 0.0
    advice: str = ""

    def contribution(self, rate: float) -> float:
        share = min(max(rate - self.free, 0.0) / self.full, 1.0)
        return self.weight * share


#: The published model (docs/guide/reference-voice.md and docs/guide/voice-calibration.md print this table).
SIGNALS: tuple[Signal, ...] = (
    Signal("personal_voice", "first-person singular (I, me, my) per 100 words", 24, 2.0,
           advice="write as yourself: say what you did, saw and decided, with 'I'"),
    Signal("personal_feeling", "sentences where the writer says what they felt, learned or got wrong, per 100 words", 10, 0.6,
           advice="add what surprised you, what you got wrong or what you care about, in your own words"),
    Signal("reader_address", "'you'/'your' per 100 words", 3, 1.5,
           advice="talk to the reader: say what this means for them, with 'you'"),
    Signal("questions", "questions to the reader per 100 words", 6, 0.4,
           advice="ask the reader a real question"),
    Signal("invitation", "an invitation to respond near the end (1 or 0)", 3, 1.0,
           advice="end by inviting replies: 'What did I miss? Tell me…'"),
    Signal("contractions", "contractions per 100 words", 4, 1.5,
           advice="write as you speak: it's, don't, we've"),
    Signal("concrete", "figures, examples, images and up to two code blocks per 100 words", 4, 2.5,
           advice="show it: a number you measured, an example, a snippet or a screenshot"),
    Signal("press_release", "press-release phrases and hype, weighted, per 100 words", -25, 1.2,
           advice="cut the announcement phrasing and hype; say what changed and why it matters"),
    Signal("announcement", "release-note and announcement formulas per 100 words", -10, 1.0,
           advice="tell the story behind the release instead of listing it: why it changed, what you learned"),
    Signal("buzzwords", "buzzwords and jargon, weighted, per 100 words", -12, 1.0,
           advice="replace buzzwords with the plain word for what the thing does"),
    Signal("self_promotion", "company/product names beyond 1 per 100 words, plus calls to buy (x3)", -8, 3.0, free=1.0,
           advice="name the product less and drop the sales prompts; let the substance sell"),
    Signal("hedges", "hedges and weasel words beyond 1 per 100 words, weighted", -5, 2.0, free=1.0,
           advice="replace vague qualifiers with the fact: how many, how much"),
)

BY_NAME: dict[str, Signal] = {s.name: s for s in SIGNALS}


def band(score: float) -> str:
    return next(name for low, name in BANDS if score >= low)


@dataclass(frozen=True)
class Part:
    """One signal's line in a breakdown."""

    signal: Signal
    rate: float
    points: float


@dataclass(frozen=True)
class Score:
    """A post's passion score with its breakdown; ``value`` is None when the post is too short."""

    value: int | None
    words: int
    parts: tuple[Part, ...]

    @property
    def band(self) -> str:
        return "too short to score" if self.value is None else band(self.value)

    def best_change(self) -> tuple[Signal, float] | None:
        """The one signal whose improvement would raise the score most, and by how many points
        (before the 0–100 clamp), so an author gets one concrete thing to do."""
        gains = [(p.signal, p.signal.weight - p.points if p.signal.weight > 0 else -p.points) for p in self.parts]
        signal, gain = max(gains, key=lambda g: g[1])
        return (signal, gain) if gain >= 1.0 else None


def score(rates: Mapping[str, float], words: int) -> Score:
    """Combine signal rates (per 100 prose words) into the score."""
    parts = tuple(Part(s, rates.get(s.name, 0.0), s.contribution(rates.get(s.name, 0.0))) for s in SIGNALS)
    if words < MIN_WORDS:
        return Score(None, words, parts)
    total = BASE + sum(p.points for p in parts)
    return Score(round(min(max(total, 0.0), 100.0)), words, parts)
