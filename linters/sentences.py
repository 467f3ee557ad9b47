"""Sentence boundaries in prose, robust to what technical blogs write.

textstat cuts text at every ``.``, ``!`` and ``?`` and then drops the pieces of two words or fewer,
so "We released version 1.88.0 of the compiler." and "Use a tool, e.g. Ruff, to lint." are two
sentences each while "Ship it." vanishes; every per-sentence metric then drifts. A boundary here
is end punctuation (``.``, ``!``, ``?``, ``…``, optionally closed by quotes, brackets or emphasis
markers) followed by whitespace and a sentence start, and it is refused after:

* abbreviations ("e.g.", "Dr.", "vs.", "Inc.", "Jan."), dotted initialisms ("U.S.", "a.m.") and
  single initials ("J. Smith");
* anything followed by a lowercase word ("Wait... what", '"Why?" she asked', "approx. ten").

Decimals and versions ("1.5", "v2.3.1") never qualify: their dots are not followed by whitespace.
Text hidden as code (U+FFFC) may start a sentence: "Run it. `cargo` builds." is two sentences.
"""
from __future__ import annotations

import re

_END = re.compile(r"(?:[.!?]+|…+)[\"'”’»)\]*_]*(?=\s|$)")
#: Lowercased words that a period does not end (titles, Latin, business, months, units).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt rev hon gen col lt capt sgt gov sen rep pres supt
    e.g i.e cf vs viz al approx ca est fig figs eq vol pp ed eds no nos op ch sec art
    inc ltd co corp llc plc dept univ assn bros
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun""".split()
)
_INITIALISM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_OPENERS = "\"'“‘«([*_"


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences in ``text[start:end]``, whitespace trimmed."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    begin = _skip_space(text, start, stop)
    for match in _END.finditer(text, begin, stop):
        after = _skip_space(text, match.end(), stop)
        if after >= stop:
            break
        if not _is_boundary(text, match, after):
            continue
        if match.end() > begin:
            spans.append((begin, match.end()))
        begin = after
    if begin < stop:
        last = stop
        while last > begin and text[last - 1].isspace():
            last -= 1
        if last > begin:
            spans.append((begin, last))
    return spans


def _skip_space(text: str, pos: int, stop: int) -> int:
    while pos < stop and text[pos].isspace():
        pos += 1
    return pos


def _is_boundary(text: str, match: re.Match[str], after: int) -> bool:
    following = text[after]
    if following in _OPENERS:  # look through an opening quote or emphasis to the first letter
        nxt = after
        while nxt < len(text) and text[nxt] in _OPENERS:
            nxt += 1
        following = text[nxt] if nxt < len(text) else following
    if following.islower():
        return False
    if match.group().rstrip("\"'”’»)]*_") != ".":
        return True
    word_start = max(text.rfind(" ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
    word = text[word_start:match.start()].lstrip(_OPENERS)
    lowered = word.lower()
    if lowered in ABBREVIATIONS:
        return lowered == "no" and not following.isdigit()
    if _INITIALISM.fullmatch(word):
        return False
    return not (len(word) == 1 and word.isupper())
