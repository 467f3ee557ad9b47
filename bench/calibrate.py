"""Calibrate the passion score on ../shared/corpora and the blind-labelled sample.

    .venv/bin/python bench/calibrate.py            # print the figures
    .venv/bin/python bench/calibrate.py --write    # also refresh docs/guide/voice-calibration.md

The labels in bench/calibration/labels.csv were written by a rater who never saw a score; this
script only reads them, to measure (AUC against "dull", Spearman against the 1–7 CHV rating).
Everything the page shows between its calibration markers is produced here, so the page cannot
drift from the model.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import re
import statistics
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from byline.errors import BylineError  # noqa: E402
from byline.posts import read_post  # noqa: E402
from byline.prose import parse_document  # noqa: E402
from byline.rules import rules  # noqa: E402
from byline.voice.rules import VOICE_RULES, fires  # noqa: E402
from byline.voice.score import BANDS, SIGNALS, band  # noqa: E402
from byline.voice.settings import Voice, VoiceSettings, analyse  # noqa: E402

def _corpora() -> ModuleType:
    """tests/corpora.py, the one place that knows which files of a corpus are posts (loaded by
    path: a dependency installs an unrelated top-level ``tests`` package)."""
    spec = importlib.util.spec_from_file_location("byline_corpora", REPO / "tests" / "corpora.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_CORPORA = _corpora()
ROOT, corpus_names, corpus_posts = _CORPORA.ROOT, _CORPORA.corpus_names, _CORPORA.corpus_posts

PAGE = REPO / "docs" / "guide" / "voice-calibration.md"
LABELS = REPO / "bench" / "calibration" / "labels.csv"
START, END = "<!-- calibration:start -->", "<!-- calibration:end -->"


#: What each blog would configure as its company's and products' names (byline/authors'
#: ``company`` and ``products``).
COMPANY_NAMES: dict[str, tuple[str, ...]] = {
    "squidfunk+mkdocs-material": ("Material for MkDocs", "Insiders", "squidfunk"),
    "Textualize+textual": ("Textualize", "Textual", "Rich"),
    "FerretDB+FerretDB": ("FerretDB", "FerretDB Cloud"),
    "linkerd+website": ("Buoyant", "Linkerd", "Buoyant Enterprise for Linkerd"),
    "18F+18f.gsa.gov": ("18F", "GSA"),
    "rust-lang+blog.rust-lang.org": ("Rust",),
}

#: Bylines that name a team, not a person (Rust signs ~280 posts so).
TEAM = re.compile(r"\b(?:Team|Council|automation|Group)\b|^(?:18f|gsa-blog-team)$", re.IGNORECASE)
#: FerretDB's marketing desk: its authors titled "FerretDB Team" and its alliances director.
FERRETDB_MARKETING = {"alex", "chi", "elena", "marcin"}


@dataclass
class Row:
    corpus: str
    path: Path
    title: str
    authors: tuple[str, ...]
    voice: Voice

    @property
    def value(self) -> int | None:
        return self.voice.score.value

    @property
    def team(self) -> bool:
        return any(TEAM.search(a) and " on behalf " not in a for a in self.authors)


def _authors(meta: dict) -> tuple[str, ...]:
    found = meta.get("authors") or meta.get("author") or ()
    if isinstance(found, (str, dict)):
        found = [found]
    return tuple(str(a.get("name", a) if isinstance(a, dict) else a) for a in found)


def score_all() -> list[Row]:
    rows = []
    for corpus in corpus_names():
        settings = VoiceSettings.of(company_names=COMPANY_NAMES.get(corpus, ()))
        for path in corpus_posts(corpus):
            try:
                post = read_post(path)
            except BylineError:
                continue  # broken front matter: reported by byline lint, not scorable
            doc = parse_document(post)
            rows.append(Row(corpus, path, str(post.metadata.get("title", path.stem)), _authors(post.metadata), analyse(doc, settings)))
    return rows


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(a: list[float], b: list[float]) -> float:
    ra, rb = _ranks(a), _ranks(b)
    ma, mb = statistics.fmean(ra), statistics.fmean(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    return cov / (sum((x - ma) ** 2 for x in ra) * sum((y - mb) ** 2 for y in rb)) ** 0.5


def auc(lively: list[float], dull: list[float]) -> float:
    """P(a random lively post scores above a random dull one), ties counting half."""
    wins = sum((p > n) + 0.5 * (p == n) for p in lively for n in dull)
    return wins / (len(lively) * len(dull))


def _why(row: Row) -> str:
    parts = sorted(row.voice.score.parts, key=lambda p: -abs(p.points))
    return "; ".join(f"{p.signal.name} {p.points:+.0f}" for p in parts[:3] if abs(p.points) >= 0.5)


def _link(row: Row) -> str:
    return f"`{row.path.relative_to(ROOT).as_posix()}`"


def report(rows: list[Row]) -> str:
    out: list[str] = []
    add = out.append
    scored = [r for r in rows if r.value is not None]
    add("### The model\n")
    add(f"Every post starts at 40; each signal adds or takes away up to its weight. Bands: "
        + ", ".join(f"{low}+ {name}" for low, name in BANDS[:-1]) + f", under {BANDS[-2][0]} {BANDS[-1][1]}.\n")
    add("| Signal | Measures | Weight | Full at (per 100 words) | Free below |")
    add("|---|---|---:|---:|---:|")
    for s in SIGNALS:
        add(f"| `{s.name}` | {s.label} | {s.weight:+g} | {s.full:g} | {s.free:g} |")
    add("")

    add("### Distribution per corpus\n")
    add("| Corpus | Posts | Too short | Mean | Median | Q1–Q3 | conversational | mixed | flat | press-release-like |")
    add("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|")
    by_corpus: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_corpus[row.corpus].append(row)
    for corpus, group in by_corpus.items():
        values = [r.value for r in group if r.value is not None]
        q = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
        bands = Counter(band(v) for v in values)
        add(f"| {corpus} | {len(group)} | {len(group) - len(values)} | {statistics.fmean(values):.1f} | "
            f"{statistics.median(values):.0f} | {q[0]:.0f}–{q[2]:.0f} | "
            + " | ".join(f"{100 * bands[name] / len(values):.0f}%" for _, name in BANDS) + " |")
    add("")

    add("### Faceless posts against individually signed ones\n")
    rust = [r for r in by_corpus["rust-lang+blog.rust-lang.org"] if r.value is not None]
    release = [r.value for r in rust if r.team and r.title.startswith("Announcing Rust")]
    ferret = [r.value for r in by_corpus["FerretDB+FerretDB"] if r.value is not None and set(r.authors) <= FERRETDB_MARKETING]
    individual = [r.value for r in scored if len(r.authors) == 1 and not r.team and r.corpus != "FerretDB+FerretDB"]
    rust_individual = [r.value for r in rust if len(r.authors) == 1 and not r.team]
    mean_ind = statistics.fmean(individual)
    add("| Group | Posts | Mean score | Below individually signed posts by |")
    add("|---|---:|---:|---:|")
    add(f"| Individually signed posts (one person; all corpora but FerretDB) | {len(individual)} | {mean_ind:.1f} | — |")
    add(f"| Rust, individually signed | {len(rust_individual)} | {statistics.fmean(rust_individual):.1f} | {mean_ind - statistics.fmean(rust_individual):.1f} |")
    add(f"| Rust release announcements signed by a team | {len(release)} | {statistics.fmean(release):.1f} | {mean_ind - statistics.fmean(release):.1f} |")
    add(f"| FerretDB posts by its marketing desk ({', '.join(sorted(FERRETDB_MARKETING))}) | {len(ferret)} | {statistics.fmean(ferret):.1f} | {mean_ind - statistics.fmean(ferret):.1f} |")
    add("")

    add("### Five lowest and five highest\n")
    ordered = sorted(scored, key=lambda r: (r.value, str(r.path)))
    add("| Score | Post | Why (largest contributions) |")
    add("|---:|---|---|")
    for row in ordered[:5] + ordered[-5:]:
        add(f"| {row.value} | {_link(row)} | {_why(row)} |")
    add("")

    add("### How often each rule fires (share of each corpus's posts)\n")
    names = list(by_corpus)
    add("| Rule | " + " | ".join(n.split("+")[-1] for n in names) + " |")
    add("|---|" + "---:|" * len(names))
    worst = 0.0
    for rule in VOICE_RULES:
        shares = []
        for corpus in names:
            group = by_corpus[corpus]
            share = sum(fires(rule, r.voice) for r in group) / len(group)
            worst = max(worst, share)
            shares.append(f"{100 * share:.0f}%")
        add(f"| `{rule.id}` | " + " | ".join(shares) + " |")
    minimum = rules()["voice.score"].defaults()["min_score"]
    shares = []
    for corpus in names:
        group = by_corpus[corpus]
        share = sum(r.value is not None and r.value < minimum for r in group) / len(group)
        worst = max(worst, share)
        shares.append(f"{100 * share:.0f}%")
    add(f"| `voice.score` (under {minimum:g}) | " + " | ".join(shares) + " |")
    add(f"\nThe most any rule fires on any corpus: {100 * worst:.0f}% of its posts (the limit is 50%).\n")

    add("### Against the blind-labelled sample\n")
    add(labelled(rows))
    return "\n".join(out)


def labelled(rows: list[Row]) -> str:
    by_path = {r.path.relative_to(ROOT).as_posix(): r for r in rows}
    with LABELS.open(encoding="utf-8") as handle:
        labels = list(csv.DictReader(handle))
    pairs = [(by_path[l["path"]], l) for l in labels if l["path"] in by_path]
    short = [l["path"] for r, l in pairs if r.value is None]
    pairs = [(r, l) for r, l in pairs if r.value is not None]
    values = [float(r.value) for r, _ in pairs]
    ratings = [float(l["chv_rating"]) for _, l in pairs]
    dull = [l["dull"].strip().lower() == "true" for _, l in pairs]
    area = auc([v for v, d in zip(values, dull) if not d], [v for v, d in zip(values, dull) if d])
    rho = spearman(values, ratings)
    lines = [
        f"{len(labels)} posts rated 1–7 on conversational human voice and marked dull or not by a rater "
        f"who never saw a score ({sum(dull)} dull). Scored: {len(pairs)}"
        + (f"; too short to score by Byline's count of prose words: {', '.join(f'`{s}`' for s in short)}" if short else "")
        + ".\n",
        f"- **AUC against `dull`: {area:.3f}** (the chance that a lively post outscores a dull one)",
        f"- **Spearman against the CHV rating: {rho:.3f}**",
        "",
        "| Corpus | Posts | Dull | Mean score of dull | Mean score of lively | Spearman |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    corpus_pairs: dict[str, list] = defaultdict(list)
    for (row, label), value, rating, d in zip(pairs, values, ratings, dull):
        corpus_pairs[row.corpus].append((value, rating, d))
    for corpus, items in corpus_pairs.items():
        dv = [v for v, _, d in items if d]
        lv = [v for v, _, d in items if not d]
        rho_c = spearman([v for v, _, _ in items], [r for _, r, _ in items]) if len({r for _, r, _ in items}) > 1 else float("nan")
        lines.append(f"| {corpus} | {len(items)} | {len(dv)} | {statistics.fmean(dv) if dv else float('nan'):.1f} | "
                     f"{statistics.fmean(lv) if lv else float('nan'):.1f} | {rho_c:.2f} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"refresh {PAGE.relative_to(REPO)}")
    args = parser.parse_args()
    text = report(score_all())
    print(text)
    if args.write:
        page = PAGE.read_text(encoding="utf-8")
        head, _, rest = page.partition(START)
        _, _, tail = rest.partition(END)
        PAGE.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
