"""The ``byline score PATH...`` command (wired in :mod:`byline.cli`): each post's passion score,
computed by the same lint run and configuration as ``byline lint``, printed as a breakdown."""
from __future__ import annotations

import argparse

from byline.errors import BylineError


def run_score(args: argparse.Namespace) -> int:
    from byline.engine import Linter, discover
    from byline.lint_cli import load_lint_config
    from byline.voice.breakdown import breakdown

    site, config = load_lint_config(args.config)
    linter = Linter(config, None, site)
    for number, path in enumerate(discover(args.paths)):
        result = linter.lint_file(path)
        broken = [f for f in result.findings if f.rule in ("byline.input", "byline.config")]
        if broken:
            raise BylineError(broken[0].path, broken[0].line, broken[0].message)
        metrics = result.metrics.get("voice")
        if metrics is None:
            raise BylineError(result.path, None, "the voice rules are switched off for this post in mkdocs.yml, so it has no passion score")
        print(("\n" if number else "") + breakdown(result.path, metrics))
    return 0
