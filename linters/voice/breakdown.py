"""``byline score PATH``: one post's passion score as a table an author can act on: each signal's
rate, its contribution, and the single change that would raise the score most. It prints the
``voice`` metrics of a lint run, so it always agrees with the JSON and SARIF outputs."""
from __future__ import annotations

from typing import Any

from byline.voice.score import BASE, BY_NAME, MIN_WORDS


def breakdown(path: str, metrics: dict[str, Any]) -> str:
    """The text ``byline score`` prints for one post, from its ``voice`` metrics."""
    words = metrics["prose_words"]
    if metrics["passion_score"] is None:
        head = f"{path}: too short to score ({words} prose words; {MIN_WORDS} needed)"
    else:
        head = f"{path}: passion score {metrics['passion_score']}/100 ({metrics['passion_band']}), {words} prose words"
    lines = [head, f"  {'signal':<18} {'per 100 words':>13} {'points':>7}  measures"]
    total = BASE
    for name, value in metrics["signals"].items():
        rate = ("yes" if value["rate"] else "no") if name == "invitation" else f"{value['rate']:.2f}"
        lines.append(f"  {name:<18} {rate:>13} {value['points']:>+7.1f}  {BY_NAME[name].label}")
        total += value["points"]
    lines.append(f"  {'base':<18} {'':>13} {BASE:>+7.1f}  where a post with no signal lands (flat)")
    lines.append(f"  {'total':<18} {'':>13} {total:>7.1f}  clamped to 0–100")
    change = metrics["best_change"]
    if change is None:
        lines.append("Biggest gain: none worth a point; every signal is at or near its best")
    else:
        lines.append(f"Biggest gain: {change['advice']} (up to +{change['gain']:.0f} points, {change['signal']})")
    return "\n".join(lines)
