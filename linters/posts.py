"""Reading a Markdown file with YAML or TOML front matter, keeping exact line numbers.

python-frontmatter detects and splits the front matter; parsing is ours because we need the
line of a YAML error, must refuse alias bombs, and read TOML with the standard library.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import BaseHandler, YAMLHandler

from byline.errors import BylineError
from byline.yaml_keys import FAST_LOADER, UniqueSafeLoader, first_of_two

#: Larger files are refused: a post is prose, not a data dump (Markdown parsing is super-linear
#: on some inputs, so an unbounded file could hang a build).
MAX_BYTES = 20 * 1024 * 1024
#: Deeper nesting is refused: Python-Markdown (which renders posts and bios) recurses once per
#: level of lists, quotes or 4-column indentation, slows down super-linearly and overflows
#: Python's stack at about 250 levels. Real posts stay under 10.
MAX_NESTING = 100
#: More unclosed ``[`` or ``<`` in one paragraph are refused: Python-Markdown's inline patterns
#: retry from each one, so time grows with their square (2,000 take 2.5 s, 100,000 hang a build;
#: upstream Python-Markdown #798). Real posts have at most 14 (the corpora).
MAX_UNCLOSED = 1000
_CONTAINER_PREFIX = re.compile(r"(?:[ \t>]|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))*")
_CONTAINER_MARK = re.compile(r"(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))[ \t]?")  # with its one space
_FENCE = re.compile(r"`{3,}|~{3,}")
#: An opening tag (with or without a ``markdown`` attribute) or a closing tag.
_MARKDOWN_BLOCK = re.compile(
    r"<(?:/(?P<close>[A-Za-z][\w-]*)\s*|(?P<open>[A-Za-z][\w-]*)(?P<markdown>[^>]*?\smarkdown(?=[\s=/>]))?[^>]*)>"
)


class _TOMLHandler(BaseHandler):
    """``+++`` front matter (Zola, Hugo); python-frontmatter's own one needs the ``toml`` package."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"


_HANDLERS: tuple[BaseHandler, ...] = (YAMLHandler(), _TOMLHandler())


#: libyaml's safe loader, for front matter with no alias in it (PyYAML may be built without it).
_FastLoader: type | None = FAST_LOADER


class _NoAliasLoader(UniqueSafeLoader):
    """SafeLoader without anchors and aliases: front matter never needs them, bombs do."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None, "YAML aliases (*name) are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)


def load_yaml(text: str, path: str, first_line: int = 1, what: str = "YAML front matter") -> Any:
    """Parse YAML safely; errors name the file, the line (``first_line`` is the text's line 1)
    and ``what`` was broken."""
    if _FastLoader is not None and "*" not in text:  # no alias possible: libyaml is ~10x faster
        try:
            return yaml.load(text, Loader=_FastLoader)  # noqa: S506 - libyaml's safe loader
        except yaml.YAMLError:
            pass  # parse again below, so every message comes from one loader (duplicate keys too)
    try:
        return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and problem.startswith("but "):  # "… but found another document" needs its start
            problem = f"{exc.context} {problem}"
        problem += first_of_two(exc, first_line)
        raise BylineError(path, line, f"broken {what}: {problem}") from None
    except yaml.YAMLError as exc:  # a ReaderError (a control character) knows its offset only
        position = getattr(exc, "position", None)
        line = first_line + text.count("\n", 0, position) if position is not None else first_line
        raise BylineError(path, line, f"broken {what}: {str(exc).splitlines()[0]}") from None


@dataclass(frozen=True)
class Post:
    """A Markdown file split into metadata and body. ``body_line`` is the file line (1-based) on
    which ``body`` starts, so body line ``n`` (0-based) is file line ``body_line + n``."""

    path: str
    metadata: dict[str, Any]
    body: str
    body_line: int
    front_matter_format: str | None  # "yaml", "toml" or None
    front_matter: str = ""  # the raw text between the delimiters, for locating keys

    def key_line(self, key: str) -> int:
        """The file line where a front-matter key is written (the first line if not found).
        A top-level key wins over a nested one of the same name (``name:`` inside ``links:``)."""
        if self.front_matter_format:
            for indent in ("", "[ \t]+"):
                pattern = re.compile(rf"^{indent}{re.escape(key)}[ \t]*[:=]", re.MULTILINE)
                match = pattern.search(self.front_matter)
                if match:
                    return self.front_matter.count("\n", 0, match.start()) + 1
        return 1


def decode(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8 (a BOM is dropped), CRLF folded; binary or other encodings refused."""
    if b"\x00" in data[:8192]:
        raise BylineError(path, None, "binary file, not text (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BylineError(
            path, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_post(text: str, path: str) -> Post:
    """Split and parse front matter; the body keeps every line so positions map back exactly."""
    handler = frontmatter.detect_format(text, _HANDLERS)
    if handler is None:
        _check_renderable(text, path, 1)
        return Post(path, {}, text, 1, None)
    parts = handler.FM_BOUNDARY.split(text, 2)
    if len(parts) < 3:
        raise BylineError(
            path, 1, f"front matter opened with '{handler.START_DELIMITER}' is never closed"
        )
    _, head, body = parts
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    kind = "toml" if isinstance(handler, _TOMLHandler) else "yaml"
    # head starts with the rest of the opening delimiter line, so its line 0 is file line 1.
    if kind == "toml":
        try:
            metadata = tomllib.loads(head)
        except tomllib.TOMLDecodeError as exc:
            line = getattr(exc, "lineno", None) or _toml_error_line(str(exc))
            raise BylineError(path, line, f"broken TOML front matter: {exc.args[0]}") from None
    else:
        metadata = load_yaml(head, path, first_line=1)
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise BylineError(
            path, 2, f"front matter must be a mapping of keys to values, not {type(metadata).__name__}"
        )
    _check_renderable(body, path, body_line)
    return Post(path, metadata, body, body_line, kind, head)


def _check_renderable(body: str, path: str, first_line: int) -> None:
    """Refuse what Python-Markdown cannot render (too deep for its stack) or renders in time
    growing with a square; each check runs only if a count over the whole body says it may fail,
    and they share one split into lines and one look for fenced code."""
    checks = []
    if body.count("markdown") > MAX_NESTING:
        checks.append(_check_html_nesting)
    if body.count("[") - body.count("]") > MAX_UNCLOSED or body.count("<") - body.count(">") > MAX_UNCLOSED:
        checks.append(_check_unclosed)
    if re.search(r"^[ \t>*+\-.)\d]{%d}" % MAX_NESTING, body, re.MULTILINE):
        checks.append(_check_nesting)
    if checks:
        lines = body.split("\n")
        fenced = _fenced_lines(lines)
        for check in checks:
            check(lines, fenced, path, first_line)


def _check_nesting(lines: list[str], fenced: set[int], path: str, first_line: int) -> None:
    """Refuse a line nested deeper than MAX_NESTING (lists, quotes, indentation), outside
    fenced code, whose indentation renders as text."""
    for number, line in enumerate(lines):
        if number in fenced or not line.strip():
            continue
        prefix = _CONTAINER_PREFIX.match(line).group()  # type: ignore[union-attr]
        indent = _CONTAINER_MARK.sub("", prefix)
        depth = len(_CONTAINER_MARK.findall(prefix)) + (indent.count(" ") + 4 * indent.count("\t")) // 4
        if depth > MAX_NESTING:
            raise BylineError(
                path, first_line + number,
                f"Markdown nested {depth} levels deep (lists, quotes, indentation; at most {MAX_NESTING}): flatten it",
            )


def _check_html_nesting(lines: list[str], fenced: set[int], path: str, first_line: int) -> None:
    """Refuse HTML blocks with a ``markdown`` attribute (md_in_html: Material's grids, cards)
    nested deeper than MAX_NESTING: Python-Markdown recurses once per block and overflows the
    stack at about 330. Counted outside fenced code; a closing tag closes its innermost opening."""
    open_tags: list[str] = []
    for number, line in enumerate(lines):
        if number in fenced:
            continue
        for tag in _MARKDOWN_BLOCK.finditer(line):
            if tag.group("close"):
                if tag.group("close").lower() in open_tags:
                    del open_tags[len(open_tags) - 1 - open_tags[::-1].index(tag.group("close").lower()):]
            elif tag.group("markdown"):
                open_tags.append(tag.group("open").lower())
                if len(open_tags) > MAX_NESTING:
                    raise BylineError(
                        path, first_line + number,
                        f"HTML blocks with markdown inside nested {len(open_tags)} levels deep (at most {MAX_NESTING}): flatten them",
                    )


def _check_unclosed(lines: list[str], fenced: set[int], path: str, first_line: int) -> None:
    """Refuse a paragraph (lines between blank ones, outside fenced code) with more than
    MAX_UNCLOSED unclosed ``[`` or ``<``, naming its first line."""
    start, counts = 0, {"[": 0, "<": 0}
    for number, line in enumerate([*lines, ""]):
        if number in fenced or not line.strip():
            start, counts = number + 1, {"[": 0, "<": 0}
            continue
        counts["["] += line.count("[") - line.count("]")
        counts["<"] += line.count("<") - line.count(">")
        for mark, unclosed in counts.items():
            if unclosed > MAX_UNCLOSED:
                raise BylineError(
                    path, first_line + start,
                    f"paragraph with more than {MAX_UNCLOSED} unclosed '{mark}': Markdown takes the square of that "
                    "time to render it; close them, or put the text in a code block",
                )


def _fenced_lines(lines: list[str]) -> set[int]:
    """Lines inside closed code fences (an unclosed fence is not trusted to hide anything)."""
    inside: set[int] = set()
    opened: tuple[int, str] | None = None
    for number, line in enumerate(lines):
        start = len(_CONTAINER_PREFIX.match(line).group())  # type: ignore[union-attr]
        fence = _FENCE.match(line, start)
        if opened is None:
            if fence:
                opened = (number, fence.group())
        elif fence and fence.group()[0] == opened[1][0] and len(fence.group()) >= len(opened[1]) and not line[fence.end():].strip():
            inside.update(range(opened[0], number + 1))
            opened = None
    return inside


def _toml_error_line(message: str) -> int:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 1


def read_post(path: str | Path, display: str | None = None) -> Post:
    """Read and parse a post from disk; ``display`` is the path shown in messages."""
    shown = display or str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            raise BylineError(shown, None, f"file is {size // 1048576} MB, over the {MAX_BYTES // 1048576} MB limit for a post")
        data = Path(path).read_bytes()
    except OSError as exc:
        raise BylineError(shown, None, f"cannot read file: {exc.strerror}") from None
    return parse_post(decode(data, shown), shown)
