"""The ``byline`` command. Exit codes: 0 clean, 1 findings at or above the fail level, 2 bad usage,
configuration or input (one line on stderr, never a traceback)."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from byline.authors import load_registry
from byline.config import SiteConfig, find_site_config
from byline.errors import BylineError


def _site(args: argparse.Namespace) -> SiteConfig:
    return find_site_config(args.config)[1]


def _cmd_lint(args: argparse.Namespace) -> int:
    from byline.lint_cli import run_lint  # lazy: linting one file must start fast

    return run_lint(args)


def _cmd_rules(args: argparse.Namespace) -> int:
    if args.markdown:
        from byline.reference import rules_markdown

        sys.stdout.write(rules_markdown())
        return 0
    from byline.lint_cli import run_rules

    return run_rules(args)


def _cmd_explain(args: argparse.Namespace) -> int:
    from byline.lint_cli import run_explain

    return run_explain(args)


def _cmd_score(args: argparse.Namespace) -> int:
    from byline.voice.command import run_score

    return run_score(args)


def _cmd_authors(args: argparse.Namespace) -> int:
    site = _site(args)
    registry = load_registry(site.authors_dir, site.company_names, root=site.root)
    for author in sorted(registry.authors.values(), key=lambda a: a.id):
        status = " (guest)" if author.guest else " (former staff)" if author.alumni else ""
        print(f"{author.id:<20} {author.name} — {author.role}{status}")
    for problem in registry.problems:
        print(problem, file=sys.stderr)
    return 1 if registry.errors else 0


def _cmd_authors_import(args: argparse.Namespace) -> int:
    site = _site(args)
    from byline.importers import import_authors  # lazy: only this command needs it

    report = import_authors(Path(args.file), site.authors_dir, site.company_names)
    print(f"{args.file}: {report.format} authors file")
    for path in report.written:
        print(f"wrote {path}")
    for note in report.notes:
        print(f"note: {note}")
    for skipped in report.skipped:
        print(f"{args.file}: skipped {skipped}", file=sys.stderr)
    print(f"{len(report.written)} author(s) imported, {len(report.skipped)} skipped")
    return 1 if report.skipped else 0


def _cmd_authors_export(args: argparse.Namespace) -> int:
    site = _site(args)
    registry = load_registry(site.authors_dir, site.company_names, root=site.root)
    for problem in registry.problems:
        print(problem, file=sys.stderr)
    if registry.errors:
        print("nothing exported: fix the author registry first", file=sys.stderr)
        return 1
    from byline.profiles import export_authors, layout_from  # lazy: only this command needs it

    layout = layout_from(site.docs_dir, site.block("blog") or site.block("material/blog"), site.block("byline/authors"))
    written = export_authors(registry, layout)
    for path in written:
        print(f"wrote {os.path.relpath(path, site.root)}")
    print(f"{len(registry.authors)} author(s) exported for generators without Byline's plugins (Zensical)")
    return 0


def _cmd_new(args: argparse.Namespace) -> int:
    site = _site(args)
    registry = load_registry(site.authors_dir, site.company_names, root=site.root)
    try:
        date = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        raise BylineError("--date", None, f"--date '{args.date}' is not a date like 2026-03-31") from None
    from byline.newpost import new_post  # lazy: only this command needs it

    path = new_post(site.posts_dir, args.title, args.author, registry, date)
    print(f"wrote {path}")
    return 0


def _cmd_comments_serve(args: argparse.Namespace) -> int:
    from byline.comments.serve import serve  # Isso is optional: import it only when serving

    serve(Path(args.isso_config), Path(args.manifest), args.threads)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="byline", description=__doc__)
    parser.add_argument("--config", help="path to mkdocs.yml (default: the nearest one)")
    commands = parser.add_subparsers(dest="command", required=True)
    lint = commands.add_parser("lint", help="check posts: bylines, readability and voice")
    from byline.lint_cli import add_lint_arguments

    add_lint_arguments(lint)
    lint.set_defaults(run=_cmd_lint)
    rules = commands.add_parser("rules", help="list every lint rule")
    rules.add_argument("--markdown", action="store_true", help="print the rule reference page (docs/guide/rules.md) instead")
    rules.set_defaults(run=_cmd_rules)
    explain = commands.add_parser("explain", help="explain a lint rule (or every rule of a family)")
    explain.add_argument("rule", help="a rule id such as readability.long-sentence, or a family")
    explain.set_defaults(run=_cmd_explain)
    score = commands.add_parser("score", help="a post's passion score: each voice signal, its points, the change that would help most")
    score.add_argument("paths", nargs="+", metavar="PATH", help="posts, folders or globs")
    score.set_defaults(run=_cmd_score)
    authors = commands.add_parser("authors", help="list and check the author registry")
    authors.set_defaults(run=_cmd_authors)
    authors_commands = authors.add_subparsers(dest="authors_command")
    importing = authors_commands.add_parser(
        "import", help="convert Material's .authors.yml or Docusaurus' authors.yml into authors/ files")
    importing.add_argument("file", help="the authors file to convert")
    importing.set_defaults(run=_cmd_authors_import)
    authors_commands.add_parser(
        "export", help="write .authors.yml, avatars, author pages and the index into docs/ for Zensical",
    ).set_defaults(run=_cmd_authors_export)
    new = commands.add_parser("new", help="start a post signed by registry authors")
    new.add_argument("title", help="the post's title")
    new.add_argument("--author", action="append", required=True, help="an author id from authors/ (repeat for co-authors)")
    new.add_argument("--date", help="publication date, YYYY-MM-DD (default: today)")
    new.set_defaults(run=_cmd_new)
    comments = commands.add_parser("comments", help="comment threads").add_subparsers(dest="comments_command", required=True)
    serve = comments.add_parser("serve", help="run Isso behind the gate that refuses comments on closed threads, under waitress")
    serve.add_argument("--isso-config", required=True, metavar="ISSO_CFG", help="Isso's configuration file")
    serve.add_argument("--manifest", required=True, metavar="JSON", help="the threads manifest of the built site (site/byline/threads.json)")
    serve.add_argument("--threads", type=int, default=4, metavar="N", help="requests served at once by waitress (default: 4)")
    serve.set_defaults(run=_cmd_comments_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BylineError as exc:
        print(f"byline: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `byline lint | head`: the reader left, which is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
