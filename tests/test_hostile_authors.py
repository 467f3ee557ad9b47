"""Hostile text in authors/ never reaches a page as markup: bios are sanitized, every other field
is escaped (Material's own templates included, which print author names raw)."""
from __future__ import annotations

from pathlib import Path

from lxml import html

from support.blog import AUTHORS, POSTS, mkdocs_build, write_blog

MALLORY = """---
name: Mallory "Mal" O'Neil" onerror="alert(1)
role: Tester & "Breaker"
topics: ["<img src=x onerror=alert(2)>"]
links:
  - label: "<script>alert(3)</script>"
    url: https://example.com/"><script>alert(4)</script>
---
Hi <script>alert(5)</script><img src="x" onerror="alert(6)">
<iframe src="https://evil.example"></iframe><style>body{display:none}</style>
[click](javascript:alert(7)) and [fine](https://example.com) and <a href="data:text/html,x">data</a>
<svg onload="alert(8)"></svg>
"""
POST = "---\ndate: 2024-06-01\nauthors: [mallory, jane-doe]\n---\n\n# Hi\n\nWords.\n\n<!-- more -->\n\nMore.\n"


def test_hostile_author_fields_are_inert(tmp_path: Path) -> None:
    folder = write_blog(tmp_path, authors={**AUTHORS, "mallory": MALLORY}, posts={**POSTS, "hi.md": POST})
    result = mkdocs_build(folder)
    assert result.returncode == 0, result.stderr
    site = folder / "site"
    pages = [site / "blog" / "author" / "mallory" / "index.html", site / "blog" / "index.html",
             site / "blog" / "authors" / "index.html", *site.glob("blog/2024/06/01/*/index.html")]
    assert len(pages) == 4
    for page in pages:
        doc = html.fromstring(page.read_bytes())
        handlers = [(el.tag, name) for el in doc.iter() if isinstance(el.tag, str) for name in el.attrib if name.startswith("on")]
        assert handlers == [], page
        assert not doc.xpath("//iframe"), page
        assert not [el for el in doc.xpath("//script | //style") if "alert" in el.text_content() or "display:none" in el.text_content()], page
        assert not [h for h in doc.xpath("//@href | //@src") if h.strip().lower().startswith(("javascript:", "data:text"))], page
        names = {a.text_content().strip() for a in doc.xpath("//a[contains(@href, 'author/mallory')]")}
        assert names <= {"Mallory \"Mal\" O'Neil\" onerror=\"alert(1)"}, (page, names)
    card = html.fromstring((site / "blog" / "author" / "mallory" / "index.html").read_bytes()).xpath("//section[@class='byline-card']")[0]
    bio = card.xpath(".//div[@class='byline-card__bio']")[0]
    assert "alert(5)" not in bio.text_content() and "display:none" not in bio.text_content()
    assert not bio.xpath(".//svg | .//img[@onerror] | .//style | .//script")
    assert [a.get("href") for a in bio.xpath(".//a")] == [None, "https://example.com", None]  # javascript: and data: hrefs are gone
    assert card.xpath(".//span[@class='byline-topic']")[0].text_content() == "<img src=x onerror=alert(2)>"
    label = card.xpath(".//ul[@class='byline-card__links']//a[@rel='me noopener']")[0]
    assert label.text_content() == "<script>alert(3)</script>"
    assert label.get("href") == 'https://example.com/"><script>alert(4)</script>'  # one attribute, escaped
