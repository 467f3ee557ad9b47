"""Property tests for the Markdown-to-prose mapper (byline.prose) and the rules on top of it.

Documents are generated from pieces whose prose is known: every piece says, character by
character, whether a reader reads it as prose (words of a paragraph, heading, list item, quote,
admonition body, link label, table cell) or not (front matter, fences, indented code, inline code,
URLs, e-mail addresses, HTML, template syntax, shortcodes, entities, images, markers). The
property: with thresholds set so that most rules fire, every finding and every occurrence lies
inside the file, on a word character a reader reads as prose; and linting never raises, on
these documents or on arbitrary text mixing Markdown's special characters.

Hypothesis runs derandomized (the same examples on every run, so CI is stable), without an
example database, and with modest example counts (the machine has two cores).
"""
from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from byline.engine import Linter
from byline.findings import Finding
from byline.posts import parse_post
from byline.errors import Where
from byline.settings import parse_block

PROFILE = settings(derandomize=True, database=None, deadline=None, max_examples=80,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Thresholds low enough that most rules fire on a few generated sentences.
EAGER = parse_block({"rules": {
    "readability.long-sentence": {"max_words": 4},
    "readability.long-paragraph": {"max_words": 6},
    "readability.repeated-start": {"min_run": 2},
    "readability.long-sentences": {"max_share": 0, "min_sentences": 1},
    "readability.passive-voice": {"max_share": 0, "min_sentences": 1},
    "readability.flesch-reading-ease": {"min_score": 100, "min_words": 1},
    "readability.grade-level": {"max_grade": 0, "min_words": 1},
    "voice.buzzwords": {"max_per_100": 0}, "voice.hedges": {"max_per_100": 0},
    "voice.press-release": {"max_per_100": 0}, "voice.announcement": {"max_per_100": 0},
    "voice.self-promotion": {"max_per_100": 0, "names": ["Acme"]},
}}, Where("mkdocs.yml"))
LINTER = Linter(EAGER)

#: A piece of a line and whether readers read it as prose.
Piece = tuple[str, bool]
Line = list[Piece]

WORDS = ["we", "leverage", "synergy", "the", "queue", "was", "written", "by", "Acme", "perhaps", "clearly",
         "is", "now", "available", "today", "announced", "I", "learned", "you", "don't", "it's", "café",
         "naïve", "Straße", "東京", "Ünïcode", "3.2", "build", "were", "broken", "quickly", "jargon", "data"]
#: Non-prose inline syntax, each a complete construct that CommonMark or a template engine reads
#: as code, a URL, markup or a shortcode, never as text. They carry the words the rules look for,
#: so a mapper that let any of them through as prose would place findings in them.
INLINE_SYNTAX = [
    "`We leverage synergy`", "``Acme is now ` available``", "<https://example.com/leverage/synergy>",
    "https://example.com/Acme/leverage_synergy", "www.example.com/leverage", "leverage@synergy.example.com",
    "<span title=\"We leverage synergy\">", "</span>", "<!-- We leverage synergy. Acme is now available -->",
    "<br/>", "{{ Acme.leverage }}", "{% include synergy.html We leverage %}", "{{< figure alt=\"We leverage\" >}}",
    ":synergy:", "&amp;", "&#169;", "$leverage^2$", "{: .leverage }", "![We leverage synergy](synergy.png)",
    "<img src=\"a.png\" alt=\"We leverage synergy\">", "<Tabs leverage={1}>",
]


def prose_word(draw: Callable) -> str:
    word = draw(st.sampled_from(WORDS))
    return word + draw(st.sampled_from(["", "", "", ".", ",", "?", "!"]))


@st.composite
def inline(draw: Callable, min_size: int = 1) -> Line:
    """Words and inline syntax separated by spaces; a line always starts with a word (a leading
    digit, '#', '-' or '<' would start another kind of block)."""
    pieces: Line = [(draw(st.sampled_from([w for w in WORDS if w[0].isalpha()])), True)]
    for _ in range(draw(st.integers(min_size - 1, 12))):
        pieces.append((" ", False))
        kind = draw(st.sampled_from(["word", "word", "word", "syntax", "link", "emphasis"]))
        if kind == "word":
            pieces.append((prose_word(draw), True))
        elif kind == "syntax":
            pieces.append((draw(st.sampled_from(INLINE_SYNTAX)), False))
        elif kind == "link":
            pieces += [("[", False), (prose_word(draw).rstrip(".,?!"), True), ("](https://example.com/a_b)", False)]
        else:
            pieces += [("*", False), (prose_word(draw).rstrip(".,?!"), True), ("*", False)]
    return pieces


@st.composite
def block(draw: Callable) -> list[Line]:
    kind = draw(st.sampled_from(["paragraph", "heading", "list", "ordered", "quote", "fence", "indented",
                                 "html", "template", "admonition", "docusaurus", "table", "tabs"]))
    if kind == "paragraph":
        return draw(st.lists(inline(), min_size=1, max_size=3))
    if kind == "heading":
        return [[("#" * draw(st.integers(1, 4)) + " ", False), *draw(inline())]]
    if kind in ("list", "ordered"):
        lines = []
        for depth in draw(st.lists(st.integers(0, 2), min_size=1, max_size=4)):
            depth = min(depth, lines[-1][0] + 1 if lines else 0)
            marker = "- " if kind == "list" else "1. "
            lines.append((depth, [(" " * len(marker) * depth + marker, False), *draw(inline())]))
        return [line for _, line in lines]
    if kind == "quote":
        return [[("> ", False), *line] for line in draw(st.lists(inline(), min_size=1, max_size=3))]
    if kind == "fence":
        fence = draw(st.sampled_from(["```", "~~~", "````"]))
        code = [[(" ".join(draw(st.lists(st.sampled_from(WORDS), max_size=6))), False)] for _ in range(draw(st.integers(0, 3)))]
        return [[(fence + draw(st.sampled_from(["", "python", "yaml"])), False)], *code, [(fence, False)]]
    if kind == "indented":
        return [[("    " + " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))), False)]
                for _ in range(draw(st.integers(1, 3)))]
    if kind == "html":
        return [[("<div class=\"note\">", False)], [("<p>" + " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=5))) + "</p>", False)],
                [("</div>", False)]]
    if kind == "template":
        return [[(draw(st.sampled_from(["{% if page.draft %}", "{% endif %}", "{{< youtube abc >}}", "--8<-- \"snippet.md\""])), False)]]
    if kind == "admonition":
        head = draw(st.sampled_from(["!!! note", "!!! warning \"A title\"", "??? tip", "???+ example"]))
        return [[(head, False)], *[[("    ", False), *line] for line in draw(st.lists(inline(), min_size=1, max_size=2))]]
    if kind == "tabs":
        return [[("=== \"Tab words\"", False)], [], *[[("    ", False), *line] for line in draw(st.lists(inline(), min_size=1, max_size=2))]]
    if kind == "docusaurus":
        return [[(":::note", False)], *draw(st.lists(inline(), min_size=1, max_size=2)), [(":::", False)]]
    columns = draw(st.integers(1, 3))

    def row() -> Line:
        pieces: Line = [("|", False)]
        for _ in range(columns):
            words = draw(st.lists(st.sampled_from([w for w in WORDS if w[0].isalpha()]), min_size=1, max_size=3))
            pieces += [(" ", False), (" ".join(words), True), (" |", False)]
        return pieces

    return [row(), [("|" + "---|" * columns, False)], *[row() for _ in range(draw(st.integers(1, 3)))]]


@st.composite
def documents(draw: Callable) -> tuple[str, list[list[bool]]]:
    """A post and, for each line, which characters are prose."""
    lines: list[Line] = [[("---", False)], [("date: 2024-05-01", False)], [("authors: [jane-doe]", False)], [("---", False)], []]
    blocks = draw(st.lists(block(), min_size=1, max_size=8))
    if draw(st.booleans()):  # long enough for the voice rules (300 prose words): repeat the blocks
        words = sum(len(piece.split()) for b in blocks for line in b for piece, prose in line if prose)
        blocks = blocks * (1 + VOICE_WORDS // max(words, 1))
    for previous, current in zip([None, *blocks], blocks):
        # Indented code right after a list, a quote or an admonition would continue it. A
        # heading in between keeps it code.
        if previous is not None and current[0] and current[0][0][0].startswith("    "):
            lines += [[("## ", False), ("Then", True)], []]
        lines += [*current, []]
    text = "\n".join("".join(piece for piece, _ in line) for line in lines)
    mask = [[prose for piece, prose in line for _ in piece] for line in lines]
    return text, mask


#: Fewer prose words are "too short to score": voice rules judge no rates below it.
VOICE_WORDS = 320


def _places(finding: Finding) -> list[tuple[int, int]]:
    return [(finding.line, finding.column)] + [(o.line, o.column) for o in finding.occurrences]


@PROFILE
@given(documents())
def test_every_finding_lies_in_the_source_and_in_prose(document: tuple[str, list[list[bool]]]) -> None:
    text, mask = document
    note(text)
    result = LINTER.lint_post(parse_post(text, "post.md"))
    lines = text.split("\n")
    for finding in result.findings:
        assert not finding.rule.startswith("byline."), finding
        for line, column in _places(finding):
            assert 1 <= line <= len(lines), finding
            assert 1 <= column <= len(lines[line - 1]), finding
            assert mask[line - 1][column - 1], f"{finding}: {lines[line - 1]!r} at column {column} is not prose"
            assert lines[line - 1][column - 1].isalnum(), finding


def test_the_generated_documents_make_most_rules_fire() -> None:
    """Not vacuous: a document from the same pieces triggers rules of every kind, with places."""
    text = "---\ndate: 2024-05-01\n---\n\n# We leverage synergy\n\n" + ("We leverage synergy today. We leverage the queue. "
            "The queue was written by Acme. Acme is now available, perhaps.\n\n- I learned it, clearly.\n\n"
            "| we leverage | synergy |\n|---|---|\n| Acme data | jargon |\n\n") * 12
    rules = {f.rule for f in LINTER.lint_post(parse_post(text, "post.md")).findings}
    expected = {"readability.long-sentence", "readability.long-paragraph", "readability.repeated-start", "readability.passive-voice",
                "voice.buzzwords", "voice.hedges", "voice.announcement", "voice.self-promotion"}
    assert expected <= rules, rules


MARKDOWN_CHARACTERS = st.sampled_from(list("#*_`[]()<>!|-+=~:{}%$&\\/\"'.\n\t >") + ["```", "<!--", "-->", "{{", "}}", "{%", "%}",
                                                                                  "!!! note\n    ", ":::", "\n\n", "    ", "1. ", "- ", "> ", "\r\n", "\ufeff"])
ARBITRARY = st.lists(st.one_of(MARKDOWN_CHARACTERS, st.text(max_size=6), st.sampled_from(WORDS)), max_size=80).map("".join)


@PROFILE
@given(ARBITRARY, st.booleans())
def test_linting_arbitrary_text_never_raises(body: str, front: bool) -> None:
    """Bytes in, findings out: no exception escapes, and what cannot be read is one finding."""
    data = (("---\ndate: 2024-05-01\n---\n" if front else "") + body).encode("utf-8", "surrogatepass")
    result = LINTER.lint_bytes(data, "post.md")
    lines = data.decode("utf-8", "replace").replace("\r\n", "\n").split("\n")
    for finding in result.findings:
        assert "Byline failed" not in finding.message, finding
        assert "\n" not in finding.message
        for line, column in _places(finding):
            assert 1 <= line <= len(lines) + 1 and column >= 1, finding
