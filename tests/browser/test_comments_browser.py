"""Comments in a real browser against a real Isso server.

A small blog is built with the isso provider pointing at `byline comments serve` (Isso behind
the gate) on 127.0.0.1, served from loopback, and driven with Debian's chromium: a reader posts
and is told the comment awaits moderation, the listing still counts 0, a moderator approves it in
Isso's admin page, and a new visitor sees "One Comment" on the listing and the comment on the
post. A closed post shows the closed text and no form, and the gate refuses a direct POST.
Material's instant navigation is on, so every check also proves the comment scripts come back
after a page change without reload. Every non-loopback request is blocked; giscus' script is
answered by a local fake.
"""
from __future__ import annotations

import functools
import json
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect, sync_playwright

from linters.comments.closing import CLOSED_TEXT
from support.comments_site import EPOCH, GISCUS, build_site, comments_block, post_url, write_site
from support.isso import ADMIN_PASSWORD, IssoServer

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]
WAIT = 20_000  # ms: Isso's scripts load after the page
COUNT = re.compile(r"^(\d+ Comments|One Comment)$")
FAKE_GISCUS = """
(function () {
  var s = document.currentScript, mark = document.createElement("div");
  mark.id = "giscus-fake";
  mark.textContent = "giscus for " + s.dataset.repo + " " + s.dataset.repoId + " " + s.dataset.category + " " + s.dataset.mapping;
  s.parentNode.insertBefore(mark, s);
})();
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


@dataclass
class Blog:
    site: Path
    url: str  # the site's origin + "/"
    isso: IssoServer
    browser: Browser
    blocked: list[str]

    def context(self) -> BrowserContext:
        """A fresh visitor: no cookies, every non-loopback request aborted, giscus faked."""
        context = self.browser.new_context()

        def guard(route: Route) -> None:
            if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
                route.continue_()
            else:
                self.blocked.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        context.route("https://giscus.app/client.js", lambda route: route.fulfill(status=200, content_type="text/javascript", body=FAKE_GISCUS))
        context.set_default_timeout(WAIT)
        return context


@pytest.fixture(scope="module")
def blog(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Blog]:
    folder = tmp_path_factory.mktemp("browser-blog")
    site = folder / "site"
    site.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    isso = IssoServer(folder, origin, site / "byline" / "threads.json")
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        config = write_site(folder, comments_block(isso.url), site_url=origin + "/", features=("navigation.instant",))
        assert build_site(config) == site
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
    isso.start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            try:
                yield Blog(site, origin + "/", isso, browser, [])
            finally:
                browser.close()
    finally:
        isso.stop()
        server.shutdown()
        server.server_close()


def count_link(page: Page, name: str):
    return page.locator(f'a[data-isso-id="/{post_url(name)}"]').first


def test_reader_comment_waits_for_moderation_then_shows(blog: Blog):
    reader = blog.context()
    page = reader.new_page()
    page.goto(blog.url + "blog/")
    expect(count_link(page, "open")).to_have_text("0 Comments")

    page.goto(blog.url + post_url("open"))
    page.locator("#isso-thread textarea.isso-textarea").fill("I tried this on our cluster and it halved the deploy time.")
    page.locator('#isso-thread input[name="author"]').fill("Rita Reader")
    page.locator('#isso-thread input[type="submit"]').click()
    expect(page.locator("#isso-root")).to_contain_text("Comment in queue for moderation.")

    page.goto(blog.url + "blog/")
    expect(count_link(page, "open")).to_have_text("0 Comments")
    reader.close()

    moderator = blog.context()
    admin = moderator.new_page()
    admin.goto(blog.isso.url + "/admin/")
    admin.locator('input[name="password"]').fill(ADMIN_PASSWORD)
    admin.locator('input[name="password"]').press("Enter")
    pending = admin.locator(".isso-comment", has_text="halved the deploy time")
    expect(pending).to_have_count(1)
    pending.get_by_text("Validate").click()
    moderator.close()

    visitor = blog.context()
    page = visitor.new_page()
    page.goto(blog.url + "blog/")
    expect(count_link(page, "open")).to_have_text("One Comment")
    page.goto(blog.url + post_url("open"))
    expect(page.locator("#isso-root .isso-comment")).to_have_count(1)
    expect(page.locator("#isso-root")).to_contain_text("halved the deploy time")
    expect(page.locator("#isso-root")).to_contain_text("Rita Reader")
    visitor.close()
    assert not [u for u in blog.blocked if "giscus" not in u], blog.blocked


def test_closed_post_has_no_form_and_the_gate_refuses_a_direct_post(blog: Blog):
    context = blog.context()
    page = context.new_page()
    page.goto(blog.url + post_url("old"))
    thread = page.locator("#isso-thread")
    expect(thread.locator(".isso-thread-heading")).to_have_text("No Comments Yet")  # Isso has run
    expect(thread.locator(".byline-comments__closed")).to_have_text(CLOSED_TEXT)
    expect(page.locator("#comments form, #comments textarea")).to_have_count(0)

    page.goto(blog.url + "blog/")
    closed = page.locator("p.byline-comments-link--closed", has=count_link(page, "old"))
    expect(closed).to_contain_text("Comments closed")
    expect(count_link(page, "old")).to_have_text("0 Comments")

    answer = context.request.post(
        f"{blog.isso.url}/new?uri=/{post_url('old')}",
        data=json.dumps({"text": "Sneaking in after closing time.", "title": "Post old"}),
        headers={"Content-Type": "application/json", "Origin": blog.url.rstrip("/")},
    )
    assert answer.status == 403
    assert answer.json() == {"message": CLOSED_TEXT}
    context.close()


def test_instant_navigation_brings_the_comments_back_without_a_reload(blog: Blog):
    context = blog.context()
    page = context.new_page()
    page.goto(blog.url + "blog/")
    expect(count_link(page, "long")).to_have_text(COUNT)
    page.evaluate("window.bylineNoReload = true")

    page.locator(f'.md-post--excerpt a[href$="{post_url("long").split("blog/", 1)[1]}"]').first.click()
    page.wait_for_url(blog.url + post_url("long"))
    expect(page.locator("#isso-thread textarea.isso-textarea")).to_have_count(1)
    expect(page.locator("#isso-thread .isso-thread-heading")).to_have_text("No Comments Yet")

    page.locator(".md-post__back a").click()
    page.wait_for_url(blog.url + "blog/")
    expect(count_link(page, "open")).to_have_text(COUNT)
    assert page.evaluate("window.bylineNoReload") is True  # Material swapped the pages in place
    context.close()


def test_giscus_loads_on_open_posts_only(blog: Blog):
    context = blog.context()
    page = context.new_page()
    page.goto(blog.url + post_url("community"))
    expect(page.locator("#giscus-fake")).to_have_text(f"giscus for {GISCUS['repo']} {GISCUS['repo_id']} {GISCUS['category']} pathname")
    page.goto(blog.url + post_url("community-old"))
    expect(page.locator("#comments .byline-comments__closed")).to_have_text(CLOSED_TEXT)
    expect(page.locator("#giscus-fake")).to_have_count(0)
    context.close()
