"""YAML mappings whose keys are unique. PyYAML keeps the last of two equal keys and drops the
first without a word, so a post with two ``authors:`` or an imported file with an author listed
twice would be read wrong; every YAML Byline reads (front matter, author files, imported authors
files, ``mkdocs.yml``) refuses them instead, naming the line of the second."""
from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import ConstructorError

_MERGE = "tag:yaml.org,2002:merge"
#: The error's context; its context mark is the first of the two keys.
DUPLICATE = "a key written twice"


def first_of_two(exc: yaml.MarkedYAMLError, first_line: int = 1) -> str:
    """`` (first on line N)`` for a duplicate-key error (``first_line``: the text's line 1), else ''."""
    if exc.context == DUPLICATE and exc.context_mark is not None:
        return f" (first on line {first_line + exc.context_mark.line})"
    return ""


class UniqueKeys:
    """A constructor mixin (before ``SafeConstructor`` in the bases) refusing duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, yaml.Mark] = {}
            for key_node, _ in node.value:
                if key_node.tag == _MERGE:  # "<<": merged keys may be overridden, as YAML intends
                    continue
                key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
                try:
                    first = seen.get(key)
                except TypeError:  # an unhashable key: the constructor below reports it
                    continue
                if first is not None:
                    raise ConstructorError(DUPLICATE, first, f"duplicate key {key!r}: YAML would keep only the last one",
                                           key_node.start_mark)
                seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class UniqueSafeLoader(UniqueKeys, yaml.SafeLoader):
    """PyYAML's safe loader with unique keys."""


if hasattr(yaml, "CParser"):  # PyYAML may be built without libyaml

    class FastUniqueLoader(yaml.CParser, UniqueKeys, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):  # type: ignore[misc]
        """libyaml's safe loader (``CSafeLoader``) with unique keys: libyaml parses, Python builds."""

        def __init__(self, stream: Any) -> None:
            yaml.CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    FAST_LOADER: type | None = FastUniqueLoader
else:
    FAST_LOADER = None
