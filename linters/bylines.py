"""The byline rule: every post is signed with ids from the author registry.

The registry only admits people, so a post with one known id is signed by a person; a team can
never sign alone because it cannot be in the registry in the first place.
"""
from __future__ import annotations

from byline.authors import Registry
from byline.findings import Finding, Severity
from byline.posts import Post


def check_bylines(post: Post, registry: Registry) -> list[Finding]:
    """Findings for a post's ``authors:`` field (drafts included: they get published one day)."""
    line = post.key_line("authors")

    def finding(rule: str, message: str) -> Finding:
        return Finding(post.path, line, 1, rule, Severity.ERROR, message)

    authors = post.metadata.get("authors")
    if authors is None:
        return [finding("byline.missing-author", f"no 'authors:' in front matter: sign the post, e.g. authors: [{_example(registry)}]")]
    if isinstance(authors, str):
        return [finding("byline.authors-format", f"'authors: {authors}' is a text: write a list, authors: [{authors}]")]
    if not isinstance(authors, list) or not authors:
        return [finding("byline.authors-format", f"'authors:' must be a non-empty list of author ids, e.g. [{_example(registry)}]")]
    found = []
    seen: set[str] = set()
    for author in authors:
        if not isinstance(author, str):
            found.append(finding("byline.authors-format", f"author '{author}' is not an id: write ids from authors/, e.g. [{_example(registry)}]"))
        elif author not in registry.authors:
            found.append(finding("byline.unknown-author", f"unknown author '{author}': {registry.suggest(author)}"))
        elif author in seen:
            found.append(finding("byline.authors-format", f"author '{author}' is listed twice: list each author once"))
        seen.add(str(author))
    return found


def _example(registry: Registry) -> str:
    return next(iter(sorted(registry.authors)), "jdoe")
