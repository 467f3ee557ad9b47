"""The ``voice.*`` rules as data: one finding per post when a signal's rate crosses its threshold,
listing every occurrence inside that finding (editors ignore linters that flag every word: on real
posts textlint raises 96 flags per 1,000 words, write-good 24). ``byline.rules.voice`` registers
them with the lint framework; ``bench/calibrate.py`` counts how often each fires.

Thresholds were set on ../shared/corpora so that no rule fires on more than half of any blog's
posts; a rule that fires everywhere teaches editors to ignore it.
"""
from __future__ import annotations

from dataclasses import dataclass

from byline.voice.settings import Voice

#: Absence is evidence only in a long post: a 400-word note need not tell a story and ask a question.
LONG_POST = 800


@dataclass(frozen=True)
class VoiceRule:
    """The rule fires when every condition ``(measure, "<" or ">=", value)`` holds over the rates
    of :mod:`byline.voice.signals` (plus ``words``, ``questions_count`` and ``we``). The first
    condition's value is the rule's threshold, configurable as ``option``. ``lists`` are the word
    lists the rule owns (configurable with ``allow`` and ``add``); ``shows`` the occurrence
    categories listed in the finding."""

    id: str
    summary: str
    message: str  # formatted with {rate} (the first measure), {count} and {words}; ends with the fix hint
    checks: str
    why: str
    example: str
    when: tuple[tuple[str, str, float], ...]
    option: str
    option_help: str
    severity: str = "info"
    lists: tuple[str, ...] = ()
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
        "The post speaks only as 'we': no writer says 'I'.",
        "{rate:.1f} first-person singular words per 100 and 'we' everywhere: the company is talking; write what you did and think, with 'I'",
        "First-person singular words (I, me, my, mine, myself, I'm, I've, I'd, I'll) per 100 prose "
        "words, in the writer's own sentences (not headings, quotations or bold Q&A labels). Fires "
        "when there are almost none while 'we' is frequent (3+ per 100 words). The finding lists "
        "the post's 'we' so you see where a person could speak instead.",
        "Personalization, above all a writer speaking as 'I', is what readers perceive as a human "
        "voice (Kelleher & Miller 2006; Liebrecht, Tsaousi & van Hooijdonk 2021). A post written "
        "only in 'we' is an organisation talking, which is how announcements are written.",
        "\"We are pleased to share that we have shipped our new dashboard.\"\n\nUse instead: \"I "
        "spent March rebuilding the dashboard; here is what I changed and why.\"",
        when=(("personal_voice", "<", 0.2), ("we", ">=", 3.0)),
        option="min_per_100", option_help="first-person singular words per 100 below which a 'we' post is reported",
        shows=("we",),
    ),
    VoiceRule(
        "voice.feeling",
        "A long post never says what the writer felt, learned or got wrong.",
        "no sentence in {words} words says what the writer felt, learned or got wrong; add one honest sentence of your own",
        "Sentences where the writer speaks as 'I' with a feeling or stance word (the `feelings` list "
        "or a strongly valenced word of vaderSentiment's lexicon, hype excluded), or as 'I' or 'we' "
        "about a lesson (the `lessons` list: 'we learned', 'I was wrong', 'turned out'). Fires on "
        f"posts of {LONG_POST}+ words with none.",
        "Forrester (2008) found over 70% of B2B blog posts offered no personal insight, and "
        "Kelleher & Miller's conversational-voice scale includes admitting mistakes. Hype is not "
        "feeling: a sentiment lexicon rates 'thrilled to announce' as passion.",
        "\"The migration was completed in Q3.\"\n\nUse instead: \"I underestimated the migration: "
        "it took three months, not one, and I learned to test restores first.\"",
        when=(("personal_feeling", "<", 0.01), ("words", ">=", LONG_POST)),
        option="min_per_100", option_help="feeling sentences per 100 words below which a long post is reported",
        lists=("feelings", "lessons"),
    ),
    VoiceRule(
        "voice.reader",
        "The post never addresses the reader.",
        "the reader is never addressed (almost no 'you', no question); tell them what this means for them",
        "'you', 'your' and their forms per 100 prose words. Fires when there are almost none and the "
        "post asks no question.",
        "Addressing the reader directly is part of personalization in Liebrecht et al. (2021), and "
        "Kelleher & Miller's scale asks whether a blog 'treats me as a human'.",
        "\"Users can configure the retention period.\"\n\nUse instead: \"You can keep logs as long "
        "as you need: set `retention` in one place.\"",
        when=(("reader_address", "<", 0.2), ("questions_count", "<", 1)),
        option="min_per_100", option_help="'you' per 100 words below which the post is reported (if it also asks no question)",
    ),
    VoiceRule(
        "voice.invitation",
        "A long post never asks the reader anything or invites a reply.",
        "nobody is invited to reply: no question to the reader and no invitation near the end; close with 'What did I miss? Tell me…'",
        "Questions in the writer's own sentences anywhere, and invitation phrases ('let me know', "
        "'what do you think', 'I'd love to hear', the `invitations` list) or a question to 'you' in "
        f"the last fifth of the post. Fires on posts of {LONG_POST}+ words with neither.",
        "Invitational rhetoric, asking readers to respond, is the third element of conversational "
        "voice in Liebrecht et al. (2021); 'invites people to conversation' is an item of Kelleher "
        "& Miller's scale. Forrester (2008) criticised B2B blogs for inviting no one to reply.",
        "A post that ends: \"Version 2 is available now.\"\n\nUse instead: \"Version 2 is out. What "
        "would make you switch? Tell me in the comments.\"",
        when=(("invitation", "<", 0.5), ("questions_count", "<", 1), ("words", ">=", LONG_POST)),
        option="min_invitations", option_help="invitations near the end below which a long post with no question is reported",
        lists=("invitations",),
    ),
    VoiceRule(
        "voice.contractions",
        "The post uses no contractions at all.",
        "no contractions in {words} words reads stiff; write as you would say it (it's, don't, we've)",
        "Contractions (don't, it's, we've, I'm; not possessives such as \"Rust's\") per 100 prose words.",
        "Informal speech, with contractions its most countable marker, is an element of "
        "conversational voice (Liebrecht et al. 2021). A post without a single one reads like a "
        "statement.",
        "\"It is important to note that we have not changed the API.\"\n\nUse instead: \"We haven't "
        "changed the API.\"",
        when=(("contractions", "<", 0.05),),
        option="min_per_100", option_help="contractions per 100 words below which the post is reported",
    ),
    VoiceRule(
        "voice.press-release",
        "The post uses press-release phrasing and hype.",
        "{count} press-release phrase(s) and hype ({rate:.2f} weighted per 100 words); say what changed and why it matters to you",
        "Phrases of the `press_release` list ('today announced', 'pleased to announce', "
        "'industry-leading', 'best-in-class', 'game-changing'…), weighted 1–3, per 100 prose words. "
        "A hyphen and a space match each other. Each occurrence is listed.",
        "Forrester (2008) found 56% of B2B blog posts were press-release rehash. Hype reads as "
        "passion to a sentiment lexicon; to readers it is the company talking. A past-tense story "
        "('when the team announced the move') is not matched: the list holds the formula, not the verb.",
        "\"Acme today announced its industry-leading platform.\"\n\nUse instead: \"We rebuilt the "
        "importer; large files now load in 2 seconds instead of 40.\"",
        when=(("press_release", ">=", 0.3),),
        option="max_per_100", option_help="weighted press-release phrases per 100 words from which the post is reported",
        severity="warning", lists=("press_release",), shows=("press_release",),
    ),
    VoiceRule(
        "voice.announcement",
        "The post reads as release notes: announcement formulas, nobody speaking.",
        "{count} release-note formula(s) ({rate:.2f} per 100 words); tell the story behind the release: why it changed, what you learned",
        "Phrases of the `announcements` list ('now available', 'this release', 'new version', "
        "'what's new', 'changelog', 'introducing'…) per 100 prose words, headings included. Each "
        "occurrence is listed.",
        "Routine release notes are the developer blog's press release (Forrester 2008: 56% of B2B "
        "posts rehashed announcements). A release post scores well when a person explains why "
        "the change matters; a list of what is now available does not.",
        "\"Version 2.0 is now available. What's new: bug fixes and a new version of the API.\"\n\n"
        "Use instead: \"I rewrote the importer for 2.0 because one customer's 4 GB file took an hour.\"",
        when=(("announcement", ">=", 1.0),),
        option="max_per_100", option_help="announcement formulas per 100 words from which the post is reported",
        lists=("announcements",), shows=("announcements",),
    ),
    VoiceRule(
        "voice.buzzwords",
        "The post leans on buzzwords and corporate jargon.",
        "{count} buzzword(s) ({rate:.2f} weighted per 100 words); use the plain word for what the thing does",
        "Words and phrases of the `buzzwords` list ('leverage', 'synergy', 'seamless', 'solution', "
        "'empower'…), weighted 3 for pure jargon, 2 for marketing verbs, 1 for words often fine in "
        "technical writing, per 100 prose words. Each occurrence is listed.",
        "Jargon is the opposite of the conversational register readers trust (Kelleher & Miller "
        "2006). Allow the words your readers really use: `allow: [ecosystem]`.",
        "\"Leverage our seamless solution to empower your teams.\"\n\nUse instead: \"Your teams "
        "can share one dashboard.\"",
        when=(("buzzwords", ">=", 1.0),),
        option="max_per_100", option_help="weighted buzzwords per 100 words from which the post is reported",
        severity="warning", lists=("buzzwords",), shows=("buzzwords",),
    ),
    VoiceRule(
        "voice.self-promotion",
        "The post keeps naming the company and its products, or asks readers to buy.",
        "the company and its products are named too often or the post asks readers to buy ({rate:.1f} per 100 words); let the substance sell",
        "Mentions of the configured company and product names (byline/authors' `company` and "
        "`products`, plus this rule's `names`; case-sensitive, not inside URLs) and calls to buy "
        "('request a demo', 'contact sales', the `calls_to_action` list, each counted 3 times), per "
        "100 prose words.",
        "Self-promotion is what Forrester (2008) found made corporate blogs unread; a post that "
        "names the product in every paragraph is an advert. Naming it once per 100 words is free "
        "in the score.",
        "\"Acme Cloud makes Acme Cloud users happy. Request a demo of Acme Cloud.\"\n\nUse instead: "
        "explain the problem and your approach; link the product once.",
        when=(("self_promotion", ">=", 3.0),),
        option="max_per_100", option_help="name mentions (+3 per call to buy) per 100 words from which the post is reported",
        severity="warning", lists=("calls_to_action",), shows=("company", "calls_to_action"),
    ),
    VoiceRule(
        "voice.concrete",
        "The post shows nothing concrete: no figure, example, code or image.",
        "nothing concrete in {words} words (no figure, example, code or image); show one thing you measured or tried",
        "Figures (not version numbers or years), example phrases ('for example', 'we measured', the "
        "`concrete` list), up to two code blocks and images, per 100 prose words.",
        "Press-release rehash asserts; a writer with something to say shows it (Forrester 2008). "
        "Code counts twice at most, so a changelog of snippets does not look concrete by volume.",
        "\"Performance improved significantly.\"\n\nUse instead: \"p95 latency fell from 420 ms to "
        "180 ms on our staging cluster.\"",
        when=(("concrete", "<", 0.2),),
        option="min_per_100", option_help="concrete items per 100 words below which the post is reported",
        lists=("concrete",),
    ),
    VoiceRule(
        "voice.hedges",
        "The post is thick with hedges and weasel words.",
        "{count} hedges and weasel words ({rate:.1f} weighted per 100 words); replace them with the fact: how many, how much",
        "Words of the `hedges` list (write-good's weasel words: 'very', 'many', 'various', "
        "'significantly'…; proselint's hedges; marketing hedges such as 'up to', weighted 2) per 100 "
        "prose words. Each occurrence is listed.",
        "Vague qualifiers blur claims and sound like a brochure covering itself. Passive voice is "
        "the other hedge; `readability.passive-voice` reports it.",
        "\"Various customers saw significantly faster builds, up to 10x.\"\n\nUse instead: \"Three "
        "customers' builds ran 2–4× faster.\"",
        when=(("hedges", ">=", 1.5),),
        option="max_per_100", option_help="weighted hedges per 100 words from which the post is reported",
        lists=("hedges",), shows=("hedges",),
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
