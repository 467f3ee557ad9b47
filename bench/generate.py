"""A deterministic synthetic Byline blog: the same seed always gives byte-identical files.

Benchmarks and the accelerator's byte-identity test need blogs of any size that look like real
company blogs (front matter, excerpts, headings, lists, code, links between posts, co-authors),
and that plain mkdocs-material can build too, so both builds can be compared on the same posts.

Usage: python bench/generate.py OUT --posts 1000 [--authors 40] [--coauthors 0.3] [--seed 1]
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import unicodedata
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

import yaml

#: The configurations written next to ``docs/``; ``build.py`` builds each into ``site-<name>``.
VARIANTS = ("material", "byline", "byline-fast")
#: Material's own author registry, for the plain-Material build.
MATERIAL_AUTHORS = "material-authors.yml"
DIAGRAM = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">'
    '<path d="M0 35 L40 30 L80 12 L120 5" fill="none" stroke="#333"/></svg>\n'
)

FIRST = (
    "Amira", "Ben", "Chen", "Dagny", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kavya",
    "Lars", "Mei", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tomasz", "Uma", "Viktor",
    "Wen", "Ximena", "Yusuf", "Zofia", "Aoife", "Bruno", "Carmen", "Dmitri", "Emeka", "Fatima",
    "Gustavo", "Hanna", "Ivan", "Julia", "Kenji", "Leila", "Mateo", "Noor", "Olga", "Pablo",
)
LAST = (
    "Okafor", "Lindqvist", "Nakamura", "Gwóźdź", "Haddad", "Fischer", "Moreau", "Silva", "Kowalski",
    "Brennan", "Iyer", "Petrova", "Castillo", "Andersen", "Yilmaz", "Mbeki", "Novak", "Tanaka",
    "O'Neill", "Schmidt", "Rahman", "Ferreira", "Jansen", "Kim", "Laurent", "Müller", "Rossi", "Berg",
)
ROLES = (
    "Staff Engineer, Payments", "Head of Data Platform", "Site Reliability Engineer",
    "Product Designer", "Engineering Manager, Mobile", "Developer Advocate", "Security Engineer",
    "Principal Engineer, Search", "Technical Writer", "VP of Engineering", "Data Scientist",
    "Frontend Engineer", "Infrastructure Lead", "QA Engineer", "Product Manager, Billing",
)
CATEGORIES = (
    "Engineering", "Infrastructure", "Data", "Security", "Design", "Culture", "Product",
    "Mobile", "Open Source", "Hiring", "Reliability", "Performance",
)
TOPICS = (
    "Postgres", "Kubernetes", "the billing pipeline", "our search index", "on-call", "feature flags",
    "the mobile release train", "incident reviews", "the design system", "Kafka", "load testing",
    "the data warehouse", "code review", "accessibility", "TLS certificates", "the CI fleet",
    "cost dashboards", "rate limiting", "schema migrations", "the onboarding flow", "Terraform",
    "observability", "error budgets", "the public API", "localisation", "dependency upgrades",
)
VERBS = (
    "rebuilt", "migrated", "retired", "measured", "simplified", "sharded", "documented", "rewrote",
    "load-tested", "automated", "untangled", "profiled", "split up", "moved", "replaced",
)
TITLE_PATTERNS = (
    "How we {verb} {topic}", "What {n} months of {topic} taught us", "Why we {verb} {topic}",
    "A year of {topic}", "{topic_cap}: the parts nobody warned us about", "Notes from {verb_ing} {topic}",
    "The week we {verb} {topic}", "Lessons from {topic} at scale", "{topic_cap} without the drama",
    "We {verb} {topic}. Here is what broke", "Ask me anything about {topic}",
)
OPENERS = (
    "Last spring I was on call when {topic} started paging every twenty minutes.",
    "When I joined the team, {topic} was the thing everybody warned me about.",
    "This post is the write-up I promised after my talk on {topic} in {month}.",
    "For three years we told ourselves {topic} was fine, and for three years it mostly was.",
    "I want to show you how we {verb} {topic}, including the two weeks we got it wrong.",
    "A customer email started this: {topic} was slower for them than for anyone we had measured.",
)
SENTENCES = (
    "We {verb} {topic} in {n} small steps, each one shipped behind a flag.",
    "The first measurement surprised us: {pct}% of the time went into {topic}.",
    "{name} suggested we stop guessing and profile {topic} in production for a week.",
    "Nobody had touched {topic} since {year}, so the first job was reading the code.",
    "The fix itself was {n} lines; finding it took most of a sprint.",
    "We kept the old path running for {n} days so we could compare results side by side.",
    "If you run {topic} yourself, check the defaults before you check anything else.",
    "Our dashboards showed p99 latency dropping from {ms} ms to {ms2} ms after the change.",
    "It turned out {topic} was doing the same work twice for every request.",
    "I would do one thing differently: write the runbook before the migration, not after.",
    "The hardest part was not technical: it was agreeing on what done looked like.",
    "We wrote down every assumption about {topic} and tested the {n} riskiest ones first.",
    "Rolling back took {n} minutes, which is exactly why we practised it beforehand.",
    "{name} paired with me on the tricky parts, and the design is better for it.",
    "Support tickets about {topic} fell by {pct}% in the month after release.",
    "We now review {topic} every quarter, with a named owner and a written budget.",
    "The numbers below come from our staging cluster, which mirrors production traffic.",
    "You can find the script we used in the appendix; it runs in about {n} minutes.",
)
CLOSERS = (
    "If you have fought with {topic} too, reply and tell me what worked for you.",
    "Questions are welcome: my email is on my author page, and I read every reply.",
    "We are hiring people who enjoy this kind of problem; come and say hello.",
    "Next time I will write about what we learned from the rollout itself.",
)
HEADINGS = (
    "Where we started", "What we measured", "The plan", "What went wrong", "The fix",
    "Rolling it out", "Results", "What we would do differently", "Open questions", "Appendix",
    "Background", "Trade-offs", "How it works now", "Numbers",
)
CODE = (
    ("python", "def retry(call, attempts={n}):\n    for attempt in range(attempts):\n        try:\n            return call()\n        except TimeoutError:\n            sleep(2 ** attempt)\n    raise RuntimeError(\"gave up after {n} attempts\")"),
    ("yaml", "rollout:\n  flag: new-{slug}\n  stages: [1, 10, 50, 100]\n  pause_minutes: {n}\n  owner: platform-team"),
    ("bash", "kubectl -n prod rollout status deploy/{slug} --timeout={n}m\nkubectl -n prod get pods -l app={slug} | wc -l"),
    ("sql", "SELECT date_trunc('day', created_at) AS day, count(*)\nFROM events\nWHERE kind = '{slug}'\nGROUP BY 1\nORDER BY 1 DESC\nLIMIT {n};"),
    ("go", "func (s *Server) Handle(ctx context.Context, r *Request) error {{\n\tctx, cancel := context.WithTimeout(ctx, {n}*time.Second)\n\tdefer cancel()\n\treturn s.backend.Do(ctx, r)\n}}"),
)
#: Settings a company would give Byline's plugins (all others keep their defaults).
BYLINE_OPTIONS: dict[str, dict[str, object]] = {
    "byline/authors": {"company": "Acme"},
    "byline/comments": {"provider": "isso", "isso": {"url": "https://comments.acme.example"}, "close_after_days": 90},
}
MONTHS = ("January", "March", "May", "June", "September", "November")


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    role: str
    email: str | None
    avatar: str | None


def generate(out: Path, posts: int, authors: int = 40, coauthors: float = 0.3, seed: int = 1) -> Path:
    """Write the blog into ``out`` (replacing what a previous run left there) and return it."""
    if posts < 1 or authors < 1 or not 0 <= coauthors <= 1:
        raise ValueError("need posts >= 1, authors >= 1 and 0 <= coauthors <= 1")
    rng = random.Random(seed)
    for stale in ("docs", "authors", MATERIAL_AUTHORS, *(f"mkdocs-{v}.yml" for v in VARIANTS)):
        target = out / stale
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    people = _people(rng, authors)
    _write_registry(out / "authors", people)
    docs = out / "docs"
    (docs / "blog" / "posts").mkdir(parents=True)
    (docs / "index.md").write_text("# Acme Engineering\n\nWhat the people who build Acme are learning.\n\n[Read the blog](blog/index.md)\n", encoding="utf-8")
    (docs / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    (docs / "blog" / "posts" / "diagrams").mkdir()
    (docs / "blog" / "posts" / "diagrams" / "latency.svg").write_text(DIAGRAM, encoding="utf-8")
    # Outside docs/: Byline refuses a hand-kept .authors.yml there (it generates its own).
    (out / MATERIAL_AUTHORS).write_text(_material_authors(people), encoding="utf-8")
    _write_posts(rng, docs / "blog" / "posts", posts, people, coauthors)
    for variant in VARIANTS:
        (out / f"mkdocs-{variant}.yml").write_text(_mkdocs_yml(variant), encoding="utf-8")
    return out


def _people(rng: random.Random, count: int) -> list[Person]:
    people, ids = [], set()
    for index in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        base = _slug(unicodedata.normalize("NFKD", f"{first[0]}{last}").encode("ascii", "ignore").decode())
        author_id = base if base not in ids else f"{base}-{index}"
        ids.add(author_id)
        email = f"{author_id}@acme.example" if rng.random() < 0.7 else None
        avatar = f"https://avatars.acme.example/{author_id}.png" if rng.random() < 0.5 else None
        people.append(Person(author_id, f"{first} {last}", rng.choice(ROLES), email, avatar))
    return people


def _write_registry(folder: Path, people: list[Person]) -> None:
    folder.mkdir(parents=True)
    for person in people:
        meta: dict[str, object] = {"name": person.name, "role": person.role}
        if person.email:
            meta["email"] = person.email
        if person.avatar:
            meta["avatar"] = person.avatar
        bio = f"{person.name.split()[0]} works on {TOPICS[len(person.id) % len(TOPICS)]} and writes about what breaks.\n"
        (folder / f"{person.id}.md").write_text(f"---\n{_yaml(meta)}---\n\n{bio}", encoding="utf-8")


def _material_authors(people: list[Person]) -> str:
    """Material's own registry, so plain Material builds the same blog without Byline."""
    entries = {}
    for person in people:
        # Material requires an avatar; Byline draws initials when the registry has none.
        avatar = person.avatar or f"https://avatars.acme.example/initials/{person.id}.svg"
        entries[person.id] = {"name": person.name, "description": person.role, "avatar": avatar}
    return _yaml({"authors": entries})


def _write_posts(rng: random.Random, folder: Path, count: int, people: list[Person], coauthors: float) -> None:
    day = dt.date(2014, 1, 6)
    titles: set[str] = set()
    earlier: list[tuple[str, str, list[str]]] = []  # file, title, heading anchors
    for index in range(count):
        day += dt.timedelta(days=rng.choice((0, 1, 1, 2, 3)))
        title = _title(rng, titles)
        stem = f"{day.isoformat()}-{_slug(title)}"
        signers = [rng.choice(people)]
        if rng.random() < coauthors:
            signers += rng.sample([p for p in people if p not in signers], k=min(rng.choice((1, 1, 2)), len(people) - 1))
        meta = {
            "date": day,
            "authors": [p.id for p in signers],
            "categories": rng.sample(CATEGORIES, k=rng.choice((1, 1, 2, 3))),
        }
        if rng.random() < 0.1:
            meta["tags"] = rng.sample(TOPICS, k=2)
        headings = rng.sample(HEADINGS, k=rng.randint(2, 5))
        body = _body(rng, title, headings, signers, earlier)
        (folder / f"{stem}.md").write_text(f"---\n{_yaml(meta)}---\n\n{body}", encoding="utf-8")
        earlier.append((f"{stem}.md", title, [_slug(h) for h in headings]))


def _title(rng: random.Random, used: set[str]) -> str:
    while True:
        topic, verb = rng.choice(TOPICS), rng.choice(VERBS)
        title = rng.choice(TITLE_PATTERNS).format(
            topic=topic, topic_cap=topic[0].upper() + topic[1:], verb=verb, n=rng.randint(2, 18),
            verb_ing=("rewriting", "migrating", "measuring", "retiring")[rng.randrange(4)],
        )
        if title in used:
            title = f"{title}, part {sum(t.startswith(title) for t in used) + 1}"
        if title not in used:
            used.add(title)
            return title


def _body(rng: random.Random, title: str, headings: list[str], signers: list[Person], earlier: list[tuple[str, str, list[str]]]) -> str:
    topic = rng.choice(TOPICS)

    def fill(text: str) -> str:
        return text.format(
            topic=rng.choice((topic, topic, rng.choice(TOPICS))), verb=rng.choice(VERBS),
            n=rng.randint(2, 40), pct=rng.randint(5, 95), ms=rng.randint(300, 900), ms2=rng.randint(40, 290),
            year=rng.randint(2012, 2020), name=rng.choice(signers).name.split()[0], month=rng.choice(MONTHS),
            slug=_slug(topic),
        )

    def paragraph(first: str | None = None) -> str:
        sentences = [fill(first)] if first else []
        sentences += [fill(rng.choice(SENTENCES)) for _ in range(rng.randint(2, 6))]
        if earlier and rng.random() < 0.15:
            target, label, anchors = rng.choice(earlier[-50:])
            if rng.random() < 0.3:
                target = f"{target}#{rng.choice(anchors)}"
            sentences.append(f"We covered the groundwork in [{label}]({target}).")
        if rng.random() < 0.2:
            words = sentences[-1].split()
            at = rng.randrange(len(words))
            words[at] = f"**{words[at]}**" if rng.random() < 0.5 else f"`{_slug(topic)}`"
            sentences[-1] = " ".join(words)
        return " ".join(sentences)

    parts = [f"# {title}", paragraph(rng.choice(OPENERS))]
    notes = []
    # Some excerpts carry what listings render differently: links, images, code, footnotes.
    roll = rng.random()
    if roll < 0.05:
        parts.append(f"Skip to [{headings[-1].lower()}](#{_slug(headings[-1])}) if you only want the numbers.")
    elif roll < 0.09:
        parts.append(f"![Latency before and after the change](diagrams/latency.svg)\n{fill(rng.choice(SENTENCES))}")
    elif roll < 0.13:
        language, code = rng.choice(CODE)
        parts.append(f"The short version:\n\n```{language}\n{fill(code)}\n```")
    elif roll < 0.16:
        parts.append(f"{fill(rng.choice(SENTENCES))}[^why]")
        notes.append(f"[^why]: {fill(rng.choice(SENTENCES))}")
    if rng.random() < 0.5:
        parts.append(paragraph())
    parts.append("<!-- more -->")
    for heading in headings:
        parts.append(f"## {heading}")
        for _ in range(rng.randint(1, 3)):
            parts.append(paragraph())
        roll = rng.random()
        if roll < 0.25:
            parts.append("\n".join(f"- {fill(rng.choice(SENTENCES))}" for _ in range(rng.randint(2, 5))))
        elif roll < 0.45:
            language, code = rng.choice(CODE)
            parts.append(f"```{language}\n{fill(code)}\n```")
        elif roll < 0.55:
            parts.append("\n".join(f"{i}. {fill(rng.choice(SENTENCES))}" for i in range(1, rng.randint(3, 5))))
        elif roll < 0.62:
            parts.append(f"> {fill(rng.choice(SENTENCES))}\n> — {rng.choice(signers).name}")
        elif roll < 0.68:
            rows = "\n".join(f"| {rng.choice(TOPICS)} | {rng.randint(40, 900)} ms | {rng.randint(1, 99)}% |" for _ in range(rng.randint(2, 5)))
            parts.append(f"| Component | p99 | Share |\n|---|---:|---:|\n{rows}")
        elif roll < 0.72:
            parts.append(f'!!! note "What we measured"\n\n    {fill(rng.choice(SENTENCES))}')
        elif roll < 0.75:
            parts.append(f'=== "Before"\n\n    {fill(rng.choice(SENTENCES))}\n\n=== "After"\n\n    {fill(rng.choice(SENTENCES))}')
    if rng.random() < 0.2:
        parts.append(f"See [{headings[0]}](#{_slug(headings[0])}) above for the starting point.[^1]")
        notes.append(f"[^1]: {fill(rng.choice(SENTENCES))}")
    parts.append(fill(rng.choice(CLOSERS)))
    parts += notes
    return "\n\n".join(parts) + "\n"


def _mkdocs_yml(variant: str) -> str:
    blog: dict[str, object] = {"authors_profiles": True, "post_excerpt": "required"}
    if variant == "material":
        blog["authors_file"] = f"../{MATERIAL_AUTHORS}"  # relative to docs/
    plugins: list[object] = ["search", {"blog": blog}]
    if variant != "material":
        plugins += _byline_plugins(fast=variant == "byline-fast")
    config = {
        "site_name": "Acme Engineering",
        "site_url": "https://engineering.acme.example/",
        "site_dir": f"site-{variant}",
        "theme": {"name": "material", "font": False},
        "plugins": plugins,
        "markdown_extensions": [
            "admonition", "attr_list", "footnotes", "md_in_html", "tables",
            {"toc": {"permalink": True}}, "pymdownx.details", "pymdownx.superfences",
            {"pymdownx.highlight": {"anchor_linenums": True}}, "pymdownx.inlinehilite",
            {"pymdownx.tabbed": {"alternate_style": True}},
        ],
    }
    return _yaml(config)


def _byline_plugins(fast: bool) -> list[object]:
    """Every registered ``byline/*`` plugin, so the bench measures all of Byline, not a part."""
    names = sorted(ep.name for ep in entry_points(group="mkdocs.plugins") if ep.name.startswith("byline/"))
    plugins: list[object] = []
    for name in names:
        options = dict(BYLINE_OPTIONS.get(name, {}))
        if fast and name == "byline/authors":
            options["fast_build"] = True
        plugins.append({name: options} if options else name)
    return plugins


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def _yaml(data: object) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the blog into")
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--authors", type=int, default=40)
    parser.add_argument("--coauthors", type=float, default=0.3, help="share of posts with co-authors (0-1)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.out, args.posts, args.authors, args.coauthors, args.seed)
    print(f"wrote {args.posts} posts by {args.authors} authors to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
