"""Times ``mkdocs build`` of the same synthetic blog with plain Material, with every Byline plugin,
and with Byline's ``fast_build``, at several sizes, and prints times, ratios and peak memory.

Each size is generated once and its builds run one after the other in the same run, so the
ratios compare builds made under the same machine load. Wall time is what a user waits; CPU
time (user + system of the build process) is less disturbed by other work on a shared machine.

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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import VARIANTS, generate  # noqa: E402

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


def build(blog: Path, variant: str) -> Run:
    """One ``mkdocs build`` in a fresh process; its site folder is removed first (not timed)."""
    shutil.rmtree(blog / f"site-{variant}", ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", f"mkdocs-{variant}.yml"]
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=blog, env=env, stdout=subprocess.DEVNULL, stderr=errors)
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
            for variant in VARIANTS:
                run = build(blog, variant)
                if variant not in best or run.wall < best[variant].wall:
                    best[variant] = run
                print(f"  {size:>5} posts  {variant:<12} {run.wall:8.1f} s wall {run.cpu:8.1f} s cpu {run.peak_mb:7.0f} MB", flush=True)
        identical = same_tree(blog / "site-byline", blog / "site-byline-fast")
        print(f"  {size:>5} posts  fast_build output identical to Byline's: {'yes' if identical else 'NO'}", flush=True)
        results[size] = best
    return results


def report(results: dict[int, dict[str, Run]]) -> list[str]:
    """The table, the growth curve and the targets (judged on CPU time); returns the missed ones."""
    print("\nseconds: wall (cpu); ratios: wall (cpu)")
    print("posts | Material | Byline | Byline / Material | Byline fast_build | Material / fast_build | peak MB: Material, Byline, fast_build")
    print("---:|---:|---:|---:|---:|---:|---")
    for size, runs in results.items():
        m, b, f = runs["material"], runs["byline"], runs["byline-fast"]
        print(
            f"{size} | {m.wall:.1f} ({m.cpu:.1f}) | {b.wall:.1f} ({b.cpu:.1f}) | {_ratio(b, m)} | "
            f"{f.wall:.1f} ({f.cpu:.1f}) | {_ratio(m, f)} | {m.peak_mb:.0f}, {b.peak_mb:.0f}, {f.peak_mb:.0f}"
        )
    sizes = list(results)
    print("\ngrowth: time at this size / time at the previous size, wall (cpu); linear growth is the ratio of sizes")
    for before, after in zip(sizes, sizes[1:]):
        steps = "  ".join(f"{variant} {_ratio(results[after][variant], results[before][variant])}" for variant in VARIANTS)
        print(f"  {before} -> {after} posts (linear {after / before:.2f}):  {steps}")
    failed = []
    print("\ntargets, on CPU time (wall time on a shared machine measures the other jobs too)")
    for size, runs in results.items():
        overhead = runs["byline"].cpu / runs["material"].cpu
        failed += _target(f"{size} posts: Byline / Material = {overhead:.2f} <= {MAX_OVERHEAD}", overhead <= MAX_OVERHEAD)
    if 2000 in results:
        speedup = results[2000]["material"].cpu / results[2000]["byline-fast"].cpu
        failed += _target(f"2000 posts: Material / Byline fast_build = {speedup:.2f} >= {MIN_SPEEDUP}", speedup >= MIN_SPEEDUP)
    if 1000 in results and 2000 in results:
        growth = results[2000]["byline-fast"].cpu / results[1000]["byline-fast"].cpu
        failed += _target(f"fast_build 2000 / 1000 posts = {growth:.2f} <= {MAX_GROWTH}", growth <= MAX_GROWTH)
    return failed


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
