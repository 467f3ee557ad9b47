"""The guide's rule reference, generated from the rule registry so it cannot drift from the rules.

``byline rules --markdown`` prints it; ``docs/guide/rules.md`` is that output, and a test fails when
the page and the registry disagree. Each rule's section is its ``byline explain`` text with the
headings moved down under the page's own.
"""
from __future__ import annotations

import re

from byline.rules import Rule, rules

#: What the page says about itself, so nobody edits it by hand.
GENERATED = ("<!-- Generated from the rule registry by `byline rules --markdown > docs/guide/rules.md`: "
             "edit a rule's explanation in linters/rules/, then regenerate. -->")
FAMILIES = {
    "byline": "Bylines and input: who signs a post, and whether Byline can read it.",
    "readability": "Readability: sentences, paragraphs and formulas readers feel.",
    "voice": "Voice: whether a person speaks, gives more than they ask, and invites a reply.",
}
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,4}) ")


def rules_markdown() -> str:
    """The whole reference page: an index of every rule, then each rule explained."""
    registry = rules()
    lines = ["# Rule reference", "", GENERATED, "",
             "Every rule `byline lint` and the `byline/lint` plugin run, by family. `byline explain ID` "
             "prints the same text in a terminal; `byline rules` lists the ids.", ""]
    for family in sorted({r.family for r in registry.values()}):
        members = [r for r in registry.values() if r.family == family]
        lines += [f"## {family}", ""] + ([FAMILIES[family], ""] if family in FAMILIES else [])
        lines += ["| Rule | Default | Scope | What it reports |", "| --- | --- | --- | --- |"]
        lines += [f"| [`{r.id}`](#{_anchor(r.id)}) | {r.severity.value} | {r.scope} | {_cell(r.summary)} |" for r in members]
        lines.append("")
        for rule in members:
            lines += [*_demoted(rule), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _demoted(rule: Rule) -> list[str]:
    """The rule's explanation with its headings two levels down (code blocks left alone)."""
    out, fenced = [], False
    for line in rule.explain().rstrip("\n").splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (heading := _HEADING.match(line)):
            line = "#" * (len(heading.group(1)) + 2) + line[len(heading.group(1)):]
        out.append(line)
    return out


def _anchor(rule_id: str) -> str:
    """The heading id Python-Markdown's toc (and GitHub) give ``### <rule id>``: dots dropped."""
    return re.sub(r"[^\w\s-]", "", rule_id).strip().lower().replace(" ", "-")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
