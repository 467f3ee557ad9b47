"""The voice word lists: data files shipped in the package (each names its source and licence),
merged with what a blog's configuration adds or allows, so editors tune lists without forking them."""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from byline.errors import BylineError
from byline.prose import WORD

#: The lists in ``data/``; each is one category of the combined matcher.
LISTS: tuple[str, ...] = (
    "press_release",
    "announcements",
    "buzzwords",
    "hedges",
    "calls_to_action",
    "invitations",
    "feelings",
    "lessons",
    "concrete",
)


#: Pronouns are grammar, not a list to tune, so they live here. Case matters where a capital
#: changes the word: "I" (not the letter i), "us" (not "US").
PRONOUNS: dict[str, tuple[str, ...]] = {
    "first_person": ("I", "me", "my", "mine", "myself", "I'm", "I've", "I'd", "I'll"),
    "we": ("we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll", "we'd"),
    "reader": ("you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd"),
}
_CASED = {"I", "I'm", "I've", "I'd", "I'll", "us"}


@dataclass(frozen=True)
class Phrase:
    """One entry of a word list: matched case-insensitively on whole words unless ``exact``."""

    category: str
    text: str
    weight: float = 1.0
    exact: bool = False  # company and product names keep their case ("Rust" is not "rust")


@cache
def packaged(name: str) -> tuple[Phrase, ...]:
    """One shipped list, parsed once per process (``# comments``, ``phrase | weight``)."""
    if name not in LISTS:
        raise KeyError(name)
    source = files("byline.voice") / "data" / f"{name}.txt"
    phrases = []
    for number, raw in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        text, _, weight = line.partition("|")
        try:
            value = float(weight) if weight.strip() else 1.0
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or not WORD.search(text):
            raise BylineError(str(source), number, f"expected 'phrase | weight' (a finite number), not {line!r}")
        phrases.append(Phrase(name, text.strip(), value))
    return tuple(phrases)


#: |valence| on vader's −4…+4 scale from which a word says something felt ("annoyed" 2.1,
#: "wrong" 2.1, "glad" 2.0), leaving out mild words ("fine" 0.8, "help" 1.7 stays in).
FEELING_VALENCE = 1.5


@cache
def sentiment_words() -> frozenset[str]:
    """Strongly valenced words of vaderSentiment's lexicon (MIT), read from the installed package's
    own data file. Hype words of ``press_release`` are left out: "amazing" in an announcement is
    the company's voice, not a feeling."""
    hype = {p.text.lower() for p in packaged("press_release")}
    source = files("vaderSentiment") / "vader_lexicon.txt"
    result = set()
    for line in source.read_text(encoding="utf-8").splitlines():
        word, _, rest = line.partition("\t")
        if word.isalpha() and word not in hype and abs(float(rest.split("\t", 1)[0])) >= FEELING_VALENCE:
            result.add(word)
    return frozenset(result)


def phrases(
    allow: Mapping[str, Iterable[str]] | None = None,
    extend: Mapping[str, Iterable[str]] | None = None,
    company_names: Iterable[str] = (),
) -> list[Phrase]:
    """All lists as one sequence for the combined matcher. ``allow`` removes phrases from named
    lists, ``extend`` adds phrases to named lists; company names form the ``company`` category."""
    allowed = {name: {a.strip().lower() for a in words} for name, words in (allow or {}).items()}
    for name in [*allowed, *(extend or {})]:
        if name not in LISTS:
            known = ", ".join(LISTS)
            raise BylineError(None, None, f"voice word list {name!r} does not exist (known: {known})")
    result = [p for name in LISTS for p in packaged(name) if p.text.lower() not in allowed.get(name, ())]
    added = [Phrase(name, str(text).strip()) for name, extra in (extend or {}).items() for text in extra if str(text).strip()]
    added += [Phrase("company", name.strip(), exact=True) for name in company_names if name.strip()]
    for phrase in added:  # the matcher indexes a phrase by one of its words (configuration checks this first)
        if not WORD.search(phrase.text):
            raise BylineError(None, None, f"voice word list {phrase.category!r}: entry {phrase.text!r} has no word in it (letters or digits)")
    result += added
    result += [Phrase(cat, word, exact=word in _CASED) for cat, words in PRONOUNS.items() for word in words]
    return result
