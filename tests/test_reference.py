"""The guide's rule reference is generated from the rule registry and cannot drift: the page in
the repository is exactly what ``byline rules --markdown`` prints, every rule has its section with
its ``byline explain`` text, and every link of the built page lands on a heading."""
from __future__ import annotations

from pathlib import Path

from lxml import html

from byline.reference import rules_markdown
from byline.rules import rules
from support.blog import byline

PAGE = Path("docs") / "guide" / "rules.md"
REGENERATE = "docs/guide/rules.md is stale: run `byline rules --markdown > docs/guide/rules.md`"


def test_the_page_is_the_registry(repo_root: Path) -> None:
    assert (repo_root / PAGE).read_text(encoding="utf-8") == rules_markdown(), REGENERATE


def test_the_command_prints_the_page(repo_root: Path, tmp_path: Path) -> None:
    result = byline(tmp_path, "rules", "--markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (repo_root / PAGE).read_text(encoding="utf-8")


def test_every_rule_is_explained_once() -> None:
    page = rules_markdown()
    for rule in rules().values():
        assert page.count(f"\n### {rule.id}\n") == 1, rule.id
        for paragraph in rule.explanation.split("\n\n"):  # the explanation, word for word
            text = "\n".join(l if not l.startswith("## ") else "#" + l for l in paragraph.splitlines())
            assert text.strip() in page, (rule.id, paragraph[:60])


def test_every_link_of_the_built_page_lands(example_site: Path) -> None:
    doc = html.fromstring((example_site / "guide" / "rules" / "index.html").read_bytes())
    article = doc.xpath("//article")[0]
    ids = set(doc.xpath("//@id"))
    targets = [href[1:] for href in article.xpath(".//a/@href") if href.startswith("#")]
    assert len(targets) >= len(rules())
    assert [t for t in targets if t not in ids] == []
