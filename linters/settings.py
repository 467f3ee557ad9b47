"""What configuration says about each rule, for one post.

Configuration has one home, the ``byline/lint`` block of ``mkdocs.yml``, read by the CLI and the
plugin alike. For each post, settings apply in this order, later ones winning:

1. the rule's defaults (severity and options, in the registry);
2. the block's ``rules:`` mapping;
3. each entry of the block's ``overrides:`` whose ``files:`` glob matches the post's path
   (relative to the folder of ``mkdocs.yml``; ``fnmatch`` globs, where ``*`` also crosses ``/``);
4. the post's own ``lint:`` front matter.

At every level, a key is a rule id or a family name (``readability``), family keys applying
before rule keys; a value is ``off``/``false``, ``on``/``true``, a severity, or for a rule a
mapping of ``severity`` and its options. Anything else, including an unknown rule id, an unknown
option, a wrong type or an out-of-range threshold, is a :class:`~byline.errors.BylineError`
naming the file and line: configuration errors are never ignored.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from byline.errors import Where
from byline.findings import Severity
from byline.hints import did_you_mean
from byline.rules import Rule, UnknownRule, resolve, rules

BLOCK_KEYS = ("enabled", "fail_on", "rules", "overrides")
_SEVERITIES = {s.value: s for s in Severity}


#: One level's verdict on one rule: None leaves the severity alone, "off" disables it.
Change = tuple[Severity | str | None, dict[str, Any]]


@dataclass(frozen=True)
class RuleState:
    """A rule's effective state for one post: ``severity`` None means off."""

    severity: Severity | None
    options: dict[str, Any]


@dataclass(frozen=True)
class LintConfig:
    """The validated ``byline/lint`` block."""

    fail_on: Severity = Severity.ERROR
    enabled: bool = True
    rules: dict[str, Change] = field(default_factory=dict)
    overrides: tuple[tuple[tuple[str, ...], dict[str, Change]], ...] = ()
    root: Path | None = None
    _memo: dict[tuple[int, ...], dict[str, RuleState]] = field(default_factory=dict, compare=False, repr=False)

    def states(self, path: str, front_matter: Any = None, where: Where | None = None) -> dict[str, RuleState]:
        """Every rule's state for the post at ``path`` (as shown), given its ``lint:`` value.
        The result is shared between posts with the same settings: read it, never change it."""
        relative = self._relative(path)
        matching = tuple(i for i, (globs, _) in enumerate(self.overrides) if any(fnmatchcase(relative, g) for g in globs))
        if front_matter is None and matching in self._memo:
            return self._memo[matching]
        levels = [self.rules] + [self.overrides[i][1] for i in matching]
        if front_matter is not None:
            levels.append(parse_rules(front_matter, where or Where(path), "lint"))
        states = {}
        for rule_id, rule in rules().items():
            severity: Severity | None = rule.severity
            options = rule.defaults()
            for level in levels:
                change = level.get(rule_id)
                if change is None:
                    continue
                state, updates = change
                if state == "off":
                    severity = None
                elif state == "on":
                    severity = severity or rule.severity
                elif isinstance(state, Severity):
                    severity = state
                options.update(updates)
            states[rule_id] = RuleState(severity, options)
        if front_matter is None:
            self._memo[matching] = states
        return states

    def _relative(self, path: str) -> str:
        if self.root is not None:
            try:
                return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return Path(path).as_posix()


def parse_block(block: Any, where: Where, root: Path | None = None) -> LintConfig:
    """Validate the ``byline/lint`` block (a mapping, possibly empty)."""
    if block is None:
        block = {}
    if not isinstance(block, Mapping):
        raise where.error("byline/lint", "the byline/lint block must be a mapping of settings")
    for key in block:
        if key not in BLOCK_KEYS:
            raise where.error(str(key), f"byline/lint: unknown setting '{key}'{did_you_mean(str(key), BLOCK_KEYS)}")
    enabled = block.get("enabled", True)
    if not isinstance(enabled, bool):
        raise where.error("enabled", f"byline/lint: enabled must be true or false, not {enabled!r}")
    fail_on = parse_severity(block.get("fail_on", "error"), where, "fail_on")
    overrides = []
    entries = block.get("overrides") or []
    if not isinstance(entries, list):
        raise where.error("overrides", "byline/lint: overrides must be a list of {files: GLOB, rules: {...}} entries")
    for entry in entries:
        if not isinstance(entry, Mapping) or set(entry) - {"files", "rules"} or "files" not in entry:
            raise where.error("overrides", "byline/lint: each override needs 'files' (a glob or a list of globs) and 'rules', nothing else")
        globs = entry["files"]
        globs = [globs] if isinstance(globs, str) else globs
        if not isinstance(globs, list) or not globs or not all(isinstance(g, str) and g for g in globs):
            raise where.error("files", "byline/lint: override 'files' must be a glob or a list of globs, e.g. 'docs/blog/posts/releases/*'")
        overrides.append((tuple(globs), parse_rules(entry.get("rules") or {}, where, "rules")))
    return LintConfig(fail_on, enabled, parse_rules(block.get("rules") or {}, where, "rules"), tuple(overrides), root)


def parse_severity(value: Any, where: Where, key: str) -> Severity:
    if isinstance(value, str) and value in _SEVERITIES:
        return _SEVERITIES[value]
    raise where.error(key, f"byline/lint: {key} must be error, warning or info, not {value!r}")


def parse_rules(mapping: Any, where: Where, key: str) -> dict[str, Change]:
    """One level's rule settings, families expanded to their rules (rule keys win)."""
    if not isinstance(mapping, Mapping):
        raise where.error(key, f"'{key}' must map rule ids or families to off, on, a severity or options")
    known = rules()
    by_family: dict[str, Change] = {}
    by_rule: dict[str, Change] = {}
    for name, value in mapping.items():
        name = str(name)
        try:
            ids = resolve(name)
        except UnknownRule as exc:
            raise where.error(name, str(exc)) from None
        family = name not in known
        for rule_id in ids:
            rule = known[rule_id]
            if not rule.configurable:
                if family:
                    continue
                raise where.error(name, f"{rule_id} reports a problem with the input and cannot be configured")
            (by_family if family else by_rule)[rule_id] = _change(rule, name, value, where, family)
    merged = dict(by_family)
    for rule_id, (state, options) in by_rule.items():  # a rule's own settings refine its family's
        family_state, family_options = merged.get(rule_id, (None, {}))
        merged[rule_id] = (family_state if state is None else state, {**family_options, **options})
    return merged


def _change(rule: Rule, name: str, value: Any, where: Where, family: bool) -> Change:
    if value is False or value == "off":
        return "off", {}
    if value is True or value == "on":
        return "on", {}
    if isinstance(value, str):
        return parse_severity(value, where, name), {}
    if family or not isinstance(value, Mapping):
        what = "off, on or a severity" if family else "off, on, a severity or a mapping of options"
        raise where.error(name, f"'{name}' takes {what}, not {value!r}")
    state: Severity | str | None = None
    options: dict[str, Any] = {}
    for key, setting in value.items():
        key = str(key)
        if key == "severity":
            state = "off" if setting is False or setting == "off" else parse_severity(setting, where, "severity")
            continue
        option = rule.options.get(key)
        if option is None:
            raise where.error(key, f"{rule.id} has no option '{key}'{did_you_mean(key, ('severity', *rule.options))}")
        problem = option.check(setting)
        if problem:
            raise where.error(key, f"{rule.id}: {key} {problem}")
        options[key] = tuple(setting) if isinstance(option.default, tuple) else type(option.default)(setting)
    return state, options
