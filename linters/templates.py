"""Hide the template and extension syntaxes real blogs write around Markdown, before parsing it.

Static-site generators run their template languages and Markdown extensions before (or instead
of) CommonMark: Liquid and Nunjucks ``{% … %}``/``{{ … }}``, Hugo shortcodes ``{{< … >}}``,
PyMdown admonitions ``!!! note``/``??? note``, content tabs ``=== "Tab"`` and snippets ``--8<--``,
Docusaurus ``:::note`` and MDX ``import``/``export`` lines. None of that is prose, and a plain
CommonMark parser would read it as text, or, worse, read a PyMdown admonition's indented body as a
code block.

Everything here keeps positions exact, which is what lets findings point at the source file:

* a template tag that fills its lines entirely becomes blank lines (it renders as a block);
* a tag inside a line becomes U+FFFC characters, the same length, never words;
* a PyMdown admonition or tab marker line becomes blank, and its 4-space-indented body is dedented
  so CommonMark parses it as Markdown; ``shifts[n]`` records how many characters line ``n`` lost at
  its start, so a column found in the masked text maps back by adding it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: Stands in for hidden inline syntax: not a word character, not whitespace, no Markdown meaning.
HIDDEN = "\ufffc"

# Paired tags whose content is code or a comment: hidden whole. A region never contains its own
# opening tag, so a run of unclosed ones is scanned once, not once per opening (quadratic).
_REGIONS = re.compile(
    r"\{%-?\s*(comment|highlight|raw_code)\b(?:(?!\{%-?\s*\1\b)[\s\S])*?\{%-?\s*end\1\s*-?%\}"
    r"|\{\{<\s*(highlight|code)\b(?:(?!\{\{<\s*\2\b)[\s\S])*?\{\{<\s*/\2\s*>\}\}",
)
# Single tags: Liquid/Nunjucks statements and comments, expressions and Hugo shortcodes. They
# never contain a backtick (that would be a code span around template syntax), a blank line or
# their own opening (for the same reason as regions).
_TAGS = re.compile(
    r"\{%(?:(?!\n\s*\n|\{%)[^`])*?%\}|\{#(?:(?!\n\s*\n|\{#)[^`])*?#\}|\{\{(?:(?!\n\s*\n|\{\{)[^`])*?\}\}"
)
_IMAGE_TAG = re.compile(r"\{[%{][-<%]?\s*(?:image|figure|img)", re.IGNORECASE)

_CONTAINER = re.compile(r"(?:!!!|\?\?\?\+?)\s+\S|===\+?\s+\"")  # PyMdown admonition, details, tab
_SNIPPET = re.compile(r"-{1,2}8<-{1,2}(?:\s|$)")
_COLONS = re.compile(r":::+\s*[\w-]*.*$")  # Docusaurus admonitions (the body is plain Markdown)
_MDX_ESM = re.compile(r"(?:import\s+(?:[\w*{}\s,]+\s+from\s+)?['\"]|export\s+(?:const|let|var|function|default|class|\{))")
_FENCE = re.compile(r"(`{3,}|~{3,})")
#: Bodies without any of these markers at a line start need no line-by-line pass.
_ANY_MARKER = re.compile(r"^[ \t]*(?:!!!|\?\?\?|===|-{1,2}8<|:::|import\s|export\s)", re.MULTILINE)


@dataclass(frozen=True)
class Masked:
    """The body with template syntax hidden; ``shifts[n]`` characters were cut from line ``n``."""

    text: str
    shifts: tuple[int, ...]
    images: int  # image shortcodes and tags hidden here ({% image … %}, {{< figure … >}})


def mask_templates(body: str, mdx: bool = False) -> Masked:
    """Hide template tags and extension markers in ``body``, keeping every line and column."""
    images = len(_IMAGE_TAG.findall(body))
    text = _REGIONS.sub(_hide, body) if "{" in body else body
    if "{" in text:
        text = _TAGS.sub(_hide, text)
    if not _ANY_MARKER.search(text):
        return Masked(text, (0,) * (text.count("\n") + 1), images)
    lines, shifts = _containers(text.split("\n"), mdx)
    return Masked("\n".join(lines), tuple(shifts), images)


def _hide(match: re.Match[str]) -> str:
    """Blank the lines a tag fills; elsewhere replace it with HIDDEN of the same length."""
    source = match.string
    start, end = match.span()
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", end)
    line_end = len(source) if line_end < 0 else line_end
    alone = not source[line_start:start].strip() and not source[end:line_end].strip()
    if alone:
        return re.sub(r"[^\n]", " ", match.group())
    return re.sub(r"[^\n]", HIDDEN, match.group())


def _indent(line: str) -> int:
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _dedent(line: str, columns: int) -> tuple[str, int]:
    """Remove ``columns`` of leading whitespace; returns the line and how many characters went."""
    cut = width = 0
    while cut < len(line) and width < columns and line[cut] in " \t":
        width += 1 if line[cut] == " " else 4 - width % 4
        cut += 1
    return line[cut:], cut


def _containers(lines: list[str], mdx: bool) -> tuple[list[str], list[int]]:
    """Blank PyMdown/Docusaurus markers and dedent indented container bodies, line by line."""
    out: list[str] = []
    shifts: list[int] = []
    stack: list[int] = []  # the indent (in source columns) each open container's body needs
    fence: str | None = None
    for line in lines:
        indent = _indent(line)
        if fence is None and line.strip():
            while stack and indent < stack[-1]:
                stack.pop()
        text, cut = _dedent(line, 4 * len(stack))
        stripped = text.strip()
        if fence is not None:
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
        elif match := _FENCE.match(stripped):
            fence = match.group(1)
        elif _CONTAINER.match(stripped):
            stack.append(indent + 4)
            text = ""
        elif _SNIPPET.match(stripped) or _COLONS.fullmatch(stripped) or (mdx and _MDX_ESM.match(text)):
            text = ""
        out.append(text)
        shifts.append(cut)
    return out, shifts
