"""The ``voice.*`` family: the rules of :mod:`byline.voice.rules` and the passion score.

Every voice rule and the score share one measurement per post: the word-list options of all
voice rules (``allow``, ``add``, the self-promotion ``names``) make one matcher, so a word the
blog allows is allowed in the score too, and all lists are matched in one pass.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from byline.findings import Severity
from byline.rules import Context, Hit, Option, Options, Rule, metrics, register, rule
from byline.voice.rules import VOICE_RULES, VoiceRule, fires
from byline.voice.settings import Voice, VoiceSettings, analyse
from byline.voice.signals import spans

_ALLOW_HELP = "phrases of this rule's word list(s) that this blog accepts"
_ADD_HELP = "phrases added to this rule's word list"
_NAMES_HELP = "company and product names besides byline/authors' company and products"


def voice_of(ctx: Context) -> Voice:
    """The post's voice under the options of every voice rule for its path, once per post."""
    found = ctx.__dict__.get("_voice")
    if found is None:
        found = ctx.__dict__["_voice"] = _measure(ctx)
    return found


def _measure(ctx: Context) -> Voice:
    allow: dict[str, list[str]] = {}
    extend: dict[str, list[str]] = {}
    for spec in VOICE_RULES:
        if spec.lists:
            options = ctx.options_of(spec.id)
            for name in spec.lists:
                allow[name] = list(options["allow"])
            extend[spec.lists[0]] = list(options["add"])
    names = (*(ctx.site.company_names if ctx.site else ()), *ctx.options_of("voice.self-promotion")["names"])
    return analyse(ctx.doc, VoiceSettings.of(allow, extend, names))


def _summary(values: dict[str, Any]) -> str:
    if values["passion_score"] is None:
        return f"passion score: too short to score ({values['prose_words']} prose words)"
    return f"passion score {values['passion_score']}/100 ({values['passion_band']})"


@metrics("voice", _summary)
def voice_metrics(ctx: Context) -> dict[str, Any]:
    """The passion score and its breakdown, reported for every post (None when too short)."""
    voice = voice_of(ctx)
    result = voice.score
    change = result.best_change()
    return {
        "passion_score": result.value,
        "passion_band": result.band,
        "prose_words": voice.measurement.words,
        "signals": {p.signal.name: {"rate": round(p.rate, 3), "points": round(p.points, 1)} for p in result.parts},
        "best_change": None if change is None else {"signal": change[0].name, "gain": round(change[1], 1), "advice": change[0].advice},
    }


def _explanation(spec: VoiceRule) -> str:
    return f"## What it checks\n{spec.checks}\n\n## Why it matters\n{spec.why}\n\n## Example\n{spec.example}\n"


def _options(spec: VoiceRule) -> dict[str, Option]:
    options = {spec.option: Option(float(spec.threshold), spec.option_help, minimum=0)}
    if spec.lists:
        options["allow"] = Option((), _ALLOW_HELP)
        options["add"] = Option((), _ADD_HELP)
    if spec.id == "voice.self-promotion":
        options["names"] = Option((), _NAMES_HELP)
    return options


def _check(spec: VoiceRule) -> Callable[[Context, Options], Iterator[Hit]]:
    def check(ctx: Context, options: Options) -> Iterator[Hit]:
        voice = voice_of(ctx)
        if not fires(spec, voice, options[spec.option]):
            return
        measured = voice.measurement
        hits = sorted((h for category in spec.shows for h in measured.hits.get(category, ())), key=lambda h: (h.sentence, h.first))
        occurrences = tuple(ctx.occurrence(start, ctx.doc.text[start:end]) for start, end in spans(ctx.doc, hits))
        message = spec.message.format(rate=measured.rates[spec.signal], count=len(hits), words=measured.words)
        line, column = (occurrences[0].line, occurrences[0].column) if occurrences else ctx.doc.first_word_place()
        yield Hit(line, column, message, occurrences)

    return check


for _spec in VOICE_RULES:
    register(Rule(_spec.id, Severity(_spec.severity), _spec.summary, _check(_spec), _explanation(_spec), _options(_spec), "post"))


@rule(
    "voice.score", Severity.WARNING,
    "The post's passion score is below the minimum.",
    options={"min_score": Option(35.0, "lowest acceptable passion score (0–100); set lower for a release-notes folder", 0, 100)},
    scope="post",
)
def passion_score(ctx: Context, options: Options) -> Iterator[Hit]:
    """
    ## What it checks
    The passion score (0–100) of a post of 300 or more prose words: it starts at 40, and each
    voice signal adds or takes away up to its published weight as its rate per 100 prose words
    approaches the rate of a conversational post. Bands: 70+ conversational, 50–69 mixed, 35–49
    flat, under 35 press-release-like. `byline score PATH` prints the breakdown and the single
    change that would raise the score most. Shorter posts are not scored.

    ## Why it matters
    Kelleher & Miller (2006) showed that readers trust organisational blogs that speak in a
    "conversational human voice"; Liebrecht, Tsaousi & van Hooijdonk (2021) made that voice
    countable (personalization, informal speech, invitational rhetoric); Forrester (2008) found
    most B2B posts rehashed press releases with no personal insight. The score puts those
    findings into one number an editor can watch, calibrated against blind ratings of real posts
    (docs/guide/voice-calibration.md). The byline is a separate error and not part of the score.

    ## Example
    "Acme today announced its industry-leading, best-in-class platform…" scores under 35.
    A post where the writer tells what they tried, what went wrong and asks readers what they
    would do scores over 70.
    """
    voice = voice_of(ctx)
    value = voice.score.value
    if value is None or value >= options["min_score"]:
        return
    change = voice.score.best_change()
    hint = f"{change[0].advice} (up to +{change[1]:.0f})" if change else "see `byline score` for the breakdown"
    line, column = ctx.doc.first_word_place()
    yield Hit(line, column, f"passion score {value}/100 ({voice.score.band}) is below {options['min_score']:g}: {hint}")

