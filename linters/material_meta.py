"""What Material's blog plugin demands of a post's front matter, checked before it reads the post.

Material reads only YAML front matter and needs a ``date`` it can sort by: a date, a datetime, or
a mapping with ``created`` (and optionally ``updated`` …) whose values are dates. Anything else
fails there with a message spread over several lines without a line number, and a date mapping
without ``created`` with a raw KeyError. ``byline lint`` does not apply this: it also lints posts
of other generators (Zola's TOML, dates in file names).
"""
from __future__ import annotations

import datetime as dt

from byline.findings import Finding, Severity
from byline.posts import Post

EXAMPLE = "date: 2024-05-01"


def check_material_meta(post: Post) -> list[Finding]:
    """Problems that would stop Material from reading ``post``; a post without front matter is
    left to the byline rule, which already reports its missing ``authors:``."""
    if post.front_matter_format is None:
        return []

    def finding(line: int, message: str) -> list[Finding]:
        return [Finding(post.path, line, 1, "byline.input", Severity.ERROR, message)]

    if post.front_matter_format != "yaml":
        return finding(1, "TOML front matter (+++): Material's blog reads YAML only; write it between --- lines")
    line = post.key_line("date")
    date = post.metadata.get("date")
    if date is None:
        return finding(line, f"no 'date:' in front matter: Material's blog sorts posts by it, e.g. {EXAMPLE}")
    if isinstance(date, dict):
        if "created" not in date:
            return finding(line, f"'date:' as a mapping needs 'created', e.g. date: {{created: 2024-05-01, updated: 2024-06-01}}")
        for key, value in date.items():
            if not isinstance(value, dt.date):
                return finding(line, f"date '{key}: {value}' is not a date: write {key}: 2024-05-01 (no quotes)")
        return []
    if not isinstance(date, dt.date):
        return finding(line, f"date '{date}' is not a date: write {EXAMPLE} (no quotes)")
    return []
