"""Benchmark ``byline lint`` on every post of ../shared/corpora, with proselint as the anchor
measured in the same run on the same files.

    .venv/bin/pip install -e '.[bench]'    # proselint, for the anchor only
    .venv/bin/python bench/lint.py         # prints a report; writes bench/out/lint.json

Reported: posts per second and milliseconds per 1,000 words for Byline serially and with
``--jobs 2`` and for proselint (each a command run as a user runs it, best of ``--repeat`` runs,
since the machine may be shared), the ratios to proselint, the peak memory of the largest process,
start-up time for one file, the CPU cost of each rule family, a profile of where the time goes,
and what the offline syllable counter costs in accuracy. Timing targets live here, never in tests.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the corpus listing shared with the tests
from corpora import corpus_posts  # noqa: E402

PROSELINT = """
import sys
from proselint.checks import __register__
from proselint.config import DEFAULT
from proselint.registry import CheckRegistry
from proselint.tools import LintFile
CheckRegistry().register_many(__register__)
flags = 0
for path in sys.stdin.read().splitlines():
    text = open(path, encoding="utf-8", errors="replace").read()
    flags += len(LintFile(path, text).lint(DEFAULT))
print(flags)
"""


def timed(command: list[str], stdin: str | None = None) -> tuple[float, int, int, float]:
    """Wall seconds, exit code, peak RSS (MiB) of the largest process of ``command``'s tree, and
    CPU seconds of the whole tree (worker processes included)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as given:
        if stdin is not None:
            given.write(stdin.encode())
            given.seek(0)
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, stdin=given, stdout=out, stderr=err, env={**os.environ, "NO_COLOR": "1"})
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        problem = err.read().decode(errors="replace")
        if "Traceback" in problem:
            raise SystemExit(f"{command[:4]} failed:\n{problem[-2000:]}")
    return wall, process.returncode, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


def best(runs: int, command: list[str], stdin: str | None = None) -> tuple[float, int, int, float]:
    results = [timed(command, stdin) for _ in range(runs)]
    return min(results, key=lambda r: r[0])


def family_costs(posts: list[Path]) -> dict[str, float]:
    """CPU seconds per configuration, serially in this process (parse shared by every family)."""
    from byline.authors import load_registry
    from byline.engine import Linter
    from byline.lint_cli import load_lint_config
    from byline.errors import Where
    from byline.settings import parse_block

    site, _ = load_lint_config(str(REPO / "mkdocs.yml"))
    registry = load_registry(site.authors_dir, site.company_names, root=site.root)
    variants = {
        "read + bylines (no prose)": {"rules": {"readability": "off", "voice": "off"}},
        "+ readability": {"rules": {"voice": "off"}},
        "+ voice": {"rules": {"readability": "off"}},
        "everything": {},
    }
    costs = {}
    for label, block in variants.items():
        linter = Linter(parse_block(block, Where("bench")), registry, site)
        start = time.process_time()
        for path in posts:
            linter.lint_file(path)
        costs[label] = time.process_time() - start
    from byline.posts import read_post
    from byline.prose import parse_document

    start = time.process_time()
    for path in posts:
        try:
            parse_document(read_post(path))
        except Exception:  # noqa: BLE001 - unreadable posts cost nothing to parse
            pass
    costs["read + parse to prose"] = time.process_time() - start
    return costs


GROUPS = (
    ("markdown-it (block and inline parsing)", ("markdown_it", "mdit_py_plugins", "mdurl")),
    ("prose layer (masking, mapping, sentences)", ("linters/prose", "linters/templates", "linters/sentences")),
    ("readability (syllables, passive, rules)", ("linters/readability", "linters/passive", "linters/syllables", "linters/rules/readability", "pyphen")),
    ("voice (matcher, signals, score, rules)", ("linters/voice", "linters/rules/voice", "vaderSentiment")),
    ("front matter (YAML, TOML)", ("yaml", "frontmatter", "tomllib", "linters/posts")),
    ("engine, settings, bylines", ("linters/engine", "linters/settings", "linters/rules/__init__", "linters/bylines", "linters/rules/byline", "linters/suppress")),
)


def profile(posts: list[Path]) -> tuple[dict[str, float], list[tuple[str, float]]]:
    """Where a serial run spends its time: share per component, and the top functions."""
    from byline.authors import load_registry
    from byline.engine import Linter
    from byline.lint_cli import load_lint_config

    site, config = load_lint_config(str(REPO / "mkdocs.yml"))
    linter = Linter(config, load_registry(site.authors_dir, site.company_names, root=site.root), site)
    profiler = cProfile.Profile()
    profiler.enable()
    for path in posts:
        linter.lint_file(path)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(s[2] for s in stats.values())
    shares = {name: 0.0 for name, _ in GROUPS}
    shares["other (interpreter, regex, stdlib)"] = 0.0
    for (filename, _, _), (_, _, tottime, _, _) in stats.items():
        name = next((n for n, keys in GROUPS if any(k in filename for k in keys)), "other (interpreter, regex, stdlib)")
        shares[name] += tottime / total
    top = sorted(((f"{Path(f).name}:{line} {fn}", s[2] / total) for (f, line, fn), s in stats.items()), key=lambda x: -x[1])[:12]
    return shares, top


def syllable_accuracy(posts: list[Path]) -> dict[str, float]:
    """How many corpus words CMUdict lacks, and how often pyphen (their fallback) disagrees with
    CMUdict on words it has: the expected error of the fallback on words it must judge."""
    from byline.posts import read_post
    from byline.prose import parse_document
    from byline.syllables import dictionary, fallback_syllables

    known = dictionary()
    tokens = missing = 0
    for path in posts:
        try:
            words = parse_document(read_post(path)).words
        except Exception:  # noqa: BLE001
            continue
        for word in words:
            if any(c.isalpha() for c in word):
                tokens += 1
                lowered = word.casefold().replace("’", "'")
                missing += lowered not in known and lowered.removesuffix("'s") not in known and "-" not in lowered
    sample = random.Random(7).sample(sorted(known), 20000)
    wrong = sum(fallback_syllables(w) != max(known[w], 1) for w in sample)
    off_by = statistics.mean(abs(fallback_syllables(w) - max(known[w], 1)) for w in sample)
    return {"word_tokens": tokens, "oov_share": missing / tokens, "pyphen_disagrees": wrong / len(sample), "pyphen_mean_abs_error": off_by}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs per timed command; the fastest counts (default 2)")
    args = parser.parse_args()
    posts = corpus_posts()
    words = sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in posts)
    names = [str(p) for p in posts]
    byline = [sys.executable, "-m", "byline.cli", "lint", "--format", "json", "-q"]
    print(f"{len(posts)} posts, {words:,} words (whitespace-separated, whole files) in {REPO.parent / 'shared' / 'corpora'}")
    timed(byline + names[:1])  # warm the syllable cache and the file cache
    startup = sorted(timed(byline + [names[len(names) // 2]])[0] for _ in range(7))
    runs = {
        "byline serial": best(args.repeat, byline + names),
        "byline --jobs 2": best(args.repeat, byline + ["--jobs", "2"] + names),
        "proselint": best(args.repeat, [sys.executable, "-c", PROSELINT], "\n".join(names)),
    }
    anchor, anchor_cpu = runs["proselint"][0], runs["proselint"][3]
    load = os.getloadavg()
    report: dict = {"posts": len(posts), "words": words, "load_average": load,
                    "startup_seconds": {"median": statistics.median(startup), "min": startup[0]}, "runs": {}}
    print(f"load average during the run: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores (others' processes slow every figure)")
    print(f"\nstart-up, one post: median {statistics.median(startup):.3f} s, best {startup[0]:.3f} s (target < 0.3 s)")
    print(f"\n{'':18} {'posts/s':>8} {'ms/1000 words':>14} {'vs proselint':>13} {'CPU s':>7} {'posts/CPU-s':>12} {'vs proselint':>13} {'peak MiB':>9}")
    for label, (wall, code, rss, cpu) in runs.items():
        report["runs"][label] = {"seconds": wall, "cpu_seconds": cpu, "posts_per_second": len(posts) / wall,
                                 "ms_per_1000_words": 1e6 * wall / words, "times_proselint": anchor / wall,
                                 "posts_per_cpu_second": len(posts) / cpu, "times_proselint_cpu": anchor_cpu / cpu,
                                 "peak_rss_mib": rss, "exit_code": code}
        print(f"{label:18} {len(posts) / wall:8.0f} {1e6 * wall / words:14.2f} {anchor / wall:12.1f}x {cpu:7.1f} "
              f"{len(posts) / cpu:12.0f} {anchor_cpu / cpu:12.1f}x {rss:9d}")
    print("targets: >= 250 posts/s with --jobs 2, >= 6x proselint (wall clock, same run)")
    costs = family_costs(posts)
    report["cpu_seconds"] = costs
    print("\nCPU seconds, serial, in process:")
    for label, seconds in costs.items():
        print(f"  {label:28} {seconds:6.2f} s  ({len(posts) / seconds:5.0f} posts per CPU-second)")
    parse = costs["read + parse to prose"]
    print(f"  readability rules alone ≈ {costs['+ readability'] - parse:.2f} s, voice rules alone ≈ {costs['+ voice'] - parse:.2f} s")
    shares, top = profile(posts)
    report["profile"] = {"components": shares, "top_functions": top}
    print("\nwhere a serial run spends its time (cProfile, own time):")
    for name, share in sorted(shares.items(), key=lambda x: -x[1]):
        print(f"  {share:6.1%}  {name}")
    print("top functions:")
    for name, share in top:
        print(f"  {share:6.1%}  {name}")
    accuracy = syllable_accuracy(posts)
    report["syllables"] = accuracy
    print(f"\nsyllables: {accuracy['oov_share']:.1%} of {accuracy['word_tokens']:,} prose word tokens are not in CMUdict and use the "
          f"pyphen fallback; on dictionary words pyphen disagrees {accuracy['pyphen_disagrees']:.1%} of the time "
          f"(mean error {accuracy['pyphen_mean_abs_error']:.2f} syllables)")
    out = REPO / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "lint.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\nwritten: {out / 'lint.json'}")


if __name__ == "__main__":
    main()
