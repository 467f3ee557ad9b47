"""Peak memory of ``byline lint`` as the blog grows: it streams posts, so 10,000 posts should fit
in the memory of 1,000 (issue 6: within 20%).

Each size is a synthetic blog (bench/generate.py); ``byline lint`` runs on it as a user runs it,
in its own process, output discarded; peak memory is that process's maximum resident set size.

Usage: python bench/lint_memory.py [SIZES...] [--jobs N] [--work DIR]   (default: 1000 2000 5000 10000)
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

#: Issue 6: peak memory at the largest size is within 20% of the smallest.
MAX_GROWTH = 1.20
BYLINE = Path(sys.executable).with_name("byline")


def lint(blog: Path, jobs: int) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak MB and exit code of one ``byline lint`` of the whole blog."""
    command = [str(BYLINE), "--config", "mkdocs-byline.yml", "lint", "--quiet", "--jobs", str(jobs)]
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=blog, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        code = process.returncode = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):  # 1: findings at the fail level, a normal lint result
            errors.seek(0)
            raise SystemExit(f"byline lint failed on {blog} ({code}): {errors.read().decode(errors='replace')}")
    # With --jobs, workers are descendants: wait4 reports the largest of the whole process tree.
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 2000, 5000, 10000], help="numbers of posts")
    parser.add_argument("--jobs", type=int, default=1, help="byline lint --jobs (1: serial)")
    parser.add_argument("--work", type=Path, help="where blogs are generated (default: a temporary folder)")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))
    print(f"cpus: {os.cpu_count()}, load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    peaks = {}
    with tempfile.TemporaryDirectory(prefix="byline-lint-memory-") as temporary:
        work = args.work or Path(temporary)
        print("posts | wall s | cpu s | posts/s (cpu) | peak MB | exit")
        print("---:|---:|---:|---:|---:|---:")
        for size in sizes:
            blog = generate(work / f"blog-{size}", size)
            wall, cpu, peak, code = lint(blog, args.jobs)
            peaks[size] = peak
            print(f"{size} | {wall:.1f} | {cpu:.1f} | {size / cpu:.0f} | {peak:.0f} | {code}", flush=True)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    growth = peaks[sizes[-1]] / peaks[sizes[0]]
    met = growth <= MAX_GROWTH
    print(f"\n{'met   ' if met else 'MISSED'} peak memory {sizes[-1]} / {sizes[0]} posts = {growth:.2f} <= {MAX_GROWTH}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
