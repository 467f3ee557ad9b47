"""Comments in a real browser against a real Isso server.

The example blog (this repository's mkdocs.yml and docs/) is built with its isso provider pointed
at `byline comments serve` (Isso behind the gate) on 127.0.0.1, served from loopback, and driven
with Debian's chromium: a reader posts and is told the comment awaits moderation, the listing
still counts 0, a moderator approves it in Isso's admin page, and a new visitor sees "One Comment"
on the listing and the comment on the post. A closed post shows the closed text and no form, and
the gate refuses a direct POST. Material's instant navigation is switched on for the test, so the
comment scripts must come back after a page change without reload. Every non-loopback request is
blocked; giscus' script (tested on a small blog) is answered by a local fake.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from playwright.sync_api import Browser, BrowserContext, Page, expect

from byline.comments.closing import CLOSED_TEXT
from support.browser import chromium, loopback_only, serve_static
from support.comments_site import EPOCH, GISCUS, POSTS, build_site, comments_block, loaded, post_url, write_site
from support.isso import ADMIN_PASSWORD, IssoServer

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
WAIT = 20_000  # ms: Isso's scripts load after the page
JUNE_15 = "1718409600"  # SOURCE_DATE_EPOCH of 2024-06-15, after the test blog's threads close
COUNT = re.compile(r"^(\d+ Comments|One Comment)$")
COUNT_OR_NONE = re.compile(r"^(\d+ Comments|One Comment|No Comments Yet)$")
FAKE_GISCUS = """
(function () {
  var s = document.currentScript, mark = document.createElement("div");
  mark.id = "giscus-fake";
  mark.textContent = "giscus for " + s.dataset.repo + " " + s.dataset.repoId + " " + s.dataset.category + " " + s.dataset.mapping;
  s.parentNode.insertBefore(mark, s);
})();
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def blocked() -> list[str]:
    return []


def visitor(browser: Browser, blocked: list[str]) -> BrowserContext:
    """A fresh visitor: no cookies, every non-loopback request aborted, giscus faked."""
    context = browser.new_context()
    loopback_only(context, blocked)
    context.route("https://giscus.app/client.js", lambda route: route.fulfill(status=200, content_type="text/javascript", body=FAKE_GISCUS))
    context.set_default_timeout(WAIT)
    return context


@dataclass
class Blog:
    url: str  # the site's origin + "/"
    isso: IssoServer
    threads: list[dict]  # the build's manifest

    def thread(self, provider: str, closed: bool) -> dict:
        """The newest thread of that provider and state (the example's posts may change)."""
        found = [t for t in self.threads if t["provider"] == provider and t["closed"] is closed]
        assert found, f"the example blog has no {'closed' if closed else 'open'} {provider} thread"
        return max(found, key=lambda t: t["published"])


@pytest.fixture(scope="module")
def blog(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Blog]:
    folder = tmp_path_factory.mktemp("example-blog")
    site = folder / "site"
    site.mkdir()
    with serve_static(site) as url:
        isso = IssoServer(folder, url.rstrip("/"), site / "byline" / "threads.json")
        with loaded(REPO / "mkdocs.yml", site_dir=str(site), site_url=url, strict=True) as config:
            config.plugins["byline/comments"].config["isso"] = {"url": isso.url}
            config.theme["features"].append("navigation.instant")
            build(config)
        threads = json.loads((site / "byline" / "threads.json").read_text(encoding="utf-8"))["threads"]
        with isso:
            yield Blog(url, isso, threads)


def count_link(page: Page, uri: str):
    return page.locator(f'a[data-isso-id="{uri}"]').first


def write_comment(page: Page, text: str, author: str) -> None:
    page.locator("#isso-thread textarea.isso-textarea").fill(text)
    page.locator('#isso-thread input[name="author"]').fill(author)
    page.locator('#isso-thread input[type="submit"]').click()
    expect(page.locator("#isso-root")).to_contain_text("Comment in queue for moderation.")


def approve(browser: Browser, blocked: list[str], isso: IssoServer, text: str) -> None:
    """A moderator logs in to Isso's admin page and validates the pending comment."""
    moderator = visitor(browser, blocked)
    admin = moderator.new_page()
    admin.goto(isso.url + "/admin/")
    admin.locator('input[name="password"]').fill(ADMIN_PASSWORD)
    admin.locator('input[name="password"]').press("Enter")
    pending = admin.locator(".isso-comment", has_text=text)
    expect(pending).to_have_count(1)
    pending.get_by_text("Validate").click()
    expect(pending).to_be_hidden()
    moderator.close()


def refused(context: BrowserContext, isso: IssoServer, thread: dict, origin: str) -> tuple[int, dict]:
    """A direct POST to Isso's /new, as a script would send it, bypassing the page."""
    answer = context.request.post(
        f"{isso.url}/new?uri={thread['uri']}",
        data=json.dumps({"text": "Sneaking in after closing time.", "author": "Late Larry", "title": thread["title"]}),
        headers={"Content-Type": "application/json", "Origin": origin.rstrip("/")},
    )
    return answer.status, answer.json()


def test_reader_comment_waits_for_moderation_then_shows(blog: Blog, browser: Browser, blocked: list[str]):
    post = blog.thread("isso", closed=False)
    reader = visitor(browser, blocked)
    page = reader.new_page()
    page.goto(blog.url + "blog/")
    expect(count_link(page, post["uri"])).to_have_text("0 Comments")

    page.goto(post["url"])
    write_comment(page, "I tried this on our team blog and the replies doubled.", "Rita Reader")
    page.goto(blog.url + "blog/")
    expect(count_link(page, post["uri"])).to_have_text("0 Comments")
    reader.close()

    approve(browser, blocked, blog.isso, "the replies doubled")

    newcomer = visitor(browser, blocked)
    page = newcomer.new_page()
    page.goto(blog.url + "blog/")
    expect(count_link(page, post["uri"])).to_have_text("One Comment")
    page.goto(post["url"])
    expect(page.locator("#isso-root .isso-comment")).to_have_count(1)
    expect(page.locator("#isso-root")).to_contain_text("the replies doubled")
    expect(page.locator("#isso-root")).to_contain_text("Rita Reader")
    newcomer.close()
    assert blocked == [], "the example blog asked for something off this machine"


def test_closed_post_has_no_form_and_the_gate_refuses_a_direct_post(blog: Blog, browser: Browser, blocked: list[str]):
    post = blog.thread("isso", closed=True)
    context = visitor(browser, blocked)
    page = context.new_page()
    page.goto(post["url"])
    thread = page.locator("#isso-thread")
    expect(thread.locator(".isso-thread-heading")).to_have_text("No Comments Yet")  # Isso has run
    expect(thread.locator(".byline-comments__closed")).to_have_text(CLOSED_TEXT)
    expect(page.locator("#comments form, #comments textarea")).to_have_count(0)

    page.goto(blog.url + "blog/")
    closed = page.locator("p.byline-comments-link--closed", has=count_link(page, post["uri"]))
    expect(closed).to_contain_text("Comments closed")
    expect(count_link(page, post["uri"])).to_have_text("0 Comments")

    assert refused(context, blog.isso, post, blog.url) == (403, {"message": CLOSED_TEXT})
    context.close()


def test_email_section_offers_a_reply_by_email(blog: Blog, browser: Browser, blocked: list[str]):
    post = blog.thread("email", closed=False)
    context = visitor(browser, blocked)
    page = context.new_page()
    page.goto(post["url"])
    reply = page.locator("#comments a.byline-comments__reply")
    expect(reply).to_have_text("Reply by email")
    assert reply.get_attribute("href").startswith("mailto:")
    expect(page.locator("#isso-thread")).to_have_count(0)
    context.close()


def test_instant_navigation_brings_the_comments_back_without_a_reload(blog: Blog, browser: Browser, blocked: list[str]):
    post = blog.thread("isso", closed=False)
    context = visitor(browser, blocked)
    page = context.new_page()
    page.goto(blog.url + "blog/")
    expect(count_link(page, post["uri"])).to_have_text(COUNT)
    page.evaluate("window.bylineNoReload = true")

    page.locator(f'.md-post--excerpt h2 a[href$="{post["uri"].split("/blog/", 1)[1]}"]').first.click()
    page.wait_for_url(post["url"])
    expect(page.locator("#isso-thread textarea.isso-textarea")).to_have_count(1)
    expect(page.locator("#isso-thread .isso-thread-heading")).to_have_text(COUNT_OR_NONE)

    page.locator(".md-post__back a").click()
    page.wait_for_url(blog.url + "blog/")
    expect(count_link(page, post["uri"])).to_have_text(COUNT)
    assert page.evaluate("window.bylineNoReload") is True  # Material swapped the pages in place
    context.close()


@pytest.fixture(scope="module")
def giscus_blog(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small blog whose Community category uses giscus (the example blog does not)."""
    folder = tmp_path_factory.mktemp("giscus-blog")
    (folder / "site").mkdir()
    with serve_static(folder / "site") as url:
        before = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = EPOCH
        try:
            build_site(write_site(folder, comments_block(), site_url=url, features=("navigation.instant",)))
        finally:
            if before is None:
                del os.environ["SOURCE_DATE_EPOCH"]
            else:
                os.environ["SOURCE_DATE_EPOCH"] = before
        yield url


def test_giscus_loads_on_open_posts_only(giscus_blog: str, browser: Browser, blocked: list[str]):
    context = visitor(browser, blocked)
    page = context.new_page()
    page.goto(giscus_blog + "blog/category/community/")
    page.evaluate("window.bylineNoReload = true")
    page.locator('.md-post--excerpt h2 a[href$="post-community/"]').first.click()  # instant navigation
    page.wait_for_url(giscus_blog + post_url("community"))
    expect(page.locator("#giscus-fake")).to_have_text(f"giscus for {GISCUS['repo']} {GISCUS['repo_id']} {GISCUS['category']} pathname")
    assert page.evaluate("window.bylineNoReload") is True
    page.goto(giscus_blog + post_url("community-old"))
    expect(page.locator("#comments .byline-comments__closed")).to_have_text(CLOSED_TEXT)
    expect(page.locator("#giscus-fake")).to_have_count(0)
    context.close()


def test_a_thread_that_closes_keeps_its_comments_and_the_gate_follows_the_rebuild(tmp_path: Path, browser: Browser, blocked: list[str], monkeypatch: pytest.MonkeyPatch):
    """Built on 2024-05-10 the post is open; rebuilt on 2024-06-15 (30 days later) it is closed."""
    posts = {"open": POSTS["open"]}
    (tmp_path / "site").mkdir()
    with serve_static(tmp_path / "site") as url:
        isso = IssoServer(tmp_path, url.rstrip("/"), tmp_path / "site" / "byline" / "threads.json")
        config = write_site(tmp_path, comments_block(isso.url), posts=posts, site_url=url)
        monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        build_site(config)
        with isso:
            context = visitor(browser, blocked)
            page = context.new_page()
            page.goto(url + post_url("open"))
            write_comment(page, "Thanks, this fixed our flaky deploys.", "Omar Open")
            approve(browser, blocked, isso, "fixed our flaky deploys")

            monkeypatch.setenv("SOURCE_DATE_EPOCH", JUNE_15)
            build_site(config)
            page.goto(url + post_url("open"))
            thread = page.locator("#isso-thread")
            expect(page.locator("#isso-root .isso-comment")).to_contain_text("fixed our flaky deploys")  # still readable
            expect(thread.locator(".byline-comments__closed")).to_have_text(CLOSED_TEXT)
            expect(page.locator("#comments form, #comments textarea, #comments .isso-reply:visible")).to_have_count(0)
            page.goto(url + "blog/")
            expect(count_link(page, "/" + post_url("open"))).to_have_text("One Comment")
            expect(page.locator("p.byline-comments-link--closed")).to_contain_text("Comments closed")
            manifest = json.loads((tmp_path / "site" / "byline" / "threads.json").read_text(encoding="utf-8"))
            assert refused(context, isso, manifest["threads"][0], url) == (403, {"message": CLOSED_TEXT})
            context.close()
