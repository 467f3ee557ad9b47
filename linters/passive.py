"""Passive voice in English sentences, found word by word (shared by readability and voice rules).

The pattern is Yoast's for English: a form of "be" (or a contraction of it), at most two adverbs,
then a past participle: a word ending in "-ed" or one of the irregular participles below. Two
lists keep it honest: adjectives that look like participles ("interested", "excited",
"detailed") are not passive, nor are "-eed" words ("need", "indeed", "proceed"). "get" passives
("got fixed") are left out: "get started" is an idiom, not a passive, and would dominate blogs.
"""
from __future__ import annotations

from collections.abc import Sequence

BE = frozenset(
    "am is are was were be been being isn't aren't wasn't weren't it's that's what's he's she's "
    "there's we're you're they're i'm".split()
)
_ADVERBS = frozenset(
    "not also already never just still often always now then all both even only usually typically "
    "currently actually really widely generally commonly rarely further thus".split()
)
IRREGULAR = frozenset(
    """arisen awoken born borne beaten become begun bent bet bid bitten bled blown broken bred brought
    built burnt burst bought cast caught chosen clung come cost crept cut dealt dug done drawn
    dreamt drunk driven eaten fallen fed felt fought found fled flung flown forbidden forecast
    foreseen forgotten forgiven forsaken frozen given gone ground grown hung heard hidden hit
    held hurt kept knelt knit known laid led leant leapt learnt left lent let lain lit lost made
    meant met mistaken misunderstood mown overcome overdone overheard overridden overrun overseen
    overtaken overthrown paid proven put quit read rebuilt redone remade rewritten rid ridden rung
    risen run sawn said seen sought sold sent set sewn shaken shed shone shot shown shrunk shut
    sung sunk slain slid slung slit smelt sown spoken sped spelt spent spilt spun spat split
    spoilt spread sprung stood stolen stuck stung stunk stridden struck strung sworn swept swollen
    swum swung taken taught torn told thought thrown thrust trodden understood undertaken
    undergone undone upheld upset woken worn woven wed wept won wound withdrawn withheld
    withstood wrung written""".split()
)
#: "-ed" words that are adjectives in "is ___": feelings and qualities, not actions done to it.
ADJECTIVES = frozenset(
    """interested excited thrilled pleased delighted tired bored surprised concerned worried scared
    amazed annoyed frustrated disappointed satisfied confused exhausted stressed relieved impressed
    committed dedicated determined motivated experienced skilled talented advanced sophisticated
    complicated detailed varied mixed beloved aged naked wicked sacred rugged ragged crooked
    hundred kindred tired self-contained opinionated biased ashamed""".split()
)
_EED_PARTICIPLES = frozenset({"agreed", "freed", "decreed", "guaranteed", "refereed"})


def is_participle(word: str) -> bool:
    """Whether a lowercased word reads as a past participle."""
    if word in IRREGULAR:
        return True
    if len(word) < 4 or not word.endswith("ed") or word in ADJECTIVES:
        return False
    return not word.endswith("eed") or word in _EED_PARTICIPLES


#: Every spelling of a "be" word as it may stand in text, to skip most sentences in one set test.
_BE_SPELLINGS = frozenset(f for w in BE for f in (w, w.capitalize(), w.replace("'", "’"), w.capitalize().replace("'", "’")))


def find_passive(words: Sequence[str]) -> tuple[int, int] | None:
    """Where the first passive construction of a sentence's words stands: the index of its "be"
    word and the index just past its participle; None when there is none."""
    if _BE_SPELLINGS.isdisjoint(words):
        return None
    lowered = [w.casefold().replace("’", "'") for w in words]
    for index, word in enumerate(lowered):
        if word not in BE:
            continue
        for step in (1, 2, 3):
            if index + step >= len(lowered):
                break
            nxt = lowered[index + step]
            if is_participle(nxt):
                return index, index + step + 1
            if not (nxt in _ADVERBS or nxt.endswith("ly") or nxt.endswith("n't")):
                break
    return None
