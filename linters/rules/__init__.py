"""The rule registry: every check Byline runs, by stable id, on ruff's model.

A rule is data plus one function. The data: an id in a family (``byline.*``, ``readability.*``,
``voice.*``), a default severity, a one-line summary, thresholds as :class:`Option` values, whether
it judges the whole post or one place in it, and a long explanation (``byline explain ID``) with
the sections "What it checks", "Why it matters" and "Example"; "Configuration" is generated from
the options so the numbers have one home. The function receives a :class:`Context` (the post,
its prose :class:`~byline.prose.Document` parsed on first use, the author registry, the site)
and the rule's resolved options, and yields :class:`Hit` values; the engine turns them into
findings with the configured severity, so no rule formats output or reads configuration.

Families are the modules of this package. Each registers its rules when imported; :func:`rules`
imports them all on first use (discovered with :mod:`pkgutil`, so a new family is one new module)
and nothing is imported at start-up that a command does not need. A family may also register a
metrics function: its numbers are reported for every post, passing or not.
"""
from __future__ import annotations

import difflib
import importlib
import inspect
import math
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from byline.findings import Occurrence, Severity

if TYPE_CHECKING:
    from byline.authors import Registry
    from byline.config import SiteConfig
    from byline.posts import Post
    from byline.prose import Document

Options = Mapping[str, Any]
SECTIONS = ("## What it checks", "## Why it matters", "## Example")


@dataclass(frozen=True)
class Option:
    """A threshold or setting: its default (whose type is the option's type), bounds and meaning."""

    default: Any
    help: str
    minimum: float | None = None
    maximum: float | None = None

    def check(self, value: Any) -> str | None:
        """Why ``value`` is unusable for this option, or None."""
        kind = type(self.default)
        if kind is tuple:  # every list option is a word list (allow, add, names)
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                return "must be a list of texts"
            from byline.prose import WORD  # lazy: the registry loads before any prose is read

            wordless = next((v for v in value if not WORD.search(v)), None)
            if wordless is not None:
                return f"entry {wordless!r} has no word in it (letters or digits): it could never match"
            return None
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            return f"must be {_KIND_NAMES.get(kind, kind.__name__)}, not {value!r}"
        if kind is float and not math.isfinite(value):  # NaN passes every comparison below
            return f"must be a finite number, not {value!r}"
        if self.minimum is not None and value < self.minimum:
            return f"must be at least {self.minimum:g}, not {value!r}"
        if self.maximum is not None and value > self.maximum:
            return f"must be at most {self.maximum:g}, not {value!r}"
        return None


_KIND_NAMES = {int: "a whole number", float: "a number", bool: "true or false", str: "a text"}


class Hit(NamedTuple):
    """What a rule reports: a 1-based place, a one-line message ending in a fix hint, and for
    post-level rules the places that make up the verdict."""

    line: int
    column: int
    message: str
    occurrences: tuple[Occurrence, ...] = ()


def _defaults_of(rule_id: str) -> Options:
    return rules()[rule_id].defaults()


@dataclass
class Context:
    """Everything a rule may look at for one post. ``options_of(id)`` gives any rule's resolved
    options for this post, so rules that share a threshold read it from its one home."""

    post: Post
    registry: Registry | None = None
    site: SiteConfig | None = None
    options_of: Callable[[str], Options] = _defaults_of

    @cached_property
    def doc(self) -> Document:
        from byline.prose import parse_document

        return parse_document(self.post)

    def occurrence(self, offset: int, text: str) -> Occurrence:
        """An :class:`Occurrence` at ``offset`` in the prose text."""
        line, column = self.doc.locate(offset)
        return Occurrence(line, column, text)


Check = Callable[[Context, Options], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """One registered rule; see the module docstring."""

    id: str
    severity: Severity
    summary: str
    check: Check = field(repr=False)
    explanation: str = field(repr=False)
    options: Mapping[str, Option] = field(default_factory=dict)
    scope: Literal["post", "line"] = "line"
    configurable: bool = True  # False: a problem with the input itself, never switched off

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    def defaults(self) -> dict[str, Any]:
        return {name: option.default for name, option in self.options.items()}

    def explain(self) -> str:
        """The long explanation, with a generated "Configuration" section."""
        lines = [f"# {self.id}", "", f"Default severity: {self.severity.value}. Scope: {'the whole post' if self.scope == 'post' else 'one place in the post'}.", "", self.summary, "", self.explanation.strip(), "", "## Configuration", ""]
        if not self.configurable:
            lines.append("None: this reports a problem with the input itself and cannot be switched off.")
        else:
            lines.append(f"In mkdocs.yml, under the byline/lint plugin's `rules:` (or a post's `lint:` front matter), `{self.id}:` takes `off`, a severity, or a mapping:")
            lines.append("")
            lines.append(f"- `severity` (default `{self.severity.value}`): error, warning, info, or off.")
            for name, option in self.options.items():
                bounds = "".join(f", {w} {b:g}" for w, b in (("min", option.minimum), ("max", option.maximum)) if b is not None)
                default = list(option.default) if isinstance(option.default, tuple) else option.default
                lines.append(f"- `{name}` (default `{default}`{bounds}): {option.help}")
        return "\n".join(lines) + "\n"


_REGISTRY: dict[str, Rule] = {}
_METRICS: dict[str, Callable[[Context], dict[str, Any]]] = {}
_SUMMARIES: dict[str, Callable[[dict[str, Any]], str]] = {}
_loaded = False


def register(rule_: Rule) -> Rule:
    """Add a rule; ids are unique, lowercase ``family.name`` and never reused for another check."""
    if rule_.id in _REGISTRY:
        raise ValueError(f"rule id {rule_.id} registered twice")
    if rule_.id != rule_.id.lower() or "." not in rule_.id:
        raise ValueError(f"rule id {rule_.id} must be lowercase family.name")
    _REGISTRY[rule_.id] = rule_
    return rule_


def rule(id: str, severity: Severity, summary: str, *, options: Mapping[str, Option] | None = None,
         scope: Literal["post", "line"] = "line", configurable: bool = True) -> Callable[[Check], Check]:
    """Register the decorated check; its docstring is the rule's explanation."""

    def decorate(check: Check) -> Check:
        register(Rule(id, severity, summary, check, inspect.cleandoc(check.__doc__ or ""),
                      dict(options or {}), scope, configurable))
        return check

    return decorate


Metrics = Callable[[Context], dict[str, Any]]


def metrics(family: str, summary: Callable[[dict[str, Any]], str]) -> Callable[[Metrics], Metrics]:
    """Register a family's metrics: ``fn(context) -> dict``, reported for every post, and
    ``summary(metrics) -> str``, the short form the text output prints under each post."""

    def decorate(fn: Metrics) -> Metrics:
        _METRICS[family] = fn
        _SUMMARIES[family] = summary
        return fn

    return decorate


def _load() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{module.name}")


def rules() -> dict[str, Rule]:
    """Every registered rule, sorted by id."""
    _load()
    return dict(sorted(_REGISTRY.items()))


def metric_functions() -> dict[str, Metrics]:
    _load()
    return dict(sorted(_METRICS.items()))


def summarize(family: str, values: dict[str, Any]) -> str:
    _load()
    return _SUMMARIES[family](values)


def families() -> set[str]:
    return {r.family for r in rules().values()}


class UnknownRule(ValueError):
    """A rule id or family that is not registered (always an error, never ignored)."""


def resolve(name: str) -> list[str]:
    """The rule ids a name stands for: a rule id, or a family name for all of its rules."""
    known = rules()
    if name in known:
        return [name]
    members = [i for i, r in known.items() if r.family == name]
    if members:
        return members
    close = difflib.get_close_matches(name, [*known, *families()], n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else "run 'byline rules' for the list"
    raise UnknownRule(f"unknown rule '{name}': {hint}")
