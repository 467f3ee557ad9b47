"""The ``readability.*`` family: scores and lengths from :mod:`byline.readability`.

Defaults are set for B2B readers: professionals reading about their field, who accept harder text
than Yoast's and Hemingway's general-audience targets, but not the register of academic papers.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from byline.findings import Severity
from byline.readability import Readability, measure, running_sentences
from byline.rules import Context, Hit, Option, Options, metrics, rule

MIN_WORDS = Option(100, "posts with fewer running-text words are not scored (too short to be reliable)", minimum=0)


def _measure(ctx: Context) -> Readability:
    """One measurement per post; "long" is readability.long-sentence's threshold for every rule."""
    return measure(ctx.doc, ctx.options_of("readability.long-sentence")["max_words"])


def _summary(values: dict[str, Any]) -> str:
    if values["flesch_reading_ease"] is None:
        return "no running text"
    return (
        f"{values['words']} words, reading ease {values['flesch_reading_ease']:g}, grade {values['flesch_kincaid_grade']:g}, "
        f"long sentences {values['long_sentences']}/{values['sentences']}, passive {values['passive_sentences']}/{values['sentences']}"
    )


@metrics("readability", _summary)
def readability_metrics(ctx: Context) -> dict[str, Any]:
    return _measure(ctx).metrics()


@rule(
    "readability.flesch-reading-ease", Severity.WARNING,
    "The post's Flesch reading ease is below the minimum.",
    options={"min_score": Option(30.0, "lowest acceptable reading ease (0–100, higher is easier)", 0, 100), "min_words": MIN_WORDS},
    scope="post",
)
def reading_ease(ctx: Context, options: Options) -> Iterator[Hit]:
    """
    ## What it checks
    Flesch's reading ease of the post's running text (paragraphs, list items, quotes; not
    headings, tables or code): 206.835 − 1.015 × words per sentence − 84.6 × syllables per word,
    clamped to 0–100. Sentences are Byline's own (abbreviations and version numbers do not end
    them); syllables come from the CMU Pronouncing Dictionary.

    ## Why it matters
    Flesch (1948) calibrated the scale on reading tests: 60–70 is plain English, 50–60 fairly
    difficult, 30–50 difficult (college level), under 30 very difficult (college graduates,
    academic papers). Yoast's readability analysis asks general web copy for 60 or more. B2B
    readers are professionals reading about their field and cope with "difficult"; under 30
    even they skim, so that is the default floor.

    ## Example
    "Organizational stakeholders' heterogeneous prioritization methodologies necessitate
    comprehensive, iterative alignment." scores 0.

    Use instead: "Teams rank work differently, so agree on priorities early and often."
    """
    found = _measure(ctx)
    if found.reading_ease is None or found.words < options["min_words"] or found.reading_ease >= options["min_score"]:
        return
    line, column = ctx.doc.first_word_place()
    yield Hit(line, column, (
        f"Flesch reading ease {found.reading_ease:.1f} is below {options['min_score']:g} "
        f"({found.words / found.sentences:.1f} words per sentence, {found.syllables / found.words:.2f} syllables per word): "
        "split long sentences and prefer short, common words"
    ))


@rule(
    "readability.grade-level", Severity.WARNING,
    "The post's Flesch–Kincaid grade level is above the maximum.",
    options={"max_grade": Option(16.0, "highest acceptable US school grade (16 = college graduate)", 0), "min_words": MIN_WORDS},
    scope="post",
)
def grade_level(ctx: Context, options: Options) -> Iterator[Hit]:
    """
    ## What it checks
    The Flesch–Kincaid grade of the post's running text: 0.39 × words per sentence + 11.8 ×
    syllables per word − 15.59 (Kincaid, Fishburne, Rogers & Chissom 1975), the US school grade
    a reader needs. Same sentences, words and syllables as the reading ease.

    ## Why it matters
    The grade says who can read the post. Hemingway Editor's target for general readers is
    grade 9 or lower; a B2B post may assume a college education (grades 13–16), but above 16,
    past a four-year degree, only specialists read comfortably and everyone else skims.

    ## Example
    A post averaging 32 words per sentence and 1.8 syllables per word is grade 18.

    Use instead: the same content in sentences of 15–20 words, with plain words where they exist.
    """
    found = _measure(ctx)
    if found.grade is None or found.words < options["min_words"] or found.grade <= options["max_grade"]:
        return
    line, column = ctx.doc.first_word_place()
    yield Hit(line, column, (
        f"Flesch–Kincaid grade {found.grade:.1f} is above {options['max_grade']:g}: "
        "shorten the longest sentences first, then replace long words with common ones"
    ))


@rule(
    "readability.long-sentence", Severity.INFO,
    "A sentence is longer than the maximum number of words.",
    options={"max_words": Option(25, "longest acceptable sentence, in words", 1)},
)
def long_sentence(ctx: Context, options: Options) -> Iterator[Hit]:
    """
    ## What it checks
    Each sentence of running text with more than `max_words` words (code, URLs and markup are
    not words), reported where the sentence starts.

    ## Why it matters
    Comprehension falls as sentences grow: Yoast flags sentences over 20 words, Hemingway
    highlights "hard to read" ones. Technical prose needs some room for names and qualifiers,
    hence 25 by default; one long sentence is fine, which is why this is information and the
    share of long sentences (`readability.long-sentences`) is the warning.

    ## Example
    "We migrated the service to the new cluster last week because the old one was running out
    of capacity and the team that owned it had moved on to other projects." (31 words)

    Use instead: "We moved the service to the new cluster last week. The old one was full, and its
    team had moved on."
    """
    limit = options["max_words"]
    for sentence in running_sentences(ctx.doc):
        if len(sentence.words) > limit:
            line, column = ctx.doc.locate(sentence.word_start())
            yield Hit(line, column, f"sentence has {len(sentence.words)} words (max {limit}): split it where the thought turns, or cut the aside")


@rule(
    "readability.long-sentences", Severity.WARNING,
    "Too large a share of the post's sentences is long.",
    options={
        "max_share": Option(0.25, "highest acceptable share of long sentences (0–1)", 0, 1),
        "min_sentences": Option(8, "posts with fewer sentences are not judged", 0),
    },
    scope="post",
)
def long_sentences(ctx: Context, options: Options) -> Iterator[Hit]:
    """
    ## What it checks
    The share of running-text sentences longer than `readability.long-sentence`'s `max_words`
    (one threshold for both rules). The finding lists every long sentence.

    ## Why it matters
    Yoast's readability analysis accepts at most 25% long sentences: a few long ones give rhythm,
    a post made of them tires readers. The share is judged only from `min_sentences` sentences
    on, because two long sentences out of five say little.

    ## Example
    A post with 12 sentences of which 5 have more than 25 words (42%).

    Use instead: split the longest two or three until the share is under 25%.
    """
    found = _measure(ctx)
    if found.sentences < max(options["min_sentences"], 1):
        return
    share = len(found.long_sentences) / found.sentences
    if share <= options["max_share"]:
        return
    places = [ctx.occurrence(s.word_start(), f"{len(s.words)} words") for s in found.long_sentences]
    yield Hit(places[0].line, places[0].column, (
        f"{share:.0%} of sentences are long ({len(found.long_sentences)} of {found.sentences} over {found.long_words} words; "
        f"max {options['max_share']:.0%}): split the longest ones"
    ), tuple(places))


@rule(
    "readability.long-paragraph", Severity.WARNING,
    "A paragraph is longer than the maximum number of words.",
    options={"max_words": Option(150, "longest acceptable paragraph, in words", 1)},
)
def long_paragraph(ctx: Context, options: Options) -> Iterator[Hit]:
    """
    ## What it checks
    Each paragraph (or list item, quote or admonition paragraph) with more than `max_words`
    words, reported where it starts.

    ## Why it matters
    On screens, readers scan; a wall of text is skipped. Yoast flags paragraphs over 150 words.

    ## Example
    A 180-word paragraph that explains the problem, the fix and the results.

    Use instead: one paragraph each for the problem, the fix and the results.
    """
    limit = options["max_words"]
    for block in ctx.doc.paragraphs:
        count = len(block.words)
        if count > limit:
            line, column = ctx.doc.locate(block.sentences[0].word_start())
            yield Hit(line, column, f"paragraph has {count} words (max {limit}): split it where the topic shifts")


@rule(
    "readability.passive-voice", Severity.WARNING,
    "Too large a share of the post's sentences is in the passive voice.",
    options={
        "max_share": Option(0.10, "highest acceptable share of passive sentences (0–1)", 0, 1),
        "min_sentences": Option(8, "posts with fewer sentences are not judged", 0),
    },
    scope="post",
)
def passive_voice(ctx: Context, options: Options) -> Iterator[Hit]:
    """
    ## What it checks
    The share of running-text sentences with a passive construction: a form of "be", at most two
    adverbs, then a past participle ("was written", "is being reviewed", "has been widely used").
    Adjectives that look like participles ("interested", "detailed") do not count. The finding
    lists every passive sentence at its "be" word.

    ## Why it matters
    Passive sentences hide who acted, the opposite of a person speaking for themselves, and are
    harder to read. Yoast's readability analysis accepts at most 10% passive sentences.

    ## Example
    "The decision was made to deprecate the API." (who decided?)

    Use instead: "We decided to deprecate the API."
    """
    found = _measure(ctx)
    if found.sentences < max(options["min_sentences"], 1):
        return
    share = len(found.passive) / found.sentences
    if share <= options["max_share"]:
        return
    places = [ctx.occurrence(sentence.word_start(at), " ".join(sentence.words[at:end])) for sentence, at, end in found.passive]
    yield Hit(places[0].line, places[0].column, (
        f"{share:.0%} of sentences are passive ({len(found.passive)} of {found.sentences}; max {options['max_share']:.0%}): "
        "say who does what, e.g. 'we decided' instead of 'it was decided'"
    ), tuple(places))


@rule(
    "readability.repeated-start", Severity.INFO,
    "Several sentences in a row start with the same word.",
    options={"min_run": Option(3, "how many consecutive sentences with the same first word are flagged", 2)},
)
def repeated_start(ctx: Context, options: Options) -> Iterator[Hit]:
    """
    ## What it checks
    Runs of `min_run` or more consecutive sentences that open with the same word, within
    consecutive paragraphs (a heading, list, table or code block ends the run; list items are
    parallel by design and not checked). Reported at the run's first sentence, listing each.

    ## Why it matters
    Yoast's analysis flags three or more consecutive sentences starting with the same word:
    the repetition reads as monotone ("We… We… We…") and hides what is new in each sentence.

    ## Example
    "We added caching. We rewrote the parser. We fixed the bug."

    Use instead: "We added caching and rewrote the parser. Along the way, the bug went away."
    """
    minimum = options["min_run"]
    run: list[Any] = []
    for block in ctx.doc.blocks:
        if block.kind != "paragraph" or block.in_list:
            continue
        for sentence in block.sentences:
            first = sentence.words[0].casefold()
            if run and run[-1][0] == first and run[-1][1] == block.run:
                run.append((first, block.run, sentence))
                continue
            yield from _report_run(ctx, run, minimum)
            run = [(first, block.run, sentence)]
    yield from _report_run(ctx, run, minimum)


def _report_run(ctx: Context, run: list[Any], minimum: int) -> Iterator[Hit]:
    if len(run) < minimum:
        return
    places = [ctx.occurrence(s.word_start(), s.words[0]) for _, _, s in run]
    yield Hit(places[0].line, places[0].column, (
        f"{len(run)} sentences in a row start with '{run[0][2].words[0]}': vary the openings, or join two of them"
    ), tuple(places))
