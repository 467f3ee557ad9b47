"""The built HTML: every provider x open/closed x post page/listing page, per-post overrides, the
threads manifest, and a site without comments. One build of a small blog serves most tests."""
from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import html

from byline.comments.closing import CLOSED_TEXT
from support.comments_site import EPOCH, GISCUS, POSTS, build_site, comments_block, post_url, write_site

CLOSED_LINK = "Comments closed"


@pytest.fixture(scope="module")
def epoch() -> Iterator[None]:
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    yield
    if before is None:
        del os.environ["SOURCE_DATE_EPOCH"]
    else:
        os.environ["SOURCE_DATE_EPOCH"] = before


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, epoch: None) -> Path:
    return build_site(write_site(tmp_path_factory.mktemp("blog"), comments_block()))


def page(site: Path, url: str) -> html.HtmlElement:
    return html.fromstring((site / url / "index.html").read_text(encoding="utf-8"))


def thread(site: Path, name: str) -> html.HtmlElement | None:
    found = page(site, post_url(name)).xpath('//section[@id="comments"]')
    return found[0] if found else None


def listing_link(doc: html.HtmlElement, name: str) -> html.HtmlElement:
    """The comment link paragraph of the excerpt of post ``name`` on a listing page."""
    excerpts = [
        e for e in doc.xpath('//div[@class="byline-excerpt"]')
        if e.xpath(f'.//a[contains(@href, "post-{name}/")]')
    ]
    assert len(excerpts) == 1, f"post {name} is listed {len(excerpts)} times"
    links = excerpts[0].xpath('.//p[contains(@class, "byline-comments-link")]')
    assert len(links) <= 1
    return links[0] if links else None


LISTINGS = ["blog", "blog/archive/2024", "blog/category/engineering", "blog/author/jane"]


@pytest.mark.parametrize("listing", LISTINGS)
def test_every_listing_has_the_isso_count_link(site, listing):
    link = listing_link(page(site, listing), "open")
    anchor = link.xpath("./a")[0]
    assert anchor.get("href").endswith(f"{post_url('open').split('blog/', 1)[1]}#isso-thread")
    assert anchor.get("data-isso-id") == "/" + post_url("open")
    assert anchor.get("data-byline-isso") == "http://127.0.0.1:8080"
    assert anchor.text_content() == "Comments"  # Isso's script replaces it with the live count
    assert CLOSED_LINK not in link.text_content()


@pytest.mark.parametrize("listing", ["blog", "blog/archive/2023", "blog/category/engineering", "blog/author/jane"])
def test_a_closed_isso_post_keeps_its_count_link_and_says_closed(site, listing):
    link = listing_link(page(site, listing), "old")
    assert link.xpath("./a")[0].get("href").endswith("#isso-thread")
    assert CLOSED_LINK in link.text_content()


def test_isso_thread_on_an_open_post(site):
    section = thread(site, "open")
    box = section.xpath('.//section[@id="isso-thread"]')[0]
    assert box.get("data-isso-id") == "/" + post_url("open")
    assert box.get("data-title") == "Post open"
    assert box.get("data-byline-isso") == "http://127.0.0.1:8080"
    assert not box.xpath('.//*[contains(@class, "isso-postbox")]')  # Isso adds its form here
    assert "moderated" in section.text_content()
    assert CLOSED_TEXT not in section.text_content()


def test_closed_isso_post_shows_the_closed_text_in_place_of_the_form(site):
    section = thread(site, "old")
    assert "byline-comments--closed" in section.get("class")
    notice = section.xpath('.//section[@id="isso-thread"]/p[contains(@class, "isso-postbox")]')
    assert [n.text_content().strip() for n in notice] == [CLOSED_TEXT]
    assert not section.xpath(".//form | .//textarea")


def test_email_provider_open_and_closed(site):
    section = thread(site, "support")
    reply = section.xpath('.//a[contains(@class, "byline-comments__reply")]')[0]
    assert reply.get("href") == "mailto:bob@example.com,jane@example.com?subject=Re%3A%20Post%20support"
    assert reply.text_content() == "Reply by email"
    link = listing_link(page(site, "blog/category/support"), "support")
    assert link.xpath("./a")[0].get("href") == reply.get("href")
    closed = thread(site, "support-old")
    assert closed.text_content().count(CLOSED_TEXT) == 1 and not closed.xpath(".//a")
    closed_link = listing_link(page(site, "blog/category/support"), "support-old")
    assert closed_link.text_content().strip() == CLOSED_LINK and not closed_link.xpath(".//a")


def test_giscus_provider_open_and_closed(site):
    section = thread(site, "community")
    script = section.xpath('.//script[@src="https://giscus.app/client.js"]')[0]
    assert script.get("data-repo") == GISCUS["repo"] and script.get("data-repo-id") == GISCUS["repo_id"]
    assert script.get("data-category") == GISCUS["category"] and script.get("data-category-id") == GISCUS["category_id"]
    assert script.get("data-mapping") == "pathname"
    assert "GitHub account" in section.text_content()
    link = listing_link(page(site, "blog/category/community"), "community")
    assert link.xpath("./a")[0].get("href").endswith("post-community/#comments")
    assert link.text_content().strip() == "Comments"  # no count without a token
    closed = thread(site, "community-old")
    assert CLOSED_TEXT in closed.text_content() and not closed.xpath(".//script")
    assert listing_link(page(site, "blog/category/community"), "community-old").text_content().strip() == CLOSED_LINK


def test_comments_false_has_no_thread_and_no_link(site):
    assert thread(site, "quiet") is None
    assert listing_link(page(site, "blog"), "quiet") is None


def test_per_post_close_after_days(site):
    assert "byline-comments--closed" not in thread(site, "long").get("class")  # 365 days from 2024-01-03
    assert "byline-comments--closed" in thread(site, "short").get("class")  # 0 days: closed at once


def test_the_manifest_lists_every_thread(site):
    data = json.loads((site / "byline" / "threads.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["built"] == "2024-05-10"
    threads = {t["uri"]: t for t in data["threads"]}
    expected = {n for n in POSTS if n not in ("quiet", "draft")}
    assert set(threads) == {"/" + post_url(n) for n in expected}
    old = threads["/" + post_url("old")]
    assert old == {
        "uri": "/blog/2023/01/02/post-old/", "url": "https://blog.example.com/blog/2023/01/02/post-old/",
        "title": "Post old", "provider": "isso", "published": "2023-01-02", "closes": "2023-02-01", "closed": True,
    }
    assert threads["/" + post_url("long")]["closes"] == "2025-01-02"
    assert {t["provider"] for t in data["threads"]} == {"isso", "email", "giscus"}
    assert sorted(n for n in expected if threads["/" + post_url(n)]["closed"]) == ["community-old", "old", "short", "support-old"]


def test_isso_script_is_loaded_once_per_page_and_only_by_our_loader(site):
    doc = page(site, "blog")
    sources = [s.get("src") for s in doc.xpath("//script[@src]")]
    assert sum(1 for s in sources if s.endswith("assets/byline/comments.js")) == 1
    assert not [s for s in sources if "embed" in s]  # comments.js loads Isso's embed script itself
    assert (site / "assets" / "byline" / "comments.js").is_file()


def test_a_later_build_date_closes_the_thread(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2024, 5, 31, tzinfo=dt.timezone.utc).timestamp())))
    site = build_site(write_site(tmp_path, comments_block(), posts={"open": POSTS["open"]}))
    assert CLOSED_TEXT in thread(site, "open").text_content()  # 2024-05-01 + 30 days
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2024, 5, 30, tzinfo=dt.timezone.utc).timestamp())))
    site = build_site(write_site(tmp_path, comments_block(), posts={"open": POSTS["open"]}))
    assert CLOSED_TEXT not in thread(site, "open").text_content()


def test_provider_none_disabled_or_absent_plugin_render_no_comments(tmp_path, epoch):
    posts = {"open": POSTS["open"]}
    none = build_site(write_site(tmp_path / "none", {"provider": "none"}, posts=posts))
    assert thread(none, "open") is None and listing_link(page(none, "blog"), "open") is None
    assert json.loads((none / "byline" / "threads.json").read_text())["threads"] == []
    assert "comments.js" not in (none / "blog" / "index.html").read_text()
    for name, block in (("without", None), ("disabled", {"enabled": False, "provider": "isso"})):
        quiet = build_site(write_site(tmp_path / name, block, posts=posts))
        assert thread(quiet, "open") is None and listing_link(page(quiet, "blog"), "open") is None
        assert not (quiet / "byline" / "threads.json").exists()
        assert "comments.js" not in (quiet / "blog" / "index.html").read_text()


def test_titles_reach_isso_email_and_the_manifest_as_plain_text(tmp_path, epoch):
    posts = {"open": POSTS["open"], "support": POSTS["support"]}
    config = write_site(tmp_path, comments_block(), posts=posts)
    for name in posts:
        source = tmp_path / "docs" / "blog" / "posts" / f"{name}.md"
        source.write_text(source.read_text().replace(f"# Post {name}", f'# Tom & Jerry\'s `<b>` "{name}"'), encoding="utf-8")
    site = build_site(config)
    threads = json.loads((site / "byline" / "threads.json").read_text())["threads"]
    assert sorted(t["title"] for t in threads) == ['Tom & Jerry\'s <b> "open"', 'Tom & Jerry\'s <b> "support"']
    isso = html.fromstring((site / "blog/2024/05/01/tom--jerrys--open/index.html").read_text()).xpath('//*[@id="isso-thread"]')[0]
    assert isso.get("data-title") == 'Tom & Jerry\'s <b> "open"'
    reply = html.fromstring((site / "blog/2024/05/05/tom--jerrys--support/index.html").read_text()).xpath('//a[@class="byline-comments__reply"]')[0]
    assert reply.get("href").endswith("?subject=Re%3A%20Tom%20%26%20Jerry%27s%20%3Cb%3E%20%22support%22")
