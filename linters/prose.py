"""A post's prose: sentences, paragraphs and words, each mapped back to its source line and column.

Rules never see Markdown. They see a :class:`Document` whose ``text`` holds only prose: every
block that readers read as text (paragraphs, list items, blockquotes, admonition bodies,
footnotes, headings, table cells), each where it stands, joined by blank lines. Anything else is
either absent (front matter, fenced and indented code, HTML blocks, math blocks) or replaced
inside its line by U+FFFC of the same length (inline code, inline HTML and JSX tags, autolinks,
bare URLs and e-mail addresses, images, link targets, math, entities, footnote marks, emoji
shortcodes, attribute lists and template syntax, see :mod:`byline.templates`).

markdown-it-py decides what is code, HTML, a link or an image, exactly as CommonMark does; it does
not report columns for inline content, so the inline rules that consume non-prose syntax are
wrapped to record the span each one consumed, and every content line of a block is located in
its source line. ``Document.locate(offset)`` then turns any offset into ``text`` into the file's
1-based line and column (Unicode code points).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from byline.posts import Post
from byline.sentences import split_sentences
from byline.templates import HIDDEN, mask_templates

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

#: A word: letters and digits, joined by inner apostrophes, dots or hyphens ("don't", "1.88.0",
#: "e.g", "well-known"). Underscores and U+FFFC are never part of a word.
WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
#: Bare URLs, e-mail addresses, emoji shortcodes and attribute lists inside prose lines, each
#: tried only when its telltale character is present (most lines have none).
_NON_PROSE = (
    ("/", re.compile(r"(?:https?|ftp)://[^\s<>\"'`]+[^\s<>\"'`.,;:!?)\]]")),
    ("www.", re.compile(r"\bwww\.[^\s<>\"'`]+[^\s<>\"'`.,;:!?)\]]")),
    ("@", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (":", re.compile(r"(?<![\w:]):[a-z][a-z0-9_+-]*:(?![\w:])")),
    ("{", re.compile(r"\{:?\s*(?:[#.][\w-]|[\w-]+=)[^{}\n]*\}")),
    # Tags CommonMark refuses as HTML (a quote inside a quoted attribute) still read as markup.
    ("<", re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>\n]*)?/?>")),
)
#: Inline content without these characters has no code, HTML, link, image, entity or math.
_INLINE_SYNTAX = re.compile(r"[`<\[&$]")
_IMG_TAG = re.compile(r"<img\b", re.IGNORECASE)
#: Inline rules whose whole match is not prose, and what they count as.
_HIDDEN_RULES = {
    "backticks": "code", "html_inline": "html", "autolink": "link", "image": "image",
    "entity": "entity", "math_inline": "math", "math_inline_double": "math", "footnote_ref": "footnote",
}


class Word(NamedTuple):
    """A word and its offsets in :attr:`Document.text`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of one block; ``words`` excludes code and other hidden text.

    Words are kept as plain strings because most rules only count them; ``located_words()``
    gives their offsets when a finding needs a place.
    """

    start: int
    end: int
    text: str
    words: tuple[str, ...]
    block: int

    def located_words(self) -> list[Word]:
        return [Word(m.group(), self.start + m.start(), self.start + m.end()) for m in WORD.finditer(self.text)]

    def word_start(self, index: int = 0) -> int:
        """The offset of word ``index`` in :attr:`Document.text`, without locating the others."""
        for number, match in enumerate(WORD.finditer(self.text)):
            if number == index:
                return self.start + match.start()
        raise IndexError(index)


@dataclass(frozen=True, slots=True)
class Block:
    """A run of prose that stands on its own: ``kind`` is "paragraph", "heading" or "cell".

    ``run`` numbers stretches of consecutive paragraphs outside lists: anything else between two
    paragraphs (a heading, a list, code, a table, HTML) starts a new run.
    """

    kind: str
    start: int
    end: int
    sentences: tuple[Sentence, ...]
    in_list: bool
    in_quote: bool
    run: int

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(w for s in self.sentences for w in s.words)


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment that Markdown keeps as HTML (never one shown inside code)."""

    line: int
    column: int
    text: str


@dataclass
class Document:
    """The prose of one post and counts of what is not prose; see the module docstring."""

    post: Post
    text: str
    blocks: tuple[Block, ...]
    code_blocks: int
    inline_code: int
    images: int
    links: int
    comments: tuple[Comment, ...]
    _starts: list[int]
    _places: list[tuple[int, int]]
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.post.path

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self._memo("sentences", lambda: tuple(s for b in self.blocks for s in b.sentences))

    @property
    def words(self) -> tuple[str, ...]:
        """Every prose word, in order (headings and table cells included)."""
        return self._memo("words", lambda: tuple(w for s in self.sentences for w in s.words))

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return self._memo("paragraphs", lambda: tuple(b for b in self.blocks if b.kind == "paragraph"))

    def _memo(self, key: str, make: Any) -> Any:
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = make()
        return found

    def locate(self, offset: int) -> tuple[int, int]:
        """The 1-based source line and column of ``text[offset]``."""
        index = bisect_right(self._starts, offset) - 1
        line, column = self._places[max(index, 0)]
        return line, column + offset - self._starts[max(index, 0)] + 1

    def first_word_place(self) -> tuple[int, int]:
        """Where post-level findings point: the first prose word (never front matter)."""
        for sentence in self.sentences:
            return self.locate(sentence.word_start())
        return self.post.body_line, 1


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """CommonMark + GFM tables + footnotes + dollar math, tuned to report hidden spans only."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.use(footnote_plugin)
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    # Emphasis never changes what is code or a link, and we never render: skip that work.
    md.inline.ruler.disable(["emphasis", "newline"])
    md.inline.ruler2.disable(["emphasis", "balance_pairs", "fragments_join"])
    md.core.ruler.disable(["text_join"])
    md.normalizeLink = md.normalizeLinkText = _unchanged  # type: ignore[method-assign]  # never rendered
    for rule in md.inline.ruler.__rules__:
        if rule.name in _HIDDEN_RULES or rule.name == "link":
            rule.fn = _recording(rule.name, rule.fn)
    md.core.ruler.at("inline", _inline_with_spans)
    return md


def _unchanged(url: str) -> str:
    return url


def _recording(name: str, rule: Any) -> Any:
    """Wrap an inline rule so it records the source span it consumed as hidden."""
    kind = _HIDDEN_RULES.get(name, "link")

    def recorded(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if not rule(state, silent):
            return False
        if not silent:
            spans = state.env["byline_spans"]
            if name == "link":  # the label is prose; "[" and "](target)" are not
                label_end = state.md.helpers.parseLinkLabel(state, start, True)
                spans.append((start, start + 1, "link"))
                spans.append((label_end, state.pos, ""))
            else:
                spans.append((start, state.pos, kind))
        return True

    return recorded


def _inline_with_spans(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline":
            if not _INLINE_SYNTAX.search(token.content):
                token.meta = {"spans": ()}
                continue
            spans: list[tuple[int, int, str]] = []
            state.env["byline_spans"] = spans
            token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)
            token.meta = {"spans": spans}


def parse_document(post: Post) -> Document:
    """The prose of ``post``; never raises on odd Markdown (anything unparsed stays prose)."""
    masked = mask_templates(post.body, mdx=post.path.endswith(".mdx"))
    tokens = _parser().parse(masked.text, {})
    return _Builder(post, masked.text.split("\n"), masked.shifts, masked.images).build(tokens)


class _Builder:
    """Walks markdown-it's block tokens once, collecting prose blocks and their source places."""

    def __init__(self, post: Post, lines: list[str], shifts: tuple[int, ...], images: int) -> None:
        self.post, self.lines, self.shifts = post, lines, shifts
        self.pieces: list[str] = []
        self.length = 0
        self.starts: list[int] = []
        self.places: list[tuple[int, int]] = []
        self.blocks: list[Block] = []
        self.comments: list[Comment] = []
        self.counts = {"code": 0, "inline_code": 0, "image": images, "link": 0}
        self.run = 0
        self.breaks = True  # the next paragraph starts a new run

    def build(self, tokens: list[Token]) -> Document:
        lists = quotes = 0
        kind = "paragraph"
        row_line = cell_from = 0
        for token in tokens:
            kind_of = token.type
            if kind_of in ("bullet_list_open", "ordered_list_open"):
                lists += 1
                self.breaks = True
            elif kind_of in ("bullet_list_close", "ordered_list_close"):
                lists -= 1
                self.breaks = True
            elif kind_of == "blockquote_open":
                quotes += 1
            elif kind_of == "blockquote_close":
                quotes -= 1
            elif kind_of == "paragraph_open":
                kind = "paragraph"
            elif kind_of == "heading_open":
                kind = "heading"
                self.breaks = True
            elif kind_of == "tr_open" and token.map:
                row_line, cell_from = token.map[0], 0
            elif kind_of in ("th_open", "td_open"):
                kind = "cell"
                self.breaks = True
            elif kind_of == "inline" and token.map:
                cell_from = self._inline(token, kind, lists > 0, quotes > 0, row_line, cell_from)
            elif kind_of in ("fence", "code_block"):
                self.counts["code"] += 1
                self.breaks = True
            elif kind_of == "html_block" and token.map:
                self._html_block(token)
                self.breaks = True
            elif kind_of in ("math_block", "math_block_label", "hr", "table_open", "footnote_block_open"):
                self.breaks = True
        text = "".join(self.pieces)
        return Document(
            post=self.post, text=text, blocks=tuple(self.blocks), code_blocks=self.counts["code"],
            inline_code=self.counts["inline_code"], images=self.counts["image"],
            links=self.counts["link"], comments=tuple(self.comments),
            _starts=self.starts, _places=self.places,
        )

    def _html_block(self, token: Token) -> None:
        content = token.content
        self.counts["image"] += len(_IMG_TAG.findall(content))
        start = content.find("<!--")
        while start >= 0:  # str.find, not a lazy regex: a run of unclosed "<!--" stays linear
            end = content.find("-->", start + 4)
            if end < 0:
                break
            line = token.map[0] + content.count("\n", 0, start)
            column = self.lines[line].find("<!--")
            self.comments.append(Comment(self._file_line(line), max(column, 0) + 1 + self.shifts[line], content[start + 4:end]))
            start = content.find("<!--", end + 3)

    def _file_line(self, body_line: int) -> int:
        return self.post.body_line + body_line

    def _inline(self, token: Token, kind: str, in_list: bool, in_quote: bool, row_line: int, cell_from: int) -> int:
        content = token.content
        if not content.strip():
            return cell_from
        chars = None
        comments: list[int] = []
        for start, end, what in token.meta.get("spans", ()):
            if chars is None:
                chars = list(content)
            chars[start:end] = HIDDEN * (end - start)
            if what == "code":
                self.counts["inline_code"] += 1
            elif what == "image":
                self.counts["image"] += 1
            elif what == "link":
                self.counts["link"] += 1
            elif what == "html":
                if content.startswith("<!--", start):
                    comments.append(start)
                elif content.startswith("<img", start) or content.startswith("<Img", start):
                    self.counts["image"] += 1
        text = "".join(chars) if chars is not None else content
        for telltale, pattern in _NON_PROSE:
            if telltale in text:
                text = pattern.sub(_hidden, text)
        block_start = self.length
        if self.pieces:
            self.pieces.append("\n\n")
            block_start += 2
        # Place every content line in its source line: content lines are suffixes of source
        # lines (block prefixes such as "> " or list indentation are cut), cells are found in
        # their row from the end of the previous cell.
        offset = 0
        for index, piece in enumerate(content.split("\n")):
            if kind == "cell":
                body_line = row_line
                column = self.lines[body_line].find(piece.strip(), cell_from) if piece.strip() else -1
                lead = len(piece) - len(piece.lstrip())
                if column >= 0:
                    cell_from = column + len(piece.strip())
                    column -= lead
            else:
                body_line = token.map[0] + index
                column = _place(self.lines[body_line] if body_line < len(self.lines) else "", piece)
            if column < 0:
                column = 0
            self.starts.append(block_start + offset)
            shift = self.shifts[body_line] if body_line < len(self.shifts) else 0
            self.places.append((self._file_line(body_line), column + shift))
            offset += len(piece) + 1
        self.pieces.append(text)
        self.length = block_start + len(text)
        if kind != "paragraph" or in_list:
            self.breaks = True
        elif self.breaks:
            self.run += 1
            self.breaks = False
        sentences = tuple(self._sentences(text, block_start, len(self.blocks)))
        self.blocks.append(Block(kind, block_start, self.length, sentences, in_list, in_quote, self.run))
        for start in comments:
            line, column = self._locate_in_block(block_start + start)
            end = content.find("-->", start)
            self.comments.append(Comment(line, column, content[start + 4:end if end > 0 else len(content)]))
        return cell_from

    def _locate_in_block(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        line, column = self.places[index]
        return line, column + offset - self.starts[index] + 1

    def _sentences(self, text: str, base: int, block: int) -> list[Sentence]:
        found = []
        for start, end in split_sentences(text):
            words = tuple(WORD.findall(text, start, end))
            if words:
                found.append(Sentence(base + start, base + end, text[start:end], words, block))
        return found


def _hidden(match: re.Match[str]) -> str:
    return HIDDEN * (match.end() - match.start())


def _place(source: str, piece: str) -> int:
    """The column (0-based) where a block's content line stands in its source line."""
    body = piece.rstrip()
    if not body:
        return -1
    line = source.rstrip()
    if line.endswith(body):
        return len(line) - len(body)
    found = source.find(body.strip())
    return max(found - (len(body) - len(body.lstrip())), 0) if found >= 0 else -1
