"""Settings of byline/comments and a post's `comments:` front matter: every mistake is one error
naming file and line, and valid settings come back as data."""
from __future__ import annotations

import datetime as dt

import pytest

from byline.comments.settings import (
    CommentSettings,
    PostComments,
    decide_thread,
    locator,
    parse_post_comments,
    parse_settings,
)
from byline.errors import BylineError

ISSO = {"provider": "isso", "isso": {"url": "https://comments.example.com/"}}
GISCUS = {"repo": "acme/blog", "repo_id": "R_1", "category": "Comments", "category_id": "DIC_1"}

MKDOCS_YML = """\
site_name: Test
plugins:
  - search
  - byline/comments:
      provider: isso
      close_after_days: 30
      isso:
        url: ftp://nope
      giscus:
        repo: a/b
  - blog
"""


def error(block: dict, locate=None) -> BylineError:
    with pytest.raises(BylineError) as caught:
        parse_settings(block, "mkdocs.yml", locate)
    return caught.value


def test_valid_isso_settings_are_data():
    settings = parse_settings({**ISSO, "close_after_days": 30}, "mkdocs.yml")
    assert settings.provider == "isso"
    assert settings.isso is not None and settings.isso.url == "https://comments.example.com"
    assert settings.close_after_days == 30
    assert settings.manifest == "byline/threads.json"
    assert settings.providers_in_use == {"isso"}


def test_category_providers_are_in_use_and_need_their_settings():
    settings = parse_settings({**ISSO, "categories": {"Support": "email"}, "email": {"address": "help@example.com"}}, "mkdocs.yml")
    assert settings.providers_in_use == {"isso", "email"}
    assert settings.email_address == "help@example.com"
    assert "giscus" in str(error({**ISSO, "categories": {"Community": "giscus"}}))


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ({"provider": "dsqus"}, "unknown provider 'dsqus'"),
        ({"provider": "iso"}, "did you mean 'isso'?"),
        ({}, "choose a provider"),
        ({"provider": "isso"}, "provider isso needs isso.url"),
        ({"provider": "isso", "isso": {}}, "provider isso needs isso.url"),
        ({"provider": "isso", "isso": {"url": "comments.example.com"}}, "must be an http(s) address"),
        ({"provider": "isso", "isso": {"url": "https://c.example.com", "host": "x"}}, "unknown setting 'isso.host'"),
        ({"provider": "giscus"}, "needs giscus.repo, giscus.repo_id, giscus.category, giscus.category_id"),
        ({"provider": "giscus", "giscus": {**GISCUS, "repo_id": ""}}, "needs giscus.repo_id"),
        ({"provider": "giscus", "giscus": {**GISCUS, "repo": "not-a-repo"}}, "must be owner/name"),
        ({"provider": "email", "isso": {"url": "https://c.example.com"}}, "'isso' settings are given but no post uses the isso provider"),
        ({**ISSO, "giscus": GISCUS}, "'giscus' settings are given but no post uses the giscus provider"),
        ({"provider": "none", "close_after_days": 10}, "'close_after_days' has no effect"),
        ({**ISSO, "close_after_days": -1}, "whole number of days"),
        ({**ISSO, "close_after_days": True}, "whole number of days"),
        ({**ISSO, "close_after_days": "30"}, "whole number of days"),
        ({**ISSO, "provder": "x"}, "unknown setting 'provder'; did you mean 'provider'?"),
        ({"provider": "email", "email": {"address": "not an address"}}, "is not an address"),
        ({**ISSO, "manifest": "../threads.json"}, "must be a .json path inside the built site"),
        ({**ISSO, "categories": ["Support"]}, "maps a blog category to a provider"),
        ({**ISSO, "categories": {"Support": "mail"}}, "unknown provider 'mail'"),
        ({**ISSO, "enabled": "yes"}, "'enabled' must be true or false"),
    ],
)
def test_each_configuration_error_is_one_clear_line(block, expected):
    message = str(error(block))
    assert expected in message
    assert "\n" not in message
    assert message.startswith("mkdocs.yml: byline/comments: ")


def test_errors_name_the_line_of_the_offending_key():
    locate = locator(MKDOCS_YML)
    assert locate(()) == 4
    assert locate(("provider",)) == 5
    assert locate(("isso", "url")) == 8
    assert locate(("giscus",)) == 9
    assert locate(("missing",)) == 4  # unknown keys fall back to the block's line
    block = {"provider": "isso", "close_after_days": 30, "isso": {"url": "ftp://nope"}}
    assert str(error(block, locate)).startswith("mkdocs.yml:8: byline/comments: isso.url 'ftp://nope'")


def test_locator_without_the_plugin_gives_no_line():
    assert locator("plugins:\n  - search\n")(("provider",)) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, PostComments()),
        (False, PostComments(enabled=False)),
        (True, PostComments(enabled=True)),
        ({"close_after_days": 5}, PostComments(close_after_days=5)),
        ({"close_after_days": 0}, PostComments(close_after_days=0)),
    ],
)
def test_post_overrides(value, expected):
    assert parse_post_comments(value, "post.md", lambda key: 3) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("no", "'no' is not understood: write comments: false"),
        ({"close_after": 5}, "unknown setting 'close_after'; did you mean 'close_after_days'?"),
        ({"close_after_days": "soon"}, "whole number of days"),
        ({"close_after_days": -3}, "whole number of days"),
    ],
)
def test_bad_post_overrides_name_the_post_and_line(value, expected):
    with pytest.raises(BylineError) as caught:
        parse_post_comments(value, "docs/blog/posts/a.md", {"comments": 4}.get)
    assert str(caught.value).startswith("docs/blog/posts/a.md:4: comments: ")
    assert expected in str(caught.value)


PUBLISHED = dt.date(2024, 1, 1)


def decide(settings: CommentSettings, asked: PostComments = PostComments(), categories=(), today=dt.date(2024, 1, 31)):
    return decide_thread(settings, asked, list(categories), PUBLISHED, today, "post.md", lambda key: {"comments": 3, "categories": 5}[key])


def test_thread_closes_after_the_site_wide_days():
    settings = parse_settings({**ISSO, "close_after_days": 30}, "mkdocs.yml")
    on_the_day = decide(settings, today=dt.date(2024, 1, 31))
    assert on_the_day is not None and on_the_day.closes == dt.date(2024, 1, 31) and on_the_day.closed
    day_before = decide(settings, today=dt.date(2024, 1, 30))
    assert day_before is not None and not day_before.closed


def test_per_post_days_override_the_site_and_false_removes_the_thread():
    settings = parse_settings({**ISSO, "close_after_days": 30}, "mkdocs.yml")
    longer = decide(settings, PostComments(close_after_days=90))
    assert longer is not None and longer.closes == dt.date(2024, 3, 31) and not longer.closed
    assert decide(settings, PostComments(enabled=False)) is None


def test_threads_never_close_without_close_after_days():
    thread = decide(parse_settings(ISSO, "mkdocs.yml"), today=dt.date(2099, 1, 1))
    assert thread is not None and thread.closes is None and not thread.closed


def test_category_chooses_the_provider():
    settings = parse_settings({**ISSO, "categories": {"Support": "email", "Quiet": "none"}}, "mkdocs.yml")
    assert decide(settings, categories=["Support"]).provider == "email"
    assert decide(settings, categories=["Other"]).provider == "isso"
    assert decide(settings, categories=["Quiet"]) is None


def test_contradictory_post_settings_are_errors():
    settings = parse_settings({**ISSO, "categories": {"Support": "email", "Quiet": "none"}}, "mkdocs.yml")
    with pytest.raises(BylineError, match=r"^post.md:5: comments: this post's categories ask for different providers"):
        decide(settings, categories=["Support", "Quiet"])
    with pytest.raises(BylineError, match=r"^post.md:3: comments: this post asks for comments but its provider is none"):
        decide(settings, PostComments(close_after_days=3), categories=["Quiet"])
    with pytest.raises(BylineError, match="provider is none"):
        decide(parse_settings({"provider": "none"}, "mkdocs.yml"), PostComments(enabled=True))
