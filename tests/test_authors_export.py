"""``byline authors export``: a generator without Byline's plugins (Zensical reads mkdocs.yml but
drops third-party plugins) shows the same people from the exported files: Material's
``.authors.yml`` in the docs folder, the avatars, a profile page per author with the bio, and the
authors index. Checked with a real Zensical build of the example, with Material's own schema,
and against Byline's own build, which the exported files must not change."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from lxml import html
from material.plugins.blog.author import Authors

from byline.authors import Registry
from byline.plugins.catalog import plain_text
from byline.profiles import sanitize_bio
from support.blog import byline, config, write_blog
from support.example import build_site, copy_example, example_registry, tree


@pytest.fixture(scope="module")
def registry(repo_root: Path) -> Registry:
    return example_registry(repo_root)


@pytest.fixture(scope="module")
def exported(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example with the export written into its docs folder."""
    folder = copy_example(repo_root, tmp_path_factory.mktemp("exported"))
    result = byline(folder, "authors", "export")
    assert result.returncode == 0, result.stderr
    assert "6 author(s) exported" in result.stdout
    return folder


@pytest.fixture(scope="module")
def zensical_site(exported: Path) -> Path:
    """The exported example built by Zensical, strictly: a missing page or author fails it."""
    command = [sys.executable, "-m", "zensical", "build", "--strict"]
    result = subprocess.run(command, cwd=exported, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return exported / "site"


def test_authors_file_follows_materials_schema(exported: Path, registry: Registry) -> None:
    """Material's own config class (name, description, avatar; slug and url optional) accepts it."""
    data = yaml.safe_load((exported / "docs" / "blog" / ".authors.yml").read_text(encoding="utf-8"))
    authors = Authors()
    authors.load_dict(data)
    failed, warnings = authors.validate()
    assert (failed, warnings) == ([], [])
    assert sorted(authors.authors) == sorted(registry.authors)
    for author_id, entry in authors.authors.items():
        person = registry.authors[author_id]
        assert (entry.name, entry.description) == (person.name, person.role)
        assert (exported / "docs" / entry.avatar).is_file()  # site-relative, as Material resolves it


@pytest.mark.slow
def test_zensical_shows_every_author_with_their_bio(zensical_site: Path, registry: Registry) -> None:
    for author_id, person in registry.authors.items():
        page = zensical_site / "blog" / "author" / author_id / "index.html"
        doc = html.fromstring(page.read_bytes())
        assert " ".join(doc.xpath("//h1")[0].text_content().split()).rstrip("¶") == person.name
        text = " ".join(doc.text_content().split())
        assert person.role in text
        assert plain_text(sanitize_bio(person.bio)) in text
        for link in person.links:
            assert doc.xpath("//a[@href=$url]", url=link.url), link


@pytest.mark.slow
def test_zensical_posts_show_each_authors_avatar(zensical_site: Path, registry: Registry) -> None:
    posts = sorted(zensical_site.glob("blog/20*/*/*/*/index.html"))
    assert len(posts) >= 8
    for page in posts:
        doc = html.fromstring(page.read_bytes())
        avatars = doc.xpath("//*[contains(@class, 'md-author')]//img")
        assert avatars, page
        for img in avatars:
            target = (page.parent / unquote(urlsplit(img.get("src")).path)).resolve()
            assert target.is_file(), (page, img.get("src"))
            assert img.get("alt") in {p.name for p in registry.authors.values()}


@pytest.mark.slow
def test_zensical_authors_index_links_everyone(zensical_site: Path, registry: Registry) -> None:
    page = zensical_site / "blog" / "authors" / "index.html"
    doc = html.fromstring(page.read_bytes())
    links = {" ".join(a.text_content().split()): a.get("href") for a in doc.xpath("//article//a[not(@class)]")}
    for author_id, person in registry.authors.items():
        assert (page.parent / links[person.name] / "index.html").resolve() == (
            zensical_site / "blog" / "author" / author_id / "index.html").resolve()


@pytest.mark.slow
def test_exported_files_leave_the_mkdocs_build_unchanged(repo_root: Path, exported: Path, tmp_path: Path) -> None:
    """A site trying Zensical keeps building with MkDocs: Byline's build replaces what the export
    wrote (same pages, same avatars, no refused authors file) and the output is identical."""
    build_site("mkdocs", repo_root / "mkdocs.yml", tmp_path / "plain")
    build_site("mkdocs", exported / "mkdocs.yml", tmp_path / "exported")
    assert tree(tmp_path / "exported") == tree(tmp_path / "plain")


def test_export_is_refreshed_and_never_overwrites_a_hand_written_page(tmp_path: Path) -> None:
    folder = write_blog(tmp_path)
    assert byline(folder, "authors", "export").returncode == 0
    profile = folder / "docs" / "blog" / "author" / "sam-lee.md"
    assert "Sam draws things." in profile.read_text(encoding="utf-8")

    (folder / "authors" / "sam-lee.md").unlink()  # Sam left the registry: the export forgets them
    (folder / "authors" / "jane-doe.md").write_text(
        "---\nname: Jane *Doe*\nrole: Staff Engineer\n---\nJane <script>alert(1)</script>runs the farm.\n", encoding="utf-8")
    again = byline(folder, "authors", "export")
    assert again.returncode == 0, again.stderr
    assert not profile.exists()
    jane = (folder / "docs" / "blog" / "author" / "jane-doe.md").read_text(encoding="utf-8")
    assert jane.startswith("# Jane \\*Doe\\*\n") and "<script>" not in jane and "runs the farm." in jane
    authors = yaml.safe_load((folder / "docs" / "blog" / ".authors.yml").read_text(encoding="utf-8"))["authors"]
    assert list(authors) == ["jane-doe"]

    own = folder / "docs" / "blog" / "authors.md"
    own.write_text("# Our people\n\nWritten by hand.\n", encoding="utf-8")
    refused = byline(folder, "authors", "export")
    assert refused.returncode == 2
    assert refused.stderr.strip().endswith("blog/authors.md:1: exists and was not written by 'byline authors export': move it, then export again")
    assert len(refused.stderr.strip().splitlines()) == 1
    assert own.read_text(encoding="utf-8") == "# Our people\n\nWritten by hand.\n"


def test_export_refuses_a_broken_registry_and_writes_nothing(tmp_path: Path) -> None:
    folder = write_blog(tmp_path, authors={"jane-doe": "---\nname: Jane Doe\n---\nNo role.\n"})
    result = byline(folder, "authors", "export")
    assert result.returncode == 1
    assert "missing required field 'role'" in result.stderr and "nothing exported" in result.stderr
    assert not (folder / "docs" / "blog" / ".authors.yml").exists()
    assert not (folder / "docs" / "blog" / "author").exists()


def test_export_stays_inside_the_docs_folder(tmp_path: Path) -> None:
    """A profile URL format with the author's name cannot send a page out of docs/."""
    settings = config()
    settings["plugins"][0]["blog"]["authors_profiles_url_format"] = "{name}"
    folder = write_blog(tmp_path / "site", authors={"jane-doe": "---\nname: ../../../Jane Doe\nrole: Staff Engineer\n---\nBio.\n"},
                        settings=settings)
    result = byline(folder, "authors", "export")
    assert result.returncode == 2
    assert result.stderr.strip().endswith("would be written outside the docs folder: check blog_dir and authors_profiles_url_format")
    assert sorted(p.name for p in tmp_path.rglob("*.md")) == ["hello.md", "index.md", "index.md", "jane-doe.md"]


def test_export_refuses_a_profile_format_material_could_not_fill(tmp_path: Path) -> None:
    settings = config()
    settings["plugins"][0]["blog"]["authors_profiles_url_format"] = "people/{date}/{slug}"
    result = byline(write_blog(tmp_path, settings=settings), "authors", "export")
    assert result.returncode == 2
    assert result.stderr.strip() == "byline: mkdocs.yml: blog: authors_profiles_url_format 'people/{date}/{slug}' may only use {slug} and {name}"
