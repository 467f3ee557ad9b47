"""The ``voice.*`` rules: one finding per post when a signal's rate crosses its threshold, listing
every occurrence inside that finding (editors ignore linters that flag every word: textlint raises
96 flags per 1,000 words on real posts, write-good 24).

Thresholds are data and were set on ../shared/corpora so that no rule fires on more than half of
any blog's posts (bench/calibrate.py prints the shares); a rule that fires everywhere teaches
editors to ignore it.
"""
from __future__ import annotations

from dataclasses import dataclass

from linters.voice.settings import Voice


#: Absence is evidence only in a long post: a 400-word note need not tell a story and ask a question.
LONG_POST = 800


@dataclass(frozen=True)
class VoiceRule:
    """The rule fires when every condition holds: ``(measure, "<" or ">=", value)`` over the rates
    of :mod:`linters.voice.signals` (plus ``words``, ``questions_count`` and ``we``). The first
    condition's value is the rule's configurable threshold. ``shows`` names the occurrence
    categories listed in the finding."""

    id: str
    message: str  # formatted with {rate} (the first measure), {count} and {words}; ends with the fix hint
    explanation: str
    when: tuple[tuple[str, str, float], ...]
    severity: str = "info"
    shows: tuple[str, ...] = ()

    @property
    def signal(self) -> str:
        return self.when[0][0]

    @property
    def threshold(self) -> float:
        return self.when[0][2]


VOICE_RULES: tuple[VoiceRule, ...] = (
    VoiceRule(
        "voice.first-person",
        "{rate:.1f} first-person singular words per 100: the post speaks as a company; write what you did and think, with 'I'",
        "Personalization, above all the writer speaking as 'I', is what readers perceive as a human "
        "voice (Kelleher & Miller 2006; Liebrecht, Tsaousi & van Hooijdonk 2021). A post written only "
        "in 'we' is a company talking. The finding lists the post's 'we' so you can see where a person "
        "could speak instead.",
        when=(("personal_voice", "<", 0.2), ("we", ">=", 3.0)), shows=("we",),
    ),
    VoiceRule(
        "voice.feeling",
        "no sentence says what the writer felt, learned or got wrong; add one honest sentence of your own",
        "Forrester (2008) found over 70% of B2B posts offered no personal insight; Kelleher & Miller's "
        "conversational voice includes admitting mistakes. A sentence counts when the writer speaks as "
        "'I' with a feeling or stance word (vaderSentiment's lexicon, hype excluded), or as 'I' or 'we' "
        "about a lesson ('we learned', 'I was wrong').",
        when=(("personal_feeling", "<", 0.01), ("words", ">=", LONG_POST)),
    ),
    VoiceRule(
        "voice.reader",
        "the reader is never addressed (no 'you', no question); tell them what this means for them",
        "Addressing the reader directly is the second element of personalization in Liebrecht et al. "
        "(2021). The rule fires when the post has almost no 'you' and asks no question.",
        when=(("reader_address", "<", 0.2), ("questions_count", "<", 1)),
    ),
    VoiceRule(
        "voice.invitation",
        "nothing near the end invites a reply; close with a question or 'Tell me what you think'",
        "Invitational rhetoric, asking the reader to respond, is the third element of conversational "
        "voice in Liebrecht et al. (2021), and 'invites people to conversation' is an item of Kelleher & "
        "Miller's scale. The last fifth of the post is searched for an invitation phrase or a question "
        "to the reader.",
        when=(("invitation", "<", 0.5), ("questions_count", "<", 1), ("words", ">=", LONG_POST)),
    ),
    VoiceRule(
        "voice.contractions",
        "no contractions in {words} words reads stiff; write as you would say it (it's, don't, we've)",
        "Informal speech, with contractions its most countable marker, is an element of conversational "
        "voice (Liebrecht et al. 2021).",
        when=(("contractions", "<", 0.05),),
    ),
    VoiceRule(
        "voice.press-release",
        "{count:.0f} press-release phrase(s) and hype ({rate:.2f} weighted per 100 words); say what changed and why it matters to you",
        "Forrester (2008) found 56% of B2B blog posts rehashed press releases. Phrases such as 'today "
        "announced', 'pleased to announce', 'industry-leading' and 'best-in-class' mark that voice; a "
        "sentiment lexicon reads the hype as passion, Byline reads it as the company talking.",
        when=(("press_release", ">=", 0.3),), severity="warning", shows=("press_release",),
    ),
    VoiceRule(
        "voice.buzzwords",
        "{count:.0f} buzzword(s) ({rate:.2f} weighted per 100 words); use the plain word for what the thing does",
        "Corporate jargon ('leverage', 'synergy', 'seamless', 'solution') is the opposite of the "
        "conversational register. Words are weighted (3 for pure jargon, 1 for words often fine in "
        "technical writing); allow the ones your readers use in configuration.",
        when=(("buzzwords", ">=", 1.0),), severity="warning", shows=("buzzwords",),
    ),
    VoiceRule(
        "voice.self-promotion",
        "the company and its products are named {rate:.1f} times per 100 words, or a sales prompt appears; let the substance sell",
        "Mentions of the configured company and product names beyond one per 100 words, and calls to "
        "buy ('request a demo', 'contact sales', counted three times), turn a post into an advert.",
        when=(("self_promotion", ">=", 3.0),), severity="warning", shows=("company", "calls_to_action"),
    ),
    VoiceRule(
        "voice.concrete",
        "no figures, examples, code or images ({rate:.2f} per 100 words); show one thing you measured or tried",
        "Press-release rehash asserts; a writer with something to say shows it. Counted: figures (not "
        "versions or years), example phrases ('for example', 'we measured'), up to two code blocks, images.",
        when=(("concrete", "<", 0.2),),
    ),
    VoiceRule(
        "voice.hedges",
        "{count:.0f} hedges and weasel words ({rate:.1f} per 100 words); replace them with the fact: how many, how much",
        "Weasel words (write-good's list) and hedges (proselint's) blur claims; marketing hedges "
        "('up to', 'can potentially') weigh double.",
        when=(("hedges", ">=", 1.5),), shows=("hedges",),
    ),
)


def fires(rule: VoiceRule, voice: Voice, threshold: float | None = None) -> bool:
    """Whether ``rule`` reports on a post (``threshold`` replaces the first condition's value).
    Posts too short to score are never judged on rates."""
    if voice.score.value is None:
        return False
    rates = voice.measurement.rates
    for index, (measure, op, value) in enumerate(rule.when):
        limit = threshold if index == 0 and threshold is not None else value
        if (rates[measure] < limit) != (op == "<"):
            return False
    return True
