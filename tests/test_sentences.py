"""Sentence boundaries: what textstat's regular expression gets wrong, ours must get right."""
from __future__ import annotations

import pytest

from byline.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rust 1.88.0 is out. Update today.", ["Rust 1.88.0 is out.", "Update today."]),
        ("We shipped v2.3.1 and 1.5 times the speed. Nice.", ["We shipped v2.3.1 and 1.5 times the speed.", "Nice."]),
        ("Use a tool, e.g. Ruff, to lint. Then commit.", ["Use a tool, e.g. Ruff, to lint.", "Then commit."]),
        ("That is, i.e. The Rule, matters.", ["That is, i.e. The Rule, matters."]),
        ("Dr. Smith met Mr. Jones. They talked.", ["Dr. Smith met Mr. Jones.", "They talked."]),
        ("The U.S. Government agreed. Good.", ["The U.S. Government agreed.", "Good."]),
        ("It runs at 5 p.m. Every day.", ["It runs at 5 p.m. Every day."]),
        ("J. R. R. Tolkien wrote it. Fine.", ["J. R. R. Tolkien wrote it.", "Fine."]),
        ("Apples, pears, etc. Then we ate.", ["Apples, pears, etc.", "Then we ate."]),
        ("See No. 5 for details. Done.", ["See No. 5 for details.", "Done."]),
        ("I said no. We left.", ["I said no.", "We left."]),
        ("Wait... what happened? Nothing.", ["Wait... what happened?", "Nothing."]),
        ("It stopped... Then it ran.", ["It stopped...", "Then it ran."]),
        ('"Why?" she asked. "Because." OK.', ['"Why?" she asked.', '"Because."', "OK."]),
        ('He said "stop." Then he left.', ['He said "stop."', "Then he left."]),
        ("(See the appendix.) Next, we test.", ["(See the appendix.)", "Next, we test."]),
        ("It works! **Really** it does.", ["It works!", "**Really** it does."]),
        ("Run it. \ufffc\ufffc\ufffc builds fast.", ["Run it.", "\ufffc\ufffc\ufffc builds fast."]),
        ("No end punctuation here", ["No end punctuation here"]),
        ("Line one.\nLine two.", ["Line one.", "Line two."]),
        ("", []),
        ("   ", []),
    ],
)
def test_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_are_relative_to_the_whole_text_and_trimmed() -> None:
    text = "xx  One. Two.  yy"
    assert split_sentences(text, 2, 15) == [(4, 8), (9, 13)]
