"""The example blog as readers get it: bylines with every co-author, author pages, the authors
index, avatars that always load, and feeds a real feed parser reads. Expectations come from
authors/ and the posts' front matter, so the tests follow the content."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import feedparser
import pytest
from lxml import etree, html

from byline.authors import Registry, load_registry
from byline.posts import Post, read_post

SITE_URL = "https://byline.fernhill.example/"


@pytest.fixture(scope="module")
def registry(repo_root: Path) -> Registry:
    registry = load_registry(repo_root / "authors")
    assert not registry.problems
    return registry


@pytest.fixture(scope="module")
def posts(repo_root: Path) -> dict[str, Post]:
    """Published posts by their title (the H1)."""
    found = {}
    for path in sorted((repo_root / "docs" / "blog" / "posts").glob("*.md")):
        post = read_post(path)
        if not post.metadata.get("draft"):
            found[re.search(r"^# (.+)$", post.body, re.MULTILINE).group(1)] = post
    return found


@pytest.fixture(scope="module")
def pages(example_site: Path) -> dict[str, Path]:
    """Built post pages by their title."""
    built = {}
    for path in example_site.glob("blog/20[0-9][0-9]/*/*/*/index.html"):
        built[_text(_doc(path).xpath("//article//h1")[0]).rstrip("¶").strip()] = path
    return built


def test_every_post_is_built(posts: dict[str, Post], pages: dict[str, Path]) -> None:
    assert sorted(pages) == sorted(posts)
    assert len(posts) >= 8


def test_post_byline_has_every_co_author(posts, pages, registry, example_site: Path) -> None:
    for title, post in posts.items():
        page = pages[title]
        byline = _doc(page).xpath("//div[@class='byline-post']")[0]
        people = byline.xpath(".//div[@class='byline-person']")
        assert len(people) == len(post.metadata["authors"]), title
        for person, author_id in zip(people, post.metadata["authors"]):
            author = registry.authors[author_id]
            link = person.xpath(".//a[@class='byline-person__name']")[0]
            assert _text(link) == author.name
            assert _resolve(page, link.get("href"), example_site) == example_site / "blog" / "author" / author_id / "index.html"
            assert _text(person.xpath(".//*[@class='byline-person__role']")[0]) == author.role
            avatar = person.xpath(".//img[@class='byline-avatar']")[0]
            assert _resolve(page, avatar.get("src"), example_site).is_file()
            asks = person.xpath(".//a[@class='byline-ask']")  # every author can be asked: email, else the form
            ask_form = f"https://fernhill.dev/ask?author={author_id}&subject="
            assert [a.get("href") for a in asks] == [f"mailto:{author.email}?subject=Re%3A%20{quote(title)}" if author.email else ask_form + "Re%3A%20" + quote(title)]


def test_co_authored_posts_exist(posts) -> None:
    assert sum(len(p.metadata["authors"]) > 1 for p in posts.values()) >= 3


def test_listing_shows_every_co_author_name(posts, registry, example_site: Path) -> None:
    index = example_site / "blog" / "index.html"
    excerpts = _doc(index).xpath("//div[@class='byline-excerpt']")
    assert excerpts
    seen = set()
    for excerpt in excerpts:
        title = _text(excerpt.xpath(".//article//h2")[0]).rstrip("¶").strip()
        names = [_text(a) for a in excerpt.xpath(".//p[@class='byline-names']/a")]
        assert names == [registry.authors[a].name for a in posts[title].metadata["authors"]], title
        seen.add(title)
    co_authored = {t for t, p in posts.items() if len(p.metadata["authors"]) > 1}
    assert co_authored & seen


def test_author_page(registry, posts, pages, example_site: Path) -> None:
    page = example_site / "blog" / "author" / "tomas-ortega" / "index.html"
    doc = _doc(page)
    author = registry.authors["tomas-ortega"]
    assert _text(doc.xpath("//article//h1 | //header//h1")[0]).rstrip("¶").strip() == author.name
    card = doc.xpath("//section[@class='byline-card']")[0]
    assert _resolve(page, card.xpath(".//img")[0].get("src"), example_site).is_file()
    assert _text(card.xpath(".//p[@class='byline-card__role']")[0]) == author.role
    assert "I write most of Byline's templates" in _text(card.xpath(".//div[@class='byline-card__bio']")[0])
    assert [_text(t) for t in card.xpath(".//span[@class='byline-topic']")] == list(author.topics)
    hrefs = [a.get("href") for a in card.xpath(".//ul[@class='byline-card__links']//a")]
    assert hrefs[0].startswith(f"mailto:{author.email}?subject=")
    assert [link.url for link in author.links] == hrefs[1:-1]
    assert _resolve(page, hrefs[-1], example_site) == example_site / "blog" / "feeds" / "tomas-ortega.xml"
    mine = sorted((p for p in posts.items() if "tomas-ortega" in p[1].metadata["authors"]),
                  key=lambda item: item[1].metadata["date"], reverse=True)
    assert _text(card.xpath(".//p[@class='byline-card__count']")[0]) == f"{len(mine)} posts"
    listed = card.xpath(".//ol[@class='byline-card__posts']/li/a")
    assert [_text(a) for a in listed] == [title for title, _ in mine]  # newest first
    assert [_resolve(page, a.get("href"), example_site) for a in listed] == [pages[t] for t, _ in mine]
    excerpts = [_text(h).rstrip("¶").strip() for h in doc.xpath("//div[@class='byline-excerpt']//article//h2")]
    assert sorted(excerpts) == sorted(t for t, _ in mine)  # Material's own listing of the author's posts


def test_guest_and_former_staff_are_marked(example_site: Path) -> None:
    guest = _doc(example_site / "blog" / "author" / "lena-fischer" / "index.html")
    assert _text(guest.xpath("//span[contains(@class, 'byline-mark--guest')]")[0]) == "Guest author"
    former = _doc(example_site / "blog" / "author" / "marc-dubois" / "index.html")
    assert _text(former.xpath("//span[contains(@class, 'byline-mark--alumni')]")[0]) == "Former staff (until June 2025)"
    asks = former.xpath("//a[@class='byline-ask']")  # no email: the site's ask form instead
    assert [a.get("href") for a in asks] == ["https://fernhill.dev/ask?author=marc-dubois&subject=A%20question%20for%20Marc%20Dubois"]


def test_avatars_local_copied_and_initials_generated(registry, repo_root: Path, example_site: Path) -> None:
    avatars = example_site / "assets" / "byline" / "avatars"
    assert (avatars / "priya-raman.png").read_bytes() == (repo_root / "authors" / "priya-raman.png").read_bytes()
    for author_id, author in registry.authors.items():
        if author.avatar:
            continue
        svg = etree.parse(str(avatars / f"{author_id}.svg")).getroot()
        assert svg.get("aria-label") == author.name
        assert "".join(svg.itertext()) == author.initials


def test_no_image_is_broken(example_site: Path) -> None:
    """Every local image a page points at exists, so no reader ever sees a broken avatar."""
    checked = 0
    for page in example_site.rglob("*.html"):
        for src in _doc(page).xpath("//img/@src"):
            if not urlsplit(src).scheme:
                assert _resolve(page, src, example_site).is_file(), (page, src)
                checked += 1
    assert checked > 50


def test_authors_index(registry, posts, example_site: Path) -> None:
    page = example_site / "blog" / "authors" / "index.html"
    people = _doc(page).xpath("//article[@class='byline-index__person']")
    names = [_text(p.xpath(".//h2/a")[0]) for p in people]
    assert names == sorted((a.name for a in registry.authors.values()), key=str.casefold)
    for person in people:
        link = person.xpath(".//h2/a")[0]
        author_id = _resolve(page, link.get("href"), example_site).parent.name
        mine = sorted((t for t, p in posts.items() if author_id in p.metadata["authors"]),
                      key=lambda t: posts[t].metadata["date"], reverse=True)
        count = _text(person.xpath(".//span[@class='byline-index__count']")[0])
        assert count == f"{len(mine)} post{'' if len(mine) == 1 else 's'}"
        assert _text(person.xpath(".//span[@class='byline-index__latest']/a")[0]) == mine[0]


def test_feeds_parse_and_carry_every_post(registry, posts, example_site: Path) -> None:
    feeds = {"": example_site / "blog" / "feed.xml"}
    feeds.update({a: example_site / "blog" / "feeds" / f"{a}.xml" for a in registry.authors})
    for author_id, path in feeds.items():
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        expected = [t for t, p in posts.items() if not author_id or author_id in p.metadata["authors"]]
        expected.sort(key=lambda t: posts[t].metadata["date"], reverse=True)
        assert [e.title for e in feed.entries] == expected, path
        for entry in feed.entries:
            post = posts[entry.title]
            assert [a["name"] for a in entry.authors] == [registry.authors[a].name for a in post.metadata["authors"]]
            assert entry.link.startswith(SITE_URL) and entry.id == entry.link
            assert dt.date(*entry.published_parsed[:3]) == post.metadata["date"]
            assert entry.summary and "<" not in entry.summary
        if author_id:
            assert feed.feed.title == f"{registry.authors[author_id].name} on Byline"
            assert feed.feed.link == urljoin(SITE_URL, f"blog/author/{author_id}/")


def test_feed_discovery_links(example_site: Path) -> None:
    page = example_site / "blog" / "author" / "hannah-kowalczyk" / "index.html"
    links = _doc(page).xpath("//head/link[@rel='alternate'][@type='application/rss+xml']/@href")
    assert [_resolve(page, href, example_site) for href in links] == [
        example_site / "blog" / "feed.xml", example_site / "blog" / "feeds" / "hannah-kowalczyk.xml"]


def _doc(path: Path):
    return html.fromstring(path.read_bytes())


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _resolve(page: Path, href: str, site: Path) -> Path:
    """The file a relative link on ``page`` points at (directory URLs end in index.html)."""
    target = (page.parent / urlsplit(href).path).resolve()
    assert target.is_relative_to(site.resolve()), href
    return target / "index.html" if target.is_dir() else target
