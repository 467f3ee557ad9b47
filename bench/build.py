"""Times ``mkdocs build`` of the same synthetic blog with plain Material, with every Byline plugin,
and with Byline's ``fast_build`` (also held to one core), at several sizes, and prints times,
ratios and peak memory.

Each size is generated once and its builds run one after the other in the same run, so the
ratios compare builds made under the same machine load. Targets are judged on wall time, what a
user waits: Byline's builds use a second core when there is one (plugins/background.py), so CPU
time (user + system of the build and its children) is no longer what a user waits. Wall time is
only meaningful on a quiet machine: the load average is printed before every build.

Usage: python bench/build.py [SIZES...] [--repeat N] [--work DIR]   (default sizes: 250 1000 2000 5000)
"""
from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

#: Issue 2: Byline adds at most 10% to plain Material (checked at every size, reported at 1,000).
MAX_OVERHEAD = 1.10
#: Issue 6: with fast_build, 2,000 posts build at least 3x faster than plain Material ...
MIN_SPEEDUP = 3.0
#: ... and take no more than 2.5x the time of 1,000 posts.
MAX_GROWTH = 2.5


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # seconds, user + system
    peak_mb: float  # maximum resident set size


#: Each build: its name, the generated configuration it uses, and the CPUs it may run on (None:
#: all). The one-core fast_build shows what the accelerator does without a second core.
BUILDS = (
    ("material", "material", None),
    ("byline", "byline", None),
    ("byline-fast", "byline-fast", None),
    ("byline-fast-1cpu", "byline-fast", 1),
)


def build(blog: Path, name: str, variant: str, cpus: int | None) -> Run:
    """One ``mkdocs build`` in a fresh process; its site folder is removed first (not timed)."""
    shutil.rmtree(blog / f"site-{name}", ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", f"mkdocs-{variant}.yml", "-d", f"site-{name}"]
    pin = None if cpus is None else partial(os.sched_setaffinity, 0, sorted(os.sched_getaffinity(0))[:cpus])
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=blog, env=env, stdout=subprocess.DEVNULL, stderr=errors, preexec_fn=pin)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{blog / f'mkdocs-{variant}.yml'}: build failed ({process.returncode}):\n{errors.read().decode(errors='replace')}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def same_tree(left: Path, right: Path) -> bool:
    """Whether two built sites hold the same files with the same bytes."""
    compare = filecmp.dircmp(left, right)
    if compare.left_only or compare.right_only or compare.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(left, right, compare.common_files, shallow=False)
    return not mismatch and not errors and all(same_tree(left / d, right / d) for d in compare.common_dirs)


def measure(sizes: list[int], work: Path, repeat: int, authors: int, coauthors: float, seed: int) -> dict[int, dict[str, Run]]:
    """The fastest of ``repeat`` builds per size and variant; variants alternate within a round."""
    results: dict[int, dict[str, Run]] = {}
    for size in sizes:
        blog = generate(work / f"blog-{size}", size, authors, coauthors, seed)
        best: dict[str, Run] = {}
        for _ in range(repeat):
            for name, variant, cpus in BUILDS:
                load = os.getloadavg()[0]
                run = build(blog, name, variant, cpus)
                if name not in best or run.wall < best[name].wall:
                    best[name] = run
                print(f"  {size:>5} posts  {name:<16} {run.wall:8.1f} s wall {run.cpu:8.1f} s cpu {run.peak_mb:7.0f} MB  (load before {load:.2f})", flush=True)
        for fast in ("byline-fast", "byline-fast-1cpu"):
            identical = same_tree(blog / "site-byline", blog / f"site-{fast}")
            print(f"  {size:>5} posts  {fast} output identical to Byline's: {'yes' if identical else 'NO'}", flush=True)
        results[size] = best
    return results


def report(results: dict[int, dict[str, Run]]) -> list[str]:
    """The table, the growth curve and the targets (judged on wall time); returns the missed ones."""
    print("\nseconds: wall (cpu); ratios: wall (cpu)")
    print(
        "posts | Material | Byline | Byline / Material | fast_build | Material / fast_build | fast_build, 1 core "
        "| Material / fast_build 1 core | peak MB: Material, Byline, fast_build, 1 core"
    )
    print("---:|---:|---:|---:|---:|---:|---:|---:|---")
    for size, runs in results.items():
        m, b, f, one = runs["material"], runs["byline"], runs["byline-fast"], runs["byline-fast-1cpu"]
        print(
            f"{size} | {_seconds(m)} | {_seconds(b)} | {_ratio(b, m)} | {_seconds(f)} | {_ratio(m, f)} | {_seconds(one)} | "
            f"{_ratio(m, one)} | {m.peak_mb:.0f}, {b.peak_mb:.0f}, {f.peak_mb:.0f}, {one.peak_mb:.0f}"
        )
    sizes = list(results)
    print("\ngrowth: time at this size / time at the previous size, wall (cpu); linear growth is the ratio of sizes")
    for before, after in zip(sizes, sizes[1:]):
        steps = "  ".join(f"{name} {_ratio(results[after][name], results[before][name])}" for name, _, _ in BUILDS)
        print(f"  {before} -> {after} posts (linear {after / before:.2f}):  {steps}")
    failed = []
    print("\ntargets, on wall time (valid on a quiet machine: see the load before each build)")
    for size, runs in results.items():
        overhead = runs["byline"].wall / runs["material"].wall
        failed += _target(f"{size} posts: Byline / Material = {overhead:.2f} <= {MAX_OVERHEAD}", overhead <= MAX_OVERHEAD)
    if 2000 in results:
        speedup = results[2000]["material"].wall / results[2000]["byline-fast"].wall
        failed += _target(f"2000 posts: Material / Byline fast_build = {speedup:.2f} >= {MIN_SPEEDUP}", speedup >= MIN_SPEEDUP)
    if 1000 in results and 2000 in results:
        growth = results[2000]["byline-fast"].wall / results[1000]["byline-fast"].wall
        failed += _target(f"fast_build 2000 / 1000 posts = {growth:.2f} <= {MAX_GROWTH}", growth <= MAX_GROWTH)
    return failed


def _seconds(run: Run) -> str:
    return f"{run.wall:.1f} ({run.cpu:.1f})"


def _ratio(top: Run, bottom: Run) -> str:
    return f"{top.wall / bottom.wall:.2f} ({top.cpu / bottom.cpu:.2f})"


def _target(text: str, met: bool) -> list[str]:
    print(f"  {'met   ' if met else 'MISSED'} {text}")
    return [] if met else [text]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[250, 1000, 2000, 5000], help="numbers of posts")
    parser.add_argument("--repeat", type=int, default=1, help="rounds per size; the fastest build counts")
    parser.add_argument("--work", type=Path, help="where blogs are generated and built (default: a temporary folder)")
    parser.add_argument("--authors", type=int, default=40)
    parser.add_argument("--coauthors", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(f"cpus: {os.cpu_count()}, load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="byline-bench-") as temporary:
        work = args.work or Path(temporary)
        results = measure(sorted(set(args.sizes)), work, args.repeat, args.authors, args.coauthors, args.seed)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    failed = report(results)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
