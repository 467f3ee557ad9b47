"""The ``byline.*`` family: a post is signed by people from the author registry
(:mod:`byline.bylines` holds the check), plus the problems with the input itself."""
from __future__ import annotations

from collections.abc import Iterator

from byline.findings import Finding, Severity
from byline.rules import Context, Hit, Options, rule


def _byline_findings(ctx: Context) -> list[Finding]:
    """check_bylines once per post, shared by the three rules it decides."""
    found = ctx.__dict__.get("_bylines")
    if found is None:
        from byline.bylines import check_bylines

        found = ctx.__dict__["_bylines"] = check_bylines(ctx.post, ctx.registry) if ctx.registry else []
    return found


def _of(ctx: Context, rule_id: str) -> Iterator[Hit]:
    for finding in _byline_findings(ctx):
        if finding.rule == rule_id:
            yield Hit(finding.line, finding.column, finding.message)


@rule("byline.missing-author", Severity.ERROR, "A post has no `authors:` in its front matter.", scope="post")
def missing_author(ctx: Context, options: Options) -> Iterator[Hit]:
    """
    ## What it checks
    Every post's front matter names its authors: `authors: [id, ...]`, with ids from `authors/`.

    ## Why it matters
    Readers trust people, not logos: Kelleher & Miller (2006) found that blogs read as a
    "conversational human voice" when a person is visibly speaking. An unsigned post is the
    company talking, and Material's blog shows it with no byline at all.

    ## Example
    ```yaml
    ---
    title: Faster builds
    date: 2025-03-01
    ---
    ```
    Use instead: add `authors: [jdoe]`.
    """
    return _of(ctx, "byline.missing-author")


@rule("byline.authors-format", Severity.ERROR, "`authors:` is not a list of author ids.", scope="post")
def authors_format(ctx: Context, options: Options) -> Iterator[Hit]:
    """
    ## What it checks
    `authors:` is a non-empty list of texts: `authors: [jdoe]`, not `authors: jdoe` or `authors: []`.

    ## Why it matters
    Material's blog plugin reads the field as a list; a single text is iterated letter by letter
    and fails with an unhelpful error, an empty list publishes an unsigned post.

    ## Example
    ```yaml
    authors: jdoe
    ```
    Use instead: `authors: [jdoe]`.
    """
    return _of(ctx, "byline.authors-format")


@rule("byline.unknown-author", Severity.ERROR, "An author id is not in the author registry.", scope="post")
def unknown_author(ctx: Context, options: Options) -> Iterator[Hit]:
    """
    ## What it checks
    Each id in `authors:` has a file in the author registry (`authors/<id>.md`). The message
    suggests the closest id.

    ## Why it matters
    The registry only admits people (a team, a role or the company cannot be registered), so a
    known id guarantees a person signs the post. Material fails with a raw KeyError on an
    unknown id; this rule names the file, the line and the fix first.

    ## Example
    ```yaml
    authors: [jdoee]
    ```
    Use instead: `authors: [jdoe]`, or add `authors/jdoee.md`.
    """
    return _of(ctx, "byline.unknown-author")


@rule("byline.author-registry", Severity.ERROR, "An author registry file is broken or names no person.", configurable=False)
def author_registry(ctx: Context, options: Options) -> Iterator[Hit]:
    """
    ## What it checks
    Reported once per run for the files in `authors/`, not per post: every registry file parses,
    has a `name` that is a person's (not a team, a role or the company) and a `role`, and uses
    only known fields with valid values (unknown fields are warnings).

    ## Why it matters
    The registry is what makes a byline trustworthy; a broken entry would let a team sign posts
    or break the build later with a less helpful error.

    ## Example
    ```yaml
    name: The Platform Team
    role: Engineering
    ```
    Use instead: one file per person, e.g. `name: Jane Doe`.
    """
    return iter(())


@rule("byline.input", Severity.ERROR, "A file cannot be read as a post.", configurable=False)
def unreadable(ctx: Context, options: Options) -> Iterator[Hit]:
    """
    ## What it checks
    Reported by the engine, not by this function: the file could not be read as a post (not
    UTF-8, binary, too large, broken YAML or TOML front matter, front matter that is not a
    mapping), or Python-Markdown could not render it: nesting over 100 levels (lists, quotes,
    indentation, HTML blocks with `markdown` inside) or a paragraph with over 1,000 unclosed `[`
    or `<`. The other files are still linted.

    ## Why it matters
    A post the linter cannot read is a post the site generator will mangle or refuse. Deep
    nesting overflows Python-Markdown's stack, and unclosed brackets take time growing with
    their square (Python-Markdown issue #798): 100,000 of them hang a build.

    ## Example
    ```yaml
    title: "Unclosed quote
    ```
    Use instead: fix the line the message names.
    """
    return iter(())


@rule("byline.config", Severity.ERROR, "A post's `lint:` front matter or suppression comment is invalid.", configurable=False)
def bad_config(ctx: Context, options: Options) -> Iterator[Hit]:
    """
    ## What it checks
    Reported by the engine, not by this function: a post's `lint:` front matter or a
    `<!-- byline-disable ... -->` comment names an unknown rule, or sets an option to an unusable
    value. The run exits with code 2 after reporting.

    ## Why it matters
    A misspelt rule id in a suppression would otherwise silently suppress nothing, or the
    wrong thing; configuration errors are never ignored.

    ## Example
    ```markdown
    <!-- byline-disable readability.long-sentense -->
    ```
    Use instead: `<!-- byline-disable readability.long-sentence -->` (`byline rules` lists ids).
    """
    return iter(())
