"""A reader in a real browser: open a co-authored post, follow a byline to the author's page and
find the post listed there. The example blog is served from 127.0.0.1 and every other request
is aborted; one screenshot of each page is kept in test-artifacts/."""
from __future__ import annotations

import pytest

from pathlib import Path

from playwright.sync_api import expect

from support.browser import chromium, loopback_only, serve_static

pytestmark = pytest.mark.browser

POST_TITLE = "Initials instead of grey silhouettes"
POST_PATH = "blog/2024/11/19/initials-instead-of-grey-silhouettes/"
AUTHOR = "Hannah Kowalczyk"


def test_follow_a_byline_to_the_author_page(example_site: Path, repo_root: Path) -> None:
    artifacts = repo_root / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    blocked: list[str] = []
    with serve_static(example_site) as origin, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        loopback_only(context, blocked)
        page = context.new_page()
        page.goto(origin + POST_PATH)
        expect(page.locator("article h1")).to_contain_text(POST_TITLE)
        byline = page.locator(".byline-post .byline-person")
        expect(byline).to_have_count(2)
        expect(byline.locator(".byline-person__name")).to_have_text(["Tomás Ortega", AUTHOR])
        for avatar in byline.locator("img").all():  # generated initials: loaded, never broken
            expect(avatar).to_be_visible()
            assert avatar.evaluate("img => img.complete && img.naturalWidth > 0")
        page.screenshot(path=str(artifacts / "byline-post.png"), full_page=True)

        page.locator(".byline-post").get_by_role("link", name=AUTHOR).click()
        page.wait_for_url(origin + "blog/author/hannah-kowalczyk/")
        expect(page.locator("h1").first).to_contain_text(AUTHOR)
        card = page.locator(".byline-card")
        expect(card.locator(".byline-card__role")).to_have_text("Co-founder, editor")
        listed = card.locator(".byline-card__posts").get_by_role("link", name=POST_TITLE)
        expect(listed).to_be_visible()
        expect(page.locator(".md-post--excerpt h2", has_text=POST_TITLE)).to_be_visible()
        page.screenshot(path=str(artifacts / "byline-author.png"), full_page=True)

        listed.click()
        page.wait_for_url(origin + POST_PATH)
        context.close()
    assert blocked == []  # the site needs nothing from outside this machine
    assert (artifacts / "byline-post.png").stat().st_size > 10_000
    assert (artifacts / "byline-author.png").stat().st_size > 10_000
