"""The passion score on hand-written posts: bands, too-short posts, breakdown and best change."""
from __future__ import annotations

import pytest

from byline.posts import parse_post
from byline.prose import parse_document
from byline.voice.score import BASE, BY_NAME, MIN_WORDS, SIGNALS, band, score
from byline.voice.settings import VoiceSettings, analyse

PRESS_RELEASE = """
Acme Corp today announced the general availability of Acme Cloud, the industry-leading, best-in-class
platform that empowers enterprises to leverage seamless data solutions. Acme is pleased to announce
that Acme Cloud delivers next-generation performance and unparalleled reliability for mission-critical
workloads.

"We are thrilled to bring this revolutionary solution to our customers," said the Chief Executive
Officer of Acme Corp. "Acme Cloud represents a paradigm shift in how organizations harness synergy
across their ecosystem."

Acme Cloud is available now. The platform streamlines operations, unlocks actionable insights and
provides a holistic, frictionless experience. Acme Corp is a leading provider of enterprise-grade
solutions and a market leader in cloud innovation. Customers can leverage turnkey integrations and
cutting-edge analytics to future-proof their business.

Acme also announced a strategic partnership with a world-class systems integrator, effective
immediately. The partnership will empower joint customers to streamline their digital
transformation and maximize value across the enterprise. Acme Cloud is the first-of-its-kind
platform that seamlessly unifies data, analytics and governance in a single pane of glass.

To learn more, request a demo or contact sales. Start your free trial today and discover why
thousands of organizations choose Acme Cloud for their mission-critical data. Acme Cloud is
award-winning, enterprise-grade and built for scale.

About Acme Corp: Acme Corp is the leading provider of innovative, data-driven solutions that
empower organizations worldwide. Acme serves thousands of customers across many industries and
regions, delivering robust, scalable, best-of-breed technology. Acme is headquartered in a large
city and has offices in several countries. For more information, visit the Acme website or contact
the Acme press office. This release contains forward-looking statements that involve risks.
Media contact: the Acme communications team, available during business hours on weekdays.
Acme Cloud is a trademark of Acme Corp. All other names are the property of their respective
owners. Acme Corp reserves the right to change product specifications and pricing without notice.
"""

PERSONAL = """
Last spring I broke our release pipeline three times in one week, and I want to tell you how that
happened, because I learned more from it than from any conference talk.

I had moved our builds to a faster cache. On Monday it looked great: builds dropped from 14 minutes
to 6. I was proud of that number, honestly. On Tuesday a colleague asked me why her tests passed
locally but failed in CI, and I didn't have an answer. I spent the afternoon reading logs and felt
a little sick when I saw it: the cache key ignored the lock file, so two branches shared stale
dependencies.

I fixed the key. On Wednesday I broke it again, differently. I'd forgotten that our Windows runners
write paths with backslashes, so the key never matched and every build was cold. That one was
embarrassing, because I had written a test for exactly that case and then skipped it to save time.

What did I get wrong? Mostly, I trusted a number. Six minutes felt like proof. It wasn't; it was a
measurement of the happy path. The failures only showed up when real people did ordinary things,
like switching branches or using a different machine.

Here is what I do now. I write down what would convince me a change is wrong before I ship it. I
ask one person who didn't review the change to try to break it. And I keep the old path around for
a week, so rolling back is one line.

Have you had a change that looked like a clear win and turned out to hide a cost? I'd love to
hear how you caught it, and what you changed afterwards. I'm sure I'm still missing tricks that
would have saved me that week.

If you want the details, the cache key we use now is in our handbook, with the test I should not
have skipped. Tell me what you would do differently, and I'll write a follow-up with the best
answers and the names of the people who sent them. What would you check first?
"""


def scored(markdown: str, names: tuple[str, ...] = ()):
    doc = parse_document(parse_post(markdown, "post.md"))
    return analyse(doc, VoiceSettings.of(company_names=names)).score


def test_a_press_release_scores_under_35():
    result = scored(PRESS_RELEASE, ("Acme", "Acme Cloud", "Acme Corp"))
    assert result.words >= MIN_WORDS
    assert result.value is not None and result.value < 35
    assert result.band == "press-release-like"


def test_a_first_person_post_that_asks_the_reader_scores_over_70():
    result = scored(PERSONAL)
    assert result.words >= MIN_WORDS
    assert result.value is not None and result.value > 70
    assert result.band == "conversational"


def test_a_short_post_is_not_scored():
    result = scored("I think you'll like this. What do you think?")
    assert result.value is None
    assert result.band == "too short to score"


def test_bands_follow_the_published_cut_points():
    assert [band(v) for v in (100, 70, 69, 50, 49, 35, 34, 0)] == [
        "conversational", "conversational", "mixed", "mixed", "flat", "flat", "press-release-like", "press-release-like"]


def test_breakdown_adds_up_and_is_clamped():
    result = score({"personal_voice": 10.0, "press_release": 0.6}, 400)
    points = {p.signal.name: p.points for p in result.parts}
    assert points["personal_voice"] == BY_NAME["personal_voice"].weight  # saturates at "full"
    assert points["press_release"] == pytest.approx(-12.5)
    assert result.value == round(BASE + sum(points.values()))
    assert score({"press_release": 99, "buzzwords": 99, "self_promotion": 99, "hedges": 99}, 400).value == 0


def test_free_allowance_for_naming_the_product():
    assert BY_NAME["self_promotion"].contribution(1.0) == 0
    assert BY_NAME["self_promotion"].contribution(2.5) == pytest.approx(-4)


def test_best_change_names_the_biggest_gain():
    change = score({"press_release": 1.2, "personal_voice": 1.0}, 400).best_change()
    assert change is not None and change[0].name == "press_release" and change[1] == pytest.approx(25)
    change = score({"personal_voice": 0.0}, 400).best_change()
    assert change is not None and change[0].name == "personal_voice"


def test_weights_favour_the_person_over_surface_markers():
    weight = {s.name: s.weight for s in SIGNALS}
    assert weight["personal_voice"] > max(weight["reader_address"], weight["contractions"], weight["invitation"])
    assert -weight["press_release"] == max(abs(w) for w in weight.values() if w < 0)


def test_every_example_blog_post_is_conversational():
    """The posts the kit holds up as the model must score 70 or more, under the site's own
    configuration (Fernhill's company and product names count as self-promotion)."""
    from pathlib import Path

    from byline.config import load_site_config
    from byline.posts import read_post

    root = Path(__file__).resolve().parents[1]
    site = load_site_config(root / "mkdocs.yml")
    settings = VoiceSettings.of(company_names=site.company_names)
    posts = sorted(site.posts_dir.glob("*.md"))
    assert posts
    for path in posts:
        result = analyse(parse_document(read_post(path)), settings).score
        assert result.value is not None and result.value >= 70, (path.name, result.value)
