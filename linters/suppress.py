"""Inline suppression in markdownlint's forms, which editors already know:

``<!-- byline-disable RULE ... -->`` … ``<!-- byline-enable RULE ... -->``,
``<!-- byline-disable-line RULE ... -->``, ``<!-- byline-disable-next-line RULE ... -->`` and
``<!-- byline-disable-file RULE ... -->``. RULE is a rule id or a family (``readability``);
none means every rule. Only comments that Markdown keeps as HTML count: the same text inside a
code block is an example, not an instruction. An unknown rule id is a problem to report, never a
silent no-op.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from byline.findings import Finding
from byline.prose import Comment
from byline.rules import UnknownRule, resolve, rules

_DIRECTIVE = re.compile(r"\s*byline-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$)(.*)", re.DOTALL)
_ALL = "*"


@dataclass
class Suppressions:
    """The directives of one post, and the problems found reading them."""

    events: list[tuple[int, str, frozenset[str]]] = field(default_factory=list)  # (line, kind, rule ids)
    lines: dict[int, set[str]] = field(default_factory=dict)
    whole_file: set[str] = field(default_factory=set)
    problems: list[tuple[int, int, str]] = field(default_factory=list)

    def covers(self, rule: str, line: int) -> bool:
        """Whether findings of ``rule`` on ``line`` are suppressed."""
        if not rules()[rule].configurable:
            return False
        if rule in self.whole_file or _ALL in self.whole_file:
            return True
        on_line = self.lines.get(line)
        if on_line and (rule in on_line or _ALL in on_line):
            return True
        disabled = False
        for at, kind, ids in self.events:
            if at > line:
                break
            if rule in ids or _ALL in ids:
                disabled = kind == "disable"
        return disabled

    def apply(self, finding: Finding) -> Finding | None:
        """The finding as suppression leaves it: dropped, or with suppressed occurrences removed
        (a post-level finding moves to its first remaining occurrence)."""
        if not finding.occurrences:
            return None if self.covers(finding.rule, finding.line) else finding
        kept = tuple(o for o in finding.occurrences if not self.covers(finding.rule, o.line))
        if not kept:
            return None
        if kept == finding.occurrences:
            return finding
        first = kept[0]
        return Finding(finding.path, first.line, first.column, finding.rule, finding.severity, finding.message, kept)


def read_suppressions(comments: tuple[Comment, ...]) -> Suppressions:
    """Collect the directives among a post's HTML comments, in line order."""
    found = Suppressions()
    for comment in sorted(comments, key=lambda c: (c.line, c.column)):
        match = _DIRECTIVE.match(comment.text)
        if not match:
            continue
        kind, names = match.group(1), match.group(2).replace(",", " ").split()
        ids: set[str] = set()
        for name in names:
            try:
                ids.update(resolve(name))
            except UnknownRule as exc:
                found.problems.append((comment.line, comment.column, f"byline-{kind}: {exc}"))
        if names and not ids:
            continue
        chosen = frozenset(ids) if names else frozenset({_ALL})
        if kind == "disable-file":
            found.whole_file.update(chosen)
        elif kind == "disable-line":
            found.lines.setdefault(comment.line, set()).update(chosen)
        elif kind == "disable-next-line":
            found.lines.setdefault(comment.line + 1, set()).update(chosen)
        else:
            found.events.append((comment.line, kind, chosen))
    return found
