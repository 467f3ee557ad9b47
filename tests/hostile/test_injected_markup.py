"""Hostile HTML and script in author fields never reach a built page, or a feed, as markup.

The registry refuses ``<`` and ``>`` in names and roles, so a name can still carry quotes, an
ampersand, ``javascript:`` or template braces; a bio is Markdown with any HTML, sanitised; topics
and link labels are any text. One site is built with every Byline plugin (comments by Isso, by
email for Support, and an ask form for an author without email) and every HTML page and RSS
feed in it is parsed with the standard library's ``html.parser``: no element, attribute, URL
scheme or script/style text may come from the hostile input, whose every payload carries the
marker "pwn". Each page that shows the author must show the hostile name as plain text.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hostile.helpers import TRACEBACK, all_plugins, hostile_blog, scan_html
from support.blog import AUTHORS, mkdocs_build

MARKER = "pwn"
NAME = "Mallory \"Mal\" O'Neil\" onmouseover=\"alert('pwn') & javascript:alert('pwn') {{ 'pwn' }}"
ROLE = "Tester & \"Breaker\" {% raw %}pwn{% endraw %} javascript:alert('pwn')"
MALLORY = f"""---
name: '{NAME.replace("'", "''")}'
role: '{ROLE.replace("'", "''")}'
email: "mal'lory@example.com"
topics: ["<img src=x onerror=alert('pwn')>", "javascript:alert('pwn')"]
links:
  - label: "<script>alert('pwn')</script>"
    url: https://example.com/"><script>alert('pwn')</script>
---
Hi <script>alert('pwn')</script><img src="x" onerror="alert('pwn')"> and <svg onload="alert('pwn')"></svg>
<iframe src="https://evil.example/pwn"></iframe><object data="https://evil.example/pwn"></object>
<style>body {{ display: none }} /* pwn */</style><link rel="stylesheet" href="https://evil.example/pwn.css">
<base href="https://evil.example/pwn/"><meta http-equiv="refresh" content="0;url=https://evil.example/pwn">
<form action="https://evil.example/pwn"><input name="pwn"><button formaction="javascript:alert('pwn')">go</button></form>
[click](javascript:alert('pwn')) [tab](&#106;avascript:alert('pwn')) [data](data:text/html;base64,cHdu)
<a href="jav&#x09;ascript:alert('pwn')">entity</a> <a href=" JAVASCRIPT:alert('pwn')">upper</a>
<javascript:alert('pwn')> ![img](javascript:alert('pwn')) <math><mi xlink:href="javascript:alert('pwn')">m</mi></math>
<div style="background:url(javascript:alert('pwn'))">styled</div> <a href="https://example.com/ok">a fine link</a>
"""
#: An author without email, asked through the site's form.
TOM = "---\nname: Tom Lee\nrole: Writer\n---\nTom writes.\n"
POSTS = {
    "support.md": "---\ndate: 2024-06-01\nauthors: [mallory, jane-doe]\ncategories: [Support]\n---\n\n"
                  "# Tips & \"tricks\" for O'Neil\n\nWords here.\n\n<!-- more -->\n\nMore.\n",
    "engineering.md": "---\ndate: 2024-06-02\nauthors: [mallory, tom]\ncategories: [Engineering]\n---\n\n"
                      "# Engineering notes\n\nWords here.\n\n<!-- more -->\n\nMore.\n",
}
SETTINGS = all_plugins(
    authors={"ask_url": "https://example.com/ask?to={author}&re={subject}"},
    comments={"provider": "isso", "isso": {"url": "https://comments.example.com"}, "categories": {"Support": "email"}},
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = hostile_blog(tmp_path_factory.mktemp("injection"), posts=POSTS,
                          authors={**AUTHORS, "mallory": MALLORY, "tom": TOM}, settings=SETTINGS)
    result = mkdocs_build(folder)
    assert result.returncode == 0, result.stderr[-3000:]
    assert TRACEBACK not in result.stdout + result.stderr
    return folder / "site"


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def test_no_page_carries_hostile_markup(site: Path) -> None:
    problems = {}
    for page in _pages(site):
        found, _ = scan_html(page.read_text(encoding="utf-8"), MARKER)
        if found:
            problems[page.relative_to(site).as_posix()] = found
    assert problems == {}


def test_every_page_showing_the_author_shows_the_name_as_text(site: Path) -> None:
    """The pages that must name Mallory do, as text: the scan above really saw the input."""
    blog = site / "blog"
    showing = {
        "post (email thread)": next(blog.glob("2024/06/01/*/index.html")),
        "post (isso thread)": next(blog.glob("2024/06/02/*/index.html")),
        "author page": blog / "author" / "mallory" / "index.html",
        "authors index": blog / "authors" / "index.html",
        "blog index": blog / "index.html",
        "archive": next(blog.glob("archive/2024/index.html")),
        "category Support": blog / "category" / "support" / "index.html",
        "category Engineering": blog / "category" / "engineering" / "index.html",
    }
    for what, page in showing.items():
        _, text = scan_html(page.read_text(encoding="utf-8"), MARKER)
        assert NAME in text, what
    _, card = scan_html((blog / "author" / "mallory" / "index.html").read_text(encoding="utf-8"), MARKER)
    assert ROLE in card and "<img src=x onerror=alert('pwn')>" in card and "<script>alert('pwn')</script>" in card
    assert "a fine link" in card


def test_ask_and_reply_links_are_only_mailto_or_the_https_form(site: Path) -> None:
    links = []
    for page in _pages(site):
        document = page.read_text(encoding="utf-8")
        for marker in ('class="byline-ask" href="', 'class="byline-comments__reply" href="'):
            links += [chunk.split('"', 1)[0] for chunk in document.split(marker)[1:]]
    assert links, "no ask or reply link was built"
    assert all(link.startswith(("mailto:", "https://example.com/ask?to=")) for link in links), links
    assert any(link.startswith("mailto:mal&#39;lory@example.com") or link.startswith("mailto:mal'lory@example.com") for link in links)


def test_feeds_carry_the_name_as_text_and_no_markup(site: Path) -> None:
    feeds = sorted((site / "blog").glob("feed*.xml")) + sorted((site / "blog" / "feeds").glob("*.xml"))
    assert {f.name for f in feeds} == {"feed.xml", "jane-doe.xml", "mallory.xml", "sam-lee.xml", "tom.xml"}
    creators = set()
    for feed in feeds:
        root = ET.parse(feed).getroot()  # well-formed XML: the hostile text was escaped
        for element in root.iter():
            for text in (element.text, element.tail, *element.attrib.values()):
                found, _ = scan_html(text or "", MARKER)  # as a reader that renders HTML would
                assert found == [], (feed.name, element.tag, text)
            if element.tag.endswith("}creator"):
                creators.add(element.text)
    assert NAME in creators
    assert ET.parse(site / "blog" / "feeds" / "mallory.xml").getroot().findtext("channel/title") == f"{NAME} on Test blog"


@pytest.mark.parametrize("snippet", [
    "<script>alert('pwn')</script>", "<img src=x onerror=alert(1)>", "<a href=' jAvA\tscript:alert(1)'>x</a>",
    "<iframe src=https://example.com></iframe>", "<a href='data:text/html,x'>x</a>", "<style>/* pwn */</style>",
    "<link rel=stylesheet href=https://evil.example/pwn.css>", "<div style='color:red' class='pwn'>x</div>",
    "<svg><a xlink:href='javascript:alert(1)'>x</a></svg>",
])
def test_the_scan_catches_each_kind_of_injection(snippet: str) -> None:
    """The page scan above would see injected markup: each snippet is reported."""
    found, _ = scan_html(f"<p>before</p>{snippet}<p>after</p>", MARKER)
    assert found, snippet


def test_the_scan_accepts_escaped_text_and_safe_links() -> None:
    found, text = scan_html("<p title=\"alert('pwn')\">&lt;script&gt;alert('pwn')&lt;/script&gt;</p>"
                            "<a href=\"https://example.com/pwn\">ok</a><img alt=\"pwn\" src=\"a.png\">", MARKER)
    assert found == [] and "<script>alert('pwn')</script>" in text
