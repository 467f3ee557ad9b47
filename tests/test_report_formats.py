"""The json, sarif and github formats: valid against their schemas, stable, and within GitHub's
annotation limits."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, Draft202012Validator

from corpora import corpus_posts
from byline.cli import main
from byline.engine import FileResult
from byline.findings import Finding, Severity
from byline.report import Summary
from byline.report.github import GithubReporter
from byline.report.sarif import fingerprint
from byline.rules import rules
from support.blog import config, write_blog

REPO = Path(__file__).resolve().parents[1]
SIGNED = "---\ndate: 2024-05-01\nauthors: [jane-doe]\n---\n\n# Title\n\n"
LONG = " ".join(["word"] * 30) + ".\n"
PASSIVE = "It was made. It was seen. It was done. It was said. Ann ran. Sam hid. Bo sang. Al won.\n"


@pytest.fixture(scope="module")
def sarif_schema() -> dict:
    """The official SARIF 2.1.0 schema, vendored with its licence (tests/data/sarif/SOURCE.md)."""
    return json.loads((REPO / "tests/data/sarif/sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    settings = config()
    settings["plugins"].append({"byline/lint": {}})
    return write_blog(tmp_path, posts={
        "a.md": SIGNED + LONG + "\n" + PASSIVE, "b.md": "---\ntitle: x\n---\n\nUnsigned, with a `code` span.\n",
        "c.md": SIGNED + "I think you'll like this. What do you think?\n",
    }, settings=settings)


def lint(folder: Path, monkeypatch, capsys, fmt: str, *paths: str):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(folder)
    code = main(["lint", "--format", fmt, *paths])
    return code, capsys.readouterr().out


def test_json_matches_its_documented_schema(site, monkeypatch, capsys) -> None:
    schema = json.loads((REPO / "linters/report/lint-report.schema.json").read_text(encoding="utf-8"))
    code, out = lint(site, monkeypatch, capsys, "json")
    report = json.loads(out)
    Draft202012Validator(schema).validate(report)
    assert code == 1 and report["summary"]["exit_code"] == 1 and report["summary"]["error"] == 1
    files = {Path(f["path"]).name: f for f in report["files"]}
    assert set(files) == {"a.md", "b.md", "c.md"}  # every post, passing or not
    assert files["c.md"]["findings"] == [] and files["c.md"]["metrics"]["readability"]["sentences"] == 2
    passive = next(x for x in files["a.md"]["findings"] if x["rule"] == "readability.passive-voice")
    assert passive["occurrences"][0] == {"line": 10, "column": 4, "text": "was made"}


@pytest.mark.corpus
def test_json_schema_validates_the_corpus(monkeypatch, capsys) -> None:
    schema = json.loads((REPO / "linters/report/lint-report.schema.json").read_text(encoding="utf-8"))
    code, out = lint(REPO, monkeypatch, capsys, "json", *map(str, corpus_posts("Textualize+textual")))
    Draft202012Validator(schema).validate(json.loads(out))


def test_sarif_is_valid_against_the_official_schema(site, monkeypatch, capsys, sarif_schema) -> None:
    code, out = lint(site, monkeypatch, capsys, "sarif")
    log = json.loads(out)
    Draft7Validator(sarif_schema).validate(log)
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids == list(rules())
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert len(result["partialFingerprints"]["bylineFinding/v1"]) == 32
    passive = next(r for r in run["results"] if r["ruleId"] == "readability.passive-voice")
    assert passive["level"] == "warning" and len(passive["relatedLocations"]) == 4
    assert passive["locations"][0]["physicalLocation"]["region"] == {"startLine": 10, "startColumn": 4}
    assert passive["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "docs/blog/posts/a.md", "uriBaseId": "%SRCROOT%"}
    assert run["columnKind"] == "unicodeCodePoints" and run["invocations"][0]["exitCode"] == 1


@pytest.mark.corpus
def test_sarif_validates_on_a_corpus(monkeypatch, capsys, sarif_schema) -> None:
    code, out = lint(REPO, monkeypatch, capsys, "sarif", *map(str, corpus_posts("squidfunk+mkdocs-material")))
    Draft7Validator(sarif_schema).validate(json.loads(out))


def test_fingerprints_survive_inserted_lines_and_change_with_the_line(site, monkeypatch, capsys) -> None:
    def prints() -> dict[tuple[str, int], str]:
        out = lint(site, monkeypatch, capsys, "sarif")[1]
        return {(r["ruleId"], n): r["partialFingerprints"]["bylineFinding/v1"] for n, r in enumerate(
            r for r in json.loads(out)["runs"][0]["results"] if "a.md" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])}

    before = prints()
    post = site / "docs/blog/posts/a.md"
    post.write_text(post.read_text(encoding="utf-8").replace("# Title\n", "# Title\n\nA new first paragraph.\n"), encoding="utf-8")
    assert prints() == before
    post.write_text(post.read_text(encoding="utf-8").replace(LONG, " ".join(["other"] * 30) + ".\n"), encoding="utf-8")
    after = prints()
    assert after[("readability.long-sentence", 0)] != before[("readability.long-sentence", 0)]
    assert after[("readability.passive-voice", 2)] == before[("readability.passive-voice", 2)]  # post-level: same post


def test_fingerprint_ranks_identical_lines() -> None:
    finding = Finding("p.md", 3, 1, "readability.long-sentence", Severity.INFO, "m")
    assert fingerprint(finding, "same text", 0, False) != fingerprint(finding, "same text", 1, False)
    assert fingerprint(finding, "same  text ", 0, False) == fingerprint(finding, "same text", 0, False)


def _findings(severity: Severity, count: int, rule: str) -> list[Finding]:
    return [Finding(f"docs/p{i:02}.md", i + 1, 2, rule, severity, f"message {i}") for i in range(count)]


def test_github_annotations_are_ranked_capped_and_say_how_many_more(capsys) -> None:
    findings = (_findings(Severity.INFO, 4, "readability.long-sentence") + _findings(Severity.WARNING, 14, "readability.long-paragraph")
                + _findings(Severity.ERROR, 25, "byline.missing-author") + _findings(Severity.WARNING, 1, "readability.passive-voice"))
    reporter = GithubReporter(__import__("sys").stdout)
    summary = Summary(Severity.ERROR)
    result = FileResult("docs/x.md", tuple(findings))
    summary.add(result)
    reporter.add(result)
    reporter.finish(summary)
    lines = capsys.readouterr().out.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) <= 50
    errors = [a for a in annotations if a.startswith("::error")]
    warnings = [a for a in annotations if a.startswith("::warning")]
    notices = [a for a in annotations if a.startswith("::notice")]
    assert len(errors) == len(warnings) == 10 and len(notices) == 4
    assert errors[-1] == "::error title=byline lint::16 more errors not shown as annotations (GitHub shows 10 per level per step); they are listed in this step's log"
    assert warnings[0].startswith("::warning file=docs/p00.md,line=1,col=2,title=readability.passive-voice::")  # post-level first
    assert warnings[-1].startswith("::warning title=byline lint::6 more warnings")
    plain = [line for line in lines if not line.startswith("::")]
    assert len(plain) == 16 + 6 + 1 and plain[0].startswith("docs/p09.md:10:2: error byline.missing-author")
    assert plain[-1] == "byline lint: 44 finding(s) in 1 post(s), 22 annotated; exit 1"


def test_github_escapes_data_and_properties(capsys) -> None:
    finding = Finding("docs/a,b:c.md", 1, 1, "readability.long-sentence", Severity.INFO, "50% of it\nnext line")
    reporter = GithubReporter(__import__("sys").stdout)
    reporter.add(FileResult("docs/a,b:c.md", (finding,)))
    reporter.finish(Summary(Severity.ERROR))
    first = capsys.readouterr().out.splitlines()[0]
    assert first == "::notice file=docs/a%2Cb%3Ac.md,line=1,col=1,title=readability.long-sentence::50%25 of it%0Anext line"

