"""The authors' tools: `byline new`, `byline authors` and `byline authors import`, on the real
registries of the shared corpora; and Textual's real posts building with Byline after the import."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from lxml import html

from byline.authors import load_registry
from byline.bylines import check_bylines
from byline.posts import read_post
from support.blog import AUTHORS, byline, config, mkdocs_build, write_blog

TEXTUAL = "Textualize+textual/docs/blog/.authors.yml"
MATERIAL = "squidfunk+mkdocs-material/docs/blog/.authors.yml"
FERRETDB = "FerretDB+FerretDB/website/blog/authors.yml"


def test_new_writes_a_signed_post(tmp_path: Path) -> None:
    folder = write_blog(tmp_path, posts={})
    result = byline(folder, "new", "What we learned from 1,000 builds", "--author", "jane-doe", "--author", "sam-lee", "--date", "2026-03-01")
    assert result.returncode == 0, result.stderr
    path = folder / "docs" / "blog" / "posts" / "2026-03-01-what-we-learned-from-1000-builds.md"
    assert result.stdout == f"wrote {path}\n"
    post = read_post(path)
    assert post.metadata == {"date": dt.date(2026, 3, 1), "authors": ["jane-doe", "sam-lee"]}
    assert post.body.splitlines()[1] == "# What we learned from 1,000 builds"
    assert "<!-- more -->" in post.body
    assert check_bylines(post, load_registry(folder / "authors")) == []
    assert mkdocs_build(folder).returncode == 0


def test_new_refuses_unknown_authors_with_a_suggestion(tmp_path: Path) -> None:
    folder = write_blog(tmp_path, posts={})
    result = byline(folder, "new", "Hello", "--author", "jane-do")
    assert result.returncode == 2
    assert result.stderr == "byline: --author: unknown author 'jane-do': did you mean 'jane-doe'? valid ids: jane-doe, sam-lee\n"
    assert not list((folder / "docs" / "blog" / "posts").iterdir())


def test_new_never_overwrites(tmp_path: Path) -> None:
    folder = write_blog(tmp_path, posts={"2026-03-01-hello.md": "mine\n"})
    result = byline(folder, "new", "Hello", "--author", "jane-doe", "--date", "2026-03-01")
    assert result.returncode == 2
    assert "a post with this name already exists: pick another title (nothing was written)" in result.stderr
    assert (folder / "docs" / "blog" / "posts" / "2026-03-01-hello.md").read_text() == "mine\n"


@pytest.mark.parametrize(("args", "message"), [
    (["   ", "--author", "jane-doe"], "byline: title: the post needs a title"),
    (["Hello", "--author", "jane-doe", "--date", "tomorrow"], "byline: --date: --date 'tomorrow' is not a date like 2026-03-31"),
    (["Hello", "--author", "jane-doe", "--author", "jane-doe"], "byline: --author: an author is listed twice"),
])
def test_new_bad_arguments(tmp_path: Path, args: list[str], message: str) -> None:
    result = byline(write_blog(tmp_path, posts={}), "new", *args)
    assert result.returncode == 2 and result.stderr.startswith(message), result.stderr


def test_authors_lists_the_registry(tmp_path: Path) -> None:
    extra = {"old-hand": "---\nname: Old Hand\nrole: Developer\nleft: 2024-01-31\n---\n",
             "guest": "---\nname: Gus Tee\nrole: Writer at Elsewhere\nguest: true\n---\n"}
    folder = write_blog(tmp_path, authors={**AUTHORS, **extra})
    result = byline(folder, "authors")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "guest                Gus Tee — Writer at Elsewhere (guest)",
        "jane-doe             Jane Doe — Staff Engineer",
        "old-hand             Old Hand — Developer (former staff)",
        "sam-lee              Sam Lee — Designer",
    ]


@pytest.mark.parametrize(("registry", "kind", "ids"), [
    (TEXTUAL, "material", ["darrenburns", "davep", "rodrigo", "willmcgugan"]),
    (MATERIAL, "material", ["alexvoss", "katharinalisalin", "pawamoy", "squidfunk"]),
])
def test_import_material_registries(tmp_path: Path, corpora: Path, registry: str, kind: str, ids: list[str]) -> None:
    folder = write_blog(tmp_path, authors={}, posts={})
    result = byline(folder, "authors", "import", str(corpora / registry))
    assert result.returncode == 0, result.stderr
    assert f"{kind} authors file" in result.stdout
    assert f"{len(ids)} author(s) imported, 0 skipped" in result.stdout
    imported = load_registry(folder / "authors")
    assert sorted(imported.authors) == ids and not imported.problems
    source = yaml.safe_load((corpora / registry).read_text(encoding="utf-8"))["authors"]
    for author_id, entry in source.items():
        author = imported.authors[author_id]
        assert (author.name, author.role, author.avatar) == (entry["name"], entry["description"], entry["avatar"])
    again = byline(folder, "authors", "import", str(corpora / registry))
    assert again.returncode == 2 and "already exists: import never overwrites" in again.stderr


def test_import_docusaurus_registry_reports_what_it_cannot_sign(tmp_path: Path, corpora: Path) -> None:
    folder = write_blog(tmp_path, authors={}, posts={})
    result = byline(folder, "authors", "import", str(corpora / FERRETDB))
    assert result.returncode == 1  # some entries were left out: the writer must decide
    assert "docusaurus authors file" in result.stdout
    assert "14 author(s) imported, 3 skipped" in result.stdout
    for author_id in ("dmitry", "patryk", "peterbenei"):  # no title in the file, and a role is required
        assert f"skipped {author_id}: missing required field 'role' (a non-empty text)" in result.stderr
    imported = load_registry(folder / "authors")
    assert len(imported.authors) == 14 and not imported.problems
    marcin = imported.authors["marcin"]
    assert marcin.name == "Marcin Gwóźdź" and marcin.role == "Director of Strategic Alliances at FerretDB"
    assert imported.authors["alex"].role == "FerretDB Team"  # a person whose title is a team stays a person
    assert [(link.label, link.url) for link in imported.authors["aleksi"].links] == [
        ("LinkedIn", "https://www.linkedin.com/in/alexeypalazhchenko/")]
    assert "note: artem: avatar '/img/blog/artem-ervits.jpeg' not found next to the file: initials are shown instead" in result.stdout


def test_import_reports_names_that_are_not_people(tmp_path: Path) -> None:
    source = tmp_path / "authors.yml"
    source.write_text(yaml.safe_dump({
        "jo": {"name": "Jo Lee", "title": "Engineer", "image_url": "/img/jo.png", "socials": {"github": "jolee"}},
        "team": {"name": "The Platform Team", "title": "Team account"},
        "corp": {"name": "Acme Corp", "title": "Company"},
    }), encoding="utf-8")
    (tmp_path / "static" / "img").mkdir(parents=True)
    (tmp_path / "static" / "img" / "jo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    folder = write_blog(tmp_path / "blog", authors={}, posts={})
    result = byline(folder, "authors", "import", str(source))
    assert result.returncode == 1
    assert "skipped team: 'The Platform Team' names a group ('The …'), not a person" in result.stderr
    assert "skipped corp: 'Acme Corp' is the name of the company or one of its products" in result.stderr
    assert sorted(p.name for p in (folder / "authors").iterdir()) == ["jo.md", "jo.png"]
    jo = load_registry(folder / "authors").authors["jo"]
    assert jo.avatar == "jo.png" and [(link.label, link.url) for link in jo.links] == [("GitHub", "https://github.com/jolee")]


def test_import_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    source = tmp_path / "authors.yml"
    source.write_text("- just\n- a list\n", encoding="utf-8")
    result = byline(write_blog(tmp_path / "blog", authors={}, posts={}), "authors", "import", str(source))
    assert result.returncode == 2
    assert result.stderr == f"byline: {source}:1: not an authors file: expected a mapping of author ids\n"


def test_textual_posts_build_with_byline(tmp_path: Path, corpora: Path) -> None:
    """Import Textual's registry, then build its 43 real posts with Byline (a copy in tmp)."""
    folder = write_blog(tmp_path, authors={}, posts={}, settings={
        **config(),
        "site_name": "Textual blog",
        "markdown_extensions": ["admonition", "attr_list", "md_in_html", "pymdownx.superfences", "pymdownx.highlight",
                                "pymdownx.tabbed", "pymdownx.emoji"],
        # The corpus has the posts only: their links to Textual's docs and images cannot resolve here.
        "validation": {"links": {"not_found": "info", "unrecognized_links": "info", "anchors": "info"}},
    })
    posts_dir = folder / "docs" / "blog" / "posts"
    shutil.rmtree(posts_dir)
    shutil.copytree(corpora / "Textualize+textual" / "docs" / "blog" / "posts", posts_dir)
    assert byline(folder, "authors", "import", str(corpora / TEXTUAL)).returncode == 0
    lint = byline(folder, "lint")
    assert "byline." not in lint.stdout + lint.stderr  # every real post is signed by an imported author
    result = mkdocs_build(folder)
    assert result.returncode == 0, result.stderr
    site = folder / "site"
    built = list(site.glob("blog/20[0-9][0-9]/*/*/*/index.html"))
    assert len(built) == len(list(posts_dir.glob("*.md"))) == 43
    for page in built:
        assert html.fromstring(page.read_bytes()).xpath("//div[@class='byline-post']//a[@class='byline-person__name']"), page
    profile = html.fromstring((site / "blog" / "author" / "willmcgugan" / "index.html").read_bytes())
    assert profile.xpath("//p[@class='byline-card__role']")[0].text_content().strip() == "CEO / code-monkey"
