"""Reading Byline's settings from ``mkdocs.yml`` without MkDocs: the plugin blocks are the one home
of configuration, and the CLI must read them in CI where no build runs."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from byline.errors import BylineError, Where
from byline.yaml_keys import UniqueSafeLoader, first_of_two


class _TolerantLoader(UniqueSafeLoader):
    """Safe YAML that reads MkDocs' ``!ENV`` tags as MkDocs does and keeps other tags
    (``!!python/name:…``, ``!relative``) as plain values: Byline never runs code from them."""


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable set, parsed as a YAML
    scalar, else the default (pyyaml-env-tag's rules, which MkDocs uses)."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode) and node.value:
        items = loader.construct_sequence(node)
        names, default = items[:-1] if len(items) > 1 else items, items[-1] if len(items) > 1 else None
    else:
        return None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else None
    return default


_TolerantLoader.add_constructor("!ENV", _env)
_TolerantLoader.add_multi_constructor("!", _plain)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


@dataclass(frozen=True)
class SiteConfig:
    """What the core needs from ``mkdocs.yml``: where things are and each Byline plugin's block."""

    root: Path
    docs_dir: Path
    blog_dir: str
    plugins: dict[str, dict[str, Any]] = field(default_factory=dict)

    def block(self, name: str) -> dict[str, Any]:
        return self.plugins.get(name, {})

    @property
    def authors_dir(self) -> Path:
        return self.root / self.block("byline/authors").get("authors_dir", "authors")

    @property
    def posts_dir(self) -> Path:
        return self.docs_dir / self.blog_dir / "posts"

    @property
    def company_names(self) -> tuple[str, ...]:
        block = self.block("byline/authors")
        names = [block.get("company")] + list(block.get("products") or [])
        return tuple(n for n in names if isinstance(n, str) and n.strip())


def find_mkdocs_yml(start: Path | None = None) -> Path | None:
    """The nearest ``mkdocs.yml`` in ``start`` or its parents (the CLI works from any subfolder)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "mkdocs.yml"
        if candidate.is_file():
            return candidate
    return None


def find_site_config(config_path: str | None) -> tuple[Path, SiteConfig]:
    """The ``--config`` file, else the nearest ``mkdocs.yml``, parsed; none is a one-line error."""
    path = Path(config_path) if config_path else find_mkdocs_yml()
    if path is None or not path.is_file():
        raise BylineError(config_path or "mkdocs.yml", None, "no mkdocs.yml found here or in any parent folder (use --config)")
    return path, load_site_config(path)


def load_site_config(path: Path) -> SiteConfig:
    """Parse ``mkdocs.yml``; a broken file is a one-line error naming its line."""
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_TolerantLoader)  # noqa: S506
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise BylineError(shown, mark.line + 1 if mark else 1, f"broken YAML: {exc.problem}{first_of_two(exc)}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise BylineError(shown, None, f"cannot read configuration: {exc}") from None
    if not isinstance(data, dict):
        raise BylineError(shown, 1, "mkdocs.yml must be a mapping")
    plugins: dict[str, dict[str, Any]] = {}
    entries = data.get("plugins") or []
    if isinstance(entries, dict):  # MkDocs also takes plugins as a mapping of name to options
        entries = [{name: options} for name, options in entries.items()]
    if not isinstance(entries, list):
        raise BylineError(shown, Where(shown, text).line_of("plugins"), "'plugins' must be a list of plugins")
    for entry in entries:
        if isinstance(entry, str):
            plugins[entry] = {}
        elif isinstance(entry, dict):
            for name, options in entry.items():
                plugins[str(name)] = options if isinstance(options, dict) else {}
    _check_authors_block(plugins.get("byline/authors", {}), Where(shown, text, _line_of_plugin(text, "byline/authors")))
    blog = plugins.get("blog", plugins.get("material/blog", {}))
    root = path.parent
    return SiteConfig(
        root=root,
        docs_dir=root / str(data.get("docs_dir", "docs")),
        blog_dir=str(blog.get("blog_dir", "blog")),
        plugins=plugins,
    )


#: The byline/authors settings the CLI reads, with what each must be: the build has MkDocs check
#: them, the CLI must refuse the same mistakes instead of crashing or misreading them.
_AUTHORS_SETTINGS = {"authors_dir": (str, "a folder name"), "company": (str, "a name"), "products": (list, "a list of names")}


def _check_authors_block(block: dict[str, Any], where: Where) -> None:
    for key, (kind, what) in _AUTHORS_SETTINGS.items():
        value = block.get(key)
        if value is None:
            continue
        if not isinstance(value, kind) or (kind is list and not all(isinstance(v, str) for v in value)):
            raise where.error(key, f"byline/authors: {key} must be {what}, not {value!r}")
        if key != "authors_dir":  # names become phrases of the voice matcher: each needs a word
            from byline.prose import WORD

            wordless = next((v for v in ([value] if isinstance(value, str) else value) if not WORD.search(v)), None)
            if wordless is not None:
                raise where.error(key, f"byline/authors: {key} entry {wordless!r} has no word in it (letters or digits)")


def _line_of_plugin(text: str, name: str) -> int:
    """The line where a plugin's block starts (1 when it is not written out)."""
    match = re.search(rf"^\s*-?\s*[\"']?{re.escape(name)}[\"']?\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1
