"""The person check against every real byline in ../shared/corpora.

tests/data/corpus_bylines.tsv lists each distinct byline once, labelled by reading it (person,
people = several named people, not = a team, role, account or automation). This test re-extracts
the bylines from the corpora, so the labels can never drift from the data, and holds the check
to the false positive and negative counts in the report.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from corpora import corpus_posts
from byline.people import not_a_person
from byline.posts import read_post

LABELS = Path(__file__).parent / "data" / "corpus_bylines.tsv"
#: Registries in Material's or Docusaurus' shape: file -> the key holding the entries (None: top level).
REGISTRIES = {
    "linkerd+website/linkerd.io/data/authors.yaml": None,
    "FerretDB+FerretDB/website/blog/authors.yml": None,
    "Textualize+textual/docs/blog/.authors.yml": "authors",
    "squidfunk+mkdocs-material/docs/blog/.authors.yml": "authors",
}
#: The figures in the report: people rejected (false positives) and teams accepted (false negatives).
FALSE_POSITIVES = 0
FALSE_NEGATIVES = 0


def _labels() -> dict[str, str]:
    rows = [line.rstrip("\n").split("\t") for line in LABELS.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return {name: label for name, label, _ in rows}


def _corpus_bylines(corpora: Path) -> set[str]:
    names: set[str] = set()
    for path in corpus_posts("rust-lang+blog.rust-lang.org"):
        authors = read_post(path).metadata.get("authors", [])
        names.update([authors] if isinstance(authors, str) else authors)
    with (corpora / "18F+18f.gsa.gov" / "data" / "team_members.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            full = row["full_name"].strip() or " ".join(p for p in (row["first_name"].strip(), row["last_name"].strip()) if p)
            names.add(full)
    for relative, key in REGISTRIES.items():
        data = yaml.safe_load((corpora / relative).read_text(encoding="utf-8"))
        names.update(entry["name"] for entry in (data[key] if key else data).values())
    return names


@pytest.fixture(scope="module")
def labels(corpora: Path) -> dict[str, str]:
    labels = _labels()
    assert set(labels) == _corpus_bylines(corpora), "tests/data/corpus_bylines.tsv no longer matches the corpora"
    assert set(labels.values()) == {"person", "people", "not"}
    return labels


def test_label_counts(labels: dict[str, str]) -> None:
    counts = {label: list(labels.values()).count(label) for label in ("person", "people", "not")}
    assert counts == {"person": 479, "people": 31, "not": 39}


def test_false_positives_and_negatives(labels: dict[str, str]) -> None:
    rejected_people = sorted(n for n, label in labels.items() if label != "not" and not_a_person(n))
    accepted_teams = sorted(n for n, label in labels.items() if label == "not" and not not_a_person(n))
    assert len(rejected_people) == FALSE_POSITIVES, rejected_people
    assert len(accepted_teams) == FALSE_NEGATIVES, accepted_teams


@pytest.mark.parametrize("name", [
    "Allison Press", "TC", "lcnr", "Marcin Gwóźdź",
    "TC & Eric Huss", "Jane Losare-Lusby and the Governance Reform WG", "Matt Chessen, Department of State",
    "Chris Denton on behalf of the Compiler Team", 'Sergey "Shnatsel" Davidoff', "Kathi", "Flynn",
])
def test_traps_from_the_issue_are_people(labels: dict[str, str], name: str) -> None:
    assert labels[name] in ("person", "people")
    assert not_a_person(name) is None


def test_a_team_in_parentheses_describes_the_person() -> None:
    """The issue's example (not in the corpora): the parenthesis says where the person works."""
    assert not_a_person("Christian Svensson (DreamHack Network Team)") is None


@pytest.mark.parametrize(("name", "reason"), [
    ("The Rust Release Team", "names a group ('The …')"),
    ("Release automation", "names a team or organisation ('automation')"),
    ("18F", "looks like an account code"),
    ("GSA Blog Team", "names a team or organisation ('team')"),
    ("Contributor", "is a role or a function"),
    ("leadership chat membership", "names a team or organisation ('membership')"),
])
def test_corpus_accounts_are_not_people(labels: dict[str, str], name: str, reason: str) -> None:
    assert labels[name] == "not"
    assert reason in (not_a_person(name) or "")


@pytest.mark.parametrize("name", ["The Marketing Team", "Admin", "Editorial Staff", "Acme Corp", "Fernhill Software", "Byline"])
def test_issue_examples_and_company_are_not_people(name: str) -> None:
    assert not_a_person(name, ("Fernhill Software", "Byline"))
